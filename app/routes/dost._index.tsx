import { type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FilterSelect } from "~/components/filter-select";
import { CalendarWarning } from "~/components/holiday-parts";
import { Pagination } from "~/components/pagination";
import { BUSINESS_PAGE_SIZE, listBusinesses } from "~/modules/accounts/businesses.server";
import { can } from "~/modules/accounts/permissions";
import { communeFilterOptions } from "~/modules/admin-units/units.server";
import { communeLabel, localize, ownershipName, ownershipTypeIds, sectorIds, sectorName, sectorsFile } from "~/modules/content/content";
import { formatDate, formatNumber, vietnamDay } from "~/modules/i18n/format";
import { currentHolidayCalendar } from "~/modules/holidays/calendar.server";
import { calendarYearsToEnter } from "~/modules/holidays/rules";
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
  // Unknown values fall back to "all", so a shared link never breaks.
  const communeParam = url.searchParams.get("commune");
  const locale = await i18nServer.getLocale(request);
  const t = await i18nServer.getFixedT(request, "dost");
  const communeChoices = await communeFilterOptions(locale, (label) => t("catalogue:units.former", { label }));
  const commune = communeParam && communeChoices.some((o) => o.value === communeParam) ? communeParam : null;
  const ownershipParam = url.searchParams.get("ownership");
  const ownership = ownershipParam && ownershipTypeIds.includes(ownershipParam) ? ownershipParam : null;
  const page = Math.max(1, Math.min(10_000, Number.parseInt(url.searchParams.get("page") ?? "1", 10) || 1));
  const [{ total, businesses }, waiting] = await Promise.all([listBusinesses(scope, { query, sector, commune, ownership, page }), dostRequestSummary(scope, vietnamDay())]);
  return {
    title: `${t("home.title")} — ${t("common:shell.brand")}`,
    query,
    sector,
    commune,
    ownership,
    page,
    pageCount: Math.max(1, Math.ceil(total / BUSINESS_PAGE_SIZE)),
    total,
    // Labels are made here, where DOST's list (renamed or added units too) is known.
    businesses: businesses.map((b) => ({ ...b, communeName: communeLabel(b.communeId, b.communeOther, locale) })),
    communeChoices,
    waiting,
    // From 1 October, until next year's public holidays are entered (and while this year's are not).
    holidayYears: can(scope.user.role, "dost:admin") ? calendarYearsToEnter(await currentHolidayCalendar(), vietnamDay()) : [],
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
  const { query, sector, commune, ownership, page, pageCount, total, businesses, communeChoices, waiting, holidayYears } = useLoaderData<typeof loader>();
  const lng = i18n.language;
  const filtered = Boolean(query || sector || commune || ownership);
  return (
    <>
      <CalendarWarning years={holidayYears} />
      <WaitingPanel waiting={waiting} />
      <h1>{t("home.title")}</h1>
      <p className="lead">{t("home.lead")}</p>
      {/* A grid like the request queue's: the ward list has long names, and grid cells keep a select within a phone's width. */}
      <Form method="get" className="panel" role="search" aria-label={t("home.searchLabel")}>
        <div className="field-row">
          <div className="field">
            <label htmlFor="q">{t("home.search")}</label>
            <input id="q" name="q" type="search" className="input input--full" defaultValue={query} />
          </div>
          <FilterSelect
            name="sector"
            label={t("home.sector")}
            allLabel={t("home.allSectors")}
            options={sectorsFile.sectors.map((s) => ({ value: s.id, label: localize(s.name, lng) }))}
            value={sector ?? ""}
          />
          <FilterSelect
            name="commune"
            label={t("home.commune")}
            allLabel={t("home.allCommunes")}
            options={communeChoices}
            value={commune ?? ""}
          />
          <FilterSelect
            name="ownership"
            label={t("home.ownership")}
            allLabel={t("home.allOwnerships")}
            options={sectorsFile.ownershipTypes.map((o) => ({ value: o.id, label: localize(o.name, lng) }))}
            value={ownership ?? ""}
          />
        </div>
        <p className="action-row">
          <button type="submit" className="button">
            {t("home.filter")}
          </button>
          {filtered ? <Link to="/dost">{t("home.clear")}</Link> : null}
        </p>
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
                <th scope="col">{t("home.colOwnership")}</th>
                <th scope="col">{t("home.colRegistered")}</th>
              </tr>
            </thead>
            <tbody>
              {businesses.map((b) => (
                <tr key={b.id}>
                  <td data-label={t("home.colName")}>
                    <Link to={`/dost/businesses/${b.id}`}>{b.legalName}</Link>
                  </td>
                  <td data-label={t("home.colTaxCode")}>{b.taxCode}</td>
                  <td data-label={t("home.colSectors")}>{b.sectors.map((s) => sectorName(s, lng)).join(", ")}</td>
                  <td data-label={t("home.colCommune")}>{b.communeName}</td>
                  <td data-label={t("home.colOwnership")}>{ownershipName(b.ownership, lng)}</td>
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
