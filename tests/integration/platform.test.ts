// Health check, language switch, sessions and logout (PRODUCT.md §4 contracts). DEMO_MODE is not set here:
// the demo-only outbox page is covered in platform-demo.test.ts, which starts with DEMO_MODE=1.
import { describe, expect, test, vi } from "vitest";
import { resources } from "~/modules/i18n/resources";
import { enqueueMail, withoutMailLog } from "~/modules/mail/outbox.server";
import { loader as rootLoader } from "~/root";
import { loader as businessHomeLoader } from "~/routes/business._index";
import { loader as outboxLoader } from "~/routes/dev.outbox";
import { loader as healthzLoader } from "~/routes/healthz";
import { loader as loginLoader } from "~/routes/login";
import { action as logoutAction, loader as logoutLoader } from "~/routes/logout";
import { getSessionUser } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { buildRequest, cookieFor, createBusinessWithOwner, createUser, requestAs, run, sessionsOf } from "../helpers";
import { loader as localesLoader } from "~/routes/locales.$file";

type RootData = { language: string; translationsUrl: string; brand: string; user: { fullName: string; role: string } | null; isDemo: boolean };

/** A GET as a browser sends it, with extra headers (Accept-Language, Cookie). */
function browserGet(path: string, headers: Record<string, string>): Request {
  const base = buildRequest(path);
  const merged = new Headers(base.headers);
  for (const [key, value] of Object.entries(headers)) merged.set(key, value);
  return new Request(base.url, { method: "GET", headers: merged });
}

function setCookieNamed(outcome: { headers: Headers }, name: string): string | null {
  return outcome.headers.getSetCookie().find((c) => c.startsWith(`${name}=`)) ?? null;
}

describe("/healthz", () => {
  test("answers 200 'ok' and is never cached", async () => {
    const response = await healthzLoader();
    expect(response.status).toBe(200);
    expect(await response.text()).toBe("ok");
    expect(response.headers.get("Cache-Control")).toBe("no-store");
  });
});

describe("language", () => {
  test("the texts come as a script the browser keeps, in the page's language", async () => {
    const url = ((await run(rootLoader, buildRequest("/?lng=en"))).data as RootData).translationsUrl;
    const response = await localesLoader({ request: buildRequest(url), params: { file: url.split("/").pop()! }, context: {} });
    expect(response.headers.get("Content-Type")).toMatch(/^text\/javascript/);
    expect(response.headers.get("Cache-Control")).toContain("immutable");
    const sandbox: { __portalTranslations?: unknown } = {};
    new Function("window", await response.text())(sandbox);
    expect(sandbox.__portalTranslations).toEqual(resources.en);
    const stale = await localesLoader({ request: buildRequest("/locales/vi-000000000000.js"), params: { file: "vi-000000000000.js" }, context: {} });
    expect(stale.headers.get("Cache-Control")).toBe("no-cache");
    expect((await localesLoader({ request: buildRequest("/locales/xx.js"), params: { file: "xx.js" }, context: {} })).status).toBe(404);
  });

  test("Vietnamese is the default", async () => {
    const outcome = await run(rootLoader, buildRequest("/"));
    expect((outcome.data as RootData).language).toBe("vi");
    expect((outcome.data as RootData).translationsUrl).toMatch(/^\/locales\/vi-[0-9a-f]{12}\.js$/);
    expect((outcome.data as RootData).brand).toBe("Cổng Đảm bảo Đo lường");
    expect(setCookieNamed(outcome, "lng")).toBeNull();
  });

  test("?lng=en switches to English and keeps the choice in an lng cookie", async () => {
    const outcome = await run(rootLoader, buildRequest("/providers?lng=en"));
    expect(outcome.status).toBe(200);
    expect((outcome.data as RootData).language).toBe("en");
    expect((outcome.data as RootData).translationsUrl).toMatch(/^\/locales\/en-[0-9a-f]{12}\.js$/);
    const cookie = setCookieNamed(outcome, "lng");
    expect(cookie).not.toBeNull();
    expect(cookie).toMatch(/Path=\//);
    expect(cookie).toMatch(/Max-Age=\d{6,}/);
  });

  test("the lng cookie alone keeps English on the next page, without setting it again", async () => {
    const first = await run(rootLoader, buildRequest("/?lng=en"));
    const cookie = setCookieNamed(first, "lng")!.split(";")[0]!;
    const next = await run(rootLoader, browserGet("/login", { Cookie: cookie }));
    expect((next.data as RootData).language).toBe("en");
    expect(setCookieNamed(next, "lng")).toBeNull();
  });

  test("?lng=vi switches back from an English cookie", async () => {
    const first = await run(rootLoader, buildRequest("/?lng=en"));
    const cookie = setCookieNamed(first, "lng")!.split(";")[0]!;
    const back = await run(rootLoader, browserGet("/?lng=vi", { Cookie: cookie }));
    expect((back.data as RootData).language).toBe("vi");
    const again = await run(rootLoader, browserGet("/", { Cookie: setCookieNamed(back, "lng")!.split(";")[0]! }));
    expect((again.data as RootData).language).toBe("vi");
  });

  test("an Accept-Language: en header alone does not switch: Vietnamese stays", async () => {
    const outcome = await run(rootLoader, browserGet("/", { "Accept-Language": "en-US,en;q=0.9" }));
    expect((outcome.data as RootData).language).toBe("vi");
  });

  test("an unsupported ?lng= falls back to Vietnamese", async () => {
    const outcome = await run(rootLoader, buildRequest("/?lng=fr"));
    expect((outcome.data as RootData).language).toBe("vi");
  });

  test("the root loader tells the page who is signed in, and that this is not the demo", async () => {
    const { ownerId, input } = await createBusinessWithOwner();
    const signedIn = await run(rootLoader, await requestAs(ownerId, "/"));
    expect(signedIn.data).toMatchObject({ user: { fullName: input.contactName, role: "business_owner" }, isDemo: false });
    const anonymous = await run(rootLoader, buildRequest("/"));
    expect((anonymous.data as RootData).user).toBeNull();
  });
});

describe("/dev/outbox outside demo mode", () => {
  test("is 404, even for a DOST admin", async () => {
    const admin = await createUser("dost_admin", null);
    expect((await run(outboxLoader, await requestAs(admin.id, "/dev/outbox"))).status).toBe(404);
    expect((await run(outboxLoader, await requestAs(null, "/dev/outbox"))).status).toBe(404);
  });
});

describe("sessions", () => {
  test("a live session gives its user", async () => {
    const { ownerId } = await createBusinessWithOwner();
    const cookie = await cookieFor(ownerId);
    expect((await getSessionUser(buildRequest("/", { cookie })))?.id).toBe(ownerId);
  });

  test("a session whose expires_at has passed gives no user, and protected pages send to login", async () => {
    const { ownerId } = await createBusinessWithOwner();
    const cookie = await cookieFor(ownerId);
    await db().updateTable("session").set({ expires_at: new Date(Date.now() - 1000).toISOString() }).where("user_id", "=", ownerId).execute();

    expect(await getSessionUser(buildRequest("/", { cookie }))).toBeNull();
    const outcome = await run(businessHomeLoader, buildRequest("/business", { cookie }));
    expect(outcome.status).toBe(302);
    expect(outcome.location).toBe("/login?redirectTo=%2Fbusiness");
  });

  test("a session of a disabled account gives no user", async () => {
    const { businessId } = await createBusinessWithOwner();
    const member = await createUser("business_member", businessId);
    const cookie = await cookieFor(member.id);
    await db().updateTable("user").set({ disabled_at: new Date().toISOString() }).where("id", "=", member.id).execute();
    expect(await getSessionUser(buildRequest("/", { cookie }))).toBeNull();
  });

  test("a cookie carrying a real session id but not signed by the server is ignored", async () => {
    const { ownerId } = await createBusinessWithOwner();
    await cookieFor(ownerId);
    const [session] = await sessionsOf(ownerId);
    const forged = `mp_session=${Buffer.from(JSON.stringify(session!.id)).toString("base64")}`;
    expect(await getSessionUser(buildRequest("/", { cookie: forged }))).toBeNull();
  });

  test("the login page sends a signed-in user to their home", async () => {
    const reviewer = await createUser("dost_reviewer", null);
    const outcome = await run(loginLoader, await requestAs(reviewer.id, "/login"));
    expect(outcome.status).toBe(302);
    expect(outcome.location).toBe("/dost");
  });
});

describe("logout", () => {
  test("POST /logout deletes this browser's session row, clears the cookie and goes home", async () => {
    const { ownerId } = await createBusinessWithOwner();
    const thisBrowser = await cookieFor(ownerId);
    const otherBrowser = await cookieFor(ownerId);
    expect(await sessionsOf(ownerId)).toHaveLength(2);

    const outcome = await run(logoutAction, buildRequest("/logout", { method: "POST", cookie: thisBrowser }));

    expect(outcome.status).toBe(302);
    expect(outcome.location).toBe("/");
    expect(setCookieNamed(outcome, "mp_session")).toMatch(/Max-Age=0/);
    expect(await sessionsOf(ownerId)).toHaveLength(1);
    expect(await getSessionUser(buildRequest("/", { cookie: thisBrowser }))).toBeNull();
    expect((await getSessionUser(buildRequest("/", { cookie: otherBrowser })))?.id).toBe(ownerId);
  });

  test("a GET /logout changes nothing and just goes home", async () => {
    const { ownerId } = await createBusinessWithOwner();
    const cookie = await cookieFor(ownerId);
    const outcome = await run(logoutLoader, buildRequest("/logout", { cookie }));
    expect(outcome.status).toBe(302);
    expect(outcome.location).toBe("/");
    expect(await sessionsOf(ownerId)).toHaveLength(1);
  });

  test("logging out without a session is harmless", async () => {
    const outcome = await run(logoutAction, buildRequest("/logout", { method: "POST" }));
    expect(outcome.status).toBe(302);
    expect(outcome.location).toBe("/");
  });
});

describe("queued mail in the log", () => {
  test("is written to the log, except inside withoutMailLog (the demo's seeding); it is queued either way", async () => {
    const logged: string[] = [];
    const info = vi.spyOn(console, "info").mockImplementation((line: unknown) => void logged.push(String(line)));
    try {
      const mail = (subject: string) => ({ to: "log-check@test.vn", subject, text: "—" });
      await withoutMailLog(() => enqueueMail(db(), mail("quiet")));
      await enqueueMail(db(), mail("heard"));
    } finally {
      info.mockRestore();
    }
    expect(logged.filter((line) => line.includes("log-check@test.vn"))).toEqual([expect.stringContaining("heard")]);
    const queued = await db().selectFrom("outbox").where("to_address", "=", "log-check@test.vn").select("subject").orderBy("id").execute();
    expect(queued.map((row) => row.subject)).toEqual(["quiet", "heard"]);
  });
});
