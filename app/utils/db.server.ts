import { type Transaction } from "kysely";
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
