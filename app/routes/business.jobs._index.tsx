import { type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatDateTime } from "~/modules/i18n/format";
import { i18nServer } from "~/modules/i18n/i18next.server";
import { KEEP_FINISHED_MS, jobOf, recentJobs } from "~/modules/jobs/jobs.server";
import { requireBusinessScope } from "~/utils/auth.server";
import { idParam } from "~/utils/request.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

const kindKey = (kind: string) => (kind === "labels.pdf" ? "labels" : kind === "export.csv" ? "csv" : kind === "import.check" ? "import" : "xlsx");

// The business's files being made or made lately. An export asked for while another heavy job of
// the business runs lands here (?busy=<that job>) with a word on why nothing started.
export async function loader({ request }: LoaderFunctionArgs) {
  const scope = await requireBusinessScope(request);
  const t = await i18nServer.getFixedT(request, "imports");
  const busyId = idParam(new URL(request.url).searchParams.get("busy") ?? undefined);
  const busy = busyId ? await jobOf(scope, busyId) : undefined;
  const jobs = await recentJobs(scope);
  return {
    title: `${t("jobs.listTitle")} — ${t("common:shell.brand")}`,
    busy: busy ? { kind: kindKey(busy.kind), since: busy.createdAt, finished: busy.status === "done" || busy.status === "failed" } : null,
    jobs: jobs.map((j) => ({ id: j.id, kind: kindKey(j.kind), status: j.status, progress: j.progress, createdAt: j.createdAt, filename: j.filename })),
    keepHours: String(KEEP_FINISHED_MS / 3_600_000),
  };
}

export default function JobsPage() {
  const { t } = useTranslation("imports");
  const { busy, jobs, keepHours } = useLoaderData<typeof loader>();
  return (
    <>
      <p>
        <Link to="/business/instruments" className="back-link">
          {t("jobs.back")}
        </Link>
      </p>
      <h1>{t("jobs.listTitle")}</h1>
      {busy ? (
        <div className="panel panel--warning" role="alert">
          <p>{busy.finished ? t("jobs.busyOver") : t(`busy.kind.${busy.kind}`, { when: formatDateTime(busy.since) })}</p>
          <p>{t("jobs.busyLead")}</p>
        </div>
      ) : null}
      <p className="lead">{t("jobs.listLead", { hours: keepHours })}</p>
      {jobs.length ? (
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">{t("jobs.listTitle")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("jobs.columns.what")}</th>
                <th scope="col">{t("jobs.columns.asked")}</th>
                <th scope="col">{t("jobs.columns.state")}</th>
              </tr>
            </thead>
            <tbody>
              {jobs.map((job) => (
                <tr key={job.id}>
                  <td data-label={t("jobs.columns.what")}>
                    <Link to={`/business/jobs/${job.id}`}>{t(`jobs.kinds.${job.kind}`)}</Link>
                  </td>
                  <td data-label={t("jobs.columns.asked")}>{formatDateTime(job.createdAt)}</td>
                  <td data-label={t("jobs.columns.state")}>
                    {job.status === "done" ? (
                      <a href={`/business/jobs/${job.id}/download`}>{t("jobs.states.done")}</a>
                    ) : (
                      t(`jobs.states.${job.status}`, { percent: job.progress })
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p className="empty-state">{t("jobs.none")}</p>
      )}
    </>
  );
}
