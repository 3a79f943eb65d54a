// Backups under load and restores (issue 7 §5), on the real server: `npm run backup` while the
// server answers logged-in readers and writers, then `npm run restore` of that copy. The server runs
// the production build, as in the browser tests: tests/run-all.sh runs this file after the build.
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import SQLite from "better-sqlite3";
import { Migrator } from "kysely";
import { afterAll, beforeAll, expect, test } from "vitest";
import { openDatabase } from "@db/connection";
import { migrationProvider } from "@db/migrations/index";
import { FUEL_SITE, ROOT, type Server, form, killServers, login, post, requestsOffTheirLastStep, startServer, stopServer, unpairedRequestTrail } from "./support";

const SESSION_SECRET = "backup-restore-test-secret";
const COUNTED = ["business", "instrument", "instrument_event", "support_request", "request_entry", "audit_log", "stored_file"] as const;
type Counts = Record<(typeof COUNTED)[number], number>;

const dir = mkdtempSync(join(tmpdir(), "portal-backup-restore-"));
const live = join(dir, "live.db");

// ---- The scripts, as child processes ----

type ScriptRun = { code: number | null; stdout: string; stderr: string };

function runScript(script: string, args: string[], databasePath: string): Promise<ScriptRun> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--import", "tsx", script, ...args], {
      cwd: ROOT,
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, DATABASE_PATH: databasePath },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => void (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => void (stderr += chunk.toString()));
    child.once("exit", (code) => resolve({ code, stdout, stderr }));
  });
}

// ---- HTTP as a browser would send it ----

async function get(origin: string, cookie: string, path: string): Promise<number> {
  const response = await fetch(`${origin}${path}`, { headers: { Cookie: cookie }, redirect: "manual" });
  await response.arrayBuffer();
  return response.status;
}

function requestForm(title: string): FormData {
  return form({ type: "other", title, description: "Tải thử khi sao lưu.", desiredOn: "", trainees: "", intent: "submit" });
}

function importFile(prefix: string, rows: number): FormData {
  const lines = ["Tag,Site,Type,Purpose"];
  for (let i = 0; i < rows; i++) lines.push(`${prefix}${i},${FUEL_SITE},fuel-dispenser,trade`);
  const data = new FormData();
  data.append("file", new File([`${lines.join("\n")}\n`], `${prefix}.csv`, { type: "text/csv" }));
  return data;
}

// ---- What a database file holds ----

function counts(path: string): Counts {
  const file = new SQLite(path, { readonly: true, fileMustExist: true });
  try {
    return Object.fromEntries(COUNTED.map((t) => [t, (file.prepare(`select count(*) as n from "${t}"`).get() as { n: number }).n])) as Counts;
  } finally {
    file.close();
  }
}

/** A transactionally consistent copy has no request whose state or audit trail is half written. */
function halfDone(path: string): unknown[] {
  const file = new SQLite(path, { readonly: true, fileMustExist: true });
  try {
    return [...requestsOffTheirLastStep(file), ...unpairedRequestTrail(file)];
  } finally {
    file.close();
  }
}

let server: Server;
beforeAll(async () => {
  server = await startServer(live, SESSION_SECRET); // seeds the demo data into the new file
}, 90_000);

afterAll(async () => {
  killServers();
  rmSync(dir, { recursive: true, force: true });
});

test("npm run backup under load makes a consistent copy; npm run restore puts it back, refusing while the server runs", async () => {
  const started = Date.now();
  const { origin } = server;
  const owner = await login(origin, "fuel@demo.vn");
  const reviewer = await login(origin, "reviewer@dost.demo");
  const before = counts(live);

  // Load: logged-in readers on both sides, a business submitting requests and messages, an import.
  let stop = false;
  const problems: string[] = [];
  let writes = 0;
  let created = 0;
  const readers = [0, 1, 2].map(async (n) => {
    const pages: Array<[string, string]> = [
      [owner, "/business"],
      [owner, "/business/instruments"],
      [owner, "/business/requests"],
      [reviewer, "/dost/requests"],
      [reviewer, "/dost"],
    ];
    for (let i = n; !stop; i++) {
      const [cookie, path] = pages[i % pages.length]!;
      const status = await get(origin, cookie, path);
      if (status !== 200) problems.push(`GET ${path}: ${status}`);
    }
  });
  const writer = (async () => {
    for (let i = 0; !stop; i++) {
      const reply = await post(origin, owner, "/business/requests/new", requestForm(`Sao lưu khi tải #${i}`));
      const id = /\/business\/requests\/(\d+)\/receipt$/.exec(reply.location)?.[1];
      if (reply.status !== 302 || !id) {
        problems.push(`create request: ${reply.status} ${reply.location}`);
        continue;
      }
      writes++;
      created++;
      const sent = await post(origin, owner, `/business/requests/${id}`, form({ intent: "message", body: `Tin nhắn khi tải #${i}` }));
      if (sent.status !== 302) problems.push(`message: ${sent.status}`);
      else writes++;
    }
  })();
  const importer = (async () => {
    for (let i = 0; !stop; i++) {
      const uploaded = await post(origin, owner, "/business/instruments/import", importFile(`BK${i}-`, 50));
      const fileId = /\?file=(\d+)$/.exec(uploaded.location)?.[1];
      if (uploaded.status !== 302 || !fileId) {
        problems.push(`import upload: ${uploaded.status} ${uploaded.location}`);
        continue;
      }
      const confirmed = await post(origin, owner, "/business/instruments/import", new URLSearchParams({ fileId }));
      if (!confirmed.location.endsWith(`?done=${fileId}`)) problems.push(`import confirm: ${confirmed.status} ${confirmed.location}`);
      else writes++;
    }
  })();

  // The backup starts once writes are flowing, and the load goes on for a while after it.
  const until = async (done: () => boolean) => {
    while (!done() && problems.length === 0) await new Promise((resolve) => setTimeout(resolve, 20));
  };
  await until(() => created >= 2 && writes >= 4);
  const backupFile = join(dir, "backups", "under-load.db");
  const backupStarted = Date.now();
  const backup = await runScript("db/backup.ts", [backupFile], live);
  const backupMs = Date.now() - backupStarted;
  const createdByThen = created;
  await until(() => created >= createdByThen + 2 && Date.now() - backupStarted >= 2_000);
  stop = true;
  await Promise.all([...readers, writer, importer]);
  expect(problems).toEqual([]);
  expect(backup.code, backup.stderr).toBe(0);
  expect(backup.stdout).toContain("integrity ok");

  // The copy is one self-contained, sound file, taken between the state before the load and after it.
  const after = counts(live);
  const copy = new SQLite(backupFile, { readonly: true, fileMustExist: true });
  expect(copy.pragma("integrity_check", { simple: true })).toBe("ok");
  expect(copy.pragma("journal_mode", { simple: true })).toBe("delete");
  copy.close();
  expect(existsSync(`${backupFile}-wal`)).toBe(false);
  const copied = counts(backupFile);
  for (const table of COUNTED) {
    expect(copied[table], table).toBeGreaterThanOrEqual(before[table]);
    expect(copied[table], table).toBeLessThanOrEqual(after[table]);
  }
  expect(copied.support_request).toBeGreaterThan(before.support_request); // it saw the load's writes
  expect(after.support_request).toBeGreaterThan(copied.support_request); // and the load went on after it
  expect(halfDone(backupFile)).toEqual([]);

  // While the server holds the database, restore refuses and touches nothing.
  const liveSize = statSync(live).size;
  const refusedWhileRunning = await runScript("db/restore.ts", [backupFile], live);
  expect(refusedWhileRunning.code).toBe(1);
  expect(refusedWhileRunning.stderr).toContain("is in use by another process");
  expect(readdirSync(dir).filter((f) => f.includes("before-restore"))).toEqual([]);
  expect(counts(live)).toEqual(after);
  expect(statSync(live).size).toBe(liveSize);

  await stopServer(server);
  const restored = await runScript("db/restore.ts", [backupFile], live);
  expect(restored.code, restored.stderr).toBe(0);
  expect(restored.stdout).toContain("integrity ok");
  expect(restored.stdout).toContain(`Put ${backupFile} in place as ${live}.`);
  expect(counts(live)).toEqual(copied);
  expect(halfDone(live)).toEqual([]);
  // The database it replaced is kept whole: its write-ahead log was checkpointed into it first.
  const kept = readdirSync(dir).filter((f) => f.startsWith("live.db.before-restore-"));
  expect(kept).toHaveLength(1);
  expect(counts(join(dir, kept[0]!))).toEqual(after);
  expect(readdirSync(dir).filter((f) => f.startsWith(`${kept[0]}-`))).toEqual([]);

  // The restored database serves: the server starts on it and the owner logs in.
  server = await startServer(live, SESSION_SECRET);
  expect(await get(server.origin, await login(server.origin, "fuel@demo.vn"), "/business/requests")).toBe(200);
  await stopServer(server);
  console.log(
    `backup under load: script ${backupMs} ms (${/in (\d+ ms)/.exec(backup.stdout)?.[1]} copying); before it the load wrote ${copied.support_request - before.support_request} requests and ` +
      `${copied.instrument - before.instrument} instruments, after it ${after.support_request - copied.support_request} and ${after.instrument - copied.instrument}; whole test ${Date.now() - started} ms`,
  );
}, 90_000);

test("restore refuses a file that is not SQLite, a database of another app and one from a newer version; it brings an older one up to date", async () => {
  const target = join(dir, "refusals.db");
  const first = await runScript("db/migrate.ts", [], target);
  expect(first.code, first.stderr).toBe(0);
  const untouched = statSync(target).mtimeMs;

  const text = join(dir, "notes.txt");
  writeFileSync(text, "tag,site\nCD-01,Cái Khế\n");
  const foreign = join(dir, "foreign.db");
  const other = new SQLite(foreign);
  other.exec("create table business (id integer primary key, name text); insert into business (name) values ('x')");
  other.close();
  const newer = join(dir, "newer.db");
  const backup = await runScript("db/backup.ts", [newer], target);
  expect(backup.code, backup.stderr).toBe(0);
  const future = new SQLite(newer);
  future.prepare("insert into kysely_migration (name, timestamp) values (?, ?)").run("9999_from_the_future", new Date().toISOString());
  future.close();

  const cases: Array<[string, string]> = [
    [text, "is not an SQLite database"],
    [foreign, "not one of this app"],
    [newer, "comes from a newer version of this app (migrations 9999_from_the_future"],
    [join(dir, "missing.db"), "there is no file at"],
  ];
  for (const [file, message] of cases) {
    const run = await runScript("db/restore.ts", [file], target);
    expect(run.code, file).toBe(1);
    expect(run.stderr).toContain("Restore refused:");
    expect(run.stderr).toContain(message);
  }
  expect(statSync(target).mtimeMs).toBe(untouched);
  expect(readdirSync(dir).filter((f) => f.includes("refusals.db") && f !== "refusals.db")).toEqual([]);

  // A backup from before the latest migration is migrated on its way in.
  const older = join(dir, "older.db");
  const { db } = openDatabase(older);
  const known = Object.keys(await migrationProvider.getMigrations());
  const { error } = await new Migrator({ db, provider: migrationProvider }).migrateTo(known.at(-2)!);
  await db.destroy();
  expect(error).toBeUndefined();
  const upgraded = await runScript("db/restore.ts", [older], target);
  expect(upgraded.code, upgraded.stderr).toBe(0);
  expect(upgraded.stdout).toContain(`Applied the migrations it predates: ${known.at(-1)}.`);
  const restored = new SQLite(target, { readonly: true });
  expect(restored.prepare("select name from kysely_migration order by name").pluck().all()).toEqual(known);
  restored.close();
}, 60_000);
