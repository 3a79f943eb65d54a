// Issue 12, point 1: every link the portal mails or prints comes from the one configured origin,
// never from the Host of the request that caused it. The other test files set PUBLIC_URL to
// TEST_ORIGIN (tests/setup/per-file-db.ts); this one unsets it, as the demo used to run, where a
// forged Host once became the reset link: outside production the origin is then this machine's.
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, test, vi } from "vitest";
import { loader as calendarPageLoader } from "~/routes/business.calendar";
import { action as membersAction } from "~/routes/business.members";
import { action as newRequestAction } from "~/routes/business.requests.new";
import { action as forgotAction } from "~/routes/forgot-password";
import { action as signupAction } from "~/routes/signup";
import { db } from "~/utils/db.server";
import { cookieFor, createBusinessWithOwner, createUser, outboxTo, run, signupInput, silenceOutboxLog } from "../helpers";

const saved = vi.hoisted(() => {
  const before = { PUBLIC_URL: process.env.PUBLIC_URL, PORT: process.env.PORT };
  delete process.env.PUBLIC_URL;
  delete process.env.PORT;
  return before;
});

afterAll(() => {
  for (const [key, value] of Object.entries(saved)) if (value !== undefined) process.env[key] = value;
});

silenceOutboxLog();

const EVIL = "http://evil.example";
/** Where links point when PUBLIC_URL is unset outside production (env.server.ts). */
const CONFIGURED = "http://localhost:3000";

/** A request as an attacker sends it: Host (and so the URL Remix sees) and Origin of their own site. */
function forged(path: string, options: { form?: Record<string, string | string[]>; multipart?: Record<string, string | string[]>; cookie?: string } = {}): Request {
  const headers = new Headers({ Host: "evil.example", Origin: EVIL, "X-Forwarded-Host": "evil.example" });
  if (options.cookie) headers.set("Cookie", options.cookie);
  let body: URLSearchParams | FormData | undefined;
  if (options.form) {
    body = new URLSearchParams();
    for (const [key, value] of Object.entries(options.form)) for (const v of [value].flat()) body.append(key, v);
    headers.set("Content-Type", "application/x-www-form-urlencoded");
  }
  if (options.multipart) {
    body = new FormData();
    for (const [key, value] of Object.entries(options.multipart)) for (const v of [value].flat()) body.append(key, v);
  }
  return new Request(`${EVIL}${path}`, { method: body ? "POST" : "GET", headers, body });
}

/** Every http(s) link in a text. */
const links = (text: string) => text.match(/https?:\/\/\S+/g) ?? [];

describe("links come from PUBLIC_URL, whatever Host the request names", () => {
  test("the password reset mail", async () => {
    const { email } = await createBusinessWithOwner();
    const outcome = await run(forgotAction, forged("/forgot-password", { form: { email } }));
    expect(outcome.status).toBe(200);
    const [mail] = await outboxTo(email);
    expect(links(mail!.body_text)).toEqual([expect.stringMatching(new RegExp(`^${CONFIGURED}/reset-password/[A-Za-z0-9_-]+$`))]);
    expect(mail!.body_text).not.toContain("evil.example");
  });

  test("the invitation mail", async () => {
    const { ownerId } = await createBusinessWithOwner();
    const invitee = `moi-${Date.now()}@test.vn`;
    const outcome = await run(membersAction, forged("/business/members", { cookie: await cookieFor(ownerId), form: { intent: "invite", email: invitee } }));
    expect(outcome.status).toBe(302);
    const [mail] = await outboxTo(invitee);
    expect(links(mail!.body_text)).toEqual([expect.stringMatching(new RegExp(`^${CONFIGURED}/invite/[A-Za-z0-9_-]+$`))]);
    expect(mail!.body_text).not.toContain("evil.example");
  });

  test("the new-request mail DOST staff receive", async () => {
    const reviewer = await createUser("dost_reviewer", null);
    const { ownerId } = await createBusinessWithOwner();
    const outcome = await run(
      newRequestAction,
      forged("/business/requests/new", {
        cookie: await cookieFor(ownerId),
        multipart: { type: "other", title: "Hỗ trợ xây dựng chương trình", description: "Cần hướng dẫn.", desiredOn: "", trainees: "", intent: "submit" },
      }),
    );
    expect(outcome.status).toBe(302);
    const id = Number(/^\/business\/requests\/(\d+)\/receipt$/.exec(outcome.location!)![1]);
    const [mail] = await outboxTo(reviewer.email);
    expect(links(mail!.body_text)).toContain(`${CONFIGURED}/dost/requests/${id}`);
    expect(mail!.body_text).not.toContain("evil.example");
  });

  test("the sign-up confirmation mail", async () => {
    const input = signupInput();
    const outcome = await run(signupAction, forged("/signup", { form: { ...input, sectors: input.sectors } }));
    expect(outcome.status).toBe(200);
    const [mail] = await outboxTo(input.contactEmail);
    expect(links(mail!.body_text)).toEqual([expect.stringMatching(new RegExp(`^${CONFIGURED}/signup/confirm/[A-Za-z0-9_-]+$`))]);
  });

  test("the calendar feed address shown to copy", async () => {
    const { ownerId } = await createBusinessWithOwner();
    const page = await run(calendarPageLoader, forged("/business/calendar", { cookie: await cookieFor(ownerId) }));
    expect((page.data as { feedUrl: string }).feedUrl.startsWith(`${CONFIGURED}/calendar/`)).toBe(true);
  });

  test("nothing went to the attacker's host", async () => {
    const texts = await db().selectFrom("outbox").select("body_text").execute();
    for (const { body_text } of texts) expect(body_text).not.toContain("evil.example");
  });
});

describe("PUBLIC_URL is required in production", () => {
  test("server.ts refuses to start without it, with a message naming it", async () => {
    const dir = mkdtempSync(join(tmpdir(), "portal-no-public-url-"));
    const environment: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: "production", SESSION_SECRET: "a-production-secret-value", DATABASE_PATH: join(dir, "app.db"), PORT: "0" };
    delete environment.PUBLIC_URL;
    const failure = await promisify(execFile)("node_modules/.bin/tsx", ["server.ts"], { env: environment, timeout: 20_000 }).then(
      () => null,
      (error: { code?: number; stderr?: string }) => error,
    );
    expect(failure?.code).toBe(1);
    expect(failure?.stderr).toContain("PUBLIC_URL must be set in production");
    // Refused before anything started: no database was created.
    expect(existsSync(join(dir, "app.db"))).toBe(false);
  }, 30_000);
});
