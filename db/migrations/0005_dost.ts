import { type Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  // Designated verification organisations and accredited calibration/testing laboratories.
  await db.schema
    .createTable("provider")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("name", "text", (c) => c.notNull())
    // JSON array of "verification" | "calibration" | "testing".
    .addColumn("kinds", "text", (c) => c.notNull())
    .addColumn("designation_no", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("accreditation_no", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("valid_until", "text")
    .addColumn("scope", "text", (c) => c.notNull().defaultTo(""))
    // JSON array of catalogue instrument type ids the scope covers.
    .addColumn("instrument_types", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("address", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("phone", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("email", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("website", "text", (c) => c.notNull().defaultTo(""))
    // 1 = a fictitious entry of the demo, always labelled as an example.
    .addColumn("is_example", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("active", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("provider_name_idx").on("provider").column("name").execute();
  await db.schema.alterTable("instrument_event").addColumn("provider_id", "integer", (c) => c.references("provider.id")).execute();
  await db.schema.alterTable("support_request").addColumn("plan_provider_id", "integer", (c) => c.references("provider.id")).execute();

  // What DOST does that does not come from businesses: training, standards, laboratories, service organisations.
  await db.schema
    .createTable("programme_activity")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("held_on", "text", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("organiser", "text", (c) => c.notNull().defaultTo(""))
    // People trained, standards socialised; 1 for a laboratory or a service organisation.
    .addColumn("quantity", "integer", (c) => c.notNull())
    .addColumn("participants", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("provider_id", "integer", (c) => c.references("provider.id"))
    .addColumn("notes", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("created_by", "integer", (c) => c.notNull().references("user.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_by", "integer", (c) => c.notNull().references("user.id"))
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("programme_activity_held_idx").on("programme_activity").columns(["kind", "held_on"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("programme_activity").execute();
  await db.schema.alterTable("support_request").dropColumn("plan_provider_id").execute();
  await db.schema.alterTable("instrument_event").dropColumn("provider_id").execute();
  await db.schema.dropTable("provider").execute();
}
