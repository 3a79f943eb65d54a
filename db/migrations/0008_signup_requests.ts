import { type Kysely } from "kysely";

// Sign-ups wait here until the address confirms them (issue 12, point 11): the business and its
// owner are created only from the link in the mail, so sign-up says the same thing whether or not
// the address already has an account. Every accepted sign-up form leaves a row (with the address
// it came from), which is also what limits sign-ups per network address and mails per inbox.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("signup_request")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("email", "text", (c) => c.notNull())
    .addColumn("ip", "text", (c) => c.notNull())
    // "new": a confirmation link was mailed; "existing": the address has an account and got a notice.
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("mailed", "integer", (c) => c.notNull())
    .addColumn("token_hash", "text", (c) => c.unique())
    .addColumn("data", "text")
    .addColumn("password_hash", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("expires_at", "text")
    .addColumn("used_at", "text")
    .execute();
  await db.schema.createIndex("signup_request_ip_idx").on("signup_request").columns(["ip", "created_at"]).execute();
  await db.schema.createIndex("signup_request_email_idx").on("signup_request").columns(["email", "created_at"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("signup_request").execute();
}
