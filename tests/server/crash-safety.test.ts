// Crash safety (issue 7 §4): the real server, killed with SIGKILL at a random moment while it takes
// imports, request steps and messages, must come back sound, with every action it acknowledged and
// no half-done one. The server runs the production build, as in the browser tests:
// tests/run-all.sh runs this file after the build.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import SQLite from "better-sqlite3";
import { afterAll, expect, test } from "vitest";
import { FUEL_SITE, type Reply, form, killServers, login, post, requestsOffTheirLastStep, startServer, stopServer, unpairedRequestTrail } from "./support";

const SESSION_SECRET = "crash-safety-test-secret";
const ROUNDS = 4;
const IMPORT_ROWS = 200;

const dir = mkdtempSync(join(tmpdir(), "portal-crash-"));
const databasePath = join(dir, "crash.db");

afterAll(() => {
  killServers();
  rmSync(dir, { recursive: true, force: true });
});

// ---- What the load sends ----

const day = (offsetDays: number) => new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);

function importCsv(prefix: string): FormData {
  const [y, m, d] = day(-30).split("-");
  const lines = ["Tag,Site,Type,Name,Purpose,Last check date,Check kind,Result,Provider"];
  // Every other row carries its last check, so the import also writes events and schedules.
  for (let i = 0; i < IMPORT_ROWS; i++) {
    const check = i % 2 === 0 ? `${d}/${m}/${y},Verification,Pass,TĐC` : ",,,";
    lines.push(`${prefix}${i},${FUEL_SITE},fuel-dispenser,Cột ${prefix}${i},trade,${check}`);
  }
  const data = new FormData();
  data.append("file", new File([`${lines.join("\n")}\n`], `${prefix}.csv`, { type: "text/csv" }));
  return data;
}

// ---- What the test asked for, and what the server acknowledged ----

type Step = "submit" | "take" | "ask" | "answer" | "approve" | "reject" | "complete";
type Tracked = { id: number; state: string; acked: Step[]; pending: Step | null; busy: boolean; messages: string[]; pendingMessage: string | null };
type ImportAttempt = { prefix: string; fileId: number | null; acked: boolean };

const requests = new Map<number, Tracked>();
const unacknowledgedTitles: string[] = [];
const imports: ImportAttempt[] = [];
const NEXT_STATE: Record<Step, string> = {
  submit: "submitted",
  take: "in_review",
  ask: "needs_information",
  answer: "answered",
  approve: "approved",
  reject: "rejected",
  complete: "completed",
};

type Stream = { stop: boolean; problems: string[]; acked: number };

/** One business-side or reviewer-side step on a tracked request; the model moves only on success. */
async function act(stream: Stream, tracked: Tracked, step: Step, send: () => Promise<Reply>, expected: (r: Reply) => boolean) {
  tracked.busy = true;
  tracked.pending = step;
  try {
    const reply = await send();
    if (!expected(reply)) {
      stream.problems.push(`${step} on request ${tracked.id}: ${reply.status} ${reply.location} ${reply.flash}`);
      return;
    }
    tracked.acked.push(step);
    tracked.state = NEXT_STATE[step];
    tracked.pending = null;
    stream.acked++;
  } finally {
    tracked.busy = false;
  }
}

async function message(stream: Stream, origin: string, cookie: string, tracked: Tracked, path: string, field: string, body: string) {
  tracked.busy = true;
  tracked.pendingMessage = body;
  try {
    const reply = await post(origin, cookie, path, form({ intent: "message", [field]: body }));
    if (reply.status !== 302 || reply.flash !== "success") {
      stream.problems.push(`message on request ${tracked.id}: ${reply.status} ${reply.flash}`);
      return;
    }
    tracked.messages.push(body);
    tracked.pendingMessage = null;
    stream.acked++;
  } finally {
    tracked.busy = false;
  }
}

const pick = (states: string[]) => {
  const idle = [...requests.values()].filter((r) => !r.busy && states.includes(r.state));
  return idle[Math.floor(Math.random() * idle.length)];
};
const chance = (p: number) => Math.random() < p;

/** The business: new requests submitted at once, answers to questions, messages. */
async function business(stream: Stream, origin: string, cookie: string, round: number, worker: number) {
  for (let n = 0; !stream.stop; n++) {
    const waiting = pick(["needs_information"]);
    if (waiting && chance(0.6)) {
      const path = `/business/requests/${waiting.id}`;
      await act(stream, waiting, "answer", () => post(origin, cookie, path, form({ intent: "answer", body: `Bổ sung ${round}-${worker}-${n}` })), (r) => r.status === 302 && r.flash === "success");
      continue;
    }
    const open = pick(["submitted", "in_review", "needs_information", "answered", "approved"]);
    if (open && chance(0.3)) {
      await message(stream, origin, cookie, open, `/business/requests/${open.id}`, "body", `crash-msg ${round}-${worker}-${n}`);
      continue;
    }
    const title = `crash-request ${round}-${worker}-${n}`;
    unacknowledgedTitles.push(title);
    const reply = await post(origin, cookie, "/business/requests/new", form({ type: "other", title, description: "Kiểm tra an toàn khi sập.", desiredOn: "", trainees: "", intent: "submit" }));
    const id = Number(/^\/business\/requests\/(\d+)\/receipt$/.exec(reply.location)?.[1]);
    if (reply.status !== 302 || reply.flash !== "success" || !id) {
      stream.problems.push(`create request: ${reply.status} ${reply.location} ${reply.flash}`);
      continue;
    }
    unacknowledgedTitles.splice(unacknowledgedTitles.indexOf(title), 1);
    requests.set(id, { id, state: "submitted", acked: ["submit"], pending: null, busy: false, messages: [], pendingMessage: null });
    stream.acked++;
  }
}

/** The reviewer: takes, asks, approves or rejects, completes, messages. */
async function reviewer(stream: Stream, origin: string, cookie: string, round: number) {
  for (let n = 0; !stream.stop; n++) {
    const request = pick(["submitted", "in_review", "answered", "approved"]);
    if (!request) {
      await new Promise((resolve) => setTimeout(resolve, 10));
      continue;
    }
    const path = `/dost/requests/${request.id}`;
    const ok = (r: Reply) => r.status === 302 && r.location === path && r.flash === "success";
    const send = (fields: Record<string, string | string[]>) => () => post(origin, cookie, path, form(fields));
    if (chance(0.15)) {
      await message(stream, origin, cookie, request, path, "message", `crash-msg dost ${round}-${n}`);
    } else if (request.state === "submitted") {
      await act(stream, request, "take", send({ intent: "take" }), ok);
    } else if (request.state === "in_review" && chance(0.5)) {
      await act(stream, request, "ask", send({ intent: "ask", items: ["Giấy chứng nhận", "Ảnh tem"], body: "Xin bổ sung." }), ok);
    } else if (request.state === "approved") {
      await act(stream, request, "complete", send({ intent: "complete", outcome: "Đã thực hiện.", performedOn: "" }), ok);
    } else if (chance(0.8)) {
      await act(stream, request, "approve", send({ intent: "approve", provider: "Trung tâm Kỹ thuật", planOn: day(20), note: "" }), ok);
    } else {
      await act(stream, request, "reject", send({ intent: "reject", reasonCode: "other", reason: "Không thuộc phạm vi." }), ok);
    }
  }
}

/** Imports of IMPORT_ROWS new instruments each, through upload, preview and confirm. */
async function importer(stream: Stream, origin: string, cookie: string, round: number) {
  const page = "/business/instruments/import";
  for (let n = 0; !stream.stop; n++) {
    const attempt: ImportAttempt = { prefix: `CR${round}x${n}-`, fileId: null, acked: false };
    imports.push(attempt);
    const uploaded = await post(origin, cookie, page, importCsv(attempt.prefix));
    attempt.fileId = Number(/\?file=(\d+)$/.exec(uploaded.location)?.[1]) || null;
    if (uploaded.status !== 302 || !attempt.fileId) {
      stream.problems.push(`import upload: ${uploaded.status} ${uploaded.location}`);
      continue;
    }
    const preview = await fetch(`${origin}${page}?file=${attempt.fileId}`, { headers: { Cookie: cookie } });
    await preview.arrayBuffer();
    if (preview.status !== 200) stream.problems.push(`import preview: ${preview.status}`);
    const confirmed = await post(origin, cookie, page, new URLSearchParams({ fileId: String(attempt.fileId) }));
    if (confirmed.status !== 302 || confirmed.location !== `${page}?done=${attempt.fileId}`) {
      stream.problems.push(`import confirm: ${confirmed.status} ${confirmed.location}`);
      continue;
    }
    attempt.acked = true;
    stream.acked++;
  }
}

// ---- What the database must hold after a crash ----

type EntryRow = { request_id: number; kind: string; body: string; action: string | null };

/** Checks the database against what was acknowledged; returns how many actions in flight at the kill had committed. */
function verify(round: number): number {
  let committedInFlight = 0;
  const file = new SQLite(databasePath, { readonly: true, fileMustExist: true });
  try {
    expect(file.pragma("integrity_check", { simple: true }), `round ${round}: integrity`).toBe("ok");
    expect(file.pragma("foreign_key_check"), `round ${round}: foreign keys`).toEqual([]);

    // No half-done transition anywhere: each request's state is its last step's, and every timeline
    // entry has its audit row (same request, same action) and the other way round.
    expect(requestsOffTheirLastStep(file), `round ${round}: state vs last transition`).toEqual([]);
    expect(unpairedRequestTrail(file), `round ${round}: timeline entries vs audit rows`).toEqual([]);
    const unnumbered = file.prepare("select id from support_request where state != 'draft' and (code is null or deadline_on is null)").all();
    expect(unnumbered, `round ${round}: submitted without code`).toEqual([]);
    const duplicateCodes = file.prepare("select code from support_request where code is not null group by code having count(*) > 1").all();
    expect(duplicateCodes, `round ${round}: duplicate codes`).toEqual([]);

    // Every acknowledged step is there, in order; beyond it at most the one step in flight at the kill.
    const entries = file
      .prepare("select request_id, kind, body, json_extract(data, '$.action') as action from request_entry where request_id in (select value from json_each(?)) order by id")
      .all(JSON.stringify([...requests.keys()])) as EntryRow[];
    const states = new Map((file.prepare("select id, state from support_request where id in (select value from json_each(?))").all(JSON.stringify([...requests.keys()])) as Array<{ id: number; state: string }>).map((r) => [r.id, r.state]));
    for (const tracked of requests.values()) {
      const mine = entries.filter((e) => e.request_id === tracked.id);
      const steps = mine.filter((e) => e.kind === "transition").map((e) => e.action as Step);
      const allowed = tracked.pending ? [tracked.acked, [...tracked.acked, tracked.pending]] : [tracked.acked];
      expect(allowed, `round ${round}: steps of request ${tracked.id} (state ${states.get(tracked.id)})`).toContainEqual(steps);
      const bodies = new Set(mine.filter((e) => e.kind === "message").map((e) => e.body));
      for (const body of tracked.messages) expect(bodies.has(body), `round ${round}: message "${body}" on request ${tracked.id}`).toBe(true);
      // The model goes on from what the database holds: an unacknowledged step may have committed.
      if (steps.length > tracked.acked.length) committedInFlight++;
      if (tracked.pendingMessage && bodies.has(tracked.pendingMessage)) {
        tracked.messages.push(tracked.pendingMessage);
        committedInFlight++;
      }
      tracked.acked = steps;
      tracked.state = states.get(tracked.id)!;
      tracked.pending = null;
      tracked.pendingMessage = null;
    }

    // A request created in flight exists whole or not at all (the state checks above cover it).
    const lateCreated = file.prepare("select id, state from support_request where title in (select value from json_each(?))").all(JSON.stringify(unacknowledgedTitles));
    for (const row of lateCreated as Array<{ id: number; state: string }>) expect(row.state, `round ${round}: request ${row.id} created in flight`).toBe("submitted");
    committedInFlight += lateCreated.length;
    unacknowledgedTitles.length = 0;

    // An import is all or nothing: its instruments, their events and its audit row, together.
    const business = file.prepare("select business_id as id from user where email = 'fuel@demo.vn'").get() as { id: number };
    const imported = file
      .prepare(
        `select i.tag, (select count(*) from instrument_event e where e.instrument_id = i.id) as events from instrument i
         where i.business_id = ? and i.tag like 'CR%x%-%'`,
      )
      .all(business.id) as Array<{ tag: string; events: number }>;
    const audited = new Set(
      (file.prepare("select entity_id from audit_log where entity = 'instrument_import' and business_id = ?").all(business.id) as Array<{ entity_id: string }>).map((r) => Number(r.entity_id)),
    );
    for (const attempt of imports) {
      const rows = imported.filter((r) => r.tag.startsWith(attempt.prefix));
      const label = `round ${round}: import ${attempt.prefix} (file ${attempt.fileId}, ${attempt.acked ? "acknowledged" : "not acknowledged"})`;
      if (attempt.acked) expect(rows.length, label).toBe(IMPORT_ROWS);
      expect([0, IMPORT_ROWS], label).toContain(rows.length);
      expect(rows.reduce((sum, r) => sum + r.events, 0), `${label}: events`).toBe(rows.length / 2);
      expect(attempt.fileId !== null && audited.has(attempt.fileId), `${label}: audit row`).toBe(rows.length > 0);
      if (!attempt.acked && rows.length) {
        attempt.acked = true;
        committedInFlight++;
      }
    }
  } finally {
    file.close();
  }
  return committedInFlight;
}

test(`the server killed with SIGKILL ${ROUNDS} times mid-stream comes back with every acknowledged action and nothing half done`, async () => {
  const started = Date.now();
  let server = await startServer(databasePath, SESSION_SECRET); // seeds the demo data into the new file, once
  const seededMs = Date.now() - started;
  const owner = await login(server.origin, "fuel@demo.vn");
  const dost = await login(server.origin, "reviewer@dost.demo");
  const log: string[] = [];

  for (let round = 1; round <= ROUNDS; round++) {
    const stream: Stream = { stop: false, problems: [], acked: 0 };
    const { origin } = server;
    const workers = [business(stream, origin, owner, round, 1), business(stream, origin, owner, round, 2), reviewer(stream, origin, dost, round), importer(stream, origin, owner, round)];
    // Failures of requests cut off by the kill are expected; the workers just stop.
    const finished = Promise.all(workers.map((w) => w.catch((error: unknown) => (stream.stop ? undefined : stream.problems.push(String(error))))));
    const delay = 100 + Math.floor(Math.random() * 1400);
    await new Promise((resolve) => setTimeout(resolve, delay));
    stream.stop = true;
    process.kill(-server.child.pid!, "SIGKILL");
    await server.exited;
    await finished;
    expect(stream.problems, `round ${round}\n${server.output()}`).toEqual([]);

    const inFlight = [...requests.values()].filter((r) => r.pending || r.pendingMessage).length + (imports.at(-1)?.acked === false ? 1 : 0);
    const restart = Date.now();
    server = await startServer(databasePath, SESSION_SECRET);
    const restartMs = Date.now() - restart;
    const committed = verify(round);
    log.push(`round ${round}: killed ${delay} ms in, after ${stream.acked} acknowledged actions; ${inFlight} in flight, of which ${committed} had committed; restart ${restartMs} ms`);
  }
  await stopServer(server);
  const acknowledgedImports = imports.filter((i) => i.acked).length;
  console.log(
    [`seeded start ${seededMs} ms`, ...log, `${requests.size} requests, ${acknowledgedImports}/${imports.length} imports acknowledged; ${Date.now() - started} ms in all`].join("\n"),
  );
}, 150_000);
