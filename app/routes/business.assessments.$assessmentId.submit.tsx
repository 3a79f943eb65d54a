import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, data, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { ErrorSummary, TextField, kept } from "~/components/form";
import { SubmitButton, ValidatedForm, useValidatedForm } from "~/components/validated-form";
import { passwordGate, recordPasswordFailure } from "~/modules/accounts/login.server";
import { answersOf, getAssessment, scoredItems, sectionsOf, submitAssessment } from "~/modules/assessments/assessments.server";
import { formatDate } from "~/modules/i18n/format";
import { i18nServer } from "~/modules/i18n/i18next.server";
import { notFound, requireBusinessScope } from "~/utils/auth.server";
import { failure, parseForm } from "~/utils/forms";
import { clientAddress, idParam } from "~/utils/request.server";
import { setFlash } from "~/utils/session.server";
import { readForm } from "~/utils/read-form.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

const SubmitSchema = z.object({ password: z.string().min(1, "errors.required") });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const scope = await requireBusinessScope(request);
  const id = idParam(params.assessmentId);
  const assessment = id ? await getAssessment(scope, id) : undefined;
  if (!assessment) throw notFound();
  if (assessment.status !== "draft") throw redirect(`/business/assessments/${assessment.id}/result`);
  const t = await i18nServer.getFixedT(request, "assessments");
  const { sections } = sectionsOf(assessment);
  const items = scoredItems(sections, await answersOf(assessment.id));
  return {
    title: `${t("submit.title")} — ${t("common:shell.brand")}`,
    assessment: { id: assessment.id, startedAt: assessment.startedAt },
    unanswered: items.filter((i) => i.answer === null).length,
    email: scope.user.email,
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const scope = await requireBusinessScope(request);
  const id = idParam(params.assessmentId);
  if (!id) throw notFound();
  const parsed = parseForm(SubmitSchema, await readForm(request));
  if (!parsed.ok) return data(parsed, { status: 400 });
  // The password asked again counts with the login failures: a borrowed session is no way to guess it.
  const ip = clientAddress(context);
  const gate = await passwordGate(scope.user.email, ip);
  if (!gate.allowed) {
    return data(failure({ form: "accounts:errors.passwordLocked" }, { retryAfter: String(gate.retryAfterMinutes) }), { status: 429 });
  }
  const result = await submitAssessment(scope, id, parsed.data.password);
  if (!result.ok) {
    if (result.reason === "password") await recordPasswordFailure(scope.user.email, ip);
    if (result.reason === "notFound") throw notFound();
    const key = { submitted: "assessments:errors.submitted", password: "assessments:errors.password", unanswered: "assessments:errors.unanswered" }[
      result.reason
    ];
    return data(failure(result.reason === "password" ? { password: key } : { form: key }, {}), { status: 400 });
  }
  return redirect(`/business/assessments/${id}/result`, {
    headers: { "Set-Cookie": await setFlash(request, { kind: "success", message: "assessments:submit.done" }) },
  });
}

export default function SubmitPage() {
  const { t } = useTranslation("assessments");
  const { assessment, unanswered, email } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const form = useValidatedForm(SubmitSchema, actionData?.errors);
  const { errors } = form;
  const base = `/business/assessments/${assessment.id}`;
  return (
    <div className="narrow">
      <p>
        <Link to={base} className="back-link">
          {t("section.back")}
        </Link>
      </p>
      <h1>{t("submit.title")}</h1>
      <p className="lead">{t("submit.lead", { date: formatDate(assessment.startedAt) })}</p>
      {unanswered ? (
        <div className="panel panel--warning">
          <p>{t("submit.unanswered", { count: unanswered })}</p>
          <Link to={base}>{t("submit.backToAnswer")}</Link>
        </div>
      ) : (
        <ValidatedForm form={form} className="stack">
          <ErrorSummary errors={errors} labels={{ password: t("submit.password") }} values={{ minutes: kept(actionData?.values, "retryAfter") }} />
          <ul>
            <li>{t("submit.point1")}</li>
            <li>{t("submit.point2")}</li>
            <li>{t("submit.point3")}</li>
          </ul>
          <input type="hidden" name="username" value={email} autoComplete="username" />
          <TextField
            name="password"
            type="password"
            label={t("submit.password")}
            hint={t("submit.passwordHint")}
            autoComplete="current-password"
            error={errors.password}
            width="medium"
          />
          <SubmitButton>{t("submit.confirm")}</SubmitButton>
        </ValidatedForm>
      )}
    </div>
  );
}
