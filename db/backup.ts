// A consistent copy of a live database (SQLite's online backup API), checked before it is kept.
// Usage: npm run backup [-- target.db]   (default: data/backups/<name>-<timestamp>.db)
import { mkdirSync, rmSync } from "node:fs";
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
await live.backup(target);
live.close();

// A single self-contained file: the copy keeps no write-ahead log beside it.
const copy = new SQLite(target);
copy.pragma("journal_mode = DELETE");
const integrity = copy.pragma("integrity_check", { simple: true });
copy.close();
if (integrity !== "ok") {
  rmSync(target, { force: true });
  console.error(`Backup failed its integrity check (${String(integrity)}); nothing kept.`);
  process.exit(1);
}
console.log(`Backup of ${source} written to ${target} in ${Date.now() - started} ms (integrity ok).`);
