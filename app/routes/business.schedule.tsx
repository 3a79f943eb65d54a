import { type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ListLink } from "~/components/list-link";
import { DueCell } from "~/components/due";
import { formatDate, formatNumber, vietnamDay } from "~/modules/i18n/format";
import { i18nServer } from "~/modules/i18n/i18next.server";
import { legalCatalogue } from "~/modules/legal/catalogue.server";
import { complianceOfCounts, dueState } from "~/modules/instruments/due-dates";
import { dueBreakdown, dueCounts, listInstruments } from "~/modules/instruments/instruments.server";
import { parseRegisterFilter } from "~/modules/instruments/register-filter";
import { requireBusinessScope } from "~/utils/auth.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

// The most urgent of each kind; "see all" opens the register filtered the same way (a chain of
// 5,000 instruments would otherwise put hundreds of rows on an overview page).
const LIST_LIMIT = 25;

export async function loader({ request }: LoaderFunctionArgs) {
  const scope = await requireBusinessScope(request);
  const language = await i18nServer.getLocale(request);
  const t = await i18nServer.getFixedT(request, "instruments");
  const today = vietnamDay();
  const [counts, catalogue] = await Promise.all([dueCounts(scope, today), legalCatalogue()]);
  const list = async (due: "overdue" | "due30" | "unknown") => {
    const filter = { ...parseRegisterFilter(new URLSearchParams(), today), due, sort: "due" as const, pageSize: LIST_LIMIT };
    // The counts above already hold each list's total.
    const { total, rows } = await listInstruments(scope, filter, today, counts[due]);
    // Only what the table shows: the rows are written into the page again for the browser.
    const shown = rows.map((r) => ({
      id: r.id,
      tag: r.tag,
      name: r.name,
      siteName: r.siteName,
      status: r.status,
      nextDueOn: r.nextDueOn,
      group: catalogue.status(r.typeId, r.purpose).group,
      state: dueState(r.nextDueOn, today),
    }));
    return { total, rows: shown };
  };
  const [bySite, byType, overdue, due30, unknown] = await Promise.all([
    dueBreakdown(scope, today, "site"),
    dueBreakdown(scope, today, "type"),
    list("overdue"),
    list("due30"),
    list("unknown"),
  ]);
  return {
    title: `${t("schedule.title")} — ${t("common:shell.brand")}`,
    today,
    counts,
    compliance: complianceOfCounts(counts),
    bySite,
    byType: byType.map((r) => ({ ...r, label: catalogue.typeName(r.key, language) })),
    overdue,
    due30,
    unknown,
  };
}

type Row = ReturnType<typeof useLoaderData<typeof loader>>["overdue"]["rows"][number];

function InstrumentTable({ rows, caption }: { rows: Row[]; caption: string }) {
  const { t } = useTranslation("instruments");
  return (
    <div className="table-wrap">
      <table className="table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t("fields.tag")}</th>
            <th scope="col">{t("fields.name")}</th>
            <th scope="col">{t("fields.siteId")}</th>
            <th scope="col">{t("list.nextDue")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id}>
              <td data-label={t("fields.tag")}>
                <ListLink to={`/business/instruments/${r.id}`}>{r.tag}</ListLink>
              </td>
              <td data-label={t("fields.name")}>
                {r.name}
                {r.group === 2 && !r.nextDueOn ? <span className="tag tag--red">{t("schedule.group2NoVerification")}</span> : null}
              </td>
              <td data-label={t("fields.siteId")}>{r.siteName}</td>
              <td data-label={t("list.nextDue")}>
                <DueCell dueOn={r.nextDueOn} state={r.state} status={r.status} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export default function SchedulePage() {
  const { t, i18n } = useTranslation("instruments");
  const { today, counts, compliance, bySite, byType, overdue, due30, unknown } = useLoaderData<typeof loader>();
  const lng = i18n.language;
  const sections = [
    { key: "overdue", data: overdue, link: "overdue" },
    { key: "due30", data: due30, link: "due30" },
    { key: "unknown", data: unknown, link: "unknown" },
  ] as const;
  return (
    <>
      <h1>{t("schedule.title")}</h1>
      <p className="lead">{t("schedule.lead", { date: formatDate(today) })}</p>
      <p>
        <Link to="/business/calendar">{t("schedule.calendar")}</Link>
      </p>
      <section className="score-card" aria-labelledby="compliance-title">
        <h2 id="compliance-title">{t("schedule.compliance")}</h2>
        <p className="score-card__value">{compliance === null ? "—" : `${formatNumber(compliance, lng)}%`}</p>
        {compliance !== null ? <meter min={0} max={100} low={80} high={95} optimum={100} value={compliance} aria-label={t("schedule.compliance")} /> : null}
        <p>{t("schedule.complianceMeaning", { inService: formatNumber(counts.inService, lng) })}</p>
      </section>
      <ul className="stat-list">
        {(["overdue", "due30", "due60", "due90", "unknown"] as const).map((state) => (
          <li key={state} className={`stat stat--${state}`}>
            <Link to={`/business/instruments?due=${state}&sort=due`}>
              <span className="stat__value">{formatNumber(counts[state], lng)}</span>
              <span className="stat__label">{t(`due.${state}`)}</span>
            </Link>
          </li>
        ))}
      </ul>
      {sections.map(({ key, data, link }) =>
        data.total ? (
          <section key={key} aria-labelledby={`schedule-${key}`}>
            <h2 id={`schedule-${key}`}>
              {t(`schedule.${key}Title`)} ({formatNumber(data.total, lng)})
            </h2>
            <InstrumentTable rows={data.rows} caption={t(`schedule.${key}Title`)} />
            {key !== "due30" ? (
              <p>
                <Link
                  className="button button--secondary"
                  to={`/business/requests/new?${new URLSearchParams({ origin: "schedule", type: "verification", instruments: data.rows.map((r) => r.id).join(",") })}`}
                >
                  {t(key === "overdue" ? "requests:entryPoints.schedule" : "requests:entryPoints.scheduleUnknown", { count: data.rows.length })}
                </Link>
              </p>
            ) : null}
            {data.total > data.rows.length ? (
              <p>
                <Link to={`/business/instruments?due=${link}&sort=due`}>{t("schedule.seeAll", { count: data.total })}</Link>
              </p>
            ) : null}
          </section>
        ) : null,
      )}
      {counts.inService === 0 ? (
        <div className="empty-state">
          <p>{t("schedule.empty")}</p>
          <Link to="/business/instruments/new">{t("list.add")}</Link> · <Link to="/business/instruments/import">{t("list.import")}</Link>
        </div>
      ) : null}
      {[
        { key: "bySite", rows: bySite },
        { key: "byType", rows: byType },
      ].map(({ key, rows }) =>
        rows.length ? (
          <section key={key} aria-labelledby={`schedule-${key}`}>
            <h2 id={`schedule-${key}`}>{t(`schedule.${key}`)}</h2>
            <div className="table-wrap">
              <table className="table">
                <caption className="visually-hidden">{t(`schedule.${key}`)}</caption>
                <thead>
                  <tr>
                    <th scope="col">{key === "bySite" ? t("fields.siteId") : t("fields.typeId")}</th>
                    <th scope="col">{t("schedule.inService")}</th>
                    <th scope="col">{t("due.overdue")}</th>
                    <th scope="col">{t("due.due30")}</th>
                    <th scope="col">{t("schedule.due31to90")}</th>
                    <th scope="col">{t("due.unknown")}</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((r) => (
                    <tr key={r.key}>
                      <td data-label={key === "bySite" ? t("fields.siteId") : t("fields.typeId")}>{r.label}</td>
                      <td data-label={t("schedule.inService")}>{r.inService}</td>
                      <td data-label={t("due.overdue")}>{r.overdue}</td>
                      <td data-label={t("due.due30")}>{r.due30}</td>
                      <td data-label={t("schedule.due31to90")}>{r.due90}</td>
                      <td data-label={t("due.unknown")}>{r.unknown}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
        ) : null,
      )}
    </>
  );
}
