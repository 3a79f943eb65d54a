import { type Kysely } from "kysely";

// DOST's queue lists the reviewers on every load; without this the whole user table (one owner
// per business, so it grows with the city) is read to find the few DOST staff.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex("user_role_idx").on("user").columns(["role", "full_name"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("user_role_idx").execute();
}
