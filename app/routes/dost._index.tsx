import { type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FilterSelect } from "~/components/filter-select";
import { Pagination } from "~/components/pagination";
import { BUSINESS_PAGE_SIZE, listBusinesses } from "~/modules/accounts/businesses.server";
import { communeLabel, localize, sectorIds, sectorName, sectorsFile } from "~/modules/content/content";
import { formatDate, formatNumber, vietnamDay } from "~/modules/i18n/format";
import { i18nServer } from "~/modules/i18n/i18next.server";
import { dostRequestSummary } from "~/modules/requests/queries.server";
import { requireDostScope } from "~/utils/auth.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export async function loader({ request }: LoaderFunctionArgs) {
  const scope = await requireDostScope(request);
  const url = new URL(request.url);
  const query = (url.searchParams.get("q") ?? "").trim().slice(0, 100);
  const sectorParam = url.searchParams.get("sector");
  const sector = sectorParam && sectorIds.includes(sectorParam) ? sectorParam : null;
  const page = Math.max(1, Math.min(10_000, Number.parseInt(url.searchParams.get("page") ?? "1", 10) || 1));
  const [{ total, businesses }, waiting] = await Promise.all([listBusinesses(scope, { query, sector, page }), dostRequestSummary(scope, vietnamDay())]);
  const t = await i18nServer.getFixedT(request, "dost");
  return {
    title: `${t("home.title")} — ${t("common:shell.brand")}`,
    query,
    sector,
    page,
    pageCount: Math.max(1, Math.ceil(total / BUSINESS_PAGE_SIZE)),
    total,
    businesses,
    waiting,
  };
}

// What waits for reviewers, each a link to the queue filtered to exactly those requests.
const WAITING = [
  { key: "late", href: "/dost/requests?clock=late", className: "stat stat--overdue" },
  { key: "unassigned", href: "/dost/requests?state=submitted&assignee=none", className: "stat stat--due30" },
  { key: "answered", href: "/dost/requests?state=answered", className: "stat" },
  { key: "mine", href: "/dost/requests?assignee=me", className: "stat" },
  { key: "toComplete", href: "/dost/requests?state=approved", className: "stat" },
] as const;

function WaitingPanel({ waiting }: { waiting: Record<(typeof WAITING)[number]["key"], number> }) {
  const { t, i18n } = useTranslation("review");
  return (
    <section className="panel" aria-labelledby="waiting-title">
      <h2 id="waiting-title">{t("home.title")}</h2>
      <ul className="stat-list">
        {WAITING.map(({ key, href, className }) => (
          <li key={key} className={className}>
            <Link to={href}>
              <span className="stat__value">{formatNumber(waiting[key], i18n.language)}</span>
              <span className="stat__label">{t(`home.${key}`)}</span>
            </Link>
          </li>
        ))}
      </ul>
      <p>
        <Link to="/dost/requests">{t("home.queue")}</Link>
      </p>
    </section>
  );
}

export default function DostHome() {
  const { t, i18n } = useTranslation("dost");
  const { query, sector, page, pageCount, total, businesses, waiting } = useLoaderData<typeof loader>();
  const lng = i18n.language;
  const filtered = Boolean(query || sector);
  return (
    <>
      <WaitingPanel waiting={waiting} />
      <h1>{t("home.title")}</h1>
      <p className="lead">{t("home.lead")}</p>
      <Form method="get" className="filters" role="search" aria-label={t("home.searchLabel")}>
        <div className="field">
          <label htmlFor="q">{t("home.search")}</label>
          <input id="q" name="q" type="search" className="input" defaultValue={query} />
        </div>
        <FilterSelect
          name="sector"
          label={t("home.sector")}
          allLabel={t("home.allSectors")}
          options={sectorsFile.sectors.map((s) => ({ value: s.id, label: localize(s.name, lng) }))}
          value={sector ?? ""}
        />
        <button type="submit" className="button">
          {t("home.filter")}
        </button>
        {filtered ? <Link to="/dost">{t("home.clear")}</Link> : null}
      </Form>
      <p className="meta-line" aria-live="polite">
        {t("home.count", { count: total, formatted: formatNumber(total, lng) })}
      </p>
      {businesses.length ? (
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">{t("home.tableCaption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("home.colName")}</th>
                <th scope="col">{t("home.colTaxCode")}</th>
                <th scope="col">{t("home.colSectors")}</th>
                <th scope="col">{t("home.colCommune")}</th>
                <th scope="col">{t("home.colRegistered")}</th>
              </tr>
            </thead>
            <tbody>
              {businesses.map((b) => (
                <tr key={b.id}>
                  <td data-label={t("home.colName")}>{b.legalName}</td>
                  <td data-label={t("home.colTaxCode")}>{b.taxCode}</td>
                  <td data-label={t("home.colSectors")}>{b.sectors.map((s) => sectorName(s, lng)).join(", ")}</td>
                  <td data-label={t("home.colCommune")}>{communeLabel(b.communeId, b.communeOther, lng)}</td>
                  <td data-label={t("home.colRegistered")}>{formatDate(b.createdAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <div className="empty-state">
          <p>{filtered ? t("home.noMatch") : t("home.empty")}</p>
        </div>
      )}
      <Pagination page={page} pageCount={pageCount} />
    </>
  );
}
