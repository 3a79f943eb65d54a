import { randomBytes } from "node:crypto";
import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { FilterSelect } from "~/components/filter-select";
import { ErrorSummary, SelectField, TextField, kept } from "~/components/form";
import { ProviderSuggestField } from "~/components/provider-parts";
import { SubmitButton, ValidatedForm, useValidatedForm } from "~/components/validated-form";
import { listSites } from "~/modules/accounts/businesses.server";
import { formatDate, vietnamDay } from "~/modules/i18n/format";
import { i18nServer } from "~/modules/i18n/i18next.server";
import { listInstruments, recordEvents } from "~/modules/instruments/instruments.server";
import { parseRegisterFilter } from "~/modules/instruments/register-filter";
import { providerIdByName, providersFor } from "~/modules/providers/providers.server";
import { notFound, requireBusinessScope } from "~/utils/auth.server";
import { failure, formValues, parseForm } from "~/utils/forms";
import { PAST_EVENT, isoDate } from "~/utils/dates";
import { setFlash } from "~/utils/session.server";
import { readForm } from "~/utils/read-form.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

const VISIT_LIMIT = 200;

const VisitSchema = z.object({
  ids: z.array(z.string().regex(/^\d+$/)).min(1, "instruments:errors.pickInstruments"),
  kind: z.enum(["verification", "calibration", "test"], { errorMap: () => ({ message: "instruments:errors.kind" }) }),
  performedOn: isoDate({ ...PAST_EVENT, requiredMessage: "instruments:errors.required" }),
  provider: z.string().trim().min(1, "instruments:errors.required").max(200),
  result: z.enum(["pass", "adjusted", "fail"], { errorMap: () => ({ message: "instruments:errors.result" }) }),
  certificateNo: z.string().trim().max(100),
});

export async function loader({ request }: LoaderFunctionArgs) {
  const scope = await requireBusinessScope(request);
  const t = await i18nServer.getFixedT(request, "instruments");
  const today = vietnamDay();
  const url = new URL(request.url);
  const filter = { ...parseRegisterFilter(url.searchParams, today), status: "in_service" as const, sort: "site" as const, pageSize: VISIT_LIMIT };
  const [{ total, rows }, sites] = await Promise.all([listInstruments(scope, filter, today), listSites(scope)]);
  return {
    title: `${t("visit.title")} — ${t("common:shell.brand")}`,
    today,
    total,
    rows,
    siteId: filter.siteId,
    sites: sites.map((s) => ({ value: String(s.id), label: s.name })),
    // The instruments are ticked after the page is drawn: offer providers covering any listed type.
    providers: await providersFor(
      rows.map((r) => r.typeId),
      { match: "any" },
    ),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const scope = await requireBusinessScope(request);
  const formData = await readForm(request);
  const parsed = parseForm(VisitSchema, formData, ["ids"]);
  if (!parsed.ok) return data(parsed, { status: 400 });
  if (parsed.data.performedOn > vietnamDay()) return data(failure({ performedOn: "instruments:errors.future" }, formValues(formData, ["ids"])), { status: 400 });
  const ids = parsed.data.ids.map(Number);
  // A failed result needs each instrument's own impact review: record those one by one instead.
  if (parsed.data.result === "fail") return data(failure({ result: "instruments:errors.visitFail" }, formValues(formData, ["ids"])), { status: 400 });
  const visitRef = `visit-${randomBytes(6).toString("hex")}`;
  const recorded = await recordEvents(
    scope,
    ids,
    { ...parsed.data, providerId: await providerIdByName(parsed.data.provider), notes: "", overrideDueOn: null, supersedesEventId: null, impact: null, upload: null },
    visitRef,
  );
  if (!recorded) throw notFound();
  return redirect("/business/schedule", {
    headers: { "Set-Cookie": await setFlash(request, { kind: "success", message: "instruments:visit.done", values: { count: String(ids.length) } }) },
  });
}

export default function VisitPage() {
  const { t } = useTranslation("instruments");
  const { today, total, rows, sites, siteId, providers } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const form = useValidatedForm(VisitSchema, actionData?.errors, ["ids"]);
  const { errors } = form;
  const values = actionData?.values;
  const chosen = new Set(Array.isArray(values?.ids) ? values.ids : []);
  const labels = {
    ids: t("visit.instruments"),
    kind: t("event.kind"),
    performedOn: t("event.performedOn"),
    provider: t("event.provider"),
    result: t("event.result"),
    certificateNo: t("event.certificateNo"),
  };
  return (
    <>
      <p>
        <Link to="/business/instruments" className="back-link">
          {t("back")}
        </Link>
      </p>
      <h1>{t("visit.title")}</h1>
      <p className="lead">{t("visit.lead")}</p>
      <Form method="get" className="filters">
        <FilterSelect name="site" label={t("fields.siteId")} allLabel={t("list.all")} options={sites} value={siteId ? String(siteId) : ""} />
        <button type="submit" className="button button--secondary">
          {t("list.filter")}
        </button>
      </Form>
      <ValidatedForm form={form} className="stack">
        <ErrorSummary errors={errors} labels={labels} />
        <fieldset className={`field choices${errors.ids ? " field--error" : ""}`} id="field-ids" tabIndex={-1}>
          <legend>{labels.ids}</legend>
          <p className="field__hint">{total > rows.length ? t("visit.limited", { shown: rows.length, total }) : t("visit.pick")}</p>
          {errors.ids ? <p className="field__error">{t(errors.ids)}</p> : null}
          <div className="choices__list">
            {rows.map((r) => (
              <label key={r.id} className="choice">
                <input type="checkbox" name="ids" value={r.id} defaultChecked={chosen.has(String(r.id))} />
                <span>
                  {r.tag} · {r.name} <span className="meta-line">({r.siteName}{r.nextDueOn ? `, ${formatDate(r.nextDueOn)}` : ""})</span>
                </span>
              </label>
            ))}
          </div>
        </fieldset>
        <SelectField
          name="kind"
          label={labels.kind}
          options={["verification", "calibration", "test"].map((k) => ({ value: k, label: t(`kind.${k}`) }))}
          error={errors.kind}
          defaultValue={kept(values, "kind", "verification")}
        />
        <TextField name="performedOn" type="date" label={labels.performedOn} error={errors.performedOn} defaultValue={kept(values, "performedOn", today)} width="medium" />
        <ProviderSuggestField name="provider" label={labels.provider} error={errors.provider} defaultValue={kept(values, "provider")} suggestions={providers} />
        <SelectField
          name="result"
          label={labels.result}
          hint={t("visit.resultHint")}
          options={["pass", "adjusted"].map((r) => ({ value: r, label: t(`result.${r}`) }))}
          error={errors.result}
          defaultValue={kept(values, "result", "pass")}
        />
        <TextField name="certificateNo" label={labels.certificateNo} hint={t("visit.certificateHint")} error={errors.certificateNo} defaultValue={kept(values, "certificateNo")} width="medium" />
        <SubmitButton>{t("visit.submit")}</SubmitButton>
      </ValidatedForm>
    </>
  );
}
