import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, data, redirect } from "@remix-run/node";
import { type ReactNode } from "react";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorSummary, FileField, TextArea } from "~/components/form";
import { ProvisionalDateNote } from "~/components/provisional-date";
import { ClockTag, FileList, StateTag, Timeline } from "~/components/request-parts";
import { RequestFields, requestLabels } from "~/components/request-fields";
import { SubmitButton, ValidatedForm, useValidatedForm } from "~/components/validated-form";
import { formatDate, formatDateTime, vietnamDay } from "~/modules/i18n/format";
import { currentHolidayCalendar } from "~/modules/holidays/calendar.server";
import { provisionalYearsOfRequest } from "~/modules/holidays/rules";
import { i18nServer } from "~/modules/i18n/i18next.server";
import { readAttachments, toRequestInput } from "~/modules/requests/forms.server";
import { clockInputOf, clockViewOf, getRequestForBusiness, instrumentChoices } from "~/modules/requests/queries.server";
import { answerRequest, deleteDraft, postMessage, updateDraft, withdrawRequest } from "~/modules/requests/requests.server";
import { AnswerSchema, MessageSchema, REQUEST_ARRAYS, RequestSchema, WithdrawSchema } from "~/modules/requests/schemas";
import { allowedActions, clockOf, needsInstruments } from "~/modules/requests/workflow";
import { notFound, requireBusinessScope } from "~/utils/auth.server";
import { failure, formValues, parseForm } from "~/utils/forms";
import { publicOrigin, idParam } from "~/utils/request.server";
import { setFlash } from "~/utils/session.server";
import { ACCEPT_ATTRIBUTE } from "~/utils/uploads";
import { readForm } from "~/utils/read-form.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

async function load(request: Request, requestIdParam: string | undefined) {
  const scope = await requireBusinessScope(request);
  const id = idParam(requestIdParam);
  const detail = id ? await getRequestForBusiness(scope, id) : undefined;
  if (!detail) throw notFound();
  return { scope, detail };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { scope, detail } = await load(request, params.requestId);
  const t = await i18nServer.getFixedT(request, "requests");
  const today = vietnamDay();
  const isDraft = detail.state === "draft";
  const choices = isDraft ? await instrumentChoices(scope, detail.instruments.map((i) => i.id)) : null;
  // The open request for information: the latest "ask", listed in full beside the answer form.
  const ask = detail.state === "needs_information" ? detail.entries.filter((e) => (e.data as { action?: string }).action === "ask").at(-1) : undefined;
  const { fileIds: _, ...shown } = detail;
  const calendar = await currentHolidayCalendar();
  return {
    title: `${detail.code ?? t("list.noCode")} · ${detail.title} — ${t("common:shell.brand")}`,
    request: shown,
    clock: clockOf(calendar, clockInputOf(detail), today),
    provisionalYears: provisionalYearsOfRequest(calendar, detail),
    allowed: allowedActions(calendar, clockViewOf(detail), "business", today),
    ask: ask ? { items: (ask.data as { items?: string[] }).items ?? [], body: ask.body, at: ask.at } : null,
    choices,
  };
}

type Intent = "save" | "submit" | "delete" | "answer" | "withdraw" | "message";

export async function action({ request, params }: ActionFunctionArgs) {
  const { scope, detail } = await load(request, params.requestId);
  const formData = await readForm(request, { uploads: true });
  const intent = String(formData.get("intent") ?? "") as Intent;
  const origin = publicOrigin();
  const back = `/business/requests/${detail.id}`;
  const flash = async (message: string, kind: "success" | "error" = "success") => ({ "Set-Cookie": await setFlash(request, { kind, message }) });
  const refused = (errors: Record<string, string>, arrays: readonly string[] = []) => {
    const values = formValues(formData, arrays);
    delete values.attachments;
    return data({ ...failure(errors, values), intent }, { status: 400 });
  };
  const outcome = async (result: "done" | "notFound" | "notAllowed", message: string) => {
    if (result === "notFound") throw notFound();
    if (result === "notAllowed") return redirect(back, { headers: await flash("requests:detail.notAllowed", "error") });
    return redirect(back, { headers: await flash(message) });
  };

  if (intent === "delete") {
    if (!(await deleteDraft(scope, detail.id))) return redirect(back, { headers: await flash("requests:detail.notAllowed", "error") });
    return redirect("/business/requests", { headers: await flash("requests:form.deleted") });
  }
  if (intent === "save" || intent === "submit") {
    const parsed = parseForm(RequestSchema, formData, REQUEST_ARRAYS);
    const attachments = await readAttachments(formData);
    if (!parsed.ok || !attachments.ok) {
      const errors = parsed.ok ? {} : parsed.errors;
      if (!attachments.ok) errors.attachments = attachments.error;
      return refused(errors, REQUEST_ARRAYS);
    }
    const origin_ = detail.origin ? { kind: detail.origin, assessmentId: detail.assessmentId, item: detail.assessmentItem } : null;
    const result = await updateDraft(scope, detail.id, toRequestInput(parsed.data, origin_), attachments.uploads, { submit: intent === "submit", origin });
    if (!result) throw notFound();
    if (!result.ok) return refused(result.errors, REQUEST_ARRAYS);
    if (intent === "submit") return redirect(`${back}/receipt`, { headers: await flash("requests:form.submittedShort") });
    return redirect(back, { headers: await flash("requests:form.saved") });
  }
  if (intent === "answer") {
    const parsed = parseForm(AnswerSchema, formData);
    const attachments = await readAttachments(formData);
    if (!parsed.ok || !attachments.ok) {
      const errors = parsed.ok ? {} : parsed.errors;
      if (!attachments.ok) errors.attachments = attachments.error;
      return refused(errors);
    }
    return outcome(await answerRequest(scope, detail.id, parsed.data.body, attachments.uploads, origin), "requests:detail.answered");
  }
  if (intent === "withdraw") {
    const parsed = parseForm(WithdrawSchema, formData);
    if (!parsed.ok) return refused(parsed.errors);
    return outcome(await withdrawRequest(scope, detail.id, parsed.data.body, origin), "requests:detail.withdrawn");
  }
  if (intent === "message") {
    const parsed = parseForm(MessageSchema, formData);
    const attachments = await readAttachments(formData);
    if (!parsed.ok || !attachments.ok) {
      const errors = parsed.ok ? {} : parsed.errors;
      if (!attachments.ok) errors.attachments = attachments.error;
      return refused(errors);
    }
    return outcome(await postMessage(scope, detail.id, { body: parsed.data.body, internal: false, uploads: attachments.uploads }, origin), "requests:detail.sent");
  }
  return redirect(back);
}

const fileHref = (id: number) => `/business/files/${id}`;

/** One small form per step; each shows only its own refusals. */
function StepForm({ intent, schema, children, submit, className }: { intent: Intent; schema: Parameters<typeof useValidatedForm>[0]; children: (errors: Record<string, string>) => ReactNode; submit: string; className?: string }) {
  const actionData = useActionData<typeof action>();
  const mine = actionData && "intent" in actionData && actionData.intent === intent ? actionData : undefined;
  const form = useValidatedForm(schema, mine?.errors);
  return (
    <ValidatedForm form={form} encType="multipart/form-data" className="stack">
      <input type="hidden" name="intent" value={intent} />
      {children(form.errors)}
      <SubmitButton className={className ?? "button"}>{submit}</SubmitButton>
    </ValidatedForm>
  );
}

function DraftEditor() {
  const { t } = useTranslation("requests");
  const { request, choices } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const mine = actionData && "intent" in actionData && (actionData.intent === "save" || actionData.intent === "submit") ? actionData : undefined;
  const form = useValidatedForm(RequestSchema, mine?.errors, REQUEST_ARRAYS);
  return (
    <>
      <ValidatedForm form={form} encType="multipart/form-data" className="stack">
        <ErrorSummary errors={form.errors} labels={requestLabels(t)} />
        <RequestFields
          errors={form.errors}
          values={mine?.values}
          defaults={{
            type: request.type,
            title: request.title,
            description: request.description,
            desiredOn: request.desiredOn ?? "",
            trainees: request.trainees ? String(request.trainees) : "",
            instrumentIds: request.instruments.map((i) => String(i.id)),
          }}
          instruments={choices?.instruments ?? []}
          instrumentTotal={choices?.total ?? 0}
        />
        {request.files.length ? (
          <div>
            <p>
              <strong>{t("form.attached")}</strong>
            </p>
            <FileList files={request.files} hrefOf={fileHref} />
          </div>
        ) : null}
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
      <Form method="post" className="stack">
        <input type="hidden" name="intent" value="delete" />
        <details>
          <summary>{t("form.deleteDraft")}</summary>
          <p>{t("form.deleteConfirm")}</p>
          <button type="submit" className="button button--warning">
            {t("form.deleteDraft")}
          </button>
        </details>
      </Form>
    </>
  );
}

export default function BusinessRequestPage() {
  const { t } = useTranslation("requests");
  const { request, clock, allowed, ask, provisionalYears } = useLoaderData<typeof loader>();
  const messageLabels = { body: t("detail.message"), attachments: t("form.attachments") };
  return (
    <div className="narrow">
      <p>
        <Link to="/business/requests" className="back-link">
          {t("detail.back")}
        </Link>
      </p>
      <p className="eyebrow">{request.code ?? t("list.noCode")}</p>
      <h1>{request.state === "draft" ? t("form.titleEdit") : request.title}</h1>
      <div className="request-head">
        <StateTag state={request.state} />
        <ClockTag clock={clock} />
      </div>
      <p className="lead">{t(`stateHint.${request.state}`)}</p>

      {request.state === "draft" ? (
        <DraftEditor />
      ) : (
        <>
          {ask && allowed.includes("answer") ? (
            <section className="panel panel--warning" aria-labelledby="needs-title">
              <h2 id="needs-title">{t("detail.needsTitle")}</h2>
              <p>{t("detail.needsLead")}</p>
              <ol>
                {ask.items.map((item, i) => (
                  <li key={i}>{item}</li>
                ))}
              </ol>
              {ask.body ? <p className="prewrap">{ask.body}</p> : null}
              <StepForm intent="answer" schema={AnswerSchema} submit={t("action.answer")}>
                {(errors) => (
                  <>
                    <ErrorSummary errors={errors} labels={{ body: t("detail.answer"), attachments: t("form.attachments") }} />
                    <TextArea name="body" label={t("detail.answer")} hint={t("detail.answerHint")} error={errors.body} rows={6} />
                    <FileField name="attachments" label={t("form.attachments")} hint={t("form.attachmentsHint")} error={errors.attachments} accept={ACCEPT_ATTRIBUTE} multiple />
                  </>
                )}
              </StepForm>
            </section>
          ) : null}

          <dl className="summary-list">
            <div>
              <dt>{t("detail.code")}</dt>
              <dd>
                {request.code} · <Link to={`/business/requests/${request.id}/receipt`}>{t("detail.receipt")}</Link>
              </dd>
            </div>
            <div>
              <dt>{t("detail.type")}</dt>
              <dd>{t(`type.${request.type}`)}</dd>
            </div>
            <div>
              <dt>{t("detail.submittedAt")}</dt>
              <dd>{formatDateTime(request.submittedAt)}</dd>
            </div>
            <div>
              <dt>{t("detail.appointment")}</dt>
              <dd>
                <strong>{formatDate(request.appointmentOn)}</strong>
                {clock.kind !== "none" ? <span className="field__hint"> · {t("clock.used", { count: clock.used })}</span> : null}
                <p className="field__hint">{t("detail.sla", { count: request.slaDays ?? 0 })}</p>
                <ProvisionalDateNote years={provisionalYears} />
              </dd>
            </div>
            {request.desiredOn ? (
              <div>
                <dt>{t("detail.desiredOn")}</dt>
                <dd>{formatDate(request.desiredOn)}</dd>
              </div>
            ) : null}
            {request.trainees ? (
              <div>
                <dt>{t("detail.trainees")}</dt>
                <dd>{request.trainees}</dd>
              </div>
            ) : null}
            <div>
              <dt>{t("detail.createdBy")}</dt>
              <dd>{request.creatorName}</dd>
            </div>
            <div>
              <dt>{t("detail.description")}</dt>
              <dd className="prewrap">{request.description}</dd>
            </div>
          </dl>

          {request.planProvider ? (
            <section className="panel" aria-labelledby="plan-title">
              <h2 id="plan-title">{t("detail.plan")}</h2>
              <dl className="summary-list summary-list--compact">
                <div>
                  <dt>{t("detail.planProvider")}</dt>
                  <dd>{request.planProvider}</dd>
                </div>
                <div>
                  <dt>{t("detail.planOn")}</dt>
                  <dd>{formatDate(request.planOn)}</dd>
                </div>
                {request.planNote ? (
                  <div>
                    <dt>{t("detail.planNote")}</dt>
                    <dd className="prewrap">{request.planNote}</dd>
                  </div>
                ) : null}
              </dl>
            </section>
          ) : null}
          {request.rejectReason ? (
            <section className="panel panel--warning" aria-labelledby="reject-title">
              <h2 id="reject-title">{t("detail.rejectReason")}</h2>
              <p className="prewrap">{request.rejectReason}</p>
            </section>
          ) : null}
          {request.outcome ? (
            <section className="panel" aria-labelledby="outcome-title">
              <h2 id="outcome-title">{t("detail.outcome")}</h2>
              <p className="prewrap">{request.outcome}</p>
            </section>
          ) : null}

          {needsInstruments(request.type) && request.instruments.length ? (
            <>
              <h2>{t("detail.instruments")}</h2>
              <ul className="plain-list">
                {request.instruments.map((i) => (
                  <li key={i.id}>
                    <Link to={`/business/instruments/${i.id}`}>{i.tag}</Link> — {i.name} · {i.siteName}
                    {i.nextDueOn ? <span className="field__hint"> · {formatDate(i.nextDueOn)}</span> : null}
                  </li>
                ))}
              </ul>
            </>
          ) : null}

          <h2>{t("detail.files")}</h2>
          {request.files.length ? <FileList files={request.files} hrefOf={fileHref} /> : <p>{t("detail.noFiles")}</p>}

          <h2>{t("detail.timeline")}</h2>
          <Timeline entries={request.entries} hrefOf={fileHref} />

          <section aria-labelledby="messages-title" className="form-section">
            <h2 id="messages-title">{t("detail.messagesTitle")}</h2>
            <StepForm intent="message" schema={MessageSchema} submit={t("detail.send")} className="button button--secondary">
              {(errors) => (
                <>
                  <ErrorSummary errors={errors} labels={messageLabels} />
                  <TextArea name="body" label={messageLabels.body} hint={t("detail.messageHint")} error={errors.body} rows={4} />
                  <FileField name="attachments" label={messageLabels.attachments} hint={t("form.attachmentsHint")} error={errors.attachments} accept={ACCEPT_ATTRIBUTE} multiple />
                </>
              )}
            </StepForm>
          </section>

          {allowed.includes("withdraw") ? (
            <details className="form-section">
              <summary>{t("detail.withdrawTitle")}</summary>
              <p>{t("detail.withdrawLead")}</p>
              <StepForm intent="withdraw" schema={WithdrawSchema} submit={t("action.withdraw")} className="button button--warning">
                {(errors) => (
                  <>
                    <ErrorSummary errors={errors} labels={{ body: t("detail.withdrawReason") }} />
                    <TextArea name="body" label={t("detail.withdrawReason")} error={errors.body} rows={3} />
                  </>
                )}
              </StepForm>
            </details>
          ) : null}
        </>
      )}
    </div>
  );
}
