import { type RequestType } from "@db/schema";
import { communeLabel, localize, ownershipName, sectorName } from "~/modules/content/content";
import { formatDate, formatNumber } from "~/modules/i18n/format";
import { REQUEST_TYPES, type StatRow } from "~/modules/requests/statistics";
import type { CityFigures, EngagedBusiness } from "./figures.server";
import { type PhaseId, planPhase, planTarget, planTargets } from "./targets";

// The annual report as tables, built once for the page, the workbook and the PDF, so that the three
// say the same thing. Pure and shared by server and browser: it only arranges figures and words.

/** `engaged` may be the first part of the list only (the page's); `engagedComplete` says so. */
export type AnnualReport = { figures: CityFigures; engaged: EngagedBusiness[]; engagedComplete: boolean };

export type Cell = string | number | null | { day: string };
/** How a column is written: integers and one-decimal numbers stay numbers in the workbook; a code is text that never wraps. */
export type ColumnKind = "text" | "code" | "integer" | "decimal" | "percent" | "date";

/** Right-aligned on the page and on paper. */
export function isNumeric(kind: ColumnKind): boolean {
  return kind === "integer" || kind === "decimal" || kind === "percent";
}
export type Column = { header: string; kind: ColumnKind; /** Excel width in characters. */ width: number };
export type ReportTable = {
  key: string;
  title: string;
  /** The workbook's sheet for this table: at most 31 characters, none of \ / ? * [ ] : */
  sheet: string;
  columns: Column[];
  rows: Cell[][];
  /** The last row adds up the others: bold on paper. */
  totalRow?: boolean;
  empty?: string;
  note?: string;
};
export type ReportSection = { key: string; title: string; intro?: string; tables: ReportTable[] };

type Translate = (key: string, options?: Record<string, unknown>) => string;

export function formatPercent(value: number | null, locale: string): string {
  return value === null ? "—" : `${formatNumber(value, locale)}%`;
}

/** A cell as text, the way the page and the PDF show it. */
export function cellText(cell: Cell, kind: ColumnKind, locale: string): string {
  if (cell === null) return "—";
  if (typeof cell === "object") return formatDate(cell.day);
  if (typeof cell === "string") return cell;
  if (kind === "percent") return formatPercent(cell, locale);
  return formatNumber(cell, locale);
}

const text = (header: string, width = 30): Column => ({ header, kind: "text", width });
const integer = (header: string, width = 14): Column => ({ header, kind: "integer", width });
const decimal = (header: string, width = 14): Column => ({ header, kind: "decimal", width });
const percent = (header: string, width = 14): Column => ({ header, kind: "percent", width });

const STAT_COLUMNS = [
  "received",
  "carriedOver",
  "resolvedEarly",
  "resolvedOnTime",
  "resolvedLate",
  "withdrawn",
  "inProgressWithin",
  "inProgressLate",
  "waitingForBusiness",
] as const satisfies ReadonlyArray<keyof StatRow>;

/** The target's name; with a phase, the plan's wording for that phase where it differs (phase 1 "developed", phase 2 "socialised"). */
export function targetName(id: string, locale: string, phaseId?: PhaseId): string {
  const target = planTarget(id);
  if (!target) return id;
  const own = phaseId ? target.phaseNames?.[phaseId] : undefined;
  return localize(own ?? target.name, locale);
}

/** The plan's own sentence for the target in a phase, with its section: "II.2.c: «…»". */
export function planWording(id: string, phaseId: PhaseId, locale: string): string {
  const quote = planTarget(id)?.planText[phaseId];
  if (!quote) return "";
  return locale === "en" ? `${quote.section}: "${quote.en}"` : `${quote.section}: «${quote.vi}»`;
}

export function targetUnit(id: string, locale: string): string {
  const target = planTarget(id);
  return target ? localize(target.unit, locale) : "";
}

export function phaseName(id: PhaseId, locale: string): string {
  return localize(planPhase(id).name, locale);
}

export function targetTables(figures: CityFigures, t: Translate, locale: string): ReportTable[] {
  const { year, targets } = figures;
  const focus = targets.focusPhaseId;
  const status = (met: boolean) => (met ? t("report.met") : t("report.notMet"));
  const main: ReportTable = {
    key: "targets",
    title: t("report.targetsTitle", { phase: phaseName(focus, locale), year }),
    sheet: t("sheet.targets"),
    columns: [
      text(t("col.target"), 50),
      text(t("col.unit"), 18),
      integer(t("col.phaseTarget")),
      integer(t("col.yearResult", { year })),
      integer(t("col.phaseToDate", { year })),
      percent(t("col.percentOfTarget")),
      text(t("col.assessment"), 14),
    ],
    rows: targets.progress.map((p) => {
      const phase = p.phases.find((ph) => ph.phaseId === focus)!;
      // The year's own count only when the year is in the phase shown; otherwise it added nothing to it.
      const yearCount = p.year.phaseId === focus ? p.year.count : 0;
      return [targetName(p.id, locale, focus), targetUnit(p.id, locale), phase.target, yearCount, phase.count, phase.percent, status(phase.met)];
    }),
  };
  const byYear: ReportTable = {
    key: "targetsByYear",
    title: t("report.byYearTitle"),
    sheet: t("sheet.targetsByYear"),
    columns: [text(t("col.target"), 50), ...targets.years.map((y) => integer(String(y), 10))],
    rows: targets.progress.map((p) => [targetName(p.id, locale), ...targets.years.map((y) => targets.countsByYear[p.id]?.[y] ?? 0)]),
  };
  const tables = [main, byYear];
  // Phase 1 stays on the report for reference once phase 2 is under way.
  if (focus !== "phase1") {
    tables.push({
      key: "phase1",
      title: t("report.referenceTitle", { phase: phaseName("phase1", locale) }),
      sheet: t("sheet.phase1"),
      columns: [
        text(t("col.target"), 50),
        integer(t("col.phaseTarget")),
        integer(t("col.phaseResult")),
        percent(t("col.percentOfTarget")),
        text(t("col.assessment"), 14),
      ],
      rows: targets.progress.map((p) => {
        const phase = p.phases.find((ph) => ph.phaseId === "phase1")!;
        return [targetName(p.id, locale, "phase1"), phase.target, phase.count, phase.percent, status(phase.met)];
      }),
    });
  }
  tables.push({
    key: "counting",
    title: t("report.countingTitle"),
    sheet: t("sheet.counting"),
    columns: [
      text(t("col.target"), 30),
      text(t("col.planWording", { phase: phaseName(focus, locale) }), 50),
      text(t("col.counting"), 50),
      text(t("col.interpretation"), 50),
    ],
    rows: planTargets.targets.map((target) => [
      targetName(target.id, locale, focus),
      planWording(target.id, focus, locale),
      localize(target.counting, locale),
      target.interpretation ? localize(target.interpretation, locale) : t("report.noInterpretation"),
    ]),
    note: t("report.countingNote"),
  });
  return tables;
}

export function activityTables(figures: CityFigures, t: Translate): ReportTable[] {
  const kindName = (kind: string) => t(`activityKind.${kind}`);
  return [
    {
      key: "activitiesByKind",
      title: t("report.activitiesByKindTitle", { year: figures.year }),
      sheet: t("sheet.activitiesByKind"),
      columns: [text(t("col.activityKind"), 40), integer(t("col.activities")), integer(t("col.quantity")), text(t("col.quantityMeaning"), 30)],
      rows: figures.activities.byKind.map((k) => [kindName(k.kind), k.activities, k.quantity, t(`activityQuantity.${k.kind}`)]),
    },
    {
      key: "activities",
      title: t("report.activitiesTitle", { year: figures.year }),
      sheet: t("sheet.activities"),
      columns: [
        { header: t("col.date"), kind: "date", width: 12 },
        text(t("col.activityKind"), 28),
        text(t("col.title"), 50),
        text(t("col.organiser"), 28),
        integer(t("col.quantity"), 10),
        text(t("col.participants"), 40),
      ],
      rows: figures.activities.list.map((a) => [{ day: a.heldOn }, kindName(a.kind), a.title, a.organiser, a.quantity, a.participants]),
      empty: t("report.noActivities", { year: figures.year }),
    },
  ];
}

export function engagedTable(report: AnnualReport, t: Translate, locale: string): ReportTable {
  const how = (b: EngagedBusiness) => b.requestsCompleted.map((r) => `${t(`requests:type.${r.type as RequestType}`)} × ${r.count}`).join("; ");
  const { engagements, year } = report.figures;
  const byType = engagements.byType.map((e) => `${t(`requests:type.${e.type}`)}: ${e.count}`).join("; ");
  const method = engagements.byType.find((e) => e.type === "method")?.count ?? 0;
  const notes = [
    t("report.engagedByType", { list: byType, method }),
    ...(report.engagedComplete ? [] : [t("report.engagedPartial", { shown: report.engaged.length })]),
  ];
  return {
    key: "engaged",
    // The counts are the engagement target's, from the same rule as the list.
    title: t("report.engagedTitle", { year, count: engagements.businesses, engagements: engagements.total }),
    sheet: t("sheet.engaged"),
    columns: [
      integer(t("col.number"), 6),
      text(t("col.business"), 45),
      { header: t("col.taxCode"), kind: "code", width: 16 },
      text(t("col.sectors"), 30),
      text(t("col.ward"), 24),
      text(t("col.engagedBy"), 50),
    ],
    rows: report.engaged.map((b, i) => [
      i + 1,
      b.legalName,
      b.taxCode,
      b.sectors.map((s) => sectorName(s, locale)).join(", "),
      b.communeName ? localize(b.communeName, locale) : communeLabel(b.communeId, b.communeOther, locale),
      how(b),
    ]),
    empty: t("report.noEngaged", { year }),
    note: notes.join(" "),
  };
}

export function businessTables(figures: CityFigures, t: Translate, locale: string): ReportTable[] {
  const { businesses } = figures;
  // DOST's current name, as read on the server; the shipped file's otherwise.
  const wardName = (id: string) => {
    const name = businesses.wardNames?.[id];
    return name ? localize(name, locale) : communeLabel(id, null, locale);
  };
  return [
    {
      key: "bySector",
      title: t("report.bySectorTitle"),
      sheet: t("sheet.bySector"),
      columns: [text(t("col.sector"), 36), integer(t("col.businesses"))],
      rows: businesses.bySector.map((s) => [sectorName(s.sector, locale), s.count]),
      note: t("report.multiSectorNote"),
    },
    {
      key: "byOwnership",
      title: t("report.byOwnershipTitle"),
      sheet: t("sheet.byOwnership"),
      columns: [text(t("col.ownership"), 36), integer(t("col.businesses"))],
      rows: [...businesses.byOwnership.map((o): Cell[] => [ownershipName(o.ownership, locale), o.count]), [t("report.total"), businesses.total]],
      totalRow: true,
    },
    {
      key: "byWard",
      title: t("report.byWardTitle"),
      sheet: t("sheet.byWard"),
      columns: [text(t("col.ward"), 36), integer(t("col.businesses"))],
      rows: [
        ...businesses.byWard.map((w): Cell[] => [w.communeId ? wardName(w.communeId) : t("report.wardOther"), w.count]),
        [t("report.total"), businesses.total],
      ],
      totalRow: true,
    },
  ];
}

export function assessmentTable(figures: CityFigures, t: Translate, locale: string): ReportTable {
  const { assessments } = figures;
  return {
    key: "scores",
    title: t("report.scoresTitle", { year: figures.year }),
    sheet: t("sheet.scores"),
    columns: [text(t("col.sector"), 36), integer(t("col.businessesWithScore"), 18), decimal(t("col.averageScore"), 18)],
    rows: [
      ...assessments.bySector.map((s): Cell[] => [sectorName(s.sector, locale), s.businesses, s.averageScore]),
      [t("report.allBusinesses"), assessments.businessesWithScore, assessments.averageLatestScore],
    ],
    totalRow: true,
    note: t("report.scoresNote"),
  };
}

export function requestTables(figures: CityFigures, t: Translate): ReportTable[] {
  const { statistics, byState, submittedInYear } = figures.requests;
  const row = (label: string, values: StatRow): Cell[] => [
    label,
    ...STAT_COLUMNS.map((key) => values[key]),
    values.onTimeShare === null ? null : Math.round(values.onTimeShare * 1000) / 10,
    values.medianDaysToDecision,
  ];
  return [
    {
      key: "oneStop",
      title: t("report.oneStopTitle", { year: figures.year }),
      sheet: t("sheet.oneStop"),
      columns: [
        text(t("review:stats.col.type"), 36),
        ...STAT_COLUMNS.map((key) => integer(t(`review:stats.col.${key}`))),
        percent(t("review:stats.col.onTimeShare")),
        decimal(t("review:stats.col.medianDays"), 18),
      ],
      rows: [...REQUEST_TYPES.map((type) => row(t(`requests:type.${type}`), statistics.byType[type])), row(t("report.total"), statistics.total)],
      totalRow: true,
      note: t("report.oneStopNote"),
    },
    {
      key: "byState",
      title: t("report.byStateTitle", { year: figures.year }),
      sheet: t("sheet.byState"),
      columns: [text(t("col.state"), 36), integer(t("col.requests"))],
      rows: [...byState.map((s): Cell[] => [t(`requests:state.${s.state}`), s.count]), [t("report.total"), submittedInYear]],
      totalRow: true,
    },
  ];
}

export function complianceTable(figures: CityFigures, t: Translate, locale: string): ReportTable {
  const { compliance } = figures;
  const row = (label: string, c: CityFigures["compliance"]["total"]): Cell[] => [label, c.inService, c.inDate, c.overdue, c.unknown, c.share];
  return {
    key: "compliance",
    title: t("report.complianceTitle", { date: formatDate(figures.today) }),
    sheet: t("sheet.compliance"),
    columns: [
      text(t("col.sector"), 36),
      integer(t("col.inService")),
      integer(t("col.inDate")),
      integer(t("col.overdue")),
      integer(t("col.unknown")),
      percent(t("col.share")),
    ],
    rows: [...compliance.bySector.map((s) => row(sectorName(s.sector, locale), s)), row(t("report.allInstruments"), compliance.total)],
    totalRow: true,
    note: t("report.complianceNote"),
  };
}

/** The key numbers, as the dashboard's cards show them. */
export function summaryTable(figures: CityFigures, t: Translate): ReportTable {
  const engagements = figures.targets.progress.find((p) => p.source === "portal");
  const rows: Cell[][] = [
    [t("summary.businesses", { date: formatDate(figures.asOf) }), figures.businesses.total],
    [t("summary.newBusinesses"), figures.businesses.newInYear],
    [t("summary.engagements"), engagements?.year.count ?? 0],
    [t("summary.assessmentsStarted"), figures.assessments.startedInYear],
    [t("summary.assessmentsSubmitted"), figures.assessments.submittedInYear],
    [t("summary.averageScore"), figures.assessments.averageLatestScore],
    [t("summary.requestsReceived"), figures.requests.statistics.total.received],
    [t("summary.medianDays"), figures.requests.medianDaysToDecision],
    [t("summary.instrumentsInService", { date: formatDate(figures.today) }), figures.compliance.total.inService],
    [t("summary.complianceShare", { date: formatDate(figures.today) }), figures.compliance.total.share],
  ];
  return {
    key: "summary",
    title: t("report.summaryTitle"),
    sheet: t("sheet.summary"),
    columns: [text(t("col.item"), 60), decimal(t("col.value"), 14)],
    rows,
  };
}

export function reportSections(report: AnnualReport, t: Translate, locale: string): ReportSection[] {
  const { figures } = report;
  return [
    { key: "summary", title: t("section.summary"), tables: [summaryTable(figures, t)] },
    { key: "targets", title: t("section.targets"), intro: t("section.targetsIntro"), tables: targetTables(figures, t, locale) },
    { key: "activities", title: t("section.activities", { year: figures.year }), tables: activityTables(figures, t) },
    { key: "engaged", title: t("section.engaged", { year: figures.year }), intro: t("section.engagedIntro"), tables: [engagedTable(report, t, locale)] },
    { key: "businesses", title: t("section.businesses", { date: formatDate(figures.asOf) }), tables: businessTables(figures, t, locale) },
    { key: "assessments", title: t("section.assessments"), tables: [assessmentTable(figures, t, locale)] },
    { key: "requests", title: t("section.requests", { year: figures.year }), tables: requestTables(figures, t) },
    { key: "compliance", title: t("section.compliance"), tables: [complianceTable(figures, t, locale)] },
  ];
}

export function reportFilename(year: number, locale: string, extension: "xlsx" | "pdf"): string {
  return `${locale === "en" ? "plan-155-report" : "bao-cao-ke-hoach-155"}-${year}.${extension}`;
}
