import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { type Server, request as httpRequest } from "node:http";
import { type AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createRemixRequest, sendRemixResponse } from "@remix-run/express/dist/server.js";
import express from "express";
import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import { CURRENT_CHECKLIST_VERSION, checklistFor } from "~/modules/assessments/checklist.server";
import { IMPORT_MAX_BYTES } from "~/modules/instruments/import.server";
import { FORM_BODY_LIMIT, IMPORT_UPLOAD_BYTES, MAX_FILES_PER_SECTION, bodyLimitFor, isBodyTooLarge, limitRequestBodies, tooLargePage } from "./body-limits.server";
import { readForm } from "./read-form.server";
import { MAX_FILES_PER_FORM, MAX_UPLOAD_BYTES } from "./uploads";

const MB = 1024 * 1024;
const MULTIPART = "multipart/form-data; boundary=----x";
const URLENCODED = "application/x-www-form-urlencoded";

describe("bodyLimitFor", () => {
  test.each([
    ["POST", "/login", URLENCODED, FORM_BODY_LIMIT],
    ["POST", "/login", MULTIPART, FORM_BODY_LIMIT],
    ["POST", "/login.data", "application/json", FORM_BODY_LIMIT],
    ["POST", "/business/sites", URLENCODED, FORM_BODY_LIMIT],
    // Pages that take files: their files' worth, plus the form's text; only for a multipart body.
    ["POST", "/business/instruments/12/events/new", MULTIPART, MAX_UPLOAD_BYTES + FORM_BODY_LIMIT],
    ["POST", "/business/instruments/12/events/new.data", "Multipart/Form-Data; boundary=y", MAX_UPLOAD_BYTES + FORM_BODY_LIMIT],
    ["POST", "/business/instruments/12/events/new", URLENCODED, FORM_BODY_LIMIT],
    ["GET", "/business/instruments/12/events/new", MULTIPART, FORM_BODY_LIMIT],
    ["POST", "/business/assessments/3/sections/records", MULTIPART, MAX_FILES_PER_SECTION * MAX_UPLOAD_BYTES + FORM_BODY_LIMIT],
    ["POST", "/business/requests/new", MULTIPART, MAX_FILES_PER_FORM * MAX_UPLOAD_BYTES + FORM_BODY_LIMIT],
    ["POST", "/business/requests/41/", MULTIPART, MAX_FILES_PER_FORM * MAX_UPLOAD_BYTES + FORM_BODY_LIMIT],
    ["POST", "/business/requests/41/receipt", MULTIPART, FORM_BODY_LIMIT],
    ["POST", "/dost/requests/41", MULTIPART, 20 * MAX_UPLOAD_BYTES + FORM_BODY_LIMIT],
    ["POST", "/business/instruments/import", MULTIPART, IMPORT_UPLOAD_BYTES + FORM_BODY_LIMIT],
    ["POST", "/business/instruments/import", URLENCODED, FORM_BODY_LIMIT],
    ["POST", "/business/instruments/new", MULTIPART, FORM_BODY_LIMIT],
  ])("%s %s (%s): %i bytes", (method, path, contentType, limit) => {
    expect(bodyLimitFor(method, path, contentType)).toBe(limit);
  });

  test("the import page gets the import's own file limit", () => {
    expect(IMPORT_UPLOAD_BYTES).toBe(IMPORT_MAX_BYTES);
  });

  test("every checklist section fits the section page's files (one evidence file per item)", () => {
    const largest = Math.max(...checklistFor(CURRENT_CHECKLIST_VERSION).sections.map((s) => s.items.length));
    expect(largest).toBeLessThanOrEqual(MAX_FILES_PER_SECTION);
  });

  test("the raw 413 page says it in Vietnamese first, then English, with the limit", () => {
    const page = tooLargePage(11 * MB);
    expect(page.indexOf("Dữ liệu gửi lên quá lớn")).toBeGreaterThan(0);
    expect(page.indexOf("What was sent is too large")).toBeGreaterThan(page.indexOf("Dữ liệu gửi lên quá lớn"));
    expect(page).toContain("11 MB");
  });
});

// ---- The middleware in a real Express server, with Remix's own request adapter ----

type Reply = { status: number; headers: Record<string, string | string[] | undefined>; body: string; sent: number };

let server: Server;
let port = 0;
const handled: string[] = [];
const tmp = mkdtempSync(join(tmpdir(), "body-limits-test-"));
const previousTmpdir = process.env.TMPDIR;

beforeAll(async () => {
  // Uploaded files land here, to be seen going when the response is done.
  process.env.TMPDIR = tmp;
  const app = express();
  app.use(limitRequestBodies);
  // A reader with no limit of its own: only the middleware stops it.
  app.post("/unlimited-reader", (req, res) => {
    createRemixRequest(req, res)
      .arrayBuffer()
      .then(
        (body) => res.json({ read: body.byteLength }),
        (error: unknown) => res.status(isBodyTooLarge(error) ? 413 : 500).send(String(error)),
      );
  });
  // Answers without reading the body, as a page does when it sends a visitor to the login page.
  app.post("/ignores-body", (_req, res) => void res.redirect(303, "/login"));
  app.post("*", (req, res, next) => {
    handled.push(req.path);
    // What a route action does: readForm on the Request Remix's Express adapter builds.
    readForm(createRemixRequest(req, res), { uploads: true }).then(
      (form) => sendRemixResponse(res, Response.json([...form].map(([name, value]) => [name, typeof value === "string" ? value : value.size]))),
      (thrown) => (thrown instanceof Response ? sendRemixResponse(res, thrown) : next(thrown)),
    );
  });
  server = app.listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  if (previousTmpdir === undefined) delete process.env.TMPDIR;
  else process.env.TMPDIR = previousTmpdir;
  rmSync(tmp, { recursive: true, force: true });
});

/** Sends `chunks` one by one until the server answers; `sent` is how much went before the answer. */
function post(path: string, headers: Record<string, string>, chunks: Iterable<Buffer>): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: "127.0.0.1", port, path, method: "POST", headers });
    let sent = 0;
    let answered = false;
    req.on("response", (res) => {
      answered = true;
      const body: Buffer[] = [];
      res.on("data", (chunk: Buffer) => body.push(chunk));
      res.on("end", () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(body).toString("utf8"), sent }));
    });
    // The server may close the connection while the rest is still being sent: that is the point.
    req.on("error", (error) => void (answered || reject(error)));
    void (async () => {
      for (const chunk of chunks) {
        if (answered || req.destroyed) return;
        await new Promise((done) => req.write(chunk, done));
        sent += chunk.length;
        await new Promise((done) => setTimeout(done, 1));
      }
      if (!answered && !req.destroyed) req.end();
    })();
  });
}

function* pieces(total: number, size = 64 * 1024, fill = 0x61): Generator<Buffer> {
  for (let sent = 0; sent < total; sent += size) yield Buffer.alloc(Math.min(size, total - sent), fill);
}

describe("limitRequestBodies", () => {
  test("a small form passes through to the app", async () => {
    const reply = await post("/login", { "Content-Type": URLENCODED }, [Buffer.from("email=a%40b.vn&password=x")]);
    expect(reply.status).toBe(200);
    expect(JSON.parse(reply.body)).toEqual([
      ["email", "a@b.vn"],
      ["password", "x"],
    ]);
  });

  test("a body announced larger than the limit is refused before it is read, and the app never sees it", async () => {
    const before = handled.length;
    const size = 600 * MB;
    const reply = await post("/login", { "Content-Type": URLENCODED, "Content-Length": String(size) }, pieces(size));
    expect(reply.status).toBe(413);
    expect(reply.headers.connection).toBe("close");
    expect(reply.body).toContain("Dữ liệu gửi lên quá lớn");
    expect(reply.body).toContain("1 MB");
    expect(reply.sent).toBeLessThan(8 * MB);
    expect(handled.length).toBe(before);
  });

  test("a chunked body (no length announced) is stopped once it passes the limit, with a 413 from the app", async () => {
    const reply = await post("/login", { "Content-Type": URLENCODED }, pieces(50 * MB));
    expect(reply.status).toBe(413);
    expect(reply.body).toContain("Dữ liệu gửi lên quá lớn");
    expect(reply.sent).toBeGreaterThan(FORM_BODY_LIMIT);
    expect(reply.sent).toBeLessThan(8 * MB);
  });

  test("the middleware itself fails the read of a chunked body past the limit, whoever reads it", async () => {
    const small = await post("/unlimited-reader", { "Content-Type": URLENCODED }, pieces(FORM_BODY_LIMIT - 1));
    expect(JSON.parse(small.body)).toEqual({ read: FORM_BODY_LIMIT - 1 });
    const reply = await post("/unlimited-reader", { "Content-Type": URLENCODED }, pieces(50 * MB));
    expect(reply.status).toBe(413);
    expect(reply.headers.connection).toBe("close");
    expect(reply.sent).toBeLessThan(8 * MB);
  });

  test("an answer sent before the body has all come closes the connection, so the client stops sending", async () => {
    const size = 900 * 1024;
    const reply = await post("/ignores-body", { "Content-Type": URLENCODED, "Content-Length": String(size) }, pieces(size, 16 * 1024));
    expect(reply.status).toBe(303);
    expect(reply.headers.connection).toBe("close");
    expect(reply.sent).toBeLessThan(size);
    // A body read to its end keeps the connection for the next request.
    const read = await post("/login", { "Content-Type": URLENCODED, "Content-Length": "3" }, [Buffer.from("a=1")]);
    expect(read.headers.connection).toBe("keep-alive");
  });

  test("a chunked upload within its page's limit is read, its files kept on disk until the response is done", async () => {
    const boundary = "----limits";
    const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="certificate"; filename="cert=1.pdf"\r\nContent-Type: application/pdf\r\n\r\n`);
    const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
    const reply = await post("/business/instruments/5/events/new", { "Content-Type": `multipart/form-data; boundary=${boundary}` }, [head, ...pieces(3 * MB), tail]);
    expect(reply.status).toBe(200);
    expect(JSON.parse(reply.body)).toEqual([["certificate", 3 * MB]]);
    await vi.waitFor(() => expect(readdirSync(tmp)).toEqual([]));
  });

  test("the same upload announced over its page's limit is refused up front", async () => {
    const reply = await post(
      "/business/instruments/5/events/new",
      { "Content-Type": "multipart/form-data; boundary=x", "Content-Length": String(20 * MB) },
      pieces(20 * MB),
    );
    expect(reply.status).toBe(413);
    expect(reply.body).toContain("11 MB");
    expect(reply.sent).toBeLessThan(8 * MB);
  });
});
