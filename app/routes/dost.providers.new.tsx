import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, data, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorSummary } from "~/components/form";
import { ProviderFields, providerLabels } from "~/components/provider-parts";
import { SubmitButton, ValidatedForm, useValidatedForm } from "~/components/validated-form";
import { i18nServer } from "~/modules/i18n/i18next.server";
import { legalCatalogue } from "~/modules/legal/catalogue.server";
import { createProvider } from "~/modules/providers/providers.server";
import { PROVIDER_ARRAYS, ProviderSchema } from "~/modules/providers/schemas";
import { requireDostScope } from "~/utils/auth.server";
import { failure, formValues, parseForm } from "~/utils/forms";
import { setFlash } from "~/utils/session.server";
import { readForm } from "~/utils/read-form.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireDostScope(request, "dost:admin");
  const language = await i18nServer.getLocale(request);
  const t = await i18nServer.getFixedT(request, "providers");
  return { title: `${t("admin.newTitle")} — ${t("common:shell.brand")}`, typeOptions: (await legalCatalogue()).typeOptions(language) };
}

export async function action({ request }: ActionFunctionArgs) {
  const scope = await requireDostScope(request, "dost:admin");
  const formData = await readForm(request);
  const parsed = parseForm(ProviderSchema, formData, PROVIDER_ARRAYS);
  if (!parsed.ok) return data(parsed, { status: 400 });
  const result = await createProvider(scope, parsed.data);
  if (!result.ok) return data(failure(result.errors, formValues(formData, PROVIDER_ARRAYS)), { status: 400 });
  return redirect("/dost/providers", {
    headers: { "Set-Cookie": await setFlash(request, { kind: "success", message: "providers:admin.created", values: { name: parsed.data.name } }) },
  });
}

export default function NewProviderPage() {
  const { t } = useTranslation("providers");
  const { typeOptions } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const form = useValidatedForm(ProviderSchema, actionData?.errors, PROVIDER_ARRAYS);
  return (
    <div className="narrow">
      <p>
        <Link to="/dost/providers" className="back-link">
          {t("admin.back")}
        </Link>
      </p>
      <h1>{t("admin.newTitle")}</h1>
      <ValidatedForm form={form} className="stack">
        <ErrorSummary errors={form.errors} labels={providerLabels(t)} />
        <ProviderFields errors={form.errors} values={actionData?.values} typeOptions={typeOptions} />
        <SubmitButton>{t("admin.create")}</SubmitButton>
      </ValidatedForm>
    </div>
  );
}
