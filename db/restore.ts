// Puts a backup back as the live database, after checking that it is sound and this app's.
// Usage: npm run restore -- FILE   (DATABASE_PATH names the database to replace, as for the server)
// FILE is a backup (npm run backup), not a database some process still has open.
import { closeSync, copyFileSync, existsSync, fsyncSync, linkSync, mkdirSync, openSync, readSync, realpathSync, renameSync, rmSync, statSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import SQLite from "better-sqlite3";
import { migrateToLatest, openDatabase } from "./connection";
import { migrationProvider } from "./migrations/index";
import { databasePath } from "./paths";

class Refusal extends Error {}
function refuse(message: string): never {
  throw new Refusal(message);
}

const SQLITE_HEADER = "SQLite format 3\0";
const SIDE_FILES = ["-wal", "-shm", "-journal"] as const;
const COUNTED = ["business", "user", "instrument", "support_request", "request_entry", "audit_log", "stored_file"] as const;

function hasSqliteHeader(path: string): boolean {
  const header = Buffer.alloc(SQLITE_HEADER.length);
  const fd = openSync(path, "r");
  try {
    return readSync(fd, header, 0, header.length, 0) === header.length && header.toString("latin1") === SQLITE_HEADER;
  } finally {
    closeSync(fd);
  }
}

/** fsync a file or a directory, so a rename survives a power cut as well as a crash. */
function sync(path: string) {
  const fd = openSync(path, "r");
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** The candidate must pass SQLite's full integrity check and carry this app's migrations, none newer. */
async function checkCandidate(copy: SQLite.Database, source: string): Promise<{ applied: string[] }> {
  const problems = (copy.pragma("integrity_check(20)") as Array<{ integrity_check: string }>).map((r) => r.integrity_check);
  if (problems.length !== 1 || problems[0] !== "ok") {
    refuse(`${source} failed SQLite's integrity check; nothing was changed.\n  ${problems.join("\n  ")}`);
  }
  const table = copy.prepare("select 1 from sqlite_master where type = 'table' and name = 'kysely_migration'").get();
  if (!table) refuse(`${source} is an SQLite database, but not one of this app: it has no migration table (kysely_migration). Nothing was changed.`);
  const applied = (copy.prepare("select name from kysely_migration order by name").all() as Array<{ name: string }>).map((r) => r.name);
  const known = Object.keys(await migrationProvider.getMigrations()).sort();
  const unknown = applied.filter((name) => !known.includes(name));
  const ours = applied.filter((name) => known.includes(name));
  if (!ours.length) {
    refuse(`${source} is an SQLite database, but not one of this app: none of its migrations (${applied.join(", ") || "none"}) are this app's. Nothing was changed.`);
  }
  if (unknown.length) {
    refuse(`${source} comes from a newer version of this app (migrations ${unknown.join(", ")} are unknown to this code). Update the code first, then restore. Nothing was changed.`);
  }
  // Kysely applies migrations in order, so a database of this app holds a prefix of the list.
  if (ours.some((name, i) => name !== known[i])) {
    refuse(`${source} holds migrations (${applied.join(", ")}) that do not match this code's order (${known.join(", ")}). Nothing was changed.`);
  }
  return { applied };
}

/**
 * Takes the current database for ourselves, or refuses. Leaving WAL mode needs an exclusive lock, and
 * every other connection that has read a WAL database holds a shared lock on it until it is closed (a
 * running server, even idle: it reads at start; a backup), so the switch fails while one is open. When
 * it succeeds, SQLite has checkpointed the write-ahead log into the file and removed it, so the file
 * is complete on its own. The exclusive lock is then held until the new file is in place.
 */
async function takeCurrent(target: string): Promise<SQLite.Database> {
  const current = new SQLite(target, { fileMustExist: true, timeout: 250 });
  try {
    // A writer finishing a transaction holds the lock for a moment: a few tries before refusing.
    for (let attempt = 0; ; attempt++) {
      let mode: unknown;
      try {
        mode = current.pragma("journal_mode = DELETE", { simple: true });
      } catch (error) {
        const code = (error as { code?: string }).code;
        if (code === "SQLITE_NOTADB" || code === "SQLITE_CORRUPT") {
          refuse(`the current database ${target} cannot be opened by SQLite (${(error as Error).message}). Move it, and any -wal or -shm file beside it, aside yourself, then restore again. Nothing was changed.`);
        }
        if (code !== "SQLITE_BUSY") throw error;
      }
      if (mode === "delete") break;
      if (attempt >= 8) {
        refuse(
          `${target} is in use by another process: a running server or a script (backup, migrate) has it open.\n` +
            "Stop the server first: a server left running would keep writing to a file that is no longer the database. Nothing was changed.",
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    current.pragma("locking_mode = EXCLUSIVE");
    current.exec("BEGIN EXCLUSIVE");
    return current;
  } catch (error) {
    current.close();
    throw error;
  }
}

function countRows(sqlite: SQLite.Database): string {
  return COUNTED.map((table) => `${table} ${(sqlite.prepare(`select count(*) as n from "${table}"`).get() as { n: number }).n}`).join(", ");
}

async function restore(file: string) {
  const source = resolve(file);
  const target = databasePath();
  const done: string[] = [];

  if (!existsSync(source)) refuse(`there is no file at ${source}.`);
  if (!statSync(source).isFile()) refuse(`${source} is not a file.`);
  if (existsSync(target) && realpathSync(source) === realpathSync(target)) refuse(`${source} is the live database itself (DATABASE_PATH); name a backup file.`);
  if (!hasSqliteHeader(source)) refuse(`${source} is not an SQLite database (it does not start with "SQLite format 3"). Nothing was changed.`);

  // Everything is done on a copy beside the target (same file system, so the final rename is
  // atomic); the backup itself is only read, so it may sit on read-only media.
  mkdirSync(dirname(target), { recursive: true });
  const temp = join(dirname(target), `.${basename(target)}.restore-${process.pid}.tmp`);
  const removeTemp = () => ["", ...SIDE_FILES].forEach((suffix) => rmSync(temp + suffix, { force: true }));
  let current: SQLite.Database | undefined;
  try {
    removeTemp();
    copyFileSync(source, temp);
    // A backup copied by hand from a WAL database may have part of its data in a -wal beside it.
    if (existsSync(`${source}-wal`)) {
      copyFileSync(`${source}-wal`, `${temp}-wal`);
      done.push(`Took in ${basename(source)}-wal beside it.`);
    }
    let check: { applied: string[] };
    try {
      const candidate = new SQLite(temp);
      try {
        candidate.pragma("journal_mode = DELETE"); // folds a -wal in, if any
        check = await checkCandidate(candidate, source);
      } finally {
        candidate.close();
      }
    } catch (error) {
      if (error instanceof Refusal) throw error;
      refuse(`${source} could not be read as an SQLite database (${(error as Error).message}). Nothing was changed.`);
    }
    done.push(`Checked ${source}: integrity ok, migrations ${check.applied.join(", ")}.`);

    // Migrated before it goes live, so a backup this code cannot bring up to date never replaces anything.
    const { db, sqlite } = openDatabase(temp);
    try {
      const applied = await migrateToLatest(db);
      done.push(applied.length ? `Applied the migrations it predates: ${applied.join(", ")}.` : "No migrations pending.");
      done.push(`It holds: ${countRows(sqlite)}.`);
    } catch (error) {
      refuse(`${source} passed its checks, but this code's migrations failed on it (${(error as Error).message}). Nothing was changed.`);
    } finally {
      await db.destroy();
    }
    // One self-contained file again, like the backups: the app turns WAL back on when it opens it.
    const migrated = new SQLite(temp);
    migrated.pragma("journal_mode = DELETE");
    migrated.close();

    const stamp = new Date().toISOString().replace(/[-:]/g, "").replace(/\..*/, "").replace("T", "-");
    const kept = `${target}.before-restore-${stamp}`;
    if (existsSync(target)) {
      current = await takeCurrent(target);
      // With the lock held and the log checkpointed, anything left beside the file is stale and
      // would be read as part of the restored database: a -journal could even be rolled back into it.
      for (const suffix of SIDE_FILES) {
        if (existsSync(target + suffix)) {
          rmSync(target + suffix);
          done.push(`Removed a stale ${basename(target + suffix)}.`);
        }
      }
      // A hard link keeps the old file under a new name at no cost; the rename below then replaces
      // the name atomically, so there is no moment without a database at DATABASE_PATH.
      try {
        linkSync(target, kept);
      } catch {
        copyFileSync(target, kept);
      }
      done.push(`Kept the current database (write-ahead log checkpointed into it) as ${kept}.`);
    } else {
      done.push(`There was no database at ${target} yet.`);
    }

    sync(temp);
    renameSync(temp, target);
  } catch (error) {
    current?.close();
    removeTemp();
    if (error instanceof Refusal) throw error;
    throw new Error(`${(error as Error).message}. Nothing was changed`);
  }
  sync(dirname(target));
  current?.exec("ROLLBACK");
  current?.close();
  done.push(`Put ${source} in place as ${target}.`);
  console.log(done.join("\n"));
}

const USAGE = "Usage: npm run restore -- FILE\nReplaces the database at DATABASE_PATH (default data/app.db) with the backup FILE. Stop the server first.";
const file = process.argv[2];
if (file === "--help" || file === "-h") {
  console.log(USAGE);
  process.exit(0);
}
if (!file || process.argv.length > 3) {
  console.error(USAGE);
  process.exit(1);
}
try {
  await restore(file);
} catch (error) {
  if (error instanceof Refusal) {
    console.error(`Restore refused: ${error.message}`);
  } else {
    console.error(`Restore failed: ${(error as Error).message}.`);
  }
  process.exit(1);
}
