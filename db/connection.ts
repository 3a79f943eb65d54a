import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import SQLite from "better-sqlite3";
import { type DialectAdapter, Kysely, Migrator, SqliteAdapter, type SqliteDatabase, SqliteDialect } from "kysely";
import { seedAdminUnits } from "../app/modules/admin-units/seed.server";
import { seedHolidayCalendar } from "../app/modules/holidays/seed.server";
import { seedLegalContent } from "../app/modules/legal/seed.server";
import { migrationProvider } from "./migrations/index";
import { type Database } from "./schema";

export type DB = Kysely<Database>;

// SQLite rolls back schema changes like any other, but Kysely's adapter says it cannot, so the
// Migrator would run each migration outside a transaction: a crash halfway would leave tables
// created and the migration unrecorded, and the next start would fail. Say it can.
class TransactionalDdlAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true;
  }
}
class PortalSqliteDialect extends SqliteDialect {
  override createAdapter(): DialectAdapter {
    return new TransactionalDdlAdapter();
  }
}

// Kysely prepares every query afresh; a page runs the same few dozen statements on every request,
// so each is compiled by SQLite once and kept. (Nothing here streams, so a kept statement is never
// busy when it is used again.)
const STATEMENTS_KEPT = 2_000;

function withStatementCache(sqlite: SQLite.Database): SqliteDatabase {
  const statements = new Map<string, SQLite.Statement>();
  return {
    prepare(sql: string) {
      let statement = statements.get(sql);
      if (!statement) {
        if (statements.size >= STATEMENTS_KEPT) statements.clear();
        statement = sqlite.prepare(sql);
        statements.set(sql, statement);
      }
      return statement;
    },
    close() {
      statements.clear();
      sqlite.close();
    },
  };
}

/** The only place that knows the database is SQLite; queries elsewhere stay portable. */
export function openDatabase(path: string): { db: DB; sqlite: SQLite.Database } {
  if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
  const sqlite = new SQLite(path);
  sqlite.pragma("journal_mode = WAL"); // readers never wait for the writer
  sqlite.pragma("synchronous = NORMAL"); // with WAL, a killed process loses nothing committed
  sqlite.pragma("foreign_keys = ON"); // off by default in SQLite, per connection
  sqlite.pragma("busy_timeout = 5000"); // backup and scripts may hold the lock for a moment
  const db = new Kysely<Database>({ dialect: new PortalSqliteDialect({ database: withStatementCache(sqlite) }) });
  return { db, sqlite };
}

export async function migrateToLatest(db: DB): Promise<string[]> {
  const migrator = new Migrator({ db, provider: migrationProvider });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error;
  // The legal catalogue's initial content, once, wherever migrations run (see seed.server.ts).
  await seedLegalContent(db);
  await seedHolidayCalendar(db);
  await seedAdminUnits(db);
  return (results ?? []).filter((r) => r.status === "Success").map((r) => r.migrationName);
}
