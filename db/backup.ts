// A consistent copy of a live database (SQLite's online backup API), checked before it is kept.
// Usage: npm run backup [-- target.db]   (default: data/backups/<name>-<timestamp>.db)
import { mkdirSync, renameSync, rmSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import SQLite from "better-sqlite3";
import { databasePath } from "./paths";

const source = databasePath();
const stamp = new Date().toISOString().replace(/[-:]/g, "").replace(/\..*/, "").replace("T", "-");
const target = process.argv[2] ?? join(dirname(source), "backups", `${basename(source, ".db")}-${stamp}.db`);
mkdirSync(dirname(target), { recursive: true });

const live = new SQLite(source, { fileMustExist: true });
live.pragma("busy_timeout = 5000");
const started = Date.now();
// Written under a temporary name and renamed once checked: a backup killed halfway never looks finished.
const partial = `${target}.partial`;
await live.backup(partial);
live.close();

// A single self-contained file: the copy keeps no write-ahead log beside it.
const copy = new SQLite(partial);
copy.pragma("journal_mode = DELETE");
const integrity = copy.pragma("integrity_check", { simple: true });
copy.close();
if (integrity !== "ok") {
  rmSync(partial, { force: true });
  console.error(`Backup failed its integrity check (${String(integrity)}); nothing kept.`);
  process.exit(1);
}
renameSync(partial, target);
console.log(`Backup of ${source} written to ${target} in ${Date.now() - started} ms (integrity ok).`);
