import { type Transaction, sql } from "kysely";
import { type DB, openDatabase } from "@db/connection";
import { type Database } from "@db/schema";
import { env } from "./env.server";

export type { DB };
export type Tx = Transaction<Database>;
/** Read functions accept either, so a command can reread state inside its transaction. */
export type Queryable = DB | Tx;

const globalForDb = globalThis as unknown as { __portalDb?: DB };

/** One connection for the process, kept across dev reloads. */
export function db(): DB {
  if (!globalForDb.__portalDb) globalForDb.__portalDb = openDatabase(env().databasePath).db;
  return globalForDb.__portalDb;
}

export function nowIso(): string {
  return new Date().toISOString();
}

/**
 * Remembers a read until the database changes: total_changes() moves with every write on this
 * process's connection, data_version with every commit by another process (workers, scripts).
 * For figures that read many rows but change only when data does. Keeps the `limit` newest keys.
 */
export function cacheUntilDataChanges<T>(limit: number) {
  const recent = new Map<string, Promise<T>>();
  return async (key: string, compute: () => Promise<T>): Promise<T> => {
    const { rows } = await sql<{ changes: number; version: number }>`select total_changes() as changes, (select data_version from pragma_data_version) as version`.execute(db());
    const fullKey = `${key}|${rows[0]?.changes}|${rows[0]?.version}`;
    const cached = recent.get(fullKey);
    if (cached) return cached;
    const value = compute();
    recent.set(fullKey, value);
    if (recent.size > limit) recent.delete(recent.keys().next().value!);
    value.catch(() => recent.delete(fullKey));
    return value;
  };
}
