import { type Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("business")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("legal_name", "text", (c) => c.notNull())
    .addColumn("tax_code", "text", (c) => c.notNull().unique())
    .addColumn("ownership", "text", (c) => c.notNull())
    .addColumn("province", "text", (c) => c.notNull())
    .addColumn("commune_id", "text")
    .addColumn("commune_other", "text")
    .addColumn("street_address", "text", (c) => c.notNull())
    .addColumn("contact_name", "text", (c) => c.notNull())
    .addColumn("phone", "text", (c) => c.notNull())
    .addColumn("email", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("business_sector")
    .addColumn("business_id", "integer", (c) => c.notNull().references("business.id").onDelete("cascade"))
    .addColumn("sector", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("business_sector_pk", ["business_id", "sector"])
    .execute();
  await db.schema.createIndex("business_sector_sector_idx").on("business_sector").column("sector").execute();

  await db.schema
    .createTable("site")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("business_id", "integer", (c) => c.notNull().references("business.id").onDelete("cascade"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("commune_id", "text")
    .addColumn("commune_other", "text")
    .addColumn("street_address", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("site_business_idx").on("site").column("business_id").execute();

  await db.schema
    .createTable("user")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("email", "text", (c) => c.notNull().unique())
    .addColumn("full_name", "text", (c) => c.notNull())
    .addColumn("password_hash", "text", (c) => c.notNull())
    .addColumn("role", "text", (c) => c.notNull())
    .addColumn("business_id", "integer", (c) => c.references("business.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("disabled_at", "text")
    .execute();
  await db.schema.createIndex("user_business_idx").on("user").column("business_id").execute();

  await db.schema
    .createTable("session")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "integer", (c) => c.notNull().references("user.id").onDelete("cascade"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("expires_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("session_user_idx").on("session").column("user_id").execute();

  await db.schema
    .createTable("password_reset")
    .addColumn("token_hash", "text", (c) => c.primaryKey())
    .addColumn("user_id", "integer", (c) => c.notNull().references("user.id").onDelete("cascade"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("expires_at", "text", (c) => c.notNull())
    .addColumn("used_at", "text")
    .execute();

  await db.schema
    .createTable("invitation")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("business_id", "integer", (c) => c.notNull().references("business.id").onDelete("cascade"))
    .addColumn("email", "text", (c) => c.notNull())
    .addColumn("token_hash", "text", (c) => c.notNull().unique())
    .addColumn("invited_by", "integer", (c) => c.notNull().references("user.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("expires_at", "text", (c) => c.notNull())
    .addColumn("accepted_at", "text")
    .addColumn("revoked_at", "text")
    .execute();
  await db.schema.createIndex("invitation_business_idx").on("invitation").column("business_id").execute();

  await db.schema
    .createTable("login_attempt")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("email", "text", (c) => c.notNull())
    .addColumn("ip", "text", (c) => c.notNull())
    .addColumn("at", "text", (c) => c.notNull())
    .addColumn("succeeded", "integer", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("login_attempt_email_idx").on("login_attempt").columns(["email", "at"]).execute();
  await db.schema.createIndex("login_attempt_ip_idx").on("login_attempt").columns(["ip", "at"]).execute();

  await db.schema
    .createTable("outbox")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("to_address", "text", (c) => c.notNull())
    .addColumn("subject", "text", (c) => c.notNull())
    .addColumn("body_text", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("sent_at", "text")
    .addColumn("last_error", "text")
    .execute();

  await db.schema
    .createTable("audit_log")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("at", "text", (c) => c.notNull())
    .addColumn("actor_user_id", "integer", (c) => c.references("user.id"))
    .addColumn("business_id", "integer", (c) => c.references("business.id"))
    .addColumn("entity", "text", (c) => c.notNull())
    .addColumn("entity_id", "text", (c) => c.notNull())
    .addColumn("action", "text", (c) => c.notNull())
    .addColumn("detail", "text")
    .execute();
  await db.schema.createIndex("audit_log_business_idx").on("audit_log").columns(["business_id", "at"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    "audit_log",
    "outbox",
    "login_attempt",
    "invitation",
    "password_reset",
    "session",
    "user",
    "site",
    "business_sector",
    "business",
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
