import { type Kysely, sql } from "kysely";

// Cần Thơ's wards and communes move from a shipped file into the database, so DOST corrects a
// name, adds a unit or retires one when the map changes, without a code change. The file stays the
// initial content: app/modules/admin-units/seed.server.ts copies it in when the table is empty,
// right after migrations. business.commune_id and site.commune_id keep referring to `id`.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("admin_unit")
    // The shipped file's id ("phuong-ninh-kieu"); never changes, even when the unit is renamed.
    .addColumn("id", "text", (c) => c.primaryKey())
    // The 5-digit national unit code (mã đơn vị hành chính), when known.
    .addColumn("code", "text")
    // "ward" (phường) or "commune" (xã).
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("province", "text", (c) => c.notNull())
    // A retired unit is never offered for a new sign-up or site; records that name it keep it.
    .addColumn("retired_at", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("created_by", "integer", (c) => c.references("user.id"))
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("updated_by", "integer", (c) => c.references("user.id"))
    .execute();
  // A code names one unit in use at a time: a unit formed by a merger often takes over the code
  // of one it replaced, so a retired unit does not hold its code against the new one.
  await db.schema
    .createIndex("admin_unit_code_idx")
    .on("admin_unit")
    .column("code")
    .unique()
    .where(sql<boolean>`code is not null and retired_at is null`)
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("admin_unit").execute();
}
