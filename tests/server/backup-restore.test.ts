// Backups under load and restores (issue 7 §5), on the real server: `npm run backup` while the
// server answers logged-in readers and writers, then `npm run restore` of that copy. The server runs
// the production build, as in the browser tests: tests/run-all.sh runs this file after the build.
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { type AddressInfo, createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import SQLite from "better-sqlite3";
import { Migrator } from "kysely";
import { afterAll, beforeAll, expect, test } from "vitest";
import { openDatabase } from "@db/connection";
import { migrationProvider } from "@db/migrations/index";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const DEMO_PASSWORD = "demo-pass-2026";
const FUEL_SITE = "Cửa hàng xăng dầu số 1 — Cái Khế";
const COUNTED = ["business", "instrument", "instrument_event", "support_request", "request_entry", "audit_log", "stored_file"] as const;
type Counts = Record<(typeof COUNTED)[number], number>;

const dir = mkdtempSync(join(tmpdir(), "portal-backup-restore-"));
const live = join(dir, "live.db");
const running = new Set<ChildProcess>();

// ---- The server and the scripts, as child processes ----

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

type Server = { origin: string; child: ChildProcess; exited: Promise<void>; output: () => string };

async function startServer(databasePath: string): Promise<Server> {
  const buildPath = join(ROOT, "build/server/index.js");
  if (!existsSync(buildPath)) throw new Error("This test runs the production build: run `npm run build` first.");
  const port = await freePort();
  // node --import tsx rather than npx: one process, the server itself, in a group of its own.
  const child = spawn(process.execPath, ["--import", "tsx", "server.ts", "--demo"], {
    cwd: ROOT,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, NODE_ENV: "production", HOST: "127.0.0.1", PORT: String(port), DATABASE_PATH: databasePath, SESSION_SECRET: "backup-restore-test-secret" },
  });
  running.add(child);
  let output = "";
  const keep = (chunk: Buffer) => void (output = (output + chunk.toString()).slice(-20_000));
  child.stdout!.on("data", keep);
  child.stderr!.on("data", keep);
  let gone = false;
  const exited = new Promise<void>((resolve) =>
    child.once("exit", () => {
      gone = true;
      running.delete(child);
      resolve();
    }),
  );
  const origin = `http://127.0.0.1:${port}`;
  for (const deadline = Date.now() + 60_000; ; ) {
    if (gone) throw new Error(`The server stopped before it answered:\n${output}`);
    if (Date.now() > deadline) throw new Error(`The server did not answer within 60 s:\n${output}`);
    const ok = await fetch(`${origin}/healthz`).then((r) => r.ok, () => false);
    if (ok) return { origin, child, exited, output: () => output };
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function stopServer(server: Server) {
  process.kill(-server.child.pid!, "SIGTERM");
  await server.exited;
}

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

async function login(origin: string, email: string): Promise<string> {
  const response = await fetch(`${origin}/login`, {
    method: "POST",
    redirect: "manual",
    headers: { Origin: origin },
    body: new URLSearchParams({ email, password: DEMO_PASSWORD }),
  });
  const cookie = response.headers.getSetCookie().find((c) => c.startsWith("mp_session="));
  if (response.status !== 302 || !cookie) throw new Error(`login of ${email} answered ${response.status}`);
  return cookie.split(";")[0]!;
}

async function get(origin: string, cookie: string, path: string): Promise<number> {
  const response = await fetch(`${origin}${path}`, { headers: { Cookie: cookie }, redirect: "manual" });
  await response.arrayBuffer();
  return response.status;
}

async function post(origin: string, cookie: string, path: string, body: FormData | URLSearchParams) {
  const response = await fetch(`${origin}${path}`, { method: "POST", redirect: "manual", headers: { Origin: origin, Cookie: cookie }, body });
  await response.arrayBuffer();
  return { status: response.status, location: response.headers.get("location") ?? "" };
}

function requestForm(title: string): FormData {
  const form = new FormData();
  for (const [key, value] of Object.entries({ type: "other", title, description: "Tải thử khi sao lưu.", desiredOn: "", trainees: "", intent: "submit" })) {
    form.append(key, value);
  }
  return form;
}

function importFile(prefix: string, rows: number): FormData {
  const lines = ["Tag,Site,Type,Purpose"];
  for (let i = 0; i < rows; i++) lines.push(`${prefix}${i},${FUEL_SITE},fuel-dispenser,trade`);
  const form = new FormData();
  form.append("file", new File([`${lines.join("\n")}\n`], `${prefix}.csv`, { type: "text/csv" }));
  return form;
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
    const states = file
      .prepare(
        `select id, state, last from (
           select r.id, r.state, (select e.to_state from request_entry e where e.request_id = r.id and e.to_state is not null order by e.id desc limit 1) as last
           from support_request r)
         where coalesce(last, 'draft') != state`,
      )
      .all();
    const trail = file
      .prepare(
        `with e as (select request_id as id, case when kind in ('transition', 'reschedule') then json_extract(data, '$.action') else kind end as action, count(*) as n
                    from request_entry group by 1, 2),
              a as (select cast(entity_id as integer) as id, action, count(*) as n from audit_log
                    where entity = 'support_request' and action not in ('create', 'update', 'delete') group by 1, 2)
         select coalesce(e.id, a.id) as id, coalesce(e.action, a.action) as action, e.n as entries, a.n as audits
         from e full join a on a.id = e.id and a.action = e.action where e.n is not a.n`,
      )
      .all();
    return [...states, ...trail];
  } finally {
    file.close();
  }
}

let server: Server;
beforeAll(async () => {
  server = await startServer(live); // seeds the demo data into the new file
}, 90_000);

afterAll(async () => {
  for (const child of running) process.kill(-child.pid!, "SIGKILL");
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
      const message = new FormData();
      message.append("intent", "message");
      message.append("body", `Tin nhắn khi tải #${i}`);
      const sent = await post(origin, owner, `/business/requests/${id}`, message);
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
  server = await startServer(live);
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
