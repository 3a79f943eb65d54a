import i18next from "i18next";
import { describe, expect, test } from "vitest";
import { resources } from "~/modules/i18n/resources";
import { type PeriodStatistics, type StatRow, REQUEST_TYPES } from "~/modules/requests/statistics";
import type { CityFigures } from "./figures.server";
import { type AnnualReport, cellText, formatPercent, reportSections } from "./report-tables";
import { targetProgress } from "./targets";

const row: StatRow = {
  received: 0,
  carriedOver: 0,
  resolvedEarly: 0,
  resolvedOnTime: 0,
  resolvedLate: 0,
  withdrawn: 0,
  inProgressWithin: 0,
  inProgressLate: 0,
  waitingForBusiness: 0,
  onTimeShare: null,
  medianDaysToDecision: null,
};
const statistics = { byType: Object.fromEntries(REQUEST_TYPES.map((type) => [type, row])), total: row } as PeriodStatistics;
const compliance = { inService: 0, overdue: 0, unknown: 0, inDate: 0, share: null };

const figures: CityFigures = {
  year: 2026,
  asOf: "2026-11-29",
  today: "2026-11-29",
  started: true,
  businesses: { total: 0, newInYear: 0, bySector: [], byOwnership: [], byWard: [] },
  assessments: { startedInYear: 0, submittedInYear: 0, businessesSubmittedInYear: 0, businessesWithScore: 0, averageLatestScore: null, bySector: [] },
  compliance: { total: compliance, bySector: [] },
  requests: { submittedInYear: 0, byState: [], statistics, medianDaysToDecision: null },
  activities: { byKind: [], list: [] },
  engagements: { total: 0, businesses: 0, byType: [] },
  targets: { focusPhaseId: "phase2", progress: targetProgress({}, 2026), countsByYear: {}, years: [2021, 2022, 2023, 2024, 2025, 2026] },
};
const report: AnnualReport = { figures, engaged: [], engagedComplete: true };

async function translator(language: "vi" | "en") {
  const instance = i18next.createInstance();
  await instance.init({ lng: language, resources: { [language]: resources[language] }, defaultNS: "reports", interpolation: { escapeValue: false } });
  return instance.getFixedT(language, "reports") as (key: string, options?: Record<string, unknown>) => string;
}

describe("the report's tables", () => {
  test.each(["vi", "en"] as const)("%s: every table has a workbook sheet name Excel accepts, each once", async (language) => {
    const t = await translator(language);
    const sheets = reportSections(report, t, language).flatMap((section) => section.tables.map((table) => table.sheet));
    expect(sheets.length).toBeGreaterThan(10);
    for (const sheet of sheets) {
      expect(sheet.length, sheet).toBeLessThanOrEqual(31);
      expect(sheet, sheet).not.toMatch(/[\\/?*[\]:]/);
      expect(sheet, "translated").not.toMatch(/^sheet\./);
    }
    expect(new Set(sheets).size).toBe(sheets.length);
  });

  test("every row has a cell per column", async () => {
    const t = await translator("vi");
    for (const section of reportSections(report, t, "vi")) {
      for (const table of section.tables) for (const cells of table.rows) expect(cells, table.key).toHaveLength(table.columns.length);
    }
  });

  test("phase 1 is shown for reference only once phase 2 is the focus", async () => {
    const t = await translator("vi");
    const keys = (r: AnnualReport) => reportSections(r, t, "vi").flatMap((s) => s.tables.map((table) => table.key));
    expect(keys(report)).toContain("phase1");
    const in2024 = {
      ...report,
      figures: { ...figures, year: 2024, targets: { ...figures.targets, focusPhaseId: "phase1" as const, progress: targetProgress({}, 2024) } },
    };
    expect(keys(in2024)).not.toContain("phase1");
  });
});

describe("cell text", () => {
  test.each([
    { cell: 1234, kind: "integer" as const, locale: "vi", text: "1.234" },
    { cell: 1234, kind: "integer" as const, locale: "en", text: "1,234" },
    { cell: 33.3, kind: "percent" as const, locale: "vi", text: "33,3%" },
    { cell: null, kind: "decimal" as const, locale: "vi", text: "—" },
    { cell: { day: "2026-03-10" }, kind: "date" as const, locale: "vi", text: "10/03/2026" },
    { cell: "1800123456", kind: "code" as const, locale: "vi", text: "1800123456" },
  ])("$cell as $kind in $locale is $text", ({ cell, kind, locale, text }) => {
    expect(cellText(cell, kind, locale)).toBe(text);
  });

  test("a missing share is a dash, not 0 %", () => {
    expect(formatPercent(null, "vi")).toBe("—");
  });
});
