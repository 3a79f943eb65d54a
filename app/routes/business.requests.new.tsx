import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, data, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorSummary } from "~/components/form";
import { RequestFields, requestLabels } from "~/components/request-fields";
import { SubmitButton, ValidatedForm, useValidatedForm } from "~/components/validated-form";
import { getAssessment, sectionsOf } from "~/modules/assessments/assessments.server";
import { localize } from "~/modules/content/content";
import { formatDate } from "~/modules/i18n/format";
import { i18nServer } from "~/modules/i18n/i18next.server";
import { eventsOf, getInstrument } from "~/modules/instruments/instruments.server";
import { readAttachments, toRequestInput } from "~/modules/requests/forms.server";
import { instrumentChoices } from "~/modules/requests/queries.server";
import { type RequestInput, createRequest } from "~/modules/requests/requests.server";
import { REQUEST_ARRAYS, RequestSchema } from "~/modules/requests/schemas";
import { REQUEST_TYPES } from "~/modules/requests/workflow";
import { type BusinessScope, requireBusinessScope } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { failure, formValues, parseForm } from "~/utils/forms";
import { publicOrigin, idParam } from "~/utils/request.server";
import { setFlash } from "~/utils/session.server";
import { readForm } from "~/utils/read-form.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

const idList = (value: string | null) =>
  (value ?? "")
    .split(",")
    .map((part) => idParam(part.trim()))
    .filter((id): id is number => id !== null)
    .slice(0, 1000);

/** Where the request was started from, checked against this business's own data. */
async function originOf(scope: BusinessScope, params: URLSearchParams | FormData): Promise<RequestInput["origin"]> {
  const kind = String(params.get("origin") ?? "");
  if (kind === "gap") {
    const assessmentId = idParam(String(params.get("assessment") ?? ""));
    const assessment = assessmentId ? await getAssessment(scope, assessmentId) : undefined;
    const item = String(params.get("item") ?? "");
    const known = assessment ? sectionsOf(assessment).sections.some((s) => s.items.some((i) => i.key === item)) : false;
    return assessment && known ? { kind, assessmentId: assessment.id, item } : null;
  }
  if (kind === "schedule" || kind === "event") return { kind, assessmentId: null, item: null };
  return null;
}

export async function loader({ request }: LoaderFunctionArgs) {
  const scope = await requireBusinessScope(request);
  const url = new URL(request.url);
  const params = url.searchParams;
  const language = await i18nServer.getLocale(request);
  const t = await i18nServer.getFixedT(request, "requests");
  // Old links from the result page carry only ?assessment=&item=.
  if (params.get("assessment") && !params.get("origin")) params.set("origin", "gap");
  const origin = await originOf(scope, params);
  const typeParam = params.get("type");
  const defaults = {
    type: typeParam && REQUEST_TYPES.includes(typeParam as never) ? typeParam : "",
    title: "",
    description: "",
    desiredOn: "",
    trainees: "",
    instrumentIds: idList(params.get("instruments")).map(String),
  };
  let gap: { question: string; action: string } | null = null;
  let eventTag: string | null = null;
  if (origin?.kind === "gap") {
    const assessment = (await getAssessment(scope, origin.assessmentId!))!;
    const item = sectionsOf(assessment).sections.flatMap((s) => s.items).find((i) => i.key === origin.item)!;
    gap = { question: localize(item.question, language), action: localize(item.action, language) };
    defaults.type ||= "programme";
    defaults.title = t("form.gapTitle", { question: gap.question }).slice(0, 200);
    defaults.description = t("form.gapDescription", gap);
  } else if (origin?.kind === "schedule") {
    defaults.type ||= "verification";
    defaults.title = t("form.scheduleTitle", { count: defaults.instrumentIds.length });
    defaults.description = t("form.scheduleDescription");
  } else if (origin?.kind === "event") {
    const instrumentId = defaults.instrumentIds[0] ? Number(defaults.instrumentIds[0]) : null;
    const instrument = instrumentId ? await getInstrument(scope, instrumentId) : undefined;
    const failed = instrument ? (await eventsOf(db(), instrument.id)).find((e) => e.result === "fail") : undefined;
    if (instrument) {
      eventTag = instrument.tag;
      defaults.type ||= "verification";
      defaults.title = t("form.eventTitle", { tag: instrument.tag });
      defaults.description = t("form.eventDescription", { tag: instrument.tag, name: instrument.name, date: formatDate(failed?.performedOn ?? null) });
    }
  }
  const choices = await instrumentChoices(scope, defaults.instrumentIds.map(Number));
  return {
    title: `${t("form.titleNew")} — ${t("common:shell.brand")}`,
    defaults,
    origin,
    gap,
    eventTag,
    instruments: choices.instruments,
    instrumentTotal: choices.total,
    backTo: origin?.kind === "gap" ? `/business/assessments/${origin.assessmentId}/result` : "/business/requests",
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const scope = await requireBusinessScope(request);
  const formData = await readForm(request, { uploads: true });
  const parsed = parseForm(RequestSchema, formData, REQUEST_ARRAYS);
  const attachments = await readAttachments(formData);
  const values = formValues(formData, REQUEST_ARRAYS);
  delete values.attachments;
  if (!parsed.ok || !attachments.ok) {
    const errors = parsed.ok ? {} : parsed.errors;
    if (!attachments.ok) errors.attachments = attachments.error;
    return data(failure(errors, values), { status: 400 });
  }
  const submit = parsed.data.intent === "submit";
  const result = await createRequest(scope, toRequestInput(parsed.data, await originOf(scope, formData)), attachments.uploads, { submit, origin: publicOrigin() });
  if (!result.ok) return data(failure(result.errors, values), { status: 400 });
  const to = submit ? `/business/requests/${result.id}/receipt` : `/business/requests/${result.id}`;
  return redirect(to, { headers: { "Set-Cookie": await setFlash(request, { kind: "success", message: submit ? "requests:form.submittedShort" : "requests:form.saved" }) } });
}

export default function NewRequestPage() {
  const { t } = useTranslation("requests");
  const { defaults, origin, gap, eventTag, instruments, instrumentTotal, backTo } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const form = useValidatedForm(RequestSchema, actionData?.errors, REQUEST_ARRAYS);
  return (
    <div className="narrow">
      <p>
        <Link to={backTo} className="back-link">
          {t("form.back")}
        </Link>
      </p>
      <h1>{t("form.titleNew")}</h1>
      <p className="lead">{t("form.lead")}</p>
      {gap ? (
        <div className="panel">
          <p>
            <strong>{t("form.fromGap")}</strong> {gap.question}
          </p>
        </div>
      ) : null}
      {origin?.kind === "schedule" ? <p className="flash flash--info">{t("form.fromSchedule")}</p> : null}
      {eventTag ? <p className="flash flash--info">{t("form.fromEvent", { tag: eventTag })}</p> : null}
      <ValidatedForm form={form} encType="multipart/form-data" className="stack">
        <ErrorSummary errors={form.errors} labels={requestLabels(t)} />
        {origin ? (
          <>
            <input type="hidden" name="origin" value={origin.kind} />
            <input type="hidden" name="assessment" value={origin.assessmentId ?? ""} />
            <input type="hidden" name="item" value={origin.item ?? ""} />
          </>
        ) : null}
        <RequestFields errors={form.errors} values={actionData?.values} defaults={defaults} instruments={instruments} instrumentTotal={instrumentTotal} />
        <p className="field__hint">{t("form.submitHint")}</p>
        <div className="action-row">
          <SubmitButton name="intent" value="submit">
            {t("form.submit")}
          </SubmitButton>
          <SubmitButton name="intent" value="save" className="button button--secondary">
            {t("form.saveDraft")}
          </SubmitButton>
        </div>
      </ValidatedForm>
    </div>
  );
}
