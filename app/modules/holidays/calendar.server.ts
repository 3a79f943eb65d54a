// The public-holiday calendar DOST keeps: read (kept until the data changes), seeded from the
// shipped file, and changed by DOST admins one audited step at a time.
import { recordAudit } from "~/modules/audit/audit.server";
import {
  type CalendarDay,
  type CalendarDayKind,
  type CalendarStatus,
  type HolidayCalendar,
  fixedDateDays,
  holidayCalendar,
} from "~/modules/requests/working-days";
import { type DostScope } from "~/utils/auth.server";
import { type Queryable, type Tx, cacheUntilDataChanges, db, nowIso } from "~/utils/db.server";
import { type CalendarDayInput, checkCalendarDay } from "./rules";

/** Reads the calendar through `q`: inside a transaction, pass the transaction (the cached read below would wait for it). */
export async function readHolidayCalendar(q: Queryable): Promise<HolidayCalendar> {
  const years = await q.selectFrom("holiday_year").select(["year", "status"]).execute();
  const days = await q.selectFrom("holiday_day").select(["date", "year", "kind", "name_vi", "name_en"]).orderBy("date").execute();
  const byYear = new Map<number, CalendarDay[]>(years.map((y) => [y.year, []]));
  for (const day of days) byYear.get(day.year)?.push({ date: day.date, kind: day.kind, name: { vi: day.name_vi, en: day.name_en } });
  return holidayCalendar(years.map((y) => ({ year: y.year, status: y.status, days: byYear.get(y.year) ?? [] })));
}

const cached = cacheUntilDataChanges<HolidayCalendar>(1);

/** The calendar for loaders and for reads outside a transaction: read once until the database changes. */
export function currentHolidayCalendar(): Promise<HolidayCalendar> {
  return cached("holiday-calendar", () => readHolidayCalendar(db()));
}

export type CalendarYearSummary = {
  year: number;
  status: CalendarStatus | "missing";
  source: string;
  enteredAt: string | null;
  enteredBy: string | null;
  holidays: number;
  workingDays: number;
};

/** Every year DOST keeps, plus this year and the next when it keeps neither yet; newest first. */
export async function listCalendarYears(today: string): Promise<CalendarYearSummary[]> {
  const rows = await db()
    .selectFrom("holiday_year")
    .leftJoin("user", "user.id", "holiday_year.entered_by")
    .select((eb) => [
      "holiday_year.year",
      "holiday_year.status",
      "holiday_year.source",
      "holiday_year.entered_at",
      "user.full_name as entered_by_name",
      eb.selectFrom("holiday_day").whereRef("holiday_day.year", "=", "holiday_year.year").where("kind", "=", "holiday").select((e) => e.fn.countAll<number>().as("n")).as("holidays"),
      eb.selectFrom("holiday_day").whereRef("holiday_day.year", "=", "holiday_year.year").where("kind", "=", "working").select((e) => e.fn.countAll<number>().as("n")).as("working_days"),
    ])
    .execute();
  const years: CalendarYearSummary[] = rows.map((r) => ({
    year: r.year,
    status: r.status,
    source: r.source,
    enteredAt: r.entered_at,
    enteredBy: r.entered_by_name ?? null,
    holidays: Number(r.holidays ?? 0),
    workingDays: Number(r.working_days ?? 0),
  }));
  const thisYear = Number(today.slice(0, 4));
  for (const year of [thisYear, thisYear + 1]) {
    if (!years.some((y) => y.year === year)) {
      years.push({ year, status: "missing", source: "", enteredAt: null, enteredBy: null, holidays: fixedDateDays(year).length, workingDays: 0 });
    }
  }
  return years.sort((a, b) => b.year - a.year);
}

export type CalendarYearDetail = Omit<CalendarYearSummary, "holidays" | "workingDays"> & {
  days: { date: string; kind: CalendarDayKind; nameVi: string; nameEn: string }[];
};

/** A year's days: DOST's, or for a year it does not keep, those the fixed-date rules give. */
export async function calendarYearDetail(year: number): Promise<CalendarYearDetail> {
  const row = await db()
    .selectFrom("holiday_year")
    .leftJoin("user", "user.id", "holiday_year.entered_by")
    .where("holiday_year.year", "=", year)
    .select(["holiday_year.status", "holiday_year.source", "holiday_year.entered_at", "user.full_name as entered_by_name"])
    .executeTakeFirst();
  if (!row) {
    const days = fixedDateDays(year).map((d) => ({ date: d.date, kind: d.kind, nameVi: d.name.vi, nameEn: d.name.en }));
    return { year, status: "missing", source: "", enteredAt: null, enteredBy: null, days };
  }
  const days = await db().selectFrom("holiday_day").where("year", "=", year).select(["date", "kind", "name_vi", "name_en"]).orderBy("date").execute();
  return {
    year,
    status: row.status,
    source: row.source,
    enteredAt: row.entered_at,
    enteredBy: row.entered_by_name ?? null,
    days: days.map((d) => ({ date: d.date, kind: d.kind, nameVi: d.name_vi, nameEn: d.name_en })),
  };
}

/**
 * A year DOST does not keep yet starts, at its first change, from what the fixed-date rules give
 * (so a first Tết day does not drop New Year's Day), as provisional.
 */
async function ensureYear(tx: Tx, scope: DostScope, year: number): Promise<void> {
  if (await tx.selectFrom("holiday_year").where("year", "=", year).select("year").executeTakeFirst()) return;
  const now = nowIso();
  await tx.insertInto("holiday_year").values({ year, status: "provisional", source: "", entered_by: null, entered_at: null, updated_at: now }).execute();
  const days = fixedDateDays(year);
  if (days.length) {
    await tx
      .insertInto("holiday_day")
      .values(days.map((d) => ({ date: d.date, year, kind: d.kind, name_vi: d.name.vi, name_en: d.name.en, created_by: scope.user.id, created_at: now })))
      .execute();
  }
  await recordAudit(tx, { actorUserId: scope.user.id, businessId: null, entity: "holiday_year", entityId: year, action: "create", detail: { fromFixedDateRules: days.map((d) => d.date) } });
}

export type CalendarChangeResult = { ok: true } | { ok: false; errors: Record<string, string> };

/** Adds a weekday off or a make-up weekend day to a year; refused (nothing changed) when a rule says no. */
export async function addCalendarDay(scope: DostScope, year: number, input: CalendarDayInput): Promise<CalendarChangeResult> {
  return db()
    .transaction()
    .execute(async (tx) => {
      const kept = await tx.selectFrom("holiday_year").where("year", "=", year).select("year").executeTakeFirst();
      // A year not kept yet will start from its fixed-date days (ensureYear): check against those.
      const known = kept ? (await tx.selectFrom("holiday_day").where("year", "=", year).select("date").execute()).map((d) => d.date) : fixedDateDays(year).map((d) => d.date);
      const problem = checkCalendarDay(year, input, new Set(known));
      if (problem) return { ok: false as const, errors: { date: problem } };
      await ensureYear(tx, scope, year);
      const now = nowIso();
      const nameEn = input.nameEn || input.nameVi;
      await tx.insertInto("holiday_day").values({ date: input.date, year, kind: input.kind, name_vi: input.nameVi, name_en: nameEn, created_by: scope.user.id, created_at: now }).execute();
      await tx.updateTable("holiday_year").set({ updated_at: now }).where("year", "=", year).execute();
      await recordAudit(tx, { actorUserId: scope.user.id, businessId: null, entity: "holiday_day", entityId: input.date, action: "add", detail: { year, kind: input.kind, nameVi: input.nameVi, nameEn } });
      return { ok: true as const };
    });
}

/** Removes one day of a year; false when the year holds no such day. */
export async function removeCalendarDay(scope: DostScope, year: number, date: string): Promise<boolean> {
  return db()
    .transaction()
    .execute(async (tx) => {
      if (!(await tx.selectFrom("holiday_year").where("year", "=", year).select("year").executeTakeFirst())) {
        // A year not kept yet: removing one of its fixed-date days first makes it a kept year.
        if (!fixedDateDays(year).some((d) => d.date === date)) return false;
        await ensureYear(tx, scope, year);
      }
      const day = await tx.selectFrom("holiday_day").where("year", "=", year).where("date", "=", date).select(["kind", "name_vi", "name_en"]).executeTakeFirst();
      if (!day) return false;
      await tx.deleteFrom("holiday_day").where("date", "=", date).execute();
      await tx.updateTable("holiday_year").set({ updated_at: nowIso() }).where("year", "=", year).execute();
      await recordAudit(tx, { actorUserId: scope.user.id, businessId: null, entity: "holiday_day", entityId: date, action: "remove", detail: { year, kind: day.kind, nameVi: day.name_vi, nameEn: day.name_en } });
      return true;
    });
}

/** Marks a year's calendar as the announced one, naming the document it comes from. */
export async function markYearEntered(scope: DostScope, year: number, source: string): Promise<void> {
  await db()
    .transaction()
    .execute(async (tx) => {
      await ensureYear(tx, scope, year);
      const before = await tx.selectFrom("holiday_year").where("year", "=", year).select(["status", "source"]).executeTakeFirstOrThrow();
      const now = nowIso();
      await tx.updateTable("holiday_year").set({ status: "entered", source, entered_by: scope.user.id, entered_at: now, updated_at: now }).where("year", "=", year).execute();
      await recordAudit(tx, { actorUserId: scope.user.id, businessId: null, entity: "holiday_year", entityId: year, action: "markEntered", detail: { from: before, source } });
    });
}
