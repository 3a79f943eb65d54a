import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorSummary } from "~/components/form";
import { ProviderFields, ProviderTags, providerLabels } from "~/components/provider-parts";
import { SubmitButton, ValidatedForm, useValidatedForm } from "~/components/validated-form";
import { formatDateTime, vietnamDay } from "~/modules/i18n/format";
import { i18nServer } from "~/modules/i18n/i18next.server";
import { legalCatalogue } from "~/modules/legal/catalogue.server";
import { getProviderForAdmin, setProviderActive, updateProvider } from "~/modules/providers/providers.server";
import { PROVIDER_ARRAYS, ProviderSchema } from "~/modules/providers/schemas";
import { validityOf } from "~/modules/providers/validity";
import { notFound, requireDostScope } from "~/utils/auth.server";
import { failure, formValues, parseForm } from "~/utils/forms";
import { idParam } from "~/utils/request.server";
import { setFlash } from "~/utils/session.server";
import { readForm } from "~/utils/read-form.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

// Admins only, as the settings page: a reviewer or a business user gets 404.
async function load(request: Request, providerIdParam: string | undefined) {
  const scope = await requireDostScope(request, "dost:admin");
  const id = idParam(providerIdParam);
  const provider = id ? await getProviderForAdmin(scope, id) : undefined;
  if (!provider) throw notFound();
  return { scope, provider };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { provider } = await load(request, params.providerId);
  const language = await i18nServer.getLocale(request);
  const t = await i18nServer.getFixedT(request, "providers");
  return {
    title: `${provider.name} — ${t("admin.editTitle")} — ${t("common:shell.brand")}`,
    provider: { ...provider, validity: validityOf(provider.validUntil, vietnamDay()) },
    typeOptions: (await legalCatalogue()).typeOptions(language, provider.instrumentTypes),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { scope, provider } = await load(request, params.providerId);
  const formData = await readForm(request);
  const intent = String(formData.get("intent") ?? "save");
  const done = async (message: string, name: string, to: string) =>
    redirect(to, { headers: { "Set-Cookie": await setFlash(request, { kind: "success", message, values: { name } }) } });
  if (intent === "deactivate" || intent === "reactivate") {
    const outcome = await setProviderActive(scope, provider.id, intent === "reactivate");
    if (!outcome) throw notFound();
    return done(intent === "reactivate" ? "providers:admin.reactivated" : "providers:admin.deactivated", provider.name, `/dost/providers/${provider.id}`);
  }
  if (intent !== "save") throw new Response("Bad request", { status: 400 });
  const parsed = parseForm(ProviderSchema, formData, PROVIDER_ARRAYS);
  if (!parsed.ok) return data(parsed, { status: 400 });
  const result = await updateProvider(scope, provider.id, parsed.data);
  if (!result) throw notFound();
  if (!result.ok) return data(failure(result.errors, formValues(formData, PROVIDER_ARRAYS)), { status: 400 });
  return done("providers:admin.saved", parsed.data.name, "/dost/providers");
}

export default function EditProviderPage() {
  const { t } = useTranslation("providers");
  const { provider, typeOptions } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const form = useValidatedForm(ProviderSchema, actionData?.errors, PROVIDER_ARRAYS);
  const defaults = {
    name: provider.name,
    kinds: provider.kinds,
    designationNo: provider.designationNo,
    accreditationNo: provider.accreditationNo,
    validUntil: provider.validUntil ?? "",
    scope: provider.scope,
    instrumentTypes: provider.instrumentTypes,
    address: provider.address,
    phone: provider.phone,
    email: provider.email,
    website: provider.website,
    isExample: provider.isExample,
  };
  return (
    <div className="narrow">
      <p>
        <Link to="/dost/providers" className="back-link">
          {t("admin.back")}
        </Link>
      </p>
      <p className="eyebrow">{t("admin.editTitle")}</p>
      <h1>{provider.name}</h1>
      <ProviderTags provider={provider} />
      <p className="meta-line">
        {provider.active ? <Link to={`/providers/${provider.id}`}>{t("admin.publicPage")}</Link> : null}
        {provider.active ? " · " : null}
        {t("admin.updated", { when: formatDateTime(provider.updatedAt) })}
      </p>
      <ValidatedForm form={form} className="stack">
        <input type="hidden" name="intent" value="save" />
        <ErrorSummary errors={form.errors} labels={providerLabels(t)} />
        <ProviderFields errors={form.errors} values={actionData?.values} defaults={defaults} typeOptions={typeOptions} />
        <SubmitButton>{t("admin.save")}</SubmitButton>
      </ValidatedForm>
      <section className={`panel${provider.active ? " panel--warning" : ""}`} aria-labelledby="listing-title">
        <h2 id="listing-title">{provider.active ? t("admin.deactivateTitle") : t("admin.reactivateTitle")}</h2>
        <p>{provider.active ? t("admin.deactivateLead") : t("admin.reactivateLead")}</p>
        <Form method="post">
          <input type="hidden" name="intent" value={provider.active ? "deactivate" : "reactivate"} />
          <button type="submit" className={provider.active ? "button button--warning" : "button button--secondary"}>
            {provider.active ? t("admin.deactivate") : t("admin.reactivate")}
          </button>
        </Form>
      </section>
    </div>
  );
}
