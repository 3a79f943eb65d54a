// For the tests that run the production server as a real process: the server in a process group of
// its own, HTTP as a browser sends it, and the checks that a database holds no half-written request.
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { type AddressInfo, createServer } from "node:net";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type SQLite from "better-sqlite3";

export const ROOT = fileURLToPath(new URL("../..", import.meta.url));
export const DEMO_PASSWORD = "demo-pass-2026";
export const FUEL_SITE = "Cửa hàng xăng dầu số 1 — Cái Khế";

const running = new Set<ChildProcess>();

/** For afterAll: a server a failed test left running would outlive the test run. */
export function killServers(): void {
  for (const child of running) process.kill(-child.pid!, "SIGKILL");
}

// ---- The server, as a child process ----

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

export type Server = { origin: string; child: ChildProcess; exited: Promise<void>; output: () => string };

/** Starts the production build with the demo data on `databasePath` (seeded into a new file) and waits until it answers. */
export async function startServer(databasePath: string, sessionSecret: string): Promise<Server> {
  if (!existsSync(join(ROOT, "build/server/index.js"))) throw new Error("This test runs the production build: run `npm run build` first.");
  const port = await freePort();
  // node --import tsx rather than npx: one process, the server itself, so a signal to its group reaches it with nothing between.
  const child = spawn(process.execPath, ["--import", "tsx", "server.ts", "--demo"], {
    cwd: ROOT,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...process.env,
      NODE_ENV: "production",
      HOST: "127.0.0.1",
      PORT: String(port),
      DATABASE_PATH: databasePath,
      SESSION_SECRET: sessionSecret,
      PUBLIC_URL: `http://127.0.0.1:${port}`,
    },
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

export async function stopServer(server: Server): Promise<void> {
  process.kill(-server.child.pid!, "SIGTERM");
  await server.exited;
}

// ---- HTTP as a browser would send it ----

export type Reply = { status: number; location: string; flash: string | null };

/** The kind of the one-time message a redirect carries ("success" or "error"), read from its cookie. */
function flashKind(response: Response): string | null {
  const cookie = response.headers.getSetCookie().find((c) => c.startsWith("mp_flash="));
  if (!cookie) return null;
  const signed = decodeURIComponent(cookie.slice("mp_flash=".length).split(";")[0]!);
  const data = JSON.parse(Buffer.from(signed.slice(0, signed.lastIndexOf(".")), "base64").toString("utf8")) as { __flash_flash__?: { kind: string } };
  return data.__flash_flash__?.kind ?? null;
}

/** Logs a demo user in; returns the Cookie header the browser would send from then on. */
export async function login(origin: string, email: string): Promise<string> {
  const response = await fetch(`${origin}/login`, { method: "POST", redirect: "manual", headers: { Origin: origin }, body: new URLSearchParams({ email, password: DEMO_PASSWORD }) });
  const cookie = response.headers.getSetCookie().find((c) => c.startsWith("mp_session="));
  if (response.status !== 302 || !cookie) throw new Error(`login of ${email} answered ${response.status}`);
  return cookie.split(";")[0]!;
}

export async function post(origin: string, cookie: string, path: string, body: FormData | URLSearchParams): Promise<Reply> {
  const response = await fetch(`${origin}${path}`, { method: "POST", redirect: "manual", headers: { Origin: origin, Cookie: cookie }, body });
  await response.arrayBuffer();
  return { status: response.status, location: response.headers.get("location") ?? "", flash: flashKind(response) };
}

export function form(fields: Record<string, string | string[]>): FormData {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) for (const v of [value].flat()) data.append(key, v);
  return data;
}

// ---- What a database file must never hold ----

/** Requests whose state is not the one their last transition led to. */
export function requestsOffTheirLastStep(file: SQLite.Database): unknown[] {
  return file
    .prepare(
      `select id, state, last from (
         select r.id, r.state, (select e.to_state from request_entry e where e.request_id = r.id and e.to_state is not null order by e.id desc limit 1) as last
         from support_request r)
       where coalesce(last, 'draft') != state`,
    )
    .all();
}

/** Request actions whose timeline entries and audit rows do not pair up one to one. */
export function unpairedRequestTrail(file: SQLite.Database): unknown[] {
  return file
    .prepare(
      `with e as (select request_id as id, case when kind in ('transition', 'reschedule') then json_extract(data, '$.action') else kind end as action, count(*) as n
                  from request_entry group by 1, 2),
            a as (select cast(entity_id as integer) as id, action, count(*) as n from audit_log
                  where entity = 'support_request' and action not in ('create', 'update', 'delete') group by 1, 2)
       select coalesce(e.id, a.id) as id, coalesce(e.action, a.action) as action, e.n as entries, a.n as audits
       from e full join a on a.id = e.id and a.action = e.action where e.n is not a.n`,
    )
    .all();
}
