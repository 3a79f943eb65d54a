import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, data, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorSummary } from "~/components/form";
import { InstrumentFields, instrumentLabels } from "~/components/instrument-fields";
import { SubmitButton, ValidatedForm, useValidatedForm } from "~/components/validated-form";
import { listSites } from "~/modules/accounts/businesses.server";
import { legalCatalogue } from "~/modules/legal/catalogue.server";
import { toInstrumentInput } from "~/modules/instruments/forms.server";
import { getInstrument, updateInstrument } from "~/modules/instruments/instruments.server";
import { InstrumentSchema } from "~/modules/instruments/schemas";
import { i18nServer } from "~/modules/i18n/i18next.server";
import { notFound, requireBusinessScope } from "~/utils/auth.server";
import { failure, formValues, parseForm } from "~/utils/forms";
import { idParam } from "~/utils/request.server";
import { setFlash } from "~/utils/session.server";
import { readForm } from "~/utils/read-form.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const scope = await requireBusinessScope(request);
  const id = idParam(params.instrumentId);
  const instrument = id ? await getInstrument(scope, id) : undefined;
  if (!instrument) throw notFound();
  const language = await i18nServer.getLocale(request);
  const t = await i18nServer.getFixedT(request, "instruments");
  const sites = await listSites(scope);
  return {
    title: `${t("edit.title", { tag: instrument.tag })} — ${t("common:shell.brand")}`,
    instrument,
    sites: sites.map((s) => ({ value: String(s.id), label: s.name })),
    types: (await legalCatalogue()).typeOptions(language, instrument.typeId),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const scope = await requireBusinessScope(request);
  const id = idParam(params.instrumentId);
  if (!id) throw notFound();
  const formData = await readForm(request);
  const parsed = parseForm(InstrumentSchema, formData);
  if (!parsed.ok) return data(parsed, { status: 400 });
  const current = await getInstrument(scope, id);
  if (!current) throw notFound();
  const shaped = toInstrumentInput(await legalCatalogue(), parsed.data, current.typeId);
  if (!shaped.ok) return data(failure(shaped.errors, formValues(formData)), { status: 400 });
  const result = await updateInstrument(scope, id, shaped.input);
  if (!result) throw notFound();
  if (!result.ok) return data(failure(result.errors, formValues(formData)), { status: 400 });
  return redirect(`/business/instruments/${id}`, {
    headers: { "Set-Cookie": await setFlash(request, { kind: "success", message: "instruments:edit.done" }) },
  });
}

export default function EditInstrumentPage() {
  const { t } = useTranslation("instruments");
  const { instrument, sites, types } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const form = useValidatedForm(InstrumentSchema, actionData?.errors);
  return (
    <div className="narrow">
      <p>
        <Link to={`/business/instruments/${instrument.id}`} className="back-link">
          {t("detail.back", { tag: instrument.tag })}
        </Link>
      </p>
      <h1>{t("edit.title", { tag: instrument.tag })}</h1>
      <ValidatedForm form={form} className="stack">
        <ErrorSummary errors={form.errors} labels={instrumentLabels(t)} />
        <InstrumentFields errors={form.errors} values={actionData?.values} defaults={instrument} sites={sites} types={types} />
        <SubmitButton>{t("edit.submit")}</SubmitButton>
      </ValidatedForm>
    </div>
  );
}
