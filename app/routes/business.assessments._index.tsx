import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { listAssessments, startAssessment } from "~/modules/assessments/assessments.server";
import { checklistFor } from "~/modules/assessments/checklist.server";
import { localize } from "~/modules/content/content";
import { formatDate, formatDateTime, formatNumber } from "~/modules/i18n/format";
import { i18nServer } from "~/modules/i18n/i18next.server";
import { requireBusinessScope } from "~/utils/auth.server";
import { setFlash } from "~/utils/session.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export async function loader({ request }: LoaderFunctionArgs) {
  const scope = await requireBusinessScope(request);
  const language = await i18nServer.getLocale(request);
  const t = await i18nServer.getFixedT(request, "assessments");
  const assessments = await listAssessments(scope);
  return {
    title: `${t("list.title")} — ${t("common:shell.brand")}`,
    assessments: assessments.map((a) => {
      const level = a.maturityLevel ? checklistFor(a.checklistVersion).maturityLevels.find((l) => l.key === a.maturityLevel) : undefined;
      return { ...a, levelName: level ? localize(level.name, language) : null };
    }),
    hasDraft: assessments.some((a) => a.status === "draft"),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const scope = await requireBusinessScope(request);
  const started = await startAssessment(scope);
  const headers = started.resumed
    ? { "Set-Cookie": await setFlash(request, { kind: "info", message: "assessments:list.resumedDraft" }) }
    : undefined;
  return redirect(`/business/assessments/${started.id}`, { headers });
}

export default function AssessmentsPage() {
  const { t, i18n } = useTranslation("assessments");
  const { assessments, hasDraft } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>{t("list.title")}</h1>
      <p className="lead">{t("list.lead")}</p>
      {hasDraft ? null : (
        <Form method="post">
          <button type="submit" className="button">
            {assessments.length ? t("list.startNew") : t("list.startFirst")}
          </button>
        </Form>
      )}
      <h2>{t("list.history")}</h2>
      {assessments.length ? (
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">{t("list.history")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("list.colStarted")}</th>
                <th scope="col">{t("list.colStatus")}</th>
                <th scope="col">{t("list.colScore")}</th>
                <th scope="col">{t("list.colLevel")}</th>
                <th scope="col">
                  <span className="visually-hidden">{t("list.colOpen")}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {assessments.map((a) => (
                <tr key={a.id}>
                  <td data-label={t("list.colStarted")}>{formatDate(a.startedAt)}</td>
                  <td data-label={t("list.colStatus")}>
                    {a.status === "submitted" ? (
                      <span className="tag tag--green">{t("status.submittedOn", { when: formatDateTime(a.submittedAt) })}</span>
                    ) : (
                      <span className="tag tag--amber">{t("status.draft")}</span>
                    )}
                  </td>
                  <td data-label={t("list.colScore")}>{a.score === null ? "—" : `${formatNumber(a.score, i18n.language)}%`}</td>
                  <td data-label={t("list.colLevel")}>{a.levelName ?? "—"}</td>
                  <td>
                    <Link to={`/business/assessments/${a.id}`}>
                      {a.status === "draft" ? t("list.continue") : t("list.open")}
                      <span className="visually-hidden"> {formatDate(a.startedAt)}</span>
                    </Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <div className="empty-state">
          <p>{t("list.empty")}</p>
        </div>
      )}
    </>
  );
}
