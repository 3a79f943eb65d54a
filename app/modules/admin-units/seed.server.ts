// The shipped ward/commune file is the list's initial content: copied into the database once, when
// the table is empty, right after migrations (db/connection.ts migrateToLatest), wherever
// migrations run — the server, `npm run db:migrate`, the scripts, the tests' template database.
// Imports nothing that opens the database itself: db/connection.ts imports this module.
import adminUnitsJson from "@content/admin-units/can-tho-2025.json";
import { type DB } from "@db/connection";
import { AdminUnitsFileSchema } from "~/modules/content/schemas";

/** The rows the shipped file stands for. */
export function rowsOfAdminUnitsFile(now: string) {
  const file = AdminUnitsFileSchema.parse(adminUnitsJson);
  return file.units.map((u) => ({
    id: u.id,
    code: u.code ?? null,
    kind: u.kind,
    name: u.name,
    province: file.province.id,
    retired_at: null,
    created_at: now,
    created_by: null,
    updated_at: now,
    updated_by: null,
  }));
}

/** Copies the shipped file in when the table is empty; does nothing once DOST keeps the list. One transaction. */
export async function seedAdminUnits(database: DB): Promise<{ seeded: boolean }> {
  if (await database.selectFrom("admin_unit").select("id").limit(1).executeTakeFirst()) return { seeded: false };
  const rows = rowsOfAdminUnitsFile(new Date().toISOString());
  return database.transaction().execute(async (tx) => {
    // Another process may have seeded between the check and this transaction.
    if (await tx.selectFrom("admin_unit").select("id").limit(1).executeTakeFirst()) return { seeded: false };
    await tx.insertInto("admin_unit").values(rows).execute();
    return { seeded: true };
  });
}
