import { type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ListLink } from "~/components/list-link";
import { DueCell } from "~/components/due";
import { FilterSelect } from "~/components/filter-select";
import { Pagination } from "~/components/pagination";
import { listSites } from "~/modules/accounts/businesses.server";
import { formatNumber, vietnamDay } from "~/modules/i18n/format";
import { i18nServer } from "~/modules/i18n/i18next.server";
import { legalCatalogue } from "~/modules/legal/catalogue.server";
import { dueState } from "~/modules/instruments/due-dates";
import { listInstruments } from "~/modules/instruments/instruments.server";
import { parseRegisterFilter } from "~/modules/instruments/register-filter";
import { requireBusinessScope } from "~/utils/auth.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export async function loader({ request }: LoaderFunctionArgs) {
  const scope = await requireBusinessScope(request);
  const language = await i18nServer.getLocale(request);
  const t = await i18nServer.getFixedT(request, "instruments");
  const today = vietnamDay();
  const url = new URL(request.url);
  const filter = parseRegisterFilter(url.searchParams, today);
  const [{ total, rows }, sites, catalogue] = await Promise.all([listInstruments(scope, filter, today), listSites(scope), legalCatalogue()]);
  return {
    title: `${t("list.title")} — ${t("common:shell.brand")}`,
    filter,
    total,
    pageCount: Math.max(1, Math.ceil(total / filter.pageSize)),
    // Only what the table shows: the rows are written into the page again for the browser.
    rows: rows.map((r) => ({
      id: r.id,
      tag: r.tag,
      name: r.name,
      typeName: catalogue.typeName(r.typeId, language),
      siteName: r.siteName,
      status: r.status,
      nextDueOn: r.nextDueOn,
      state: dueState(r.nextDueOn, today),
    })),
    sites: sites.map((s) => ({ value: String(s.id), label: s.name })),
    types: catalogue.typeOptions(language, "all"),
    query: url.search,
  };
}

export default function InstrumentsPage() {
  const { t, i18n } = useTranslation("instruments");
  const { filter, total, pageCount, rows, sites, types, query } = useLoaderData<typeof loader>();
  const location = useLocation();
  const filtered = Boolean(filter.query || filter.siteId || filter.typeId || filter.status || filter.due);
  const exportQuery = new URLSearchParams(query);
  exportQuery.delete("page");
  const sortLink = (key: string) => {
    const params = new URLSearchParams(location.search);
    const same = filter.sort === key;
    params.set("sort", key);
    params.set("dir", same && !filter.descending ? "desc" : "asc");
    params.delete("page");
    return `?${params}`;
  };
  const sortLabel = (key: string) => (filter.sort === key ? (filter.descending ? "descending" : "ascending") : undefined);
  return (
    <>
      <h1>{t("list.title")}</h1>
      <p className="lead">{t("list.lead")}</p>
      <div className="action-row">
        <Link to="/business/instruments/new" className="button">
          {t("list.add")}
        </Link>
        <Link to="/business/instruments/import" className="button button--secondary">
          {t("list.import")}
        </Link>
        <Link to="/business/instruments/visit" className="button button--secondary">
          {t("list.visit")}
        </Link>
        <Link to="/business/schedule">{t("list.schedule")}</Link>
      </div>
      <Form method="get" className="filters" role="search" aria-label={t("list.filters")}>
        <div className="field">
          <label htmlFor="q">{t("list.search")}</label>
          <input id="q" name="q" type="search" className="input" defaultValue={filter.query} />
        </div>
        <FilterSelect name="site" label={t("fields.siteId")} allLabel={t("list.all")} options={sites} value={filter.siteId ? String(filter.siteId) : ""} />
        <FilterSelect name="type" label={t("fields.typeId")} allLabel={t("list.all")} options={types} value={filter.typeId ?? ""} />
        <FilterSelect
          name="status"
          label={t("fields.status")}
          allLabel={t("list.all")}
          options={["in_service", "out_of_service", "quarantined", "retired"].map((s) => ({ value: s, label: t(`status.${s}`) }))}
          value={filter.status ?? ""}
        />
        <FilterSelect
          name="due"
          label={t("list.due")}
          allLabel={t("list.all")}
          options={["overdue", "due30", "due60", "due90", "unknown", "inDate"].map((s) => ({ value: s, label: t(`due.${s}`) }))}
          value={filter.due ?? ""}
        />
        <button type="submit" className="button">
          {t("list.filter")}
        </button>
        {filtered ? <Link to="/business/instruments">{t("list.clear")}</Link> : null}
      </Form>
      <p className="meta-line" aria-live="polite">
        {t("list.count", { count: total, formatted: formatNumber(total, i18n.language) })} ·{" "}
        <a href={`/business/instruments/export.csv?${exportQuery}`}>{t("list.exportCsv")}</a> ·{" "}
        <a href={`/business/instruments/export.xlsx?${exportQuery}`}>{t("list.exportXlsx")}</a> ·{" "}
        <Link to={`/business/instruments/labels?${exportQuery}`}>{t("list.labels")}</Link>
      </p>
      {rows.length ? (
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">{t("list.title")}</caption>
            <thead>
              <tr>
                <th scope="col" aria-sort={sortLabel("tag")}>
                  <Link to={sortLink("tag")}>{t("fields.tag")}</Link>
                </th>
                <th scope="col" aria-sort={sortLabel("name")}>
                  <Link to={sortLink("name")}>{t("fields.name")}</Link>
                </th>
                <th scope="col" aria-sort={sortLabel("type")}>
                  <Link to={sortLink("type")}>{t("fields.typeId")}</Link>
                </th>
                <th scope="col" aria-sort={sortLabel("site")}>
                  <Link to={sortLink("site")}>{t("fields.siteId")}</Link>
                </th>
                <th scope="col" aria-sort={sortLabel("due")}>
                  <Link to={sortLink("due")}>{t("list.nextDue")}</Link>
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id}>
                  <td data-label={t("fields.tag")}>
                    <ListLink to={`/business/instruments/${r.id}`}>{r.tag}</ListLink>
                  </td>
                  <td data-label={t("fields.name")}>{r.name}</td>
                  <td data-label={t("fields.typeId")}>{r.typeName}</td>
                  <td data-label={t("fields.siteId")}>{r.siteName}</td>
                  <td data-label={t("list.nextDue")}>
                    <DueCell dueOn={r.nextDueOn} state={r.state} status={r.status} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <div className="empty-state">
          <p>{filtered ? t("list.noMatch") : t("list.empty")}</p>
        </div>
      )}
      <Pagination page={filter.page} pageCount={pageCount} />
    </>
  );
}
