import ExcelJS from "exceljs";
import { localize } from "~/modules/content/content";
import { formatDate } from "~/modules/i18n/format";
import { type DostScope } from "~/utils/auth.server";
import { cacheUntilDataChanges } from "~/utils/db.server";
import { cityFigures, engagedBusinesses } from "./figures.server";
import { type ReportHeading, reportPdf } from "./report-pdf.server";
import { type AnnualReport, type ColumnKind, type ReportSection, reportSections } from "./report-tables";
import { planTargets } from "./targets";

type Translate = (key: string, options?: Record<string, unknown>) => string;

/**
 * The figures and the list of businesses engaged: what the report's page, workbook and PDF show.
 * The page lists only the first `engagedLimit` businesses (a busy year engages thousands); the files
 * list them all.
 */
export function annualReport(scope: DostScope, year: number, today: string, engagedLimit?: number): Promise<AnnualReport> {
  // Kept as one object while the data is unchanged: the list groups a whole year's events (a few
  // ms at city scale), and the page reuses the tables it rendered from it.
  return recentReports(`${year}|${today}|${engagedLimit ?? "all"}`, () => assembleReport(scope, year, today, engagedLimit));
}

const recentReports = cacheUntilDataChanges<AnnualReport>(8);

async function assembleReport(scope: DostScope, year: number, today: string, engagedLimit?: number): Promise<AnnualReport> {
  const [figures, engaged] = await Promise.all([cityFigures(scope, year, today), engagedBusinesses(scope, year, engagedLimit)]);
  return { figures, engaged, engagedComplete: engaged.length >= figures.engagements.businesses };
}

const NUMBER_FORMATS: Record<ColumnKind, string | undefined> = {
  text: undefined,
  code: "@",
  integer: "#,##0",
  decimal: undefined,
  percent: "0.0",
  date: "dd/mm/yyyy",
};

/** One sheet per table: headers bold and frozen, widths set, numbers as numbers, days as dates. */
export async function reportXlsx(sections: readonly ReportSection[], title: string): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Measurement Assurance Portal";
  workbook.title = title;
  for (const section of sections) {
    for (const table of section.tables) {
      const sheet = workbook.addWorksheet(table.sheet, { views: [{ state: "frozen", ySplit: 1 }] });
      sheet.columns = table.columns.map((column, i) => ({
        key: `c${i}`,
        header: column.header,
        width: column.width,
        style: NUMBER_FORMATS[column.kind] ? { numFmt: NUMBER_FORMATS[column.kind] } : {},
      }));
      const header = sheet.getRow(1);
      header.font = { bold: true };
      header.alignment = { vertical: "top", wrapText: true };
      // Excel has no time zones: a calendar day is written as midnight UTC of that day.
      for (const row of table.rows) {
        const added = sheet.addRow(row.map((cell) => (cell !== null && typeof cell === "object" ? new Date(`${cell.day}T00:00:00Z`) : cell)));
        added.alignment = { vertical: "top", wrapText: true };
        if (table.totalRow && row === table.rows[table.rows.length - 1]) added.font = { bold: true };
      }
      if (table.note) {
        sheet.addRow([]);
        sheet.addRow([table.note]).font = { italic: true };
      }
    }
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** The title block and running text of the PDF, in the reader's language. */
export function reportHeading(report: AnnualReport, t: Translate, locale: string): ReportHeading {
  const { year, asOf, today } = report.figures;
  const [y, m, d] = today.split("-");
  return {
    language: locale === "en" ? "en" : "vi",
    agencyParent: t("pdf.agencyParent"),
    agency: t("pdf.agency"),
    nation: t("pdf.nation"),
    motto: t("pdf.motto"),
    placeAndDate: t("pdf.placeAndDate", { day: d, month: m, year: y }),
    title: t("reportPage.title", { year }),
    plan: localize(planTargets.plan, locale),
    asOf: t("reportPage.asOf", { date: formatDate(asOf), today: formatDate(today) }),
    generated: t("pdf.generated", { date: formatDate(today) }),
    page: t("pdf.page"),
  };
}

// pdfmake lays out on the event loop: a list of thousands of businesses would hold the server for
// seconds (1,600 rows take 80 pages and 4.6 s). Paper lists the first ones; the workbook lists all.
const PDF_ENGAGED_LIMIT = 300;

/** The workbook and the PDF of a year's report, from the same tables as the page. */
export async function reportFile(scope: DostScope, year: number, today: string, t: Translate, locale: string, format: "xlsx" | "pdf"): Promise<Buffer> {
  const report = await annualReport(scope, year, today, format === "pdf" ? PDF_ENGAGED_LIMIT : undefined);
  const sections = reportSections(report, t, locale);
  const heading = reportHeading(report, t, locale);
  return format === "xlsx" ? reportXlsx(sections, heading.title) : reportPdf(sections, heading);
}
