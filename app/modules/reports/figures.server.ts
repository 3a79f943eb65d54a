import { sql } from "kysely";
import { type ActivityKind, type RequestState, type RequestType } from "@db/schema";
import { loadCommuneLabels } from "~/modules/admin-units/units.server";
import { communeLabel, sectorIds } from "~/modules/content/content";
import { ACTIVITY_KINDS } from "~/modules/content/schemas";
import { complianceOfCounts } from "~/modules/instruments/due-dates";
import { type PeriodStatistics, periodAsOf, yearPeriod } from "~/modules/requests/statistics";
import { requestStatistics } from "~/modules/requests/statistics.server";
import { REQUEST_STATES } from "~/modules/requests/workflow";
import { type DostScope } from "~/utils/auth.server";
import { cacheUntilDataChanges, db } from "~/utils/db.server";
import { type PhaseId, type TargetProgress, type YearCounts, focusPhase, planTargets, targetProgress, yearsNeeded } from "./targets";

// Everything the city dashboard and the annual report show for a year, from one function, so that
// the two never disagree. Each figure is one aggregate query (GROUP BY), none per row.

/**
 * The request types whose completion is a business engagement under Plan 155 (§II.1.c, §II.2.c and
 * its appendix): the programme is run "thông qua hoạt động kiểm định, hiệu chuẩn, thử nghiệm …, xây
 * dựng phương pháp đo". A bare self-assessment, help with the programme, training and investment
 * are not among them (training and standards count toward their own targets).
 */
export const ENGAGEMENT_REQUEST_TYPES = ["verification", "calibration", "testing", "method"] as const satisfies readonly RequestType[];

/** The first instant of 1 January of `year` in Vietnam (UTC+7, no daylight saving), as stored instants are written. */
export function vietnamYearStart(year: number): string {
  return new Date(`${String(year).padStart(4, "0")}-01-01T00:00:00+07:00`).toISOString();
}

/** Stored instants are UTC; the year they fall in is Vietnam's. */
const vietnamYearOf = (column: string) => sql<string>`strftime('%Y', ${sql.ref(column)}, '+7 hours')`;

export type SectorCount = { sector: string; count: number };
export type SectorScore = { sector: string; businesses: number; averageScore: number | null };
export type ComplianceCounts = { inService: number; overdue: number; unknown: number; inDate: number; share: number | null };
export type EngagementType = (typeof ENGAGEMENT_REQUEST_TYPES)[number];
/** The selected year's engagements: how many, for how many businesses, and of which type (method development alone is the plan's literal reading). */
export type EngagementFigures = { total: number; businesses: number; byType: Array<{ type: EngagementType; count: number }> };
export type ActivityRow = { id: number; kind: ActivityKind; heldOn: string; title: string; organiser: string; quantity: number; participants: string };

export type CityFigures = {
  year: number;
  /** The day the year's figures describe: 31 December, or today while the year runs. */
  asOf: string;
  /** Instrument compliance is a snapshot of today whatever the year. */
  today: string;
  started: boolean;
  businesses: {
    total: number;
    newInYear: number;
    bySector: SectorCount[];
    byOwnership: Array<{ ownership: string; count: number }>;
    /** null: a commune typed by the business, not in the list. */
    byWard: Array<{ communeId: string | null; count: number }>;
    /** Each ward's label in DOST's list when the figures were read (the page may render in the browser, which knows only the shipped file). */
    wardNames?: Record<string, { vi: string; en: string }>;
  };
  assessments: {
    startedInYear: number;
    submittedInYear: number;
    businessesSubmittedInYear: number;
    /** Each business's latest submitted assessment up to the end of the year. */
    businessesWithScore: number;
    averageLatestScore: number | null;
    bySector: SectorScore[];
  };
  compliance: { total: ComplianceCounts; bySector: Array<ComplianceCounts & { sector: string }> };
  requests: {
    submittedInYear: number;
    /** Today's state of the requests submitted in the year. */
    byState: Array<{ state: RequestState; count: number }>;
    statistics: PeriodStatistics;
    medianDaysToDecision: number | null;
  };
  activities: {
    byKind: Array<{ kind: ActivityKind; activities: number; quantity: number }>;
    list: ActivityRow[];
  };
  engagements: EngagementFigures;
  targets: {
    focusPhaseId: PhaseId;
    progress: TargetProgress[];
    /** Per target, each year from the plan's start to the selected year. */
    countsByYear: YearCounts;
    years: number[];
  };
};

const num = (value: unknown): number => Number(value ?? 0);
const oneDecimal = (value: number | null | undefined): number | null => (value === null || value === undefined ? null : Math.round(Number(value) * 10) / 10);

/** Sectors in the order of the sectors file, each listed even at zero; unknown ids keep their place at the end. */
function inSectorOrder<T extends { sector: string }>(rows: T[], empty: (sector: string) => T): T[] {
  const byId = new Map(rows.map((row) => [row.sector, row]));
  const ordered = sectorIds.map((id) => byId.get(id) ?? empty(id));
  return [...ordered, ...rows.filter((row) => !sectorIds.includes(row.sector))];
}

/** The names of the counted units in DOST's list, made on the server where the list is known. */
async function wardNames(ids: Array<string | null>): Promise<Record<string, { vi: string; en: string }>> {
  await loadCommuneLabels();
  return Object.fromEntries(ids.filter((id) => id !== null).map((id) => [id, { vi: communeLabel(id, null, "vi"), en: communeLabel(id, null, "en") }]));
}

async function businessFigures(yearStart: string, yearEnd: string) {
  const registered = db().selectFrom("business").where("created_at", "<", yearEnd);
  const [totals, bySector, byOwnership, byWard] = await Promise.all([
    registered
      .select((eb) => [
        eb.fn.countAll<number>().as("total"),
        eb.fn.sum<number>(sql`case when ${sql.ref("created_at")} >= ${yearStart} then 1 else 0 end`).as("newInYear"),
      ])
      .executeTakeFirstOrThrow(),
    db()
      .selectFrom("business_sector")
      .innerJoin("business", "business.id", "business_sector.business_id")
      .where("business.created_at", "<", yearEnd)
      .groupBy("business_sector.sector")
      .select((eb) => ["business_sector.sector as sector", eb.fn.countAll<number>().as("count")])
      .execute(),
    registered
      .groupBy("ownership")
      .select((eb) => ["ownership", eb.fn.countAll<number>().as("count")])
      .orderBy("count", "desc")
      .execute(),
    registered
      .groupBy("commune_id")
      .select((eb) => ["commune_id as communeId", eb.fn.countAll<number>().as("count")])
      .orderBy("count", "desc")
      .orderBy("commune_id")
      .execute(),
  ]);
  return {
    total: num(totals.total),
    newInYear: num(totals.newInYear),
    bySector: inSectorOrder(
      bySector.map((r) => ({ sector: r.sector, count: num(r.count) })),
      (sector) => ({ sector, count: 0 }),
    ),
    byOwnership: byOwnership.map((r) => ({ ownership: r.ownership, count: num(r.count) })),
    byWard: byWard.map((r) => ({ communeId: r.communeId, count: num(r.count) })),
    wardNames: await wardNames(byWard.map((r) => r.communeId)),
  };
}

async function assessmentFigures(yearStart: string, yearEnd: string) {
  const [started, submitted, latest] = await Promise.all([
    db()
      .selectFrom("assessment")
      .where("started_at", ">=", yearStart)
      .where("started_at", "<", yearEnd)
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow(),
    db()
      .selectFrom("assessment")
      .where("status", "=", "submitted")
      .where("submitted_at", ">=", yearStart)
      .where("submitted_at", "<", yearEnd)
      .select((eb) => [eb.fn.countAll<number>().as("n"), eb.fn.count<number>("business_id").distinct().as("businesses")])
      .executeTakeFirstOrThrow(),
    // Each business's latest submitted assessment as of the end of the year (the score it stood at
    // then), ranked once and summed twice: per sector, and over all businesses (sector null).
    sql<{ sector: string | null; businesses: number; average: number | null }>`
      with latest as materialized (
        select business_id, score from (
          select business_id, score, row_number() over (partition by business_id order by submitted_at desc, id desc) as n
          from assessment where status = 'submitted' and submitted_at < ${yearEnd}
        ) where n = 1
      )
      select bs.sector as sector, count(*) as businesses, avg(latest.score) as average
      from latest join business_sector bs on bs.business_id = latest.business_id
      group by bs.sector
      union all
      select null, count(*), avg(score) from latest`.execute(db()),
  ]);
  const overall = latest.rows.find((r) => r.sector === null);
  return {
    startedInYear: num(started.n),
    submittedInYear: num(submitted.n),
    businessesSubmittedInYear: num(submitted.businesses),
    businessesWithScore: num(overall?.businesses),
    averageLatestScore: oneDecimal(overall?.average),
    bySector: inSectorOrder(
      latest.rows.flatMap((r) => (r.sector === null ? [] : [{ sector: r.sector, businesses: num(r.businesses), averageScore: oneDecimal(r.average) }])),
      (sector) => ({ sector, businesses: 0, averageScore: null }),
    ),
  };
}

function complianceOf(row: { inService: unknown; overdue: unknown; unknown: unknown }): ComplianceCounts {
  const counts = { inService: num(row.inService), overdue: num(row.overdue), unknown: num(row.unknown) };
  return { ...counts, inDate: counts.inService - counts.overdue - counts.unknown, share: complianceOfCounts(counts) };
}

/**
 * In-service instruments today, as the schedule counts them (due-dates.ts: overdue before today,
 * unknown without a date). The biggest query of the page: one pass over the instrument index,
 * counting ranges of (business_id, status, next_due_on) per business, then summed per sector (a
 * business in two sectors counts in both) and in total (sector null, each instrument once).
 */
async function complianceFigures(today: string) {
  const { rows } = await sql<{ sector: string | null; inService: number; overdue: number; unknown: number }>`
    with per_business as materialized (
      select b.id as business_id,
        (select count(*) from instrument i where i.business_id = b.id and i.status = 'in_service') as in_service,
        (select count(*) from instrument i where i.business_id = b.id and i.status = 'in_service' and i.next_due_on < ${today}) as overdue,
        (select count(*) from instrument i where i.business_id = b.id and i.status = 'in_service' and i.next_due_on is null) as unknown
      from business b
    )
    select bs.sector as sector, sum(p.in_service) as "inService", sum(p.overdue) as overdue, sum(p.unknown) as unknown
    from per_business p join business_sector bs on bs.business_id = p.business_id
    group by bs.sector
    union all
    select null, sum(in_service), sum(overdue), sum(unknown) from per_business`.execute(db());
  const total = rows.find((r) => r.sector === null);
  return {
    total: complianceOf(total ?? { inService: 0, overdue: 0, unknown: 0 }),
    bySector: inSectorOrder(
      rows.flatMap((r) => (r.sector === null ? [] : [{ sector: r.sector, ...complianceOf(r) }])),
      (sector) => ({ sector, inService: 0, overdue: 0, unknown: 0, inDate: 0, share: null }),
    ),
  };
}

/**
 * Engagements (Plan 155 target "lượt doanh nghiệp"): each support request of a qualifying type
 * completed, in the year of its completion. "One completed request, one engagement" and "the year
 * of completion" are the portal's reading, stated as such in the plan file's interpretation.
 */
function engagementEvents(from: string, to: string) {
  return db()
    .selectFrom("support_request")
    .where("state", "=", "completed")
    .where("type", "in", ENGAGEMENT_REQUEST_TYPES)
    .where("completed_at", ">=", from)
    .where("completed_at", "<", to)
    .select(["business_id", "type", vietnamYearOf("completed_at").as("year")]);
}

async function engagementsByYear(fromYear: number, toYear: number): Promise<Record<number, number>> {
  const rows = await db()
    .selectFrom(engagementEvents(vietnamYearStart(fromYear), vietnamYearStart(toYear + 1)).as("events"))
    .groupBy("events.year")
    .select((eb) => ["events.year as year", eb.fn.countAll<number>().as("engagements")])
    .execute();
  return Object.fromEntries(rows.map((r) => [Number(r.year), num(r.engagements)]));
}

/** The year's engagements by request type, and how many businesses they concern. */
async function engagementsOfYear(year: number): Promise<EngagementFigures> {
  const events = () => db().selectFrom(engagementEvents(vietnamYearStart(year), vietnamYearStart(year + 1)).as("events"));
  const [byType, businesses] = await Promise.all([
    events()
      .groupBy("events.type")
      .select((eb) => ["events.type as type", eb.fn.countAll<number>().as("n")])
      .execute(),
    events()
      .select((eb) => eb.fn.count<number>("events.business_id").distinct().as("n"))
      .executeTakeFirstOrThrow(),
  ]);
  const counts = Object.fromEntries(byType.map((r) => [r.type, num(r.n)]));
  return {
    total: byType.reduce((sum, r) => sum + num(r.n), 0),
    businesses: num(businesses.n),
    byType: ENGAGEMENT_REQUEST_TYPES.map((type) => ({ type, count: counts[type] ?? 0 })),
  };
}

/** The businesses engaged in the year, one row each, with how, by name: for the report's list (the first `limit`). */
export async function engagedBusinesses(_scope: DostScope, year: number, limit?: number) {
  let query = db()
    .selectFrom(engagementEvents(vietnamYearStart(year), vietnamYearStart(year + 1)).as("events"))
    .innerJoin("business", "business.id", "events.business_id")
    .groupBy("business.id")
    .select([
      "business.id as id",
      "business.legal_name as legalName",
      "business.tax_code as taxCode",
      "business.commune_id as communeId",
      "business.commune_other as communeOther",
    ])
    .orderBy("business.legal_name")
    .orderBy("business.id");
  if (limit !== undefined) query = query.limit(limit);
  const rows = await query.execute();
  if (!rows.length) return [];
  const ids = rows.map((r) => r.id);
  // Sector names and the ways each business engaged, aggregated per business, not fetched per row.
  const [sectors, requests] = await Promise.all([
    db()
      .selectFrom("business_sector")
      .where("business_id", "in", ids)
      .groupBy("business_id")
      .select(["business_id as id", sql<string>`group_concat(sector, ',')`.as("sectors")])
      .execute(),
    db()
      .selectFrom("support_request")
      .where("state", "=", "completed")
      .where("type", "in", ENGAGEMENT_REQUEST_TYPES)
      .where("completed_at", ">=", vietnamYearStart(year))
      .where("completed_at", "<", vietnamYearStart(year + 1))
      .where("business_id", "in", ids)
      .groupBy(["business_id", "type"])
      .select((eb) => ["business_id as id", "type", eb.fn.countAll<number>().as("n")])
      .execute(),
  ]);
  const sectorsOf = new Map(sectors.map((s) => [s.id, s.sectors.split(",").sort()]));
  const requestsOf = new Map<number, Array<{ type: RequestType; count: number }>>();
  for (const r of requests) requestsOf.set(r.id, [...(requestsOf.get(r.id) ?? []), { type: r.type, count: num(r.n) }]);
  await loadCommuneLabels();
  return rows.map((r) => ({
    ...r,
    communeName: { vi: communeLabel(r.communeId, r.communeOther, "vi"), en: communeLabel(r.communeId, r.communeOther, "en") },
    sectors: sectorsOf.get(r.id) ?? [],
    requestsCompleted: requestsOf.get(r.id) ?? [],
  }));
}
export type EngagedBusiness = Awaited<ReturnType<typeof engagedBusinesses>>[number];

async function activityFigures(fromYear: number, toYear: number, year: number) {
  const [sums, list] = await Promise.all([
    db()
      .selectFrom("programme_activity")
      .where("held_on", ">=", `${fromYear}-01-01`)
      .where("held_on", "<=", `${toYear}-12-31`)
      .groupBy(["kind", sql`substr(held_on, 1, 4)`])
      .select((eb) => [
        "kind",
        sql<string>`substr(held_on, 1, 4)`.as("year"),
        eb.fn.countAll<number>().as("activities"),
        eb.fn.sum<number>("quantity").as("quantity"),
      ])
      .execute(),
    db()
      .selectFrom("programme_activity")
      .where("held_on", ">=", `${year}-01-01`)
      .where("held_on", "<=", `${year}-12-31`)
      .select(["id", "kind", "held_on as heldOn", "title", "organiser", "quantity", "participants"])
      .orderBy("held_on")
      .orderBy("id")
      .execute(),
  ]);
  const quantityByKindYear: Record<string, Record<number, number>> = {};
  for (const row of sums) {
    const byYear = (quantityByKindYear[row.kind] ??= {});
    byYear[Number(row.year)] = num(row.quantity);
  }
  const ofYear = sums.filter((row) => Number(row.year) === year);
  return {
    quantityByKindYear,
    byKind: ACTIVITY_KINDS.map((kind) => {
      const row = ofYear.find((r) => r.kind === kind);
      return { kind, activities: num(row?.activities), quantity: num(row?.quantity) };
    }),
    list,
  };
}

async function requestFigures(year: number, today: string) {
  const period = yearPeriod(year);
  const [byState, statistics] = await Promise.all([
    db()
      .selectFrom("support_request")
      .where("state", "!=", "draft")
      .where("submitted_on", ">=", period.from)
      .where("submitted_on", "<=", period.to)
      .groupBy("state")
      .select((eb) => ["state", eb.fn.countAll<number>().as("count")])
      .execute(),
    requestStatistics(period, today),
  ]);
  // In the workflow's order (submitted … completed), not the alphabet's.
  const counts = byState
    .map((r) => ({ state: r.state, count: num(r.count) }))
    .sort((a, b) => REQUEST_STATES.indexOf(a.state) - REQUEST_STATES.indexOf(b.state));
  return {
    submittedInYear: counts.reduce((sum, r) => sum + r.count, 0),
    byState: counts,
    statistics,
    medianDaysToDecision: statistics.total.medianDaysToDecision,
  };
}

/**
 * The city's figures for a year. Counts by registration, submission, completion or holding date
 * fall in the year (Vietnam's calendar); instrument compliance is today's, since the register keeps
 * no history of due dates.
 */
export async function cityFigures(_scope: DostScope, year: number, today: string): Promise<CityFigures> {
  // The figures read every instrument and business (about 70 ms with 200,000 instruments), while
  // they change only when the database does.
  return recentFigures(`${year}|${today}`, () => computeCityFigures(year, today));
}

const recentFigures = cacheUntilDataChanges<CityFigures>(8);

async function computeCityFigures(year: number, today: string): Promise<CityFigures> {
  const yearStart = vietnamYearStart(year);
  const yearEnd = vietnamYearStart(year + 1);
  const needed = yearsNeeded(year);
  const [businesses, assessments, compliance, requests, activities, engagements, engagementsInYear] = await Promise.all([
    businessFigures(yearStart, yearEnd),
    assessmentFigures(yearStart, yearEnd),
    complianceFigures(today),
    requestFigures(year, today),
    activityFigures(needed.from, needed.to, year),
    engagementsByYear(needed.from, needed.to),
    engagementsOfYear(year),
  ]);
  const countsByYear: YearCounts = {};
  for (const target of planTargets.targets) {
    countsByYear[target.id] = target.source === "portal" ? engagements : activities.quantityByKindYear[target.activityKind!] ?? {};
  }
  const years: number[] = [];
  for (let y = needed.from; y <= needed.to; y++) years.push(y);
  const period = yearPeriod(year);
  return {
    year,
    asOf: periodAsOf(period, today),
    today,
    started: period.from <= today,
    businesses,
    assessments,
    compliance,
    requests,
    activities: { byKind: activities.byKind, list: activities.list },
    engagements: engagementsInYear,
    targets: { focusPhaseId: focusPhase(year).id, progress: targetProgress(countsByYear, year), countsByYear, years },
  };
}
