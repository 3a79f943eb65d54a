import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { ErrorSummary, FileField, SelectField, TextArea, TextField, kept, keptList } from "~/components/form";
import { ProviderSuggestField, type ProviderSuggestionView } from "~/components/provider-parts";
import { ProvisionalDateNote } from "~/components/provisional-date";
import { ClockTag, FileList, StateTag, Timeline } from "~/components/request-parts";
import { SubmitButton, ValidatedForm, useValidatedForm } from "~/components/validated-form";
import { type Ability } from "~/modules/accounts/permissions";
import { communeLabel } from "~/modules/content/content";
import { formatDate, formatDateTime, vietnamDay } from "~/modules/i18n/format";
import { currentHolidayCalendar } from "~/modules/holidays/calendar.server";
import { provisionalYearsOfRequest } from "~/modules/holidays/rules";
import { i18nServer } from "~/modules/i18n/i18next.server";
import { legalCatalogue } from "~/modules/legal/catalogue.server";
import { providersFor } from "~/modules/providers/providers.server";
import { readAttachments } from "~/modules/requests/forms.server";
import { clockInputOf, clockViewOf, getRequestForDost, reviewers } from "~/modules/requests/queries.server";
import {
  type ActionOutcome,
  type InstrumentCompletion,
  approveRequest,
  askForInformation,
  assignRequest,
  completeRequest,
  postMessage,
  rejectRequest,
  rescheduleRequest,
  takeRequest,
} from "~/modules/requests/requests.server";
import {
  ApproveSchema,
  AskSchema,
  AssignSchema,
  COMPLETION_RESULTS,
  type CompletionResult,
  CompleteSchema,
  MessageSchema,
  REJECT_REASONS,
  RejectSchema,
  RescheduleSchema,
} from "~/modules/requests/schemas";
import {
  type RequestState,
  allowedActions,
  clockOf,
  isPastDeadline,
  lastDayToApologise,
  lastDayToAsk,
  needsInstruments,
  newAppointmentProblem,
  refusedActions,
} from "~/modules/requests/workflow";
import { workingDaysBetween } from "~/modules/requests/working-days";
import { notFound, requireDostScope } from "~/utils/auth.server";
import { type FieldErrors, type FormValues, failure, formValues, parseForm } from "~/utils/forms";
import { publicOrigin, idParam } from "~/utils/request.server";
import { type Flash, setFlash } from "~/utils/session.server";
import { ACCEPT_ATTRIBUTE } from "~/utils/uploads";
import { readForm } from "~/utils/read-form.server";
import { checkUpload } from "~/utils/uploads.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

// The page holds several forms, and a field's name is also its element id: the two free-text
// forms that share the "body" of MessageSchema get names of their own.
const MessageForm = z.object({ message: MessageSchema.shape.body });
const NoteForm = z.object({ internalNote: MessageSchema.shape.body });

const FINAL_STATES: readonly RequestState[] = ["rejected", "completed", "withdrawn"];
const PROVIDER_KIND_OF: Partial<Record<string, "verification" | "calibration" | "testing">> = {
  verification: "verification",
  calibration: "calibration",
  testing: "testing",
};
// Shown without JavaScript: five rows for what is missing, five more behind a disclosure.
const ASK_ROWS = 10;
const ASK_ROWS_OPEN = 5;

/** Completion for instrument work: a result (and optionally a certificate) for each chosen instrument. */
function completeSchema(instrumentIds: readonly number[]) {
  const perInstrument: z.ZodRawShape = {};
  for (const id of instrumentIds) {
    // A refine, not z.enum's errorMap: formErrorMap replaces that message with "errors.invalid".
    perInstrument[`result-${id}`] = z.string().refine((value) => (COMPLETION_RESULTS as readonly string[]).includes(value), "review:errors.result");
    perInstrument[`certificateNo-${id}`] = z.string().trim().max(100, "requests:errors.tooLong");
  }
  return CompleteSchema.extend(perInstrument).superRefine((value, ctx) => {
    // Each result becomes an event in the register, which needs the day it was done.
    if (instrumentIds.length && !value.performedOn) ctx.addIssue({ code: "custom", path: ["performedOn"], message: "requests:errors.required" });
  });
}

async function load(request: Request, requestIdParam: string | undefined, ability: Ability = "dost:read") {
  const scope = await requireDostScope(request, ability);
  const id = idParam(requestIdParam);
  const detail = id ? await getRequestForDost(scope, id) : undefined;
  if (!detail) throw notFound();
  return { scope, detail };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { scope, detail } = await load(request, params.requestId);
  const language = await i18nServer.getLocale(request);
  const t = await i18nServer.getFixedT(request, "review");
  const today = vietnamDay();
  const view = clockViewOf(detail);
  const calendar = await currentHolidayCalendar();
  const allowed = allowedActions(calendar, view, "dost", today);
  const latest = (action: string) => [...detail.entries].reverse().find((e) => e.kind === "transition" && e.data.action === action);
  const rejection = latest("reject");
  const completion = latest("complete");
  const tags = new Map(detail.instruments.map((i) => [i.id, i]));
  const completed = (completion?.data.instruments ?? []) as Array<{
    instrumentId: number;
    result: CompletionResult;
    certificateNo: string;
    eventId: number | null;
  }>;
  return {
    title: `${detail.code ?? ""} — ${t("queue.title")} — ${t("common:shell.brand")}`,
    me: scope.user.id,
    today,
    request: {
      id: detail.id,
      code: detail.code,
      type: detail.type,
      state: detail.state,
      title: detail.title,
      description: detail.description,
      desiredOn: detail.desiredOn,
      trainees: detail.trainees,
      submittedAt: detail.submittedAt,
      slaDays: detail.slaDays,
      deadlineOn: detail.deadlineOn,
      appointmentOn: detail.appointmentOn,
      assigneeId: detail.assigneeId,
      assigneeName: detail.assigneeName,
      creatorName: detail.creatorName,
      planProvider: detail.planProvider,
      planOn: detail.planOn,
      planNote: detail.planNote,
      rejectReason: detail.rejectReason,
      rejectCode: typeof rejection?.data.reasonCode === "string" ? rejection.data.reasonCode : null,
      outcome: detail.outcome,
      completedAt: detail.completedAt,
      performedOn: typeof completion?.data.performedOn === "string" ? completion.data.performedOn : null,
    },
    business: {
      name: detail.businessName,
      taxCode: detail.taxCode,
      commune: communeLabel(detail.communeId, detail.communeOther, language),
      address: detail.streetAddress,
      contactName: detail.contactName,
      phone: detail.phone,
      email: detail.businessEmail,
    },
    clock: clockOf(calendar, clockInputOf(detail), today),
    provisionalYears: provisionalYearsOfRequest(calendar, detail),
    // The one-stop steps DOST takes once, with the last day each may be taken (null: not or no longer offered).
    askBy: allowed.includes("ask") && detail.submittedOn ? lastDayToAsk(calendar, detail.submittedOn) : null,
    apologyBy: allowed.includes("reschedule") && detail.deadlineOn ? lastDayToApologise(calendar, detail.deadlineOn) : null,
    refused: refusedActions(calendar, view, today),
    rescheduled: detail.reschedules > 0,
    pastDeadline: isPastDeadline(view, today) ? { days: workingDaysBetween(calendar, detail.deadlineOn!, today) } : null,
    allowed,
    canAssign: !FINAL_STATES.includes(detail.state),
    reviewers: await reviewers(),
    // For the approval's provider field: directory providers covering all the request's instrument
    // types together, and doing the kind of work asked for (verification, calibration, testing).
    providers: allowed.includes("approve")
      ? await providersFor(
          detail.instruments.map((i) => i.typeId),
          { kind: PROVIDER_KIND_OF[detail.type] ?? null, today },
        )
      : [],
    instruments: await legalCatalogue().then((catalogue) => detail.instruments.map((i) => ({ ...i, typeName: catalogue.typeName(i.typeId, language) }))),
    results: completed.map((r) => ({ ...r, tag: tags.get(r.instrumentId)?.tag ?? `#${r.instrumentId}`, name: tags.get(r.instrumentId)?.name ?? "" })),
    files: detail.files,
    entries: detail.entries,
  };
}

async function finish(request: Request, requestId: number, outcome: ActionOutcome | "badAssignee", done: string) {
  if (outcome === "notFound") throw notFound();
  const flash: Flash = outcome === "done" ? { kind: "success", message: done } : { kind: "error", message: "requests:detail.notAllowed" };
  return redirect(`/dost/requests/${requestId}`, { headers: { "Set-Cookie": await setFlash(request, flash) } });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { scope, detail } = await load(request, params.requestId, "dost:review");
  const formData = await readForm(request, { uploads: true });
  const intent = String(formData.get("intent") ?? "");
  const origin = publicOrigin();
  const today = vietnamDay();
  const id = detail.id;
  const refuse = (errors: FieldErrors, values: FormValues) => data({ ...failure(errors, values), intent }, { status: 400 });

  switch (intent) {
    case "take":
      return finish(request, id, await takeRequest(scope, id), "review:done.take");
    case "assign": {
      const parsed = parseForm(AssignSchema, formData);
      if (!parsed.ok) return refuse(parsed.errors, parsed.values);
      const raw = parsed.data.assigneeId;
      const assigneeId = raw === "" ? null : idParam(raw);
      if (raw !== "" && assigneeId === null) return refuse({ assigneeId: "requests:errors.assignee" }, formValues(formData));
      // Once the request is closed nobody works on it any more.
      if (FINAL_STATES.includes(detail.state)) return finish(request, id, "notAllowed", "");
      const outcome = await assignRequest(scope, id, assigneeId);
      if (outcome === "badAssignee") return refuse({ assigneeId: "requests:errors.assignee" }, formValues(formData));
      return finish(request, id, outcome, assigneeId === null ? "review:done.unassign" : "review:done.assign");
    }
    case "ask": {
      const parsed = parseForm(AskSchema, formData, ["items"]);
      if (!parsed.ok) return refuse(parsed.errors, parsed.values);
      return finish(request, id, await askForInformation(scope, id, parsed.data, origin), "review:done.ask");
    }
    case "approve": {
      const parsed = parseForm(ApproveSchema, formData);
      if (!parsed.ok) return refuse(parsed.errors, parsed.values);
      return finish(request, id, await approveRequest(scope, id, parsed.data, origin), "review:done.approve");
    }
    case "reject": {
      const parsed = parseForm(RejectSchema, formData);
      if (!parsed.ok) return refuse(parsed.errors, parsed.values);
      return finish(request, id, await rejectRequest(scope, id, parsed.data, origin), "review:done.reject");
    }
    case "reschedule": {
      const parsed = parseForm(RescheduleSchema, formData);
      if (!parsed.ok) return refuse(parsed.errors, parsed.values);
      // The new date comes after the deadline (see newAppointmentProblem); whether an apology may
      // still be sent today is the server's check, with the state machine's.
      if (!detail.deadlineOn) return finish(request, id, "notAllowed", "");
      const problem = newAppointmentProblem(await currentHolidayCalendar(), parsed.data.appointmentOn, { deadlineOn: detail.deadlineOn });
      if (problem) return refuse({ appointmentOn: problem }, formValues(formData));
      return finish(request, id, await rescheduleRequest(scope, id, parsed.data, origin), "review:done.reschedule");
    }
    case "complete": {
      const instrumentIds = needsInstruments(detail.type) ? detail.instruments.map((i) => i.id) : [];
      const parsed = parseForm(completeSchema(instrumentIds), formData);
      const values = formValues(formData);
      const errors: FieldErrors = parsed.ok ? {} : parsed.errors;
      const instruments: InstrumentCompletion[] = [];
      for (const instrumentId of instrumentIds) {
        const upload = await checkUpload(formData.get(`certificate-${instrumentId}`));
        if (!upload.ok) errors[`certificate-${instrumentId}`] = upload.problem === "tooLarge" ? "requests:errors.fileTooLarge" : "requests:errors.fileType";
        else if (parsed.ok) {
          const fields = parsed.data as Record<string, string>;
          instruments.push({
            instrumentId,
            result: fields[`result-${instrumentId}`] as CompletionResult,
            certificateNo: fields[`certificateNo-${instrumentId}`] ?? "",
            upload: upload.upload,
          });
        }
      }
      if (!errors.performedOn && String(values.performedOn ?? "") > today) errors.performedOn = "requests:errors.future";
      if (!parsed.ok || Object.keys(errors).length) return refuse(errors, values);
      const input = { outcome: parsed.data.outcome, performedOn: parsed.data.performedOn || today, instruments };
      return finish(request, id, await completeRequest(scope, id, input, origin), "review:done.complete");
    }
    case "message": {
      const parsed = parseForm(MessageForm, formData);
      const files = await readAttachments(formData, "attachments");
      if (!parsed.ok || !files.ok) {
        const errors = parsed.ok ? {} : parsed.errors;
        if (!files.ok) errors.attachments = files.error;
        return refuse(errors, formValues(formData));
      }
      const outcome = await postMessage(scope, id, { body: parsed.data.message, internal: false, uploads: files.uploads }, origin);
      return finish(request, id, outcome, "review:done.message");
    }
    case "note": {
      const parsed = parseForm(NoteForm, formData);
      if (!parsed.ok) return refuse(parsed.errors, parsed.values);
      return finish(request, id, await postMessage(scope, id, { body: parsed.data.internalNote, internal: true, uploads: [] }, origin), "review:done.note");
    }
    default:
      throw new Response("Bad request", { status: 400 });
  }
}

type Failed = { errors: FieldErrors; values: FormValues } | undefined;
type Loaded = ReturnType<typeof useLoaderData<typeof loader>>;

function Intent({ value }: { value: string }) {
  return <input type="hidden" name="intent" value={value} />;
}

export default function ReviewRequestPage() {
  const { t } = useTranslation("review");
  const loaded = useLoaderData<typeof loader>();
  const { request: r, business, clock, allowed, instruments, results, files, entries } = loaded;
  const actionData = useActionData<typeof action>();
  const failedFor = (intent: string): Failed => (actionData && actionData.intent === intent ? actionData : undefined);
  const fileHref = (fileId: number) => `/dost/requests/${r.id}/files/${fileId}`;
  const tr = (key: string, values?: Record<string, unknown>) => t(`requests:${key}`, values);
  const can = (action: (typeof allowed)[number]) => allowed.includes(action);
  const decisions = can("take") || can("ask") || can("approve") || can("reject") || can("complete") || can("reschedule");
  return (
    <>
      <p>
        <Link to="/dost/requests" className="back-link">
          {t("detail.back")}
        </Link>
      </p>
      <p className="eyebrow">
        {tr("detail.code")}: <strong>{r.code}</strong>
      </p>
      <h1>{r.title}</h1>
      <div className="request-head">
        <StateTag state={r.state} />
        <ClockTag clock={clock} />
        <span>{tr(`type.${r.type}`)}</span>
      </div>
      <p className="lead">{tr(`stateHint.${r.state}`)}</p>
      <nav aria-label={t("detail.jumpLabel")}>
        <p className="meta-line">
          {decisions ? (
            <>
              <a href="#actions">{t("detail.jumpActions")}</a>
              {" · "}
            </>
          ) : null}
          <a href="#timeline">{t("detail.jumpTimeline")}</a>
          {" · "}
          <a href="#message">{t("detail.jumpMessage")}</a>
        </p>
      </nav>

      {loaded.pastDeadline ? <LateNotice loaded={loaded} /> : null}

      <section aria-labelledby="clock-title">
        <h2 id="clock-title">{t("detail.clockTitle")}</h2>
        <dl className="summary-list summary-list--compact">
          <div>
            <dt>{t("detail.submittedAt")}</dt>
            <dd>{formatDateTime(r.submittedAt)}</dd>
          </div>
          <div>
            <dt>{tr("clock.appointment")}</dt>
            <dd>
              <strong>{formatDate(r.appointmentOn)}</strong>
              {r.appointmentOn && r.deadlineOn && r.appointmentOn !== r.deadlineOn ? ` (${t("detail.rescheduled")})` : ""}
              <ProvisionalDateNote years={loaded.provisionalYears} />
            </dd>
          </div>
          <div>
            <dt>{t("detail.deadline")}</dt>
            <dd>{formatDate(r.deadlineOn)}</dd>
          </div>
          {loaded.askBy ? (
            <div>
              <dt>{t("detail.askBy")}</dt>
              <dd>{formatDate(loaded.askBy)}</dd>
            </div>
          ) : null}
          {loaded.apologyBy ? (
            <div>
              <dt>{t("detail.apologyBy")}</dt>
              <dd>{formatDate(loaded.apologyBy)}</dd>
            </div>
          ) : null}
          <div>
            <dt>{t("detail.used")}</dt>
            <dd>
              {clock.kind !== "none" ? t("detail.usedOf", { count: clock.used, sla: r.slaDays ?? 0 }) : "—"} <ClockTag clock={clock} />
            </dd>
          </div>
          <div>
            <dt>{t("detail.assignee")}</dt>
            <dd>{r.assigneeName ?? tr("detail.unassigned")}</dd>
          </div>
        </dl>
        {r.slaDays ? <p className="field__hint">{tr("detail.sla", { count: r.slaDays })}</p> : null}
        {loaded.canAssign ? <AssignForms loaded={loaded} failed={failedFor("assign")} /> : null}
      </section>

      <section aria-labelledby="business-title">
        <h2 id="business-title">{t("detail.businessTitle")}</h2>
        <dl className="summary-list summary-list--compact">
          <div>
            <dt>{t("detail.businessName")}</dt>
            <dd>{business.name}</dd>
          </div>
          <div>
            <dt>{t("detail.taxCode")}</dt>
            <dd>{business.taxCode}</dd>
          </div>
          <div>
            <dt>{t("detail.address")}</dt>
            <dd>{[business.address, business.commune].filter(Boolean).join(", ")}</dd>
          </div>
          <div>
            <dt>{t("detail.contact")}</dt>
            <dd>
              {business.contactName}
              {business.phone ? (
                <>
                  {" · "}
                  <a href={`tel:${business.phone.replace(/[^\d+]/g, "")}`}>{business.phone}</a>
                </>
              ) : null}
              {business.email ? (
                <>
                  {" · "}
                  <a href={`mailto:${business.email}`}>{business.email}</a>
                </>
              ) : null}
            </dd>
          </div>
          <div>
            <dt>{tr("detail.createdBy")}</dt>
            <dd>{r.creatorName}</dd>
          </div>
        </dl>
      </section>

      <section aria-labelledby="content-title">
        <h2 id="content-title">{t("detail.contentTitle")}</h2>
        <dl className="summary-list summary-list--compact">
          <div>
            <dt>{tr("detail.type")}</dt>
            <dd>{tr(`type.${r.type}`)}</dd>
          </div>
          {r.desiredOn ? (
            <div>
              <dt>{tr("detail.desiredOn")}</dt>
              <dd>{formatDate(r.desiredOn)}</dd>
            </div>
          ) : null}
          {r.trainees !== null ? (
            <div>
              <dt>{tr("detail.trainees")}</dt>
              <dd>{r.trainees}</dd>
            </div>
          ) : null}
          <div>
            <dt>{tr("detail.description")}</dt>
            <dd className="prewrap">{r.description}</dd>
          </div>
        </dl>
        {instruments.length ? (
          <>
            <h3>{tr("detail.instruments")}</h3>
            <div className="table-wrap">
              <table className="table">
                <caption className="visually-hidden">{tr("detail.instruments")}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("detail.colTag")}</th>
                    <th scope="col">{t("detail.colName")}</th>
                    <th scope="col">{t("detail.colType")}</th>
                    <th scope="col">{t("detail.colSite")}</th>
                    <th scope="col">{t("detail.colDue")}</th>
                  </tr>
                </thead>
                <tbody>
                  {instruments.map((i) => (
                    <tr key={i.id}>
                      <td data-label={t("detail.colTag")}>{i.tag}</td>
                      <td data-label={t("detail.colName")}>
                        {i.name}
                        {i.serial ? <span className="field__hint"> ({t("detail.serial", { serial: i.serial })})</span> : null}
                      </td>
                      <td data-label={t("detail.colType")}>{i.typeName}</td>
                      <td data-label={t("detail.colSite")}>{i.siteName}</td>
                      <td data-label={t("detail.colDue")}>{i.nextDueOn ? formatDate(i.nextDueOn) : t("detail.dueUnknown")}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        ) : null}
        <h3>{tr("detail.files")}</h3>
        {files.length ? <FileList files={files} hrefOf={fileHref} /> : <p>{tr("detail.noFiles")}</p>}
      </section>

      {r.planProvider ? (
        <section aria-labelledby="plan-title">
          <h2 id="plan-title">{tr("detail.plan")}</h2>
          <dl className="summary-list summary-list--compact">
            <div>
              <dt>{tr("detail.planProvider")}</dt>
              <dd>{r.planProvider}</dd>
            </div>
            <div>
              <dt>{tr("detail.planOn")}</dt>
              <dd>{formatDate(r.planOn)}</dd>
            </div>
            {r.planNote ? (
              <div>
                <dt>{tr("detail.planNote")}</dt>
                <dd className="prewrap">{r.planNote}</dd>
              </div>
            ) : null}
          </dl>
        </section>
      ) : null}
      {r.state === "rejected" ? (
        <section aria-labelledby="reject-title">
          <h2 id="reject-title">{tr("detail.rejectReason")}</h2>
          {r.rejectCode ? <p>{t(`rejectReasons.${r.rejectCode}`)}</p> : null}
          <p className="prewrap">{r.rejectReason}</p>
        </section>
      ) : null}
      {r.outcome ? (
        <section aria-labelledby="outcome-title">
          <h2 id="outcome-title">{tr("detail.outcome")}</h2>
          {r.performedOn ? <p>{t("detail.performedOn", { date: formatDate(r.performedOn) })}</p> : null}
          <p className="prewrap">{r.outcome}</p>
          {results.length ? (
            <div className="table-wrap">
              <table className="table">
                <caption>{tr("detail.results")}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("detail.colTag")}</th>
                    <th scope="col">{t("complete.result")}</th>
                    <th scope="col">{t("complete.certificateNo")}</th>
                    <th scope="col">{t("detail.colRegister")}</th>
                  </tr>
                </thead>
                <tbody>
                  {results.map((row) => (
                    <tr key={row.instrumentId}>
                      <td data-label={t("detail.colTag")}>
                        {row.tag} <span className="field__hint">{row.name}</span>
                      </td>
                      <td data-label={t("complete.result")}>{tr(`result.${row.result}`)}</td>
                      <td data-label={t("complete.certificateNo")}>{row.certificateNo || "—"}</td>
                      <td data-label={t("detail.colRegister")}>{row.eventId ? tr("detail.resultEvent") : "—"}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : null}
        </section>
      ) : null}

      {decisions ? (
        <section id="actions" aria-labelledby="actions-title" tabIndex={-1}>
          <h2 id="actions-title">{t("detail.actionsTitle")}</h2>
          {can("take") ? <TakeForm /> : null}
          {can("ask") ? <AskForm failed={failedFor("ask")} askBy={loaded.askBy} /> : <AskRefused refusal={loaded.refused.ask} />}
          {can("approve") ? <ApproveForm failed={failedFor("approve")} providers={loaded.providers} /> : null}
          {can("reject") ? <RejectForm failed={failedFor("reject")} /> : null}
          {can("complete") ? <CompleteForm loaded={loaded} failed={failedFor("complete")} /> : null}
          {can("reschedule") ? <RescheduleForm loaded={loaded} failed={failedFor("reschedule")} /> : null}
        </section>
      ) : null}

      <section id="timeline" aria-labelledby="timeline-title" tabIndex={-1}>
        <h2 id="timeline-title">{tr("detail.timeline")}</h2>
        <p className="field__hint">{t("detail.timelineHint")}</p>
        <Timeline entries={entries} hrefOf={fileHref} />
      </section>

      <MessageForms failedMessage={failedFor("message")} failedNote={failedFor("note")} />
    </>
  );
}

/** Past the deadline: the request is late whatever DOST does now, and DOST still decides it. */
function LateNotice({ loaded }: { loaded: Loaded }) {
  const { t } = useTranslation("review");
  const { request: r, pastDeadline, rescheduled } = loaded;
  return (
    <section className="panel panel--warning" aria-labelledby="late-title">
      <h2 id="late-title">{t("late.title")}</h2>
      <p>
        <strong>{t("late.lead", { date: formatDate(r.deadlineOn), count: pastDeadline?.days ?? 0 })}</strong>
      </p>
      <p>{rescheduled ? t("late.rescheduled", { date: formatDate(r.appointmentOn) }) : t("late.noApology")}</p>
    </section>
  );
}

/** The apology with a new date: once, at the latest the working day before the deadline. */
function RescheduleForm({ loaded, failed }: { loaded: Loaded; failed: Failed }) {
  const { t } = useTranslation("review");
  const form = useValidatedForm(RescheduleSchema, failed?.errors);
  const { errors } = form;
  const labels = { appointmentOn: t("reschedule.appointmentOn"), apology: t("reschedule.apology") };
  const { request: r, apologyBy } = loaded;
  return (
    <div className="panel">
      <h3>{t("reschedule.title")}</h3>
      <p>{t("reschedule.lead", { deadline: formatDate(r.deadlineOn), lastDay: formatDate(apologyBy) })}</p>
      <p className="field__hint">{t("reschedule.rule")}</p>
      <ValidatedForm form={form} className="stack">
        <Intent value="reschedule" />
        <ErrorSummary errors={errors} labels={labels} />
        <TextField
          name="appointmentOn"
          type="date"
          label={labels.appointmentOn}
          hint={t("reschedule.appointmentOnHint", { deadline: formatDate(r.deadlineOn) })}
          error={errors.appointmentOn}
          defaultValue={kept(failed?.values, "appointmentOn")}
          width="medium"
        />
        <TextArea
          name="apology"
          label={labels.apology}
          hint={t("reschedule.apologyHint")}
          error={errors.apology}
          defaultValue={kept(failed?.values, "apology")}
          rows={5}
        />
        <SubmitButton>{t("reschedule.submit")}</SubmitButton>
      </ValidatedForm>
    </div>
  );
}

/** Why the request for information is no longer offered, and what is left to do instead. */
function AskRefused({ refusal }: { refusal: string | undefined }) {
  const { t } = useTranslation("review");
  if (!refusal) return null;
  return (
    <div className="panel">
      <h3>{t("requests:action.ask")}</h3>
      <p>{t(`ask.refused.${refusal}`)}</p>
      <p className="field__hint">{t("ask.rule")}</p>
    </div>
  );
}

function AssignForms({ loaded, failed }: { loaded: Loaded; failed: Failed }) {
  const { t } = useTranslation("review");
  const form = useValidatedForm(AssignSchema, failed?.errors);
  const { errors } = form;
  const { request: r, me, reviewers: team } = loaded;
  const labels = { assigneeId: t("assign.assignee") };
  return (
    <div className="panel">
      <h3>{t("assign.title")}</h3>
      <ValidatedForm form={form} className="stack">
        <Intent value="assign" />
        <ErrorSummary errors={errors} labels={labels} />
        <SelectField
          name="assigneeId"
          label={labels.assigneeId}
          hint={t("assign.hint")}
          options={[
            { value: "", label: t("assign.nobody") },
            ...team.map((p) => ({ value: String(p.id), label: p.id === me ? t("assign.you", { name: p.fullName }) : p.fullName })),
          ]}
          error={errors.assigneeId}
          defaultValue={kept(failed?.values, "assigneeId", r.assigneeId === null ? "" : String(r.assigneeId))}
        />
        <SubmitButton className="button button--secondary">{t("assign.submit")}</SubmitButton>
      </ValidatedForm>
      {r.assigneeId !== me ? (
        <Form method="post" className="stack">
          <Intent value="assign" />
          <input type="hidden" name="assigneeId" value={String(me)} />
          <SubmitButton className="button button--link">{t("assign.toMe")}</SubmitButton>
        </Form>
      ) : null}
    </div>
  );
}

function TakeForm() {
  const { t } = useTranslation("review");
  return (
    <div className="panel">
      <h3>{t("requests:action.take")}</h3>
      <p>{t("take.lead")}</p>
      <Form method="post">
        <Intent value="take" />
        <SubmitButton>{t("take.submit")}</SubmitButton>
      </Form>
    </div>
  );
}

function AskForm({ failed, askBy }: { failed: Failed; askBy: string | null }) {
  const { t } = useTranslation("review");
  const form = useValidatedForm(AskSchema, failed?.errors, ["items"]);
  const { errors } = form;
  const labels = { items: t("ask.items"), body: t("ask.body") };
  const items = keptList(failed?.values, "items");
  const row = (index: number) => (
    <div className="field" key={index}>
      <label htmlFor={`ask-item-${index}`}>{t("ask.item", { number: index + 1 })}</label>
      <input
        id={`ask-item-${index}`}
        name="items"
        type="text"
        className="input input--full"
        defaultValue={items[index] ?? ""}
        aria-invalid={errors.items ? true : undefined}
      />
    </div>
  );
  const rows = Array.from({ length: ASK_ROWS }, (_, i) => i);
  return (
    <div className="panel">
      <h3>{t("requests:action.ask")}</h3>
      <p className="field__hint">{t("ask.rule")}</p>
      <ValidatedForm form={form} className="stack">
        <Intent value="ask" />
        <ErrorSummary errors={errors} labels={labels} />
        <fieldset className={`field${errors.items ? " field--error" : ""}`} id="field-items" tabIndex={-1} aria-describedby="ask-items-hint">
          <legend>{labels.items}</legend>
          <p className="field__hint" id="ask-items-hint">
            {t("ask.itemsHint", { date: formatDate(askBy) })}
          </p>
          {errors.items ? <p className="field__error">{t(errors.items)}</p> : null}
          {rows.slice(0, ASK_ROWS_OPEN).map(row)}
          <details open={items.length > ASK_ROWS_OPEN || undefined}>
            <summary>{t("ask.more", { count: ASK_ROWS - ASK_ROWS_OPEN })}</summary>
            {rows.slice(ASK_ROWS_OPEN).map(row)}
          </details>
        </fieldset>
        <TextArea name="body" label={labels.body} hint={t("ask.bodyHint")} error={errors.body} defaultValue={kept(failed?.values, "body")} rows={3} />
        <SubmitButton>{t("ask.submit")}</SubmitButton>
      </ValidatedForm>
    </div>
  );
}

function ApproveForm({ failed, providers }: { failed: Failed; providers: ProviderSuggestionView[] }) {
  const { t } = useTranslation("review");
  const form = useValidatedForm(ApproveSchema, failed?.errors);
  const { errors } = form;
  const labels = { provider: t("approve.provider"), planOn: t("approve.planOn"), note: t("approve.note") };
  return (
    <div className="panel">
      <h3>{t("requests:action.approve")}</h3>
      <ValidatedForm form={form} className="stack">
        <Intent value="approve" />
        <ErrorSummary errors={errors} labels={labels} />
        <ProviderSuggestField
          name="provider"
          label={labels.provider}
          hint={t("approve.providerHint")}
          error={errors.provider}
          defaultValue={kept(failed?.values, "provider")}
          suggestions={providers}
        />
        <TextField name="planOn" type="date" label={labels.planOn} error={errors.planOn} defaultValue={kept(failed?.values, "planOn")} width="medium" />
        <TextArea name="note" label={labels.note} hint={t("approve.noteHint")} error={errors.note} defaultValue={kept(failed?.values, "note")} rows={3} />
        <SubmitButton>{t("approve.submit")}</SubmitButton>
      </ValidatedForm>
    </div>
  );
}

function RejectForm({ failed }: { failed: Failed }) {
  const { t } = useTranslation("review");
  const form = useValidatedForm(RejectSchema, failed?.errors);
  const { errors } = form;
  const labels = { reasonCode: t("reject.reasonCode"), reason: t("reject.reason") };
  return (
    <div className="panel">
      <h3>{t("requests:action.reject")}</h3>
      <ValidatedForm form={form} className="stack">
        <Intent value="reject" />
        <ErrorSummary errors={errors} labels={labels} />
        <SelectField
          name="reasonCode"
          label={labels.reasonCode}
          options={REJECT_REASONS.map((code) => ({ value: code, label: t(`rejectReasons.${code}`) }))}
          placeholder={t("reject.choose")}
          error={errors.reasonCode}
          defaultValue={kept(failed?.values, "reasonCode")}
        />
        <TextArea
          name="reason"
          label={labels.reason}
          hint={t("reject.reasonHint")}
          error={errors.reason}
          defaultValue={kept(failed?.values, "reason")}
          rows={4}
        />
        <SubmitButton className="button button--warning">{t("reject.submit")}</SubmitButton>
      </ValidatedForm>
    </div>
  );
}

function CompleteForm({ loaded, failed }: { loaded: Loaded; failed: Failed }) {
  const { t } = useTranslation("review");
  const { request: r, instruments, today } = loaded;
  const withInstruments = needsInstruments(r.type) ? instruments : [];
  const ids = withInstruments.map((i) => i.id).join(",");
  const schema = useMemo(() => completeSchema(ids ? ids.split(",").map(Number) : []), [ids]);
  const form = useValidatedForm(schema, failed?.errors);
  const { errors } = form;
  const labels: Record<string, string> = { outcome: t("complete.outcome"), performedOn: t("complete.performedOn") };
  for (const i of withInstruments) {
    labels[`result-${i.id}`] = `${i.tag}: ${t("complete.result")}`;
    labels[`certificateNo-${i.id}`] = `${i.tag}: ${t("complete.certificateNo")}`;
    labels[`certificate-${i.id}`] = `${i.tag}: ${t("complete.certificate")}`;
  }
  return (
    <div className="panel">
      <h3>{t("requests:action.complete")}</h3>
      <p>{withInstruments.length ? t("complete.leadInstruments") : t("complete.lead")}</p>
      <ValidatedForm form={form} encType="multipart/form-data" className="stack">
        <Intent value="complete" />
        <ErrorSummary errors={errors} labels={labels} />
        <TextArea
          name="outcome"
          label={labels.outcome!}
          hint={t("complete.outcomeHint")}
          error={errors.outcome}
          defaultValue={kept(failed?.values, "outcome")}
          rows={4}
        />
        <TextField
          name="performedOn"
          type="date"
          label={labels.performedOn!}
          hint={t("complete.performedOnHint")}
          error={errors.performedOn}
          defaultValue={kept(failed?.values, "performedOn", today)}
          width="medium"
        />
        {withInstruments.map((i) => (
          <fieldset key={i.id} className="panel">
            <legend>
              {i.tag} — {i.name}
            </legend>
            <SelectField
              name={`result-${i.id}`}
              label={t("complete.result")}
              options={COMPLETION_RESULTS.map((result) => ({ value: result, label: t(`requests:result.${result}`) }))}
              placeholder={t("complete.choose")}
              error={errors[`result-${i.id}`]}
              defaultValue={kept(failed?.values, `result-${i.id}`)}
            />
            <TextField
              name={`certificateNo-${i.id}`}
              label={t("complete.certificateNo")}
              error={errors[`certificateNo-${i.id}`]}
              defaultValue={kept(failed?.values, `certificateNo-${i.id}`)}
              width="medium"
            />
            <FileField
              name={`certificate-${i.id}`}
              label={t("complete.certificate")}
              hint={t("complete.certificateHint")}
              error={errors[`certificate-${i.id}`]}
              accept={ACCEPT_ATTRIBUTE}
            />
          </fieldset>
        ))}
        <SubmitButton>{t("complete.submit")}</SubmitButton>
      </ValidatedForm>
    </div>
  );
}

function MessageForms({ failedMessage, failedNote }: { failedMessage: Failed; failedNote: Failed }) {
  const { t } = useTranslation("review");
  const message = useValidatedForm(MessageForm, failedMessage?.errors);
  const note = useValidatedForm(NoteForm, failedNote?.errors);
  const messageLabels = { message: t("message.body"), attachments: t("message.attachments") };
  const noteLabels = { internalNote: t("note.body") };
  return (
    <>
      <section id="message" className="panel" aria-labelledby="message-title" tabIndex={-1}>
        <h2 id="message-title">{t("message.title")}</h2>
        <p>{t("message.lead")}</p>
        <ValidatedForm form={message} encType="multipart/form-data" className="stack">
          <Intent value="message" />
          <ErrorSummary errors={message.errors} labels={messageLabels} />
          <TextArea
            name="message"
            label={messageLabels.message}
            error={message.errors.message}
            defaultValue={kept(failedMessage?.values, "message")}
            rows={4}
          />
          <FileField
            name="attachments"
            label={messageLabels.attachments}
            hint={t("message.attachmentsHint")}
            error={message.errors.attachments}
            accept={ACCEPT_ATTRIBUTE}
            multiple
          />
          <SubmitButton>{t("message.submit")}</SubmitButton>
        </ValidatedForm>
      </section>
      <section className="panel" aria-labelledby="note-title">
        <h2 id="note-title">{t("note.title")}</h2>
        <p>
          <strong>{t("note.lead")}</strong>
        </p>
        <ValidatedForm form={note} className="stack">
          <Intent value="note" />
          <ErrorSummary errors={note.errors} labels={noteLabels} />
          <TextArea
            name="internalNote"
            label={noteLabels.internalNote}
            error={note.errors.internalNote}
            defaultValue={kept(failedNote?.values, "internalNote")}
            rows={3}
          />
          <SubmitButton className="button button--secondary">{t("note.submit")}</SubmitButton>
        </ValidatedForm>
      </section>
    </>
  );
}
