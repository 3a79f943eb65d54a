import { type Kysely } from "kysely";

// Public holidays and make-up working days move from a shipped file into the database, so DOST
// enters each year's calendar as the Government announces it. The file stays the initial content:
// app/modules/holidays/seed.server.ts copies it in when these tables are empty, right after migrations.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("holiday_year")
    .addColumn("year", "integer", (c) => c.primaryKey())
    // "entered": the announced calendar is in; "provisional": computed or not yet complete.
    .addColumn("status", "text", (c) => c.notNull())
    // The document the days come from, e.g. "Thông báo 9441/TB-BNV ngày 16/10/2025 của Bộ Nội vụ".
    .addColumn("source", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("entered_by", "integer", (c) => c.references("user.id"))
    .addColumn("entered_at", "text")
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("holiday_day")
    .addColumn("date", "text", (c) => c.primaryKey())
    .addColumn("year", "integer", (c) => c.notNull().references("holiday_year.year"))
    // "holiday": a weekday off; "working": a Saturday or Sunday worked in exchange (ngày làm bù).
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("name_vi", "text", (c) => c.notNull())
    .addColumn("name_en", "text", (c) => c.notNull())
    .addColumn("created_by", "integer", (c) => c.references("user.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("holiday_day_year_idx").on("holiday_day").columns(["year", "date"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("holiday_day").execute();
  await db.schema.dropTable("holiday_year").execute();
}
