import { type Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  // Uploaded evidence and certificates live in the database: one backup holds everything,
  // and a file is written in the same transaction as the record that points to it.
  await db.schema
    .createTable("stored_file")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("business_id", "integer", (c) => c.notNull().references("business.id").onDelete("cascade"))
    .addColumn("filename", "text", (c) => c.notNull())
    .addColumn("mime_type", "text", (c) => c.notNull())
    .addColumn("size_bytes", "integer", (c) => c.notNull())
    .addColumn("sha256", "text", (c) => c.notNull())
    .addColumn("content", "blob", (c) => c.notNull())
    .addColumn("uploaded_by", "integer", (c) => c.notNull().references("user.id"))
    .addColumn("uploaded_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("stored_file_business_idx").on("stored_file").column("business_id").execute();

  await db.schema
    .createTable("assessment")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("business_id", "integer", (c) => c.notNull().references("business.id").onDelete("cascade"))
    .addColumn("checklist_version", "text", (c) => c.notNull())
    .addColumn("sectors", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("started_by", "integer", (c) => c.notNull().references("user.id"))
    .addColumn("started_at", "text", (c) => c.notNull())
    .addColumn("updated_by", "integer", (c) => c.notNull().references("user.id"))
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("submitted_by", "integer", (c) => c.references("user.id"))
    .addColumn("submitted_at", "text")
    .addColumn("score", "real")
    .addColumn("maturity_level", "text")
    .execute();
  await db.schema.createIndex("assessment_business_idx").on("assessment").columns(["business_id", "started_at"]).execute();
  await db.schema.createIndex("assessment_status_idx").on("assessment").columns(["status", "submitted_at"]).execute();

  await db.schema
    .createTable("assessment_answer")
    .addColumn("assessment_id", "integer", (c) => c.notNull().references("assessment.id").onDelete("cascade"))
    .addColumn("item_key", "text", (c) => c.notNull())
    .addColumn("answer", "text")
    .addColumn("note", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("evidence_url", "text")
    .addColumn("evidence_file_id", "integer", (c) => c.references("stored_file.id"))
    .addColumn("updated_by", "integer", (c) => c.notNull().references("user.id"))
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("assessment_answer_pk", ["assessment_id", "item_key"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("assessment_answer").execute();
  await db.schema.dropTable("assessment").execute();
  await db.schema.dropTable("stored_file").execute();
}
