// Issue 12 §3 and §8 against the production server (needs `npm run build`; tests/run-all.sh runs
// this after the build): bodies past their limit answer 413 before they are read, bodies that are
// not a form answer 400, file names with ";" and "=" upload, and none of it logs a stack trace.
import { mkdtempSync, rmSync } from "node:fs";
import { request as httpRequest } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import SQLite from "better-sqlite3";
import { afterAll, beforeAll, expect, test } from "vitest";
import { type Server, killServers, login, post, startServer, stopServer } from "./support";

const MB = 1024 * 1024;
const dir = mkdtempSync(join(tmpdir(), "portal-bodies-"));
const databasePath = join(dir, "bodies.db");
let server: Server;

beforeAll(async () => {
  server = await startServer(databasePath, "request-bodies-test-secret");
});

afterAll(async () => {
  if (server) await stopServer(server);
  killServers();
  rmSync(dir, { recursive: true, force: true });
});

type Reply = { status: number; headers: Record<string, string | string[] | undefined>; body: string; sent: number };

/** Sends the chunks one by one until the server answers; `sent` is what went out before the answer. */
function send(path: string, headers: Record<string, string>, chunks: Iterable<Buffer>): Promise<Reply> {
  const { hostname, port } = new URL(server.origin);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: hostname, port, path, method: "POST", headers: { Origin: server.origin, ...headers } });
    let sent = 0;
    let answered = false;
    req.on("response", (res) => {
      answered = true;
      const body: Buffer[] = [];
      res.on("data", (chunk: Buffer) => body.push(chunk));
      res.on("end", () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(body).toString("utf8"), sent }));
    });
    req.on("error", (error) => void (answered || reject(error)));
    // Headers first, then a moment for an answer to them (as a client sending "Expect: 100-continue"
    // would): a body refused on its Content-Length alone is answered before any of it is written, so
    // the test does not race the server closing the connection (EPIPE).
    req.flushHeaders();
    void (async () => {
      await new Promise((done) => setTimeout(done, 150));
      for (const chunk of chunks) {
        if (answered || req.destroyed) return;
        await new Promise((done) => req.write(chunk, done));
        sent += chunk.length;
        // On loopback every write completes at once, so without this turn of the event loop the
        // client would never read the answer while it sends (as a browser does).
        await new Promise((done) => setImmediate(done));
      }
      if (!answered && !req.destroyed) req.end();
    })();
  });
}

function* pieces(total: number, size = 64 * 1024): Generator<Buffer> {
  for (let sent = 0; sent < total; sent += size) yield Buffer.alloc(Math.min(size, total - sent), 0x61);
}

const PDF = Buffer.from("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");

test("a 600 MB login is refused at once with a 413 page, and the server goes on answering", async () => {
  const size = 600 * MB;
  const reply = await send("/login", { "Content-Type": "application/x-www-form-urlencoded", "Content-Length": String(size) }, pieces(size));
  expect(reply.status).toBe(413);
  expect(reply.body).toContain("Dữ liệu gửi lên quá lớn");
  expect(reply.sent).toBeLessThan(32 * MB);
  expect((await fetch(`${server.origin}/healthz`)).status).toBe(200);
});

test("a chunked body with no length is stopped once it passes the limit", async () => {
  const reply = await send("/login", { "Content-Type": "application/x-www-form-urlencoded" }, pieces(200 * MB));
  expect(reply.status).toBe(413);
  expect(reply.headers.connection).toBe("close");
  expect(reply.sent).toBeLessThan(32 * MB);
});

test("an empty POST, JSON and a broken multipart body answer 400 on ordinary and upload pages, with no stack trace logged", async () => {
  const cookie = await login(server.origin, "fuel@demo.vn");
  const file = new SQLite(databasePath, { readonly: true });
  const instrument = file
    .prepare("select i.id from instrument i join user u on u.business_id = i.business_id where u.email = 'fuel@demo.vn' order by i.id limit 1")
    .get() as { id: number };
  file.close();
  const before = server.output().length;
  for (const path of ["/login", "/business/sites", `/business/instruments/${instrument.id}/events/new`]) {
    for (const [body, type] of [
      ["", undefined],
      ['{"a":1}', "application/json"],
      ['--b\r\nContent-Disposition: form-data; name="a"\r\n\r\ncut short', "multipart/form-data; boundary=b"],
    ] as const) {
      const headers: Record<string, string> = { Origin: server.origin, Cookie: cookie };
      if (type) headers["Content-Type"] = type;
      const response = await fetch(`${server.origin}${path}`, { method: "POST", redirect: "manual", headers, body });
      await response.arrayBuffer();
      expect(`${path} ${type}: ${response.status}`).toBe(`${path} ${type}: 400`);
    }
  }
  const logged = server.output().slice(before);
  expect(logged).not.toMatch(/\n\s+at /);

  // And a certificate named as people name them uploads.
  for (const name of ["KD; ban 2.pdf", "cert=1.pdf"]) {
    const data = new FormData();
    const fields = { kind: "verification", performedOn: "2026-01-05", provider: "Trung tâm", certificateNo: "", result: "pass", notes: "" };
    const empty = { overrideDueOn: "", impactSince: "", impactMeasured: "", impactAction: "", supersedesEventId: "" };
    for (const [k, v] of Object.entries({ ...fields, ...empty })) data.append(k, v);
    data.append("certificate", new File([PDF], name, { type: "application/pdf" }));
    const reply = await post(server.origin, cookie, `/business/instruments/${instrument.id}/events/new`, data);
    expect(reply.status).toBe(302);
  }
  const stored = new SQLite(databasePath, { readonly: true });
  const names = stored.prepare("select filename from stored_file order by id desc limit 2").all() as { filename: string }[];
  stored.close();
  expect(names.map((n) => n.filename).sort()).toEqual(["KD; ban 2.pdf", "cert=1.pdf"]);
});

test("a 20 MB certificate is refused before it is read", async () => {
  const cookie = await login(server.origin, "fuel@demo.vn");
  const reply = await send(
    "/business/instruments/1/events/new",
    { Cookie: cookie, "Content-Type": "multipart/form-data; boundary=x", "Content-Length": String(20 * MB) },
    pieces(20 * MB),
  );
  expect(reply.status).toBe(413);
  expect(reply.body).toContain("11 MB");
  expect(reply.sent).toBeLessThan(20 * MB);
});
