// Issue 12 §3 and §8: bodies the actions cannot take answer 400 or 413, never a 500; uploads
// arrive whole whatever their file names; a large body is refused while it arrives.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { createInstrument } from "~/modules/instruments/instruments.server";
import { action as sectionAction } from "~/routes/business.assessments.$assessmentId.sections.$sectionKey";
import { action as listAction } from "~/routes/business.assessments._index";
import { action as eventAction } from "~/routes/business.instruments.$instrumentId.events.new";
import { action as profileAction } from "~/routes/business.profile";
import { action as newRequestAction } from "~/routes/business.requests.new";
import { action as sitesAction } from "~/routes/business.sites._index";
import { action as activityAction } from "~/routes/dost.activities.new";
import { action as dostSettingsAction } from "~/routes/dost.settings";
import { action as forgotAction } from "~/routes/forgot-password";
import { action as loginAction } from "~/routes/login";
import { action as signupAction } from "~/routes/signup";
import { db } from "~/utils/db.server";
import { MAX_UPLOAD_BYTES } from "~/utils/uploads";
import { TEST_ORIGIN, TEST_PASSWORD, buildRequest, cookieFor, createBusinessWithOwner, createUser, dispenserInput, eventForm, multipartRequest, run } from "../helpers";

const PDF = new Uint8Array(Buffer.from("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"));

async function ownerWithInstrument() {
  const business = await createBusinessWithOwner();
  const site = await db().selectFrom("site").where("business_id", "=", business.businessId).select("id").executeTakeFirstOrThrow();
  const scope = { kind: "business" as const, businessId: business.businessId, user: { id: business.ownerId } as never };
  const created = await createInstrument(scope, dispenserInput(site.id, "CD-01"));
  if (!created.ok) throw new Error("instrument not created");
  return { ...business, instrumentId: created.id, cookie: await cookieFor(business.ownerId) };
}

async function certificateName(instrumentId: number) {
  const row = await db()
    .selectFrom("instrument_event")
    .innerJoin("stored_file", "stored_file.id", "instrument_event.certificate_file_id")
    .where("instrument_event.instrument_id", "=", instrumentId)
    .select("stored_file.filename")
    .executeTakeFirst();
  return row?.filename;
}

/** A POST with this body as the client sent it: no content type, JSON, a broken multipart body... */
function rawPost(path: string, cookie: string | null, body: string | null, contentType?: string) {
  const headers = new Headers({ Origin: TEST_ORIGIN });
  if (cookie) headers.set("Cookie", cookie);
  if (contentType) headers.set("Content-Type", contentType);
  return new Request(`${TEST_ORIGIN}${path}`, { method: "POST", headers, body });
}

const BAD_BODIES: Array<[string, string | null, string | undefined]> = [
  ["an empty POST", null, undefined],
  ["a JSON body", '{"email":"a@b.vn","password":"x"}', "application/json"],
  ["plain text", "email=a@b.vn", "text/plain"],
  ["a multipart body cut short", '--b\r\nContent-Disposition: form-data; name="email"\r\n\r\na@b.vn', "multipart/form-data; boundary=b"],
  ["a multipart body without a boundary", "whatever", "multipart/form-data"],
  ["a multipart part without a name", "--b\r\nContent-Disposition: form-data\r\n\r\nx\r\n--b--\r\n", "multipart/form-data; boundary=b"],
];

describe("file names the old parser choked on", () => {
  test.each(["KD; ban 2.pdf", "cert=1.pdf", 'Giấy "chứng nhận".pdf'])("a certificate named %s is stored under its name", async (name) => {
    const { instrumentId, cookie } = await ownerWithInstrument();
    const outcome = await run(
      eventAction,
      multipartRequest(`/business/instruments/${instrumentId}/events/new`, cookie, eventForm({ performedOn: "2026-03-12" }), {
        certificate: new File([PDF], name, { type: "application/pdf" }),
      }),
      { instrumentId: String(instrumentId) },
    );
    expect(outcome.status).toBe(302);
    // Quotes become underscores when stored (checkUpload); Node's FormData sends " as %22.
    expect(await certificateName(instrumentId)).toBe(name.replace(/"/g, "%22"));
  });
});

describe("bodies that are not a form answer 400, with nothing thrown past the action", () => {
  test.each(BAD_BODIES)("%s to the login page", async (_, body, contentType) => {
    expect((await run(loginAction, rawPost("/login", null, body, contentType))).status).toBe(400);
  });

  test.each(BAD_BODIES)("%s to a page that takes files", async (_, body, contentType) => {
    const { instrumentId, cookie } = await ownerWithInstrument();
    const outcome = await run(eventAction, rawPost(`/business/instruments/${instrumentId}/events/new`, cookie, body, contentType), {
      instrumentId: String(instrumentId),
    });
    expect(outcome.status).toBe(400);
  });

  test("every other kind of action too: public, business and DOST pages", async () => {
    const business = await createBusinessWithOwner();
    const owner = await cookieFor(business.ownerId);
    const admin = await cookieFor((await createUser("dost_admin", null)).id);
    const started = await run(listAction, buildRequest("/business/assessments", { cookie: owner, form: {} }));
    const assessment = started.location!.split("/").pop()!;
    const cases = [
      [signupAction, "/signup", null, {}],
      [forgotAction, "/forgot-password", null, {}],
      [sitesAction, "/business/sites", owner, {}],
      [profileAction, "/business/profile", owner, {}],
      [newRequestAction, "/business/requests/new", owner, {}],
      [sectionAction, `/business/assessments/${assessment}/sections/legal-control`, owner, { assessmentId: assessment, sectionKey: "legal-control" }],
      [dostSettingsAction, "/dost/settings", admin, {}],
      [activityAction, "/dost/activities/new", admin, {}],
    ] as const;
    for (const [action, path, cookie, params] of cases) {
      for (const [label, body, contentType] of BAD_BODIES) {
        const outcome = await run(action, rawPost(path, cookie, body, contentType), params);
        expect(`${path}, ${label}: ${outcome.status}`).toBe(`${path}, ${label}: 400`);
      }
    }
  });

  test("an ordinary form (no files) posted to an upload page is read like any form: its own errors, not a crash", async () => {
    const { instrumentId, cookie } = await ownerWithInstrument();
    const refused = await run(eventAction, buildRequest(`/business/instruments/${instrumentId}/events/new`, { cookie, form: { kind: "verification" } }), {
      instrumentId: String(instrumentId),
    });
    expect(refused.status).toBe(400);
    expect((refused.data as { errors: Record<string, string> }).errors).toHaveProperty("performedOn");
    // With every field filled in, it is an event recorded without a certificate, as when no file is chosen.
    const saved = await run(eventAction, buildRequest(`/business/instruments/${instrumentId}/events/new`, { cookie, form: eventForm({ performedOn: "2026-03-12" }) }), {
      instrumentId: String(instrumentId),
    });
    expect(saved.status).toBe(302);
    expect(await certificateName(instrumentId)).toBeUndefined();
  });
});

describe("bodies over the limit answer 413", () => {
  test("a form over 1 MB to the login page", async () => {
    const request = buildRequest("/login", { form: { email: "a@b.vn", password: TEST_PASSWORD, pad: "x".repeat(1024 * 1024) } });
    expect((await run(loginAction, request)).status).toBe(413);
  });

  test("a file in a form that takes none", async () => {
    const { cookie } = await ownerWithInstrument();
    const request = multipartRequest("/business/sites", cookie, { name: "Kho" }, { photo: new File([PDF], "a.pdf", { type: "application/pdf" }) });
    expect((await run(sitesAction, request)).status).toBe(413);
  });

  test("a 20 MB certificate: refused while it arrives, the rest of the body never read", async () => {
    const { instrumentId, cookie } = await ownerWithInstrument();
    const boundary = "----twenty";
    const head = Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="kind"\r\n\r\nverification\r\n` +
        `--${boundary}\r\nContent-Disposition: form-data; name="certificate"; filename="big.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4\n`,
    );
    const total = 20 * 1024 * 1024;
    let pulled = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        const chunk = pulled === 0 ? head : Buffer.alloc(Math.min(64 * 1024, total - pulled), 0x20);
        if (chunk.length === 0) return controller.close();
        pulled += chunk.length;
        controller.enqueue(new Uint8Array(chunk));
      },
    });
    const request = new Request(`${TEST_ORIGIN}/business/instruments/${instrumentId}/events/new`, {
      method: "POST",
      body,
      headers: { Cookie: cookie, Origin: TEST_ORIGIN, "Content-Type": `multipart/form-data; boundary=${boundary}` },
      duplex: "half",
    } as RequestInit);
    const outcome = await run(eventAction, request, { instrumentId: String(instrumentId) });
    expect(outcome.status).toBe(413);
    expect(pulled).toBeLessThan(MAX_UPLOAD_BYTES + 2 * 1024 * 1024);
    expect(await certificateName(instrumentId)).toBeUndefined();
  });
});

test("no action reads its body any other way than readForm", () => {
  const routes = join(import.meta.dirname, "../../app/routes");
  // The import page reads its own upload (parseImportForm, with the import's limit): issue 12 §4.
  const exempt = new Set(["business.instruments.import.tsx"]);
  const offenders = readdirSync(routes)
    .filter((file) => !exempt.has(file))
    .filter((file) => /request\.(formData|json|text|arrayBuffer|blob)\(|parseUploadForm\(|unstable_parseMultipartFormData/.test(readFileSync(join(routes, file), "utf8")));
  expect(offenders).toEqual([]);
});
