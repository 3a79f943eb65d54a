import { type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatDate, formatNumber, vietnamDay } from "~/modules/i18n/format";
import { i18nServer } from "~/modules/i18n/i18next.server";
import { type StatRow, monthPeriod, periodAsOf, yearPeriod } from "~/modules/requests/statistics";
import { monthlySeries, requestStatistics } from "~/modules/requests/statistics.server";
import { REQUEST_TYPES } from "~/modules/requests/workflow";
import { requireDostScope } from "~/utils/auth.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

// The picker offers the last few years; older ones stay reachable by URL.
const YEARS_OFFERED = 5;

export async function loader({ request }: LoaderFunctionArgs) {
  await requireDostScope(request);
  const today = vietnamDay();
  const thisYear = Number(today.slice(0, 4));
  const params = new URL(request.url).searchParams;
  const yearParam = Number(params.get("year"));
  const year = Number.isInteger(yearParam) && yearParam >= 2000 && yearParam <= thisYear + 1 ? yearParam : thisYear;
  const monthParam = Number(params.get("month") || Number.NaN);
  const month = Number.isInteger(monthParam) && monthParam >= 1 && monthParam <= 12 ? monthParam : null;
  const period = month === null ? yearPeriod(year) : monthPeriod(year, month);
  const [statistics, series] = await Promise.all([requestStatistics(period, today), monthlySeries(year, today)]);
  const t = await i18nServer.getFixedT(request, "review");
  return {
    title: `${t("stats.title")} — ${t("common:shell.brand")}`,
    year,
    month,
    years: Array.from({ length: YEARS_OFFERED }, (_, i) => thisYear - i).concat(year < thisYear - YEARS_OFFERED + 1 || year > thisYear ? [year] : []),
    period,
    asOf: periodAsOf(period, today),
    started: period.from <= today,
    statistics,
    series,
  };
}

const COUNTS = [
  "received",
  "carriedOver",
  "resolvedEarly",
  "resolvedOnTime",
  "resolvedLate",
  "withdrawn",
  "inProgressWithin",
  "inProgressLate",
  "waitingForBusiness",
] as const;

export default function RequestStatisticsPage() {
  const { t, i18n } = useTranslation("review");
  const { year, month, years, period, asOf, started, statistics, series } = useLoaderData<typeof loader>();
  const lng = i18n.language;
  const number = (value: number) => formatNumber(value, lng);
  const share = (value: number | null) => (value === null ? "—" : `${formatNumber(Math.round(value * 1000) / 10, lng)}%`);
  const days = (value: number | null) => (value === null ? "—" : formatNumber(value, lng));
  const periodName = month === null ? t("stats.yearName", { year }) : t("stats.monthName", { month, year });
  const col = (key: string) => t(`stats.col.${key}`);

  const row = (label: string, values: StatRow, isTotal = false) => (
    <tr key={label}>
      <th scope="row">{isTotal ? <strong>{label}</strong> : label}</th>
      {COUNTS.map((key) => (
        <td key={key} data-label={col(key)}>
          {number(values[key])}
        </td>
      ))}
      <td data-label={col("onTimeShare")}>{share(values.onTimeShare)}</td>
      <td data-label={col("medianDays")}>{days(values.medianDaysToDecision)}</td>
    </tr>
  );

  return (
    <>
      <p>
        <Link to="/dost/requests" className="back-link">
          {t("stats.back")}
        </Link>
      </p>
      <h1>{t("stats.title")}</h1>
      <p className="lead">{t("stats.lead")}</p>
      <Form method="get" className="filters" aria-label={t("stats.pickerLabel")}>
        <div className="field">
          <label htmlFor="year">{t("stats.year")}</label>
          <select id="year" name="year" className="input" defaultValue={String(year)}>
            {years.map((y) => (
              <option key={y} value={String(y)}>
                {y}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="month">{t("stats.month")}</label>
          <select id="month" name="month" className="input" defaultValue={month === null ? "" : String(month)}>
            <option value="">{t("stats.wholeYear")}</option>
            {Array.from({ length: 12 }, (_, i) => i + 1).map((m) => (
              <option key={m} value={String(m)}>
                {t("stats.monthOption", { month: m })}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button">
          {t("stats.show")}
        </button>
      </Form>

      <h2>{periodName}</h2>
      <p>{t("stats.period", { from: formatDate(period.from), to: formatDate(period.to), asOf: formatDate(asOf) })}</p>
      <p className="field__hint">{t("stats.onTimeRule")}</p>
      {started ? (
        <div className="table-wrap">
          <table className="table">
            <caption>{t("stats.byTypeCaption", { period: periodName })}</caption>
            <thead>
              <tr>
                <th scope="col">{col("type")}</th>
                {COUNTS.map((key) => (
                  <th scope="col" key={key}>
                    {col(key)}
                  </th>
                ))}
                <th scope="col">{col("onTimeShare")}</th>
                <th scope="col">{col("medianDays")}</th>
              </tr>
            </thead>
            <tbody>
              {REQUEST_TYPES.map((type) => row(t(`requests:type.${type}`), statistics.byType[type]))}
              {row(t("stats.total"), statistics.total, true)}
            </tbody>
          </table>
        </div>
      ) : (
        <div className="empty-state">
          <p>{t("stats.notStarted")}</p>
        </div>
      )}

      <h2>{t("stats.seriesTitle", { year })}</h2>
      <div className="table-wrap">
        <table className="table">
          <caption>{t("stats.seriesCaption", { year })}</caption>
          <thead>
            <tr>
              <th scope="col">{t("stats.month")}</th>
              <th scope="col">{col("received")}</th>
              <th scope="col">{col("resolvedEarly")}</th>
              <th scope="col">{col("resolvedOnTime")}</th>
              <th scope="col">{col("resolvedLate")}</th>
              <th scope="col">{col("onTimeShare")}</th>
            </tr>
          </thead>
          <tbody>
            {series.map((m) => (
              <tr key={m.month}>
                <th scope="row">
                  <Link to={`?year=${year}&month=${m.month}`} aria-current={m.month === month ? "true" : undefined}>
                    {t("stats.monthOption", { month: m.month })}
                  </Link>
                </th>
                <td data-label={col("received")}>{number(m.received)}</td>
                <td data-label={col("resolvedEarly")}>{number(m.resolvedEarly)}</td>
                <td data-label={col("resolvedOnTime")}>{number(m.resolvedOnTime)}</td>
                <td data-label={col("resolvedLate")}>{number(m.resolvedLate)}</td>
                <td data-label={col("onTimeShare")}>{share(m.onTimeShare)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
