import { type Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("instrument")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("business_id", "integer", (c) => c.notNull().references("business.id").onDelete("cascade"))
    .addColumn("site_id", "integer", (c) => c.notNull().references("site.id"))
    .addColumn("type_id", "text", (c) => c.notNull())
    .addColumn("tag", "text", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("serial", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("manufacturer", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("model", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("range_min", "real")
    .addColumn("range_max", "real")
    .addColumn("unit", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("accuracy", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("purpose", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("own_interval_months", "integer")
    .addColumn("responsible_person", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("public_token", "text", (c) => c.notNull().unique())
    // The schedule, kept up to date by every event in the same transaction, so lists filter and sort in SQL.
    .addColumn("legal_due_on", "text")
    .addColumn("own_due_on", "text")
    .addColumn("next_due_on", "text")
    .addColumn("due_rule", "text")
    .addColumn("last_event_on", "text")
    .addColumn("last_certificate_no", "text")
    .addColumn("last_provider", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("instrument_business_tag_idx").on("instrument").columns(["business_id", "tag"]).unique().execute();
  await db.schema.createIndex("instrument_business_due_idx").on("instrument").columns(["business_id", "status", "next_due_on"]).execute();
  await db.schema.createIndex("instrument_business_site_idx").on("instrument").columns(["business_id", "site_id"]).execute();
  await db.schema.createIndex("instrument_business_type_idx").on("instrument").columns(["business_id", "type_id"]).execute();

  await db.schema
    .createTable("instrument_event")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("instrument_id", "integer", (c) => c.notNull().references("instrument.id").onDelete("cascade"))
    .addColumn("business_id", "integer", (c) => c.notNull().references("business.id").onDelete("cascade"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("performed_on", "text", (c) => c.notNull())
    .addColumn("provider", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("certificate_no", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("result", "text")
    .addColumn("certificate_file_id", "integer", (c) => c.references("stored_file.id"))
    .addColumn("notes", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("override_due_on", "text")
    .addColumn("supersedes_event_id", "integer", (c) => c.references("instrument_event.id"))
    .addColumn("visit_ref", "text")
    .addColumn("impact_since", "text")
    .addColumn("impact_measured", "text")
    .addColumn("impact_action", "text")
    .addColumn("recorded_by", "integer", (c) => c.notNull().references("user.id"))
    .addColumn("recorded_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("instrument_event_instrument_idx").on("instrument_event").columns(["instrument_id", "performed_on"]).execute();

  await db.schema.alterTable("user").addColumn("calendar_token", "text").execute();
  await db.schema.createIndex("user_calendar_token_idx").on("user").column("calendar_token").unique().execute();

  // One row per reminder sent, so a digest never repeats the same reminder.
  await db.schema
    .createTable("reminder_sent")
    .addColumn("instrument_id", "integer", (c) => c.notNull().references("instrument.id").onDelete("cascade"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("due_on", "text", (c) => c.notNull())
    .addColumn("sent_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("reminder_sent_pk", ["instrument_id", "kind", "due_on"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("reminder_sent").execute();
  await db.schema.dropIndex("user_calendar_token_idx").execute();
  await db.schema.alterTable("user").dropColumn("calendar_token").execute();
  await db.schema.dropTable("instrument_event").execute();
  await db.schema.dropTable("instrument").execute();
}
