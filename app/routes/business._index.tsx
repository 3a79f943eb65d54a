import { type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getOwnBusiness, setupCounts } from "~/modules/accounts/businesses.server";
import { can } from "~/modules/accounts/permissions";
import { listAssessments } from "~/modules/assessments/assessments.server";
import { complianceOfCounts } from "~/modules/instruments/due-dates";
import { dueCounts } from "~/modules/instruments/instruments.server";
import { loadCommuneLabels } from "~/modules/admin-units/units.server";
import { communeLabel, sectorName } from "~/modules/content/content";
import { formatDate, formatNumber, vietnamDay } from "~/modules/i18n/format";
import { i18nServer } from "~/modules/i18n/i18next.server";
import { businessRequestSummary } from "~/modules/requests/queries.server";
import { notFound, requireBusinessScope } from "~/utils/auth.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export async function loader({ request }: LoaderFunctionArgs) {
  const scope = await requireBusinessScope(request);
  const [business, setup, assessments] = await Promise.all([getOwnBusiness(scope), setupCounts(scope), listAssessments(scope)]);
  const [counts, requests] = await Promise.all([dueCounts(scope, vietnamDay()), businessRequestSummary(scope)]);
  if (!business) throw notFound();
  const t = await i18nServer.getFixedT(request, "accounts");
  await loadCommuneLabels();
  return {
    title: `${business.legalName} — ${t("common:shell.brand")}`,
    business,
    communeName: communeLabel(business.communeId, business.communeOther, await i18nServer.getLocale(request)),
    siteCount: setup.sites,
    memberCount: setup.members,
    invitationCount: setup.invitations,
    isOwner: can(scope.user.role, "business:manageMembers"),
    userName: scope.user.fullName,
    draft: assessments.find((a) => a.status === "draft") ?? null,
    lastSubmitted: assessments.find((a) => a.status === "submitted") ?? null,
    counts,
    compliance: complianceOfCounts(counts),
    requests,
  };
}

export default function BusinessHome() {
  const { t, i18n } = useTranslation("accounts");
  const { business, communeName, siteCount, memberCount, invitationCount, isOwner, userName, draft, lastSubmitted, counts, compliance, requests } = useLoaderData<typeof loader>();
  const lng = i18n.language;
  const steps = [
    { done: true, title: t("home.stepRegistered"), body: t("home.stepRegisteredBody"), to: "/business/profile", link: t("home.viewProfile") },
    {
      done: siteCount > 1,
      title: t("home.stepSites"),
      body: t("home.stepSitesBody", { count: siteCount }),
      to: "/business/sites",
      link: t("home.manageSites"),
    },
    {
      done: memberCount + invitationCount > 1,
      title: t("home.stepMembers"),
      body: t("home.stepMembersBody", { count: memberCount }),
      to: "/business/members",
      link: t("home.manageMembers"),
    },
  ];
  return (
    <>
      <p className="eyebrow">{t("home.greeting", { name: userName })}</p>
      <h1>{business.legalName}</h1>
      <dl className="summary-list summary-list--compact">
        <div>
          <dt>{t("fields.taxCode")}</dt>
          <dd>{business.taxCode}</dd>
        </div>
        <div>
          <dt>{t("fields.sectors")}</dt>
          <dd>{business.sectors.map((s) => sectorName(s, lng)).join(", ")}</dd>
        </div>
        <div>
          <dt>{t("fields.commune")}</dt>
          <dd>{communeName}</dd>
        </div>
      </dl>

      {requests.needsInformation.length ? <RequestsWaiting requests={requests} /> : null}

      <section className="panel" aria-labelledby="home-instruments">
        <h2 id="home-instruments">{t("instruments:home.title")}</h2>
        {counts.inService ? (
          <>
            <p className="score-card__value">{t("instruments:home.compliance", { value: `${formatNumber(compliance ?? 0, lng)}%` })}</p>
            <p>{t("instruments:home.counts", { overdue: counts.overdue, due30: counts.due30, unknown: counts.unknown })}</p>
            <Link to="/business/schedule" className="button button--secondary">
              {t("instruments:home.link")}
            </Link>
          </>
        ) : (
          <>
            <p>{t("instruments:home.none")}</p>
            <Link to="/business/instruments/import" className="button button--secondary">
              {t("instruments:list.import")}
            </Link>
          </>
        )}
      </section>

      {requests.needsInformation.length ? null : <RequestsWaiting requests={requests} />}

      <section className="panel" aria-labelledby="home-assessment">
        <h2 id="home-assessment">{t("assessments:list.title")}</h2>
        {lastSubmitted ? (
          <p>
            {t("assessments:home.lastSubmitted", {
              date: formatDate(lastSubmitted.submittedAt),
              score: lastSubmitted.score === null ? "—" : `${formatNumber(lastSubmitted.score, lng)}%`,
            })}{" "}
            <Link to={`/business/assessments/${lastSubmitted.id}/result`}>{t("assessments:home.seeResult")}</Link>
          </p>
        ) : (
          <p>{t("assessments:home.never")}</p>
        )}
        {draft ? (
          <Link to={`/business/assessments/${draft.id}`} className="button">
            {t("assessments:home.continueDraft", { date: formatDate(draft.startedAt) })}
          </Link>
        ) : (
          <Link to="/business/assessments" className="button button--secondary">
            {t("assessments:home.start")}
          </Link>
        )}
      </section>

      <h2>{t("home.gettingStarted")}</h2>
      <ol className="task-list">
        {steps.map((step) => (
          <li key={step.title} className={`task-list__item${step.done ? " task-list__item--done" : ""}`}>
            <div>
              <h3 className="task-list__title">{step.title}</h3>
              <p>{step.body}</p>
              <Link to={step.to}>{step.link}</Link>
            </div>
            <span className={`tag ${step.done ? "tag--green" : "tag--grey"}`}>
              {step.done ? t("home.done") : isOwner ? t("home.todo") : t("home.ownerTodo")}
            </span>
          </li>
        ))}
      </ol>
    </>
  );
}

/** What waits for the business at DOST's end: first on the page when DOST asked for something. */
function RequestsWaiting({ requests }: { requests: Awaited<ReturnType<typeof businessRequestSummary>> }) {
  const { t } = useTranslation("requests");
  const asked = requests.needsInformation.length > 0;
  return (
    <section className={`panel${asked ? " panel--warning" : ""}`} aria-labelledby="home-requests">
      <h2 id="home-requests">{t("home.title")}</h2>
      {asked ? (
        <>
          <p>{t("home.needs", { count: requests.needsInformation.length })}</p>
          <ul>
            {requests.needsInformation.map((r) => (
              <li key={r.id}>
                <Link to={`/business/requests/${r.id}`}>
                  {r.code} — {r.title}
                </Link>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {requests.open ? <p>{t("home.open", { count: requests.open })}</p> : null}
      {requests.drafts.length ? <p>{t("home.drafts", { count: requests.drafts.length })}</p> : null}
      {!asked && !requests.open && !requests.drafts.length ? <p>{t("home.none")}</p> : null}
      <Link to="/business/requests" className="button button--secondary">
        {t("home.all")}
      </Link>
    </section>
  );
}
