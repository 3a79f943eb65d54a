import { type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { StateTag } from "~/components/request-parts";
import { businessOverviewForDost } from "~/modules/accounts/businesses.server";
import { loadCommuneLabels } from "~/modules/admin-units/units.server";
import { communeLabel, ownershipName, sectorName } from "~/modules/content/content";
import { formatDate, formatNumber, vietnamDay } from "~/modules/i18n/format";
import { i18nServer } from "~/modules/i18n/i18next.server";
import { notFound, requireDostScope } from "~/utils/auth.server";
import { idParam } from "~/utils/request.server";
import { SectionScoresTable } from "~/components/section-scores";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const scope = await requireDostScope(request);
  const businessId = idParam(params.businessId);
  const language = await i18nServer.getLocale(request);
  const overview = businessId ? await businessOverviewForDost(scope, businessId, vietnamDay(), language) : null;
  if (!overview) throw notFound();
  const t = await i18nServer.getFixedT(request, "dost");
  // Labels are made here, where DOST's list (renamed or added units too) is known.
  await loadCommuneLabels();
  return {
    title: `${overview.profile.legalName} — ${t("common:shell.brand")}`,
    ...overview,
    communeName: communeLabel(overview.profile.communeId, overview.profile.communeOther, language),
    sites: overview.sites.map((site) => ({ ...site, communeName: communeLabel(site.communeId, site.communeOther, language) })),
  };
}

export default function DostBusinessPage() {
  const { t, i18n } = useTranslation("dost");
  const { profile, communeName, sites, memberCount, submittedCount, assessment, compliance, requests } = useLoaderData<typeof loader>();
  const lng = i18n.language;
  const number = (n: number) => formatNumber(n, lng);
  const percent = (n: number) => `${formatNumber(n, lng)}%`;
  return (
    <>
      <p>
        <Link to="/dost" className="back-link">
          {t("business.back")}
        </Link>
      </p>
      <h1>{profile.legalName}</h1>

      <section aria-labelledby="profile-title">
        <h2 id="profile-title" className="visually-hidden">
          {t("business.profileTitle")}
        </h2>
        <dl className="summary-list summary-list--compact">
          <div>
            <dt>{t("business.taxCode")}</dt>
            <dd>{profile.taxCode}</dd>
          </div>
          <div>
            <dt>{t("business.sectors")}</dt>
            <dd>{profile.sectors.map((s) => sectorName(s, lng)).join(", ")}</dd>
          </div>
          <div>
            <dt>{t("business.ownership")}</dt>
            <dd>{ownershipName(profile.ownership, lng)}</dd>
          </div>
          <div>
            <dt>{t("business.address")}</dt>
            <dd>{[profile.streetAddress, communeName].filter(Boolean).join(", ")}</dd>
          </div>
          <div>
            <dt>{t("business.contact")}</dt>
            <dd>
              {profile.contactName}
              <br />
              <a href={`tel:${profile.phone.replace(/[^\d+]/g, "")}`}>{profile.phone}</a>
              {" · "}
              <a href={`mailto:${profile.contactEmail}`}>{profile.contactEmail}</a>
            </dd>
          </div>
          <div>
            <dt>{t("business.members")}</dt>
            <dd>{t("business.membersCount", { count: memberCount, formatted: number(memberCount) })}</dd>
          </div>
          <div>
            <dt>{t("business.registered")}</dt>
            <dd>{formatDate(profile.createdAt)}</dd>
          </div>
        </dl>
      </section>

      <section aria-labelledby="sites-title">
        <h2 id="sites-title">{t("business.sitesTitle", { formatted: number(sites.length) })}</h2>
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">{t("business.sitesCaption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("business.colSite")}</th>
                <th scope="col">{t("business.colCommune")}</th>
                <th scope="col">{t("business.colAddress")}</th>
              </tr>
            </thead>
            <tbody>
              {sites.map((site) => (
                <tr key={site.id}>
                  <td data-label={t("business.colSite")}>{site.name}</td>
                  <td data-label={t("business.colCommune")}>{site.communeName}</td>
                  <td data-label={t("business.colAddress")}>{site.streetAddress || "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section aria-labelledby="assessment-title">
        <h2 id="assessment-title">{t("business.assessmentTitle")}</h2>
        {assessment ? (
          <>
            <div className="score-card">
              <p className="score-card__value">{assessment.score === null ? t("business.noScore") : percent(assessment.score)}</p>
              {assessment.score !== null ? (
                <meter min={0} max={100} low={40} high={85} optimum={100} value={assessment.score} aria-label={t("business.overall")} />
              ) : null}
              {assessment.level ? (
                <p className="score-card__level">
                  {t("business.level")}: <strong>{assessment.level.name}</strong>
                </p>
              ) : null}
              <p>{t("business.assessmentSubmitted", { date: formatDate(assessment.submittedAt), count: submittedCount })}</p>
              {assessment.previous ? (
                <p className="field__hint">
                  {t("business.previous", {
                    date: formatDate(assessment.previous.submittedAt),
                    score: assessment.previous.score === null ? "—" : percent(assessment.previous.score),
                  })}
                </p>
              ) : null}
            </div>
            <SectionScoresTable sections={assessment.sections} caption={t("business.sectionsCaption")} />
            <h3>{t("business.gapsTitle")}</h3>
            {assessment.gaps.length ? (
              <>
                {/* Ranked by weight; each starts with its checklist number, so the list shows no numbers of its own. */}
                <ol className="plain-list">
                  {assessment.gaps.map((gap) => (
                    <li key={gap.key}>
                      {gap.number} {gap.question} <span className="field__hint">({gap.sectionTitle})</span>
                    </li>
                  ))}
                </ol>
                {assessment.gapCount > assessment.gaps.length ? (
                  <p className="field__hint">{t("business.gapsMore", { count: assessment.gapCount - assessment.gaps.length })}</p>
                ) : null}
              </>
            ) : (
              <p>{t("business.noGaps")}</p>
            )}
          </>
        ) : (
          <p className="empty-state">{t("business.assessmentNone")}</p>
        )}
      </section>

      <section aria-labelledby="instruments-title">
        <h2 id="instruments-title">{t("business.instrumentsTitle")}</h2>
        {compliance.inService ? (
          <>
            <div className="score-card">
              <p className="score-card__value">{compliance.share === null ? "—" : percent(compliance.share)}</p>
              {compliance.share !== null ? (
                <meter min={0} max={100} low={80} high={95} optimum={100} value={compliance.share} aria-label={t("business.inDateShare")} />
              ) : null}
              <p className="score-card__level">{t("business.inDateShare")}</p>
              <p className="field__hint">{t("business.inDateMeaning", { formatted: number(compliance.inService) })}</p>
            </div>
            <dl className="summary-list summary-list--compact">
              <div>
                <dt>{t("business.inService")}</dt>
                <dd>{number(compliance.inService)}</dd>
              </div>
              <div>
                <dt>{t("business.overdue")}</dt>
                <dd>{compliance.overdue ? <span className="tag tag--red">{number(compliance.overdue)}</span> : number(0)}</dd>
              </div>
              <div>
                <dt>{t("business.due30")}</dt>
                <dd>{compliance.due30 ? <span className="tag tag--amber">{number(compliance.due30)}</span> : number(0)}</dd>
              </div>
              <div>
                <dt>{t("business.unknown")}</dt>
                <dd>{number(compliance.unknown)}</dd>
              </div>
            </dl>
          </>
        ) : (
          <p className="empty-state">{t("business.noInstruments")}</p>
        )}
      </section>

      <section aria-labelledby="requests-title">
        <h2 id="requests-title">{t("business.requestsTitle")}</h2>
        {requests.length ? (
          <div className="table-wrap">
            <table className="table">
              <caption className="visually-hidden">{t("business.requestsCaption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("business.colCode")}</th>
                  <th scope="col">{t("business.colType")}</th>
                  <th scope="col">{t("business.colState")}</th>
                  <th scope="col">{t("business.colSubmitted")}</th>
                  <th scope="col">{t("business.colAppointment")}</th>
                </tr>
              </thead>
              <tbody>
                {requests.map((r) => (
                  <tr key={r.id}>
                    <td data-label={t("business.colCode")}>
                      <Link to={`/dost/requests/${r.id}`}>{r.code}</Link>
                      <br />
                      <span className="field__hint">{r.title}</span>
                    </td>
                    <td data-label={t("business.colType")}>{t(`requests:type.${r.type}`)}</td>
                    <td data-label={t("business.colState")}>
                      <StateTag state={r.state} />
                    </td>
                    <td data-label={t("business.colSubmitted")}>{r.submittedOn ? formatDate(r.submittedOn) : "—"}</td>
                    <td data-label={t("business.colAppointment")}>{r.appointmentOn ? formatDate(r.appointmentOn) : "—"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p className="empty-state">{t("business.requestsNone")}</p>
        )}
      </section>
    </>
  );
}
