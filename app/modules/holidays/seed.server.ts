// The shipped holiday file is the calendar's initial content: copied into the database once, when
// its tables are empty, right after migrations (db/connection.ts migrateToLatest), wherever
// migrations run — the server, `npm run db:migrate`, the scripts, the tests' template database.
// Imports nothing that opens the database itself: db/connection.ts imports this module.
import { type DB } from "@db/connection";
import { shippedCalendarYears } from "./shipped";

/**
 * Copies the shipped file into the calendar tables when they are empty, right after migrations
 * (db/connection.ts migrateToLatest). Does nothing once they hold a year: from then on DOST keeps
 * the calendar in the portal. One transaction.
 */
export async function seedHolidayCalendar(database: DB): Promise<{ seeded: boolean }> {
  if (await database.selectFrom("holiday_year").select("year").limit(1).executeTakeFirst()) return { seeded: false };
  const now = new Date().toISOString();
  const years = shippedCalendarYears();
  return database.transaction().execute(async (tx) => {
    // Another process may have seeded between the check and this transaction.
    if (await tx.selectFrom("holiday_year").select("year").limit(1).executeTakeFirst()) return { seeded: false };
    for (const year of years) {
      await tx.insertInto("holiday_year").values({ year: year.year, status: year.status, source: year.source, entered_by: null, entered_at: null, updated_at: now }).execute();
      await tx
        .insertInto("holiday_day")
        .values(year.days.map((d) => ({ date: d.date, year: year.year, kind: d.kind, name_vi: d.name.vi, name_en: d.name.en, created_by: null, created_at: now })))
        .execute();
    }
    return { seeded: true };
  });
}
