import { type Kysely } from "kysely";

// The legal catalogue moves from a shipped file into the database, so DOST can keep it current
// without a code change. The file stays the initial content: app/modules/legal/seed.server.ts
// copies it in when these tables are empty, right after migrations.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("instrument_type")
    // The catalogue id of the shipped file ("fuel-dispenser"); instrument.type_id refers to it.
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("name_vi", "text", (c) => c.notNull())
    .addColumn("name_en", "text", (c) => c.notNull())
    .addColumn("quantity_vi", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("quantity_en", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("unit", "text", (c) => c.notNull().defaultTo(""))
    // JSON array of sector ids.
    .addColumn("sectors", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("recommended_calibration_months", "integer")
    // The item number on the legal list ("43"), when the type is on it.
    .addColumn("list_item", "text")
    // A retired type is never offered for a new instrument; instruments that use it keep it.
    .addColumn("retired_at", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("created_by", "integer", (c) => c.references("user.id"))
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("updated_by", "integer", (c) => c.references("user.id"))
    .execute();

  // Effective-dated and insert-only: a change of law is a new row; a row entered in error is
  // retracted (kept, with who and why), never edited or deleted.
  await db.schema
    .createTable("legal_control")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("type_id", "text", (c) => c.notNull().references("instrument_type.id"))
    .addColumn("effective_from", "text", (c) => c.notNull())
    // 1: on the group-2 list from this date; 0: taken off it from this date.
    .addColumn("listed", "integer", (c) => c.notNull())
    // JSON object {typeApproval, initialVerification, periodicVerification, afterRepairVerification} of booleans.
    .addColumn("controls", "text", (c) => c.notNull())
    // Null: no periodic verification.
    .addColumn("cycle_months", "integer")
    .addColumn("document", "text", (c) => c.notNull())
    .addColumn("article", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("item", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("basis", "text", (c) => c.notNull())
    .addColumn("note", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("created_by", "integer", (c) => c.references("user.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("retracted_at", "text")
    .addColumn("retracted_by", "integer", (c) => c.references("user.id"))
    .addColumn("retract_reason", "text")
    .execute();
  await db.schema.createIndex("legal_control_type_idx").on("legal_control").columns(["type_id", "effective_from"]).execute();

  // What a change of the legal content did to a business's instruments, told in its next reminder digest.
  await db.schema
    .createTable("legal_notice")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("business_id", "integer", (c) => c.notNull().references("business.id").onDelete("cascade"))
    .addColumn("legal_control_id", "integer", (c) => c.notNull().references("legal_control.id"))
    // JSON: { typeId, change, fromMonths, toMonths, document, effectiveFrom, instruments }.
    .addColumn("detail", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("sent_at", "text")
    .execute();
  await db.schema.createIndex("legal_notice_unsent_idx").on("legal_notice").columns(["sent_at", "business_id"]).execute();
  // The admin pages count instruments per type across every business.
  await db.schema.createIndex("instrument_type_id_idx").on("instrument").column("type_id").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("instrument_type_id_idx").execute();
  await db.schema.dropTable("legal_notice").execute();
  await db.schema.dropTable("legal_control").execute();
  await db.schema.dropTable("instrument_type").execute();
}
