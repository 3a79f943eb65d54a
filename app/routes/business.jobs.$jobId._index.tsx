import { type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useRevalidator } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { formatDateTime } from "~/modules/i18n/format";
import { i18nServer } from "~/modules/i18n/i18next.server";
import { jobFinished } from "~/modules/jobs/jobs";
import { KEEP_FINISHED_MS, jobOf } from "~/modules/jobs/jobs.server";
import { notFound, requireBusinessScope } from "~/utils/auth.server";
import { idParam } from "~/utils/request.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

/** While the file is being made the page looks again this often: by itself with JavaScript, by a refresh without. */
const REFRESH_SECONDS = 2;

// One export or label PDF being made off the request path: "preparing your file… n %", then a link
// to the file. Works without JavaScript (the page refreshes itself); with it, only the data reloads.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const scope = await requireBusinessScope(request);
  const id = idParam(params.jobId);
  const job = id ? await jobOf(scope, id) : undefined;
  // Import checks run while their request waits; they have no page.
  if (!job || job.kind === "import.check") throw notFound();
  const t = await i18nServer.getFixedT(request, "imports");
  return {
    title: `${t(`jobs.kinds.${job.kind === "labels.pdf" ? "labels" : job.kind === "export.csv" ? "csv" : "xlsx"}`)} — ${t("common:shell.brand")}`,
    job: {
      id: job.id,
      kind: job.kind,
      status: job.status,
      progress: job.progress,
      error: job.error,
      filename: job.filename,
      createdAt: job.createdAt,
      finishedAt: job.finishedAt,
    },
    keepHours: String(KEEP_FINISHED_MS / 3_600_000),
    refreshSeconds: REFRESH_SECONDS,
  };
}

export default function JobPage() {
  const { t } = useTranslation("imports");
  const { job, keepHours, refreshSeconds } = useLoaderData<typeof loader>();
  const revalidator = useRevalidator();
  const latest = useRef(revalidator);
  latest.current = revalidator;
  const finished = jobFinished(job.status);
  useEffect(() => {
    if (finished) return;
    const timer = setInterval(() => {
      if (latest.current.state === "idle") latest.current.revalidate();
    }, refreshSeconds * 1000);
    return () => clearInterval(timer);
  }, [finished, refreshSeconds]);
  const kind = job.kind === "labels.pdf" ? "labels" : job.kind === "export.csv" ? "csv" : "xlsx";
  const back = job.kind === "labels.pdf" ? "/business/instruments/labels" : "/business/instruments";
  return (
    <>
      <p>
        <Link to="/business/instruments" className="back-link">
          {t("jobs.back")}
        </Link>
      </p>
      <h1>{t(`jobs.kinds.${kind}`)}</h1>
      <p className="meta-line">{t("jobs.asked", { when: formatDateTime(job.createdAt) })}</p>
      {!finished ? (
        <>
          {/* Without JavaScript the page refreshes itself; with it, the effect above reloads the data. */}
          <noscript>
            <meta httpEquiv="refresh" content={String(refreshSeconds)} />
          </noscript>
          <div className="panel" role="status" aria-live="polite">
            {job.status === "queued" ? (
              <p>{t("jobs.queued")}</p>
            ) : (
              <p>
                {t("jobs.running", { percent: job.progress })}{" "}
                <progress max={100} value={job.progress} aria-label={t("jobs.progressLabel")} />
              </p>
            )}
          </div>
          <p className="meta-line">
            {t("jobs.refreshing", { seconds: refreshSeconds })} <a href={`/business/jobs/${job.id}`}>{t("jobs.checkNow")}</a>
          </p>
        </>
      ) : job.status === "done" ? (
        <div className="panel" role="status">
          <p>{t("jobs.ready", { when: job.finishedAt ? formatDateTime(job.finishedAt) : "" })}</p>
          <p>
            {/* A file, not a page: the browser downloads (or opens the PDF) rather than navigating in the app. */}
            <a href={`/business/jobs/${job.id}/download`} className="button">
              {t("jobs.download", { file: job.filename ?? "" })}
            </a>
          </p>
          <p className="meta-line">{t("jobs.kept", { hours: keepHours })}</p>
        </div>
      ) : (
        <div className="panel panel--warning" role="alert">
          <p>{t(job.error ?? "imports:jobs.failed")}</p>
          <p>
            <Link to={back}>{t("jobs.again")}</Link>
          </p>
        </div>
      )}
      <p>
        <Link to="/business/jobs">{t("jobs.recent")}</Link>
      </p>
    </>
  );
}
