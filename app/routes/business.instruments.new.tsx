import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, data, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorSummary } from "~/components/form";
import { InstrumentFields, instrumentLabels } from "~/components/instrument-fields";
import { SubmitButton, ValidatedForm, useValidatedForm } from "~/components/validated-form";
import { listSites } from "~/modules/accounts/businesses.server";
import { legalCatalogue } from "~/modules/legal/catalogue.server";
import { toInstrumentInput } from "~/modules/instruments/forms.server";
import { createInstrument } from "~/modules/instruments/instruments.server";
import { InstrumentSchema } from "~/modules/instruments/schemas";
import { i18nServer } from "~/modules/i18n/i18next.server";
import { requireBusinessScope } from "~/utils/auth.server";
import { failure, formValues, parseForm } from "~/utils/forms";
import { setFlash } from "~/utils/session.server";
import { readForm } from "~/utils/read-form.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export async function loader({ request }: LoaderFunctionArgs) {
  const scope = await requireBusinessScope(request);
  const language = await i18nServer.getLocale(request);
  const t = await i18nServer.getFixedT(request, "instruments");
  const sites = await listSites(scope);
  return {
    title: `${t("new.title")} — ${t("common:shell.brand")}`,
    sites: sites.map((s) => ({ value: String(s.id), label: s.name })),
    types: (await legalCatalogue()).typeOptions(language),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const scope = await requireBusinessScope(request);
  const formData = await readForm(request);
  const parsed = parseForm(InstrumentSchema, formData);
  if (!parsed.ok) return data(parsed, { status: 400 });
  const shaped = toInstrumentInput(await legalCatalogue(), parsed.data);
  if (!shaped.ok) return data(failure(shaped.errors, formValues(formData)), { status: 400 });
  const result = await createInstrument(scope, shaped.input);
  if (!result.ok) return data(failure(result.errors, formValues(formData)), { status: 400 });
  return redirect(`/business/instruments/${result.id}`, {
    headers: { "Set-Cookie": await setFlash(request, { kind: "success", message: "instruments:new.done", values: { tag: shaped.input.tag } }) },
  });
}

export default function NewInstrumentPage() {
  const { t } = useTranslation("instruments");
  const { sites, types } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const form = useValidatedForm(InstrumentSchema, actionData?.errors);
  return (
    <div className="narrow">
      <p>
        <Link to="/business/instruments" className="back-link">
          {t("back")}
        </Link>
      </p>
      <h1>{t("new.title")}</h1>
      <p className="lead">{t("new.lead")}</p>
      <ValidatedForm form={form} className="stack">
        <ErrorSummary errors={form.errors} labels={instrumentLabels(t)} />
        <InstrumentFields errors={form.errors} values={actionData?.values} sites={sites} types={types} />
        <SubmitButton>{t("new.submit")}</SubmitButton>
      </ValidatedForm>
    </div>
  );
}
