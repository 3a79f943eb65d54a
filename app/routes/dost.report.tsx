import { type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { DataTable, TargetProgressList } from "~/components/charts";
import { localize } from "~/modules/content/content";
import { formatDate, vietnamDay } from "~/modules/i18n/format";
import { i18nServer } from "~/modules/i18n/i18next.server";
import { annualReport } from "~/modules/reports/report.server";
import { type AnnualReport, type ReportSection, phaseName, reportSections } from "~/modules/reports/report-tables";
import { planTargets } from "~/modules/reports/targets";
import { parseReportYear, reportYears } from "~/modules/reports/year";
import { requireDostScope } from "~/utils/auth.server";
import { RenderedOnce } from "~/components/rendered-once";
import { YearPicker } from "~/components/year-picker";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

// The page lists the first businesses engaged; the workbook and the PDF list every one.
const ENGAGED_ON_PAGE = 100;

export async function loader({ request }: LoaderFunctionArgs) {
  const scope = await requireDostScope(request);
  const today = vietnamDay();
  const year = parseReportYear(new URL(request.url).searchParams.get("year"), today);
  const report = await annualReport(scope, year, today, ENGAGED_ON_PAGE);
  const t = await i18nServer.getFixedT(request, "reports");
  return { title: `${t("reportPage.metaTitle", { year })} — ${t("common:shell.brand")}`, years: reportYears(today), report };
}

// The sections are built from the report and the language alone: once per report kept unchanged.
const sectionsByReport = new WeakMap<AnnualReport, Map<string, ReportSection[]>>();

function sectionsOf(report: AnnualReport, t: Parameters<typeof reportSections>[1], language: string): ReportSection[] {
  let byLanguage = sectionsByReport.get(report);
  if (!byLanguage) {
    byLanguage = new Map();
    sectionsByReport.set(report, byLanguage);
  }
  let sections = byLanguage.get(language);
  if (!sections) {
    sections = reportSections(report, t, language);
    byLanguage.set(language, sections);
  }
  return sections;
}

export default function AnnualReportPage() {
  const { t, i18n } = useTranslation("reports");
  const { years, report } = useLoaderData<typeof loader>();
  const { figures } = report;
  const lng = i18n.language;
  const { year, targets } = figures;
  const sections = sectionsOf(report, t, lng);
  return (
    <>
      <p>
        <Link to={`/dost/overview?year=${year}`} className="back-link">
          {t("reportPage.back")}
        </Link>
      </p>
      <h1>{t("reportPage.title", { year })}</h1>
      <p className="lead">{localize(planTargets.plan, lng)}</p>
      <p className="meta-line">{t("reportPage.asOf", { date: formatDate(figures.asOf), today: formatDate(figures.today) })}</p>
      <YearPicker year={year} years={years} />
      <section className="panel" aria-labelledby="downloads">
        <h2 id="downloads">{t("reportPage.downloads")}</h2>
        <p className="action-row">
          <a href={`/dost/report.xlsx?year=${year}`} className="button" download>
            {t("reportPage.xlsx")}
          </a>
          <a href={`/dost/report.pdf?year=${year}`} className="button button--secondary" download>
            {t("reportPage.pdf")}
          </a>
        </p>
      </section>

      {sections.map((section, index) => (
        <section key={section.key} aria-labelledby={`section-${section.key}`}>
          <h2 id={`section-${section.key}`}>
            {index + 1}. {section.title}
          </h2>
          {section.intro ? <p>{section.intro}</p> : null}
          {section.key === "targets" ? (
            <>
              <h3>{t("reportPage.progressTitle", { phase: phaseName(targets.focusPhaseId, lng) })}</h3>
              <TargetProgressList progress={targets.progress} phaseId={targets.focusPhaseId} year={year} headingLevel={4} />
            </>
          ) : null}
          {section.tables.map((table) => (
            <RenderedOnce key={table.key} data={report} part={`${section.key}/${table.key}`}>
              <DataTable table={table} />
            </RenderedOnce>
          ))}
        </section>
      ))}
    </>
  );
}
