import { type Kysely, sql } from "kysely";

// Issue 12, points 4, 10 and 12.
//
// background_job: a large export, label PDF or import check runs in a worker thread of the process
// that took the request, but its row is here, so any worker process can show its progress and
// serve its file. At most one unfinished job per business (the partial unique index): a second
// one is refused at the database, whichever process asks. A job whose process died (it stops
// sending heartbeats, or its process is seen to be gone) is failed.
//
// import_confirmation: the claim on an uploaded import file, written in the import's own
// transaction; a second confirm of the same file finds the row and shows the first result.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("background_job")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("business_id", "integer", (c) => c.notNull().references("business.id").onDelete("cascade"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("params", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("progress", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("error", "text")
    .addColumn("filename", "text")
    .addColumn("content_type", "text")
    .addColumn("requested_by", "integer", (c) => c.notNull().references("user.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("started_at", "text")
    .addColumn("finished_at", "text")
    .addColumn("heartbeat_at", "text", (c) => c.notNull())
    // host:pid:start of the process running it, so a restarted server frees its dead jobs at once.
    .addColumn("owner", "text", (c) => c.notNull())
    // Last: a scan that reads the columns above never pages through the files.
    .addColumn("result", "blob")
    .execute();
  await db.schema
    .createIndex("background_job_active_idx")
    .on("background_job")
    .column("business_id")
    .unique()
    .where(sql.ref("finished_at"), "is", null)
    .execute();
  await db.schema.createIndex("background_job_business_idx").on("background_job").columns(["business_id", "id"]).execute();
  await db.schema.createIndex("background_job_finished_idx").on("background_job").column("finished_at").execute();
  // Old import files are found by type and age without reading every stored file (their bytes
  // come before uploaded_at in the row).
  await db.schema.createIndex("stored_file_type_age_idx").on("stored_file").columns(["mime_type", "uploaded_at"]).execute();
  // Deleting a stored file checks every row that may point at it (foreign keys, and the import
  // cleanup's own check): without these, each check read the whole event and answer tables.
  await db.schema
    .createIndex("instrument_event_certificate_idx")
    .on("instrument_event")
    .column("certificate_file_id")
    .where(sql.ref("certificate_file_id"), "is not", null)
    .execute();
  await db.schema
    .createIndex("assessment_answer_evidence_idx")
    .on("assessment_answer")
    .column("evidence_file_id")
    .where(sql.ref("evidence_file_id"), "is not", null)
    .execute();
  await db.schema.createIndex("request_attachment_file_idx").on("request_attachment").column("file_id").execute();

  await db.schema
    .createTable("import_confirmation")
    .addColumn("file_id", "integer", (c) => c.primaryKey().references("stored_file.id").onDelete("cascade"))
    .addColumn("business_id", "integer", (c) => c.notNull().references("business.id").onDelete("cascade"))
    .addColumn("confirmed_by", "integer", (c) => c.notNull().references("user.id"))
    .addColumn("confirmed_at", "text", (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const index of ["request_attachment_file_idx", "assessment_answer_evidence_idx", "instrument_event_certificate_idx", "stored_file_type_age_idx"]) {
    await db.schema.dropIndex(index).execute();
  }
  await db.schema.dropTable("import_confirmation").execute();
  await db.schema.dropTable("background_job").execute();
}
