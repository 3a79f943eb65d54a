import { type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FilterSelect } from "~/components/filter-select";
import { Pagination } from "~/components/pagination";
import { activityYears, listActivities } from "~/modules/activities/activities.server";
import { ACTIVITY_KINDS, isActivityKind } from "~/modules/activities/schemas";
import { formatDate, formatNumber, vietnamDay } from "~/modules/i18n/format";
import { i18nServer } from "~/modules/i18n/i18next.server";
import { requireDostScope } from "~/utils/auth.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export async function loader({ request }: LoaderFunctionArgs) {
  const scope = await requireDostScope(request);
  const params = new URL(request.url).searchParams;
  const years = await activityYears(scope, vietnamDay());
  const kindParam = params.get("kind");
  const yearParam = Number(params.get("year"));
  const filter = {
    kind: isActivityKind(kindParam) ? kindParam : null,
    year: years.includes(yearParam) ? yearParam : null,
    page: Math.max(1, Math.min(10_000, Number.parseInt(params.get("page") ?? "1", 10) || 1)),
  };
  const result = await listActivities(scope, filter);
  const t = await i18nServer.getFixedT(request, "activities");
  return { title: `${t("list.title")} — ${t("common:shell.brand")}`, filter, years, ...result };
}

export default function ActivitiesPage() {
  const { t, i18n } = useTranslation("activities");
  const { filter, years, total, rows, totals, pageCount } = useLoaderData<typeof loader>();
  const lng = i18n.language;
  const filtered = Boolean(filter.kind || filter.year);
  const number = (n: number) => formatNumber(n, lng);
  return (
    <>
      <h1>{t("list.title")}</h1>
      <p className="lead">{t("list.lead")}</p>

      <section className="panel" aria-labelledby="record-title">
        <h2 id="record-title">{t("list.recordTitle")}</h2>
        <ul className="action-row plain-list">
          {ACTIVITY_KINDS.map((kind) => (
            <li key={kind}>
              <Link to={`/dost/activities/new?kind=${kind}`} className="button button--secondary">
                {t(`list.record.${kind}`)}
              </Link>
            </li>
          ))}
        </ul>
      </section>

      <Form method="get" className="filters" role="search" aria-label={t("list.filtersLabel")}>
        <FilterSelect
          name="kind"
          label={t("list.kind")}
          allLabel={t("list.allKinds")}
          options={ACTIVITY_KINDS.map((kind) => ({ value: kind, label: t(`kinds.${kind}`) }))}
          value={filter.kind ?? ""}
        />
        <FilterSelect
          name="year"
          label={t("list.year")}
          allLabel={t("list.allYears")}
          options={years.map((year) => ({ value: String(year), label: String(year) }))}
          value={filter.year ? String(filter.year) : ""}
        />
        <button type="submit" className="button">
          {t("list.filter")}
        </button>
        {filtered ? <Link to="/dost/activities">{t("list.clear")}</Link> : null}
      </Form>

      <h2>{filter.year ? t("list.totalsYear", { year: filter.year }) : t("list.totalsAll")}</h2>
      <ul className="stat-list">
        {ACTIVITY_KINDS.map((kind) => (
          <li key={kind} className="stat">
            <Link to={`?${new URLSearchParams({ kind, ...(filter.year ? { year: String(filter.year) } : {}) })}`} aria-current={filter.kind === kind ? "true" : undefined}>
              <span className="stat__value">{number(totals[kind].quantity)}</span>
              <span className="stat__label">
                {t(`list.totals.${kind}`)}
                {kind === "training" ? ` (${t("list.courses", { count: totals.training.records, formatted: number(totals.training.records) })})` : null}
              </span>
            </Link>
          </li>
        ))}
      </ul>

      <p className="meta-line" aria-live="polite">
        {t("list.count", { count: total, formatted: number(total) })}
      </p>
      {rows.length ? (
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">{t("list.tableCaption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("list.colDate")}</th>
                <th scope="col">{t("list.colKind")}</th>
                <th scope="col">{t("list.colTitle")}</th>
                <th scope="col">{t("list.colOrganiser")}</th>
                <th scope="col">{t("list.colQuantity")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.id}>
                  <td data-label={t("list.colDate")}>{formatDate(row.heldOn)}</td>
                  <td data-label={t("list.colKind")}>{t(`kinds.${row.kind}`)}</td>
                  <td data-label={t("list.colTitle")}>
                    <Link to={`/dost/activities/${row.id}`}>{row.title}</Link>
                  </td>
                  <td data-label={t("list.colOrganiser")}>{row.organiser || "—"}</td>
                  <td data-label={t("list.colQuantity")}>{t(`quantity.${row.kind}`, { count: row.quantity, formatted: number(row.quantity) })}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <div className="empty-state">
          {filtered ? (
            <p>
              {t("list.noMatch")} <Link to="/dost/activities">{t("list.clear")}</Link>
            </p>
          ) : (
            <p>{t("list.empty")}</p>
          )}
        </div>
      )}
      <Pagination page={filter.page} pageCount={pageCount} />
    </>
  );
}
