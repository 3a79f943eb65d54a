import { type Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("support_request")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("business_id", "integer", (c) => c.notNull().references("business.id").onDelete("cascade"))
    // HT-YYYY-NNNNNN, given on submission; a draft has none.
    .addColumn("code", "text", (c) => c.unique())
    .addColumn("type", "text", (c) => c.notNull())
    .addColumn("state", "text", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("description", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("desired_on", "text")
    .addColumn("trainees", "integer")
    // Where it was started from: an assessment gap, the schedule, a failed event.
    .addColumn("origin", "text")
    .addColumn("assessment_id", "integer", (c) => c.references("assessment.id").onDelete("set null"))
    .addColumn("assessment_item", "text")
    .addColumn("created_by", "integer", (c) => c.notNull().references("user.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    // The clock: working days from the submission day, paused while waiting for the business.
    .addColumn("submitted_at", "text")
    .addColumn("submitted_on", "text")
    .addColumn("sla_days", "integer")
    .addColumn("deadline_on", "text")
    .addColumn("appointment_on", "text")
    .addColumn("paused_since", "text")
    .addColumn("paused_days", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("assignee_id", "integer", (c) => c.references("user.id"))
    .addColumn("decided_at", "text")
    .addColumn("decided_on", "text")
    .addColumn("plan_provider", "text")
    .addColumn("plan_on", "text")
    .addColumn("plan_note", "text")
    .addColumn("reject_reason", "text")
    .addColumn("completed_at", "text")
    .addColumn("outcome", "text")
    .addColumn("closed_at", "text")
    .execute();
  await db.schema.createIndex("support_request_business_idx").on("support_request").columns(["business_id", "state"]).execute();
  await db.schema.createIndex("support_request_state_idx").on("support_request").columns(["state", "appointment_on"]).execute();
  await db.schema.createIndex("support_request_submitted_idx").on("support_request").column("submitted_on").execute();
  await db.schema.createIndex("support_request_assignee_idx").on("support_request").columns(["assignee_id", "state"]).execute();

  await db.schema
    .createTable("support_request_instrument")
    .addColumn("request_id", "integer", (c) => c.notNull().references("support_request.id").onDelete("cascade"))
    .addColumn("instrument_id", "integer", (c) => c.notNull().references("instrument.id").onDelete("cascade"))
    .addPrimaryKeyConstraint("support_request_instrument_pk", ["request_id", "instrument_id"])
    .execute();

  // The timeline: every transition, message and internal note, never edited.
  await db.schema
    .createTable("request_entry")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("request_id", "integer", (c) => c.notNull().references("support_request.id").onDelete("cascade"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("from_state", "text")
    .addColumn("to_state", "text")
    .addColumn("body", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("data", "text")
    .addColumn("internal", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("actor_id", "integer", (c) => c.notNull().references("user.id"))
    .addColumn("at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("request_entry_request_idx").on("request_entry").columns(["request_id", "id"]).execute();

  await db.schema
    .createTable("request_attachment")
    .addColumn("request_id", "integer", (c) => c.notNull().references("support_request.id").onDelete("cascade"))
    .addColumn("file_id", "integer", (c) => c.notNull().references("stored_file.id"))
    .addColumn("entry_id", "integer", (c) => c.references("request_entry.id"))
    .addPrimaryKeyConstraint("request_attachment_pk", ["request_id", "file_id"])
    .execute();

  // Sequential per year, taken inside the submitting transaction.
  await db.schema
    .createTable("request_counter")
    .addColumn("year", "integer", (c) => c.primaryKey())
    .addColumn("last_number", "integer", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("app_setting")
    .addColumn("key", "text", (c) => c.primaryKey())
    .addColumn("value", "text", (c) => c.notNull())
    .addColumn("updated_by", "integer", (c) => c.references("user.id"))
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ["app_setting", "request_counter", "request_attachment", "request_entry", "support_request_instrument", "support_request"]) {
    await db.schema.dropTable(table).execute();
  }
}
