import { type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import {
  type BarDatum,
  DataTable,
  HorizontalBarChart,
  TargetProgressList,
} from "~/components/charts";
import {
  communeLabel,
  localize,
  ownershipName,
  sectorName,
} from "~/modules/content/content";
import { formatDate, formatNumber, vietnamDay } from "~/modules/i18n/format";
import { i18nServer } from "~/modules/i18n/i18next.server";
import { cityFigures } from "~/modules/reports/figures.server";
import {
  type ReportTable,
  assessmentTable,
  businessTables,
  complianceTable,
  formatPercent,
  phaseName,
  requestTables,
  targetTables,
} from "~/modules/reports/report-tables";
import { parseReportYear, reportYears } from "~/modules/reports/year";
import { requireDostScope } from "~/utils/auth.server";
import { RenderedOnce } from "~/components/rendered-once";
import { YearPicker } from "~/components/year-picker";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data?.title },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const scope = await requireDostScope(request);
  const today = vietnamDay();
  const year = parseReportYear(
    new URL(request.url).searchParams.get("year"),
    today
  );
  const figures = await cityFigures(scope, year, today);
  const t = await i18nServer.getFixedT(request, "reports");
  return {
    title: `${t("overview.title")} — ${t("common:shell.brand")}`,
    years: reportYears(today),
    figures,
  };
}

const TOP_WARDS = 10;

function Card({
  value,
  label,
  detail,
}: {
  value: string;
  label: string;
  detail?: string;
}) {
  return (
    <li className="card">
      <span className="stat__value">{value}</span>
      <span className="stat__label">{label}</span>
      {detail ? <p className="meta-line">{detail}</p> : null}
    </li>
  );
}

/** A chart with its numbers as a table one click away (the chart's own label also carries them). */
function ChartWithTable({
  title,
  chart,
  table,
  inCard = false,
}: {
  title: string;
  chart: ReactNode;
  table: ReportTable;
  inCard?: boolean;
}) {
  const { t } = useTranslation("reports");
  const body = (
    <>
      <h3>{title}</h3>
      {chart}
      <details>
        <summary>{t("overview.tableToggle", { title })}</summary>
        <DataTable table={table} caption="hidden" />
      </details>
    </>
  );
  return inCard ? <li className="card">{body}</li> : <div>{body}</div>;
}

export default function CityOverview() {
  const { t, i18n } = useTranslation("reports");
  const { years, figures } = useLoaderData<typeof loader>();
  const lng = i18n.language;
  const number = (value: number) => formatNumber(value, lng);
  const { year, businesses, assessments, compliance, requests, targets } =
    figures;
  const engagements = targets.progress.find((p) => p.source === "portal");
  const focusPhase = targets.focusPhaseId;
  const focusTarget = engagements?.phases.find(
    (p) => p.phaseId === focusPhase
  )?.target;

  const [bySectorTable, byOwnershipTable, byWardTable] = businessTables(
    figures,
    t,
    lng
  );
  const [, byStateTable] = requestTables(figures, t);
  const referenceTable = targetTables(figures, t, lng).find(
    (table) => table.key === "phase1"
  );
  const counted = (value: number): BarDatum["valueText"] => number(value);
  const scored = (value: number | null) =>
    value === null ? t("overview.noValue") : number(value);

  return (
    <>
      <h1>{t("overview.title")}</h1>
      <p className="lead">{t("overview.lead")}</p>
      <YearPicker year={year} years={years} />
      <p className="meta-line">
        {figures.asOf === figures.today
          ? t("overview.asOfRunning", { year, date: formatDate(figures.asOf) })
          : t("overview.asOfClosed", {
              year,
              date: formatDate(figures.asOf),
            })}{" "}
        {t("overview.complianceToday", { date: formatDate(figures.today) })}
      </p>
      <p className="action-row">
        <Link
          to={`/dost/report?year=${year}`}
          className="button button--secondary"
        >
          {t("overview.reportLink", { year })}
        </Link>
        <a href={`/dost/report.xlsx?year=${year}`} download>
          {t("reportPage.xlsx")}
        </a>
        <a href={`/dost/report.pdf?year=${year}`} download>
          {t("reportPage.pdf")}
        </a>
      </p>

      <section aria-labelledby="key-figures">
        <h2 id="key-figures">{t("overview.keyFigures", { year })}</h2>
        <ul className="cards">
          <Card
            value={number(businesses.total)}
            label={t("overview.card.businesses")}
            detail={t("overview.card.businessesNew", {
              formatted: number(businesses.newInYear),
            })}
          />
          <Card
            value={number(engagements?.year.count ?? 0)}
            label={t("overview.card.engagements")}
            detail={
              focusTarget === undefined
                ? undefined
                : t("overview.card.engagementsTarget", {
                    target: number(focusTarget),
                  })
            }
          />
          <Card
            value={number(assessments.submittedInYear)}
            label={t("overview.card.submitted")}
            detail={t("overview.card.started", {
              formatted: number(assessments.startedInYear),
            })}
          />
          <Card
            value={
              assessments.averageLatestScore === null
                ? "—"
                : number(assessments.averageLatestScore)
            }
            label={t("overview.card.averageScore")}
            detail={t("overview.card.withScore", {
              formatted: number(assessments.businessesWithScore),
            })}
          />
          <Card
            value={formatPercent(compliance.total.share, lng)}
            label={t("overview.card.compliance")}
            detail={t("overview.card.complianceDetail", {
              overdue: number(compliance.total.overdue),
              unknown: number(compliance.total.unknown),
              inService: number(compliance.total.inService),
            })}
          />
          <Card
            value={number(requests.statistics.total.received)}
            label={t("overview.card.received")}
            detail={
              requests.medianDaysToDecision === null
                ? t("overview.card.medianNone")
                : t("overview.card.median", {
                    days: number(requests.medianDaysToDecision),
                  })
            }
          />
        </ul>
      </section>

      <section aria-labelledby="targets">
        <h2 id="targets">
          {t("overview.targetsTitle", { phase: phaseName(focusPhase, lng) })}
        </h2>
        <p className="field__hint">
          {engagements?.year.phaseId === focusPhase
            ? t("overview.targetsLegend", { year })
            : t("overview.targetsLegendOther", { year })}
        </p>
        <TargetProgressList
          progress={targets.progress}
          phaseId={focusPhase}
          year={year}
        />
        {referenceTable ? <DataTable table={referenceTable} /> : null}
      </section>

      {/* Drawn from the figures alone, which are kept until the data changes: rendered once on the server. */}
      <RenderedOnce data={figures} part="charts">
        <>
          <section aria-labelledby="businesses">
            <h2 id="businesses">{t("overview.businessesTitle")}</h2>
            <ul className="cards">
              <ChartWithTable
                inCard
                title={t("overview.bySectorChart")}
                table={bySectorTable!}
                chart={
                  <HorizontalBarChart
                    empty={t("overview.empty")}
                    title={t("overview.bySectorChart")}
                    data={businesses.bySector.map((s) => ({
                      key: s.sector,
                      label: sectorName(s.sector, lng),
                      value: s.count,
                      valueText: counted(s.count),
                    }))}
                    tickFormat={number}
                  />
                }
              />
              <ChartWithTable
                inCard
                title={t("overview.byOwnershipChart")}
                table={byOwnershipTable!}
                chart={
                  <HorizontalBarChart
                    empty={t("overview.empty")}
                    title={t("overview.byOwnershipChart")}
                    data={businesses.byOwnership.map((o) => ({
                      key: o.ownership,
                      label: ownershipName(o.ownership, lng),
                      value: o.count,
                      valueText: counted(o.count),
                    }))}
                    tickFormat={number}
                  />
                }
              />
              <ChartWithTable
                inCard
                title={t("overview.byWardChart")}
                table={byWardTable!}
                chart={
                  <HorizontalBarChart
                    empty={t("overview.empty")}
                    title={t("overview.byWardChart")}
                    data={businesses.byWard.slice(0, TOP_WARDS).map((w) => ({
                      key: w.communeId ?? "other",
                      label: w.communeId
                        ? businesses.wardNames?.[w.communeId]
                          ? localize(businesses.wardNames[w.communeId]!, lng)
                          : communeLabel(w.communeId, null, lng)
                        : t("report.wardOther"),
                      value: w.count,
                      valueText: counted(w.count),
                    }))}
                    tickFormat={number}
                  />
                }
              />
            </ul>
          </section>

          <section aria-labelledby="assessments">
            <h2 id="assessments">{t("overview.assessmentsTitle")}</h2>
            <ChartWithTable
              title={t("overview.scoreChart")}
              table={assessmentTable(figures, t, lng)}
              chart={
                <HorizontalBarChart
                  empty={t("overview.empty")}
                  title={t("overview.scoreChart")}
                  data={assessments.bySector.map((s) => ({
                    key: s.sector,
                    label: sectorName(s.sector, lng),
                    value: s.averageScore,
                    valueText: scored(s.averageScore),
                  }))}
                  max={100}
                  noDataNote={(list) => t("overview.noDataFor", { list })}
                  tickFormat={number}
                />
              }
            />
          </section>

          <section aria-labelledby="compliance">
            <h2 id="compliance">{t("overview.complianceTitle")}</h2>
            <ChartWithTable
              title={t("overview.complianceChart")}
              table={complianceTable(figures, t, lng)}
              chart={
                <HorizontalBarChart
                  empty={t("overview.empty")}
                  title={t("overview.complianceChart")}
                  data={compliance.bySector.map((s) => ({
                    key: s.sector,
                    label: sectorName(s.sector, lng),
                    value: s.share,
                    valueText:
                      s.share === null
                        ? t("overview.noValue")
                        : formatPercent(s.share, lng),
                  }))}
                  max={100}
                  noDataNote={(list) => t("overview.noDataFor", { list })}
                  tickFormat={(value) => formatPercent(value, lng)}
                />
              }
            />
          </section>
        </>
      </RenderedOnce>

      <section aria-labelledby="requests">
        <h2 id="requests">{t("overview.requestsTitle", { year })}</h2>
        <ChartWithTable
          title={t("overview.byStateChart")}
          table={byStateTable!}
          chart={
            <HorizontalBarChart
              empty={t("overview.empty")}
              title={t("overview.byStateChart")}
              data={requests.byState.map((s) => ({
                key: s.state,
                label: t(`requests:state.${s.state}`),
                value: s.count,
                valueText: counted(s.count),
              }))}
              tickFormat={number}
            />
          }
        />
        <p>
          <Link to={`/dost/requests/stats?year=${year}`}>
            {t("overview.statsLink", { year })}
          </Link>
        </p>
      </section>
    </>
  );
}
