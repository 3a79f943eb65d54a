import { randomInt } from "node:crypto";
import { type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { type Role } from "@db/schema";
import { signUpBusiness } from "~/modules/accounts/businesses.server";
import { type SignupInput } from "~/modules/accounts/schemas";
import { type InstrumentInput } from "~/modules/instruments/instruments.server";
import { db, nowIso } from "~/utils/db.server";
import { hashPassword } from "~/utils/password.server";
import { createSession } from "~/utils/session.server";

export const TEST_ORIGIN = "http://portal.test";
export const TEST_PASSWORD = "test-pass-2026";

let sequence = 0;
const unique = () => `${Date.now().toString(36)}${(sequence++).toString(36)}${randomInt(1000)}`;

/** A random tax code with a valid check digit. */
export function validTaxCode(): string {
  for (;;) {
    const base = `18${String(randomInt(10_000_000)).padStart(7, "0")}`;
    const weights = [31, 29, 23, 19, 17, 13, 7, 5, 3];
    const remainder = weights.reduce((acc, w, i) => acc + w * Number(base[i]), 0) % 11;
    if (remainder !== 0) return `${base}${remainder === 10 ? 0 : 10 - remainder}`;
  }
}

export function signupInput(overrides: Partial<SignupInput> = {}): SignupInput {
  const id = unique();
  return {
    legalName: `Công ty Thử nghiệm ${id}`,
    taxCode: validTaxCode(),
    ownership: "private",
    sectors: ["fuel"],
    communeId: "phuong-ninh-kieu",
    communeOther: "",
    streetAddress: "1 Đường Hòa Bình",
    contactName: "Nguyễn Văn Thử",
    phone: "0292123456",
    contactEmail: `owner-${id}@test.vn`,
    password: TEST_PASSWORD,
    passwordConfirm: TEST_PASSWORD,
    ...overrides,
  };
}

export async function createBusinessWithOwner(overrides: Partial<SignupInput> = {}) {
  const input = signupInput(overrides);
  const result = await signUpBusiness(input);
  if (!result.ok) throw new Error(`signup failed: ${JSON.stringify(result.errors)}`);
  const owner = await db().selectFrom("user").where("id", "=", result.userId).select(["id", "business_id"]).executeTakeFirstOrThrow();
  return { businessId: owner.business_id!, ownerId: owner.id, email: input.contactEmail, input };
}

export async function createUser(role: Role, businessId: number | null, email = `${role}-${unique()}@test.vn`) {
  const user = await db()
    .insertInto("user")
    .values({
      email,
      full_name: `Người dùng ${role}`,
      password_hash: await hashPassword(TEST_PASSWORD),
      role,
      business_id: businessId,
      created_at: nowIso(),
      disabled_at: null,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return { id: user.id, email };
}

/** The Cookie header a browser would send after this user logged in. */
export async function cookieFor(userId: number): Promise<string> {
  const setCookie = await createSession(userId);
  return setCookie.split(";")[0]!;
}

type RequestOptions = { method?: "GET" | "POST"; form?: Record<string, string | string[]>; cookie?: string | null };

export function buildRequest(path: string, { method = "GET", form, cookie }: RequestOptions = {}): Request {
  const headers = new Headers({ Origin: TEST_ORIGIN });
  if (cookie) headers.set("Cookie", cookie);
  let body: URLSearchParams | undefined;
  if (form) {
    body = new URLSearchParams();
    for (const [key, value] of Object.entries(form)) {
      for (const v of Array.isArray(value) ? value : [value]) body.append(key, v);
    }
    headers.set("Content-Type", "application/x-www-form-urlencoded");
  }
  return new Request(`${TEST_ORIGIN}${path}`, { method: form ? "POST" : method, headers, body });
}

/** A multipart POST as the browser sends the forms that carry files. */
export function multipartRequest(path: string, cookie: string, fields: Record<string, string>, files: Record<string, File> = {}): Request {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  for (const [k, v] of Object.entries(files)) form.append(k, v);
  return new Request(`${TEST_ORIGIN}${path}`, { method: "POST", body: form, headers: { Cookie: cookie, Origin: TEST_ORIGIN } });
}

export async function requestAs(userId: number | null, path: string, options: Omit<RequestOptions, "cookie"> = {}) {
  return buildRequest(path, { ...options, cookie: userId ? await cookieFor(userId) : null });
}

export type Outcome = { status: number; location: string | null; data: unknown; headers: Headers };

/** Runs a loader or action the way Remix would and reports what the browser would get. */
export async function run(
  fn: (args: LoaderFunctionArgs & ActionFunctionArgs) => unknown,
  request: Request,
  params: Record<string, string> = {},
  context: Record<string, unknown> = { clientAddress: "203.0.113.7" },
): Promise<Outcome> {
  let result: unknown;
  try {
    result = await fn({ request, params, context });
  } catch (thrown) {
    result = thrown;
  }
  if (result instanceof Response) {
    return { status: result.status, location: result.headers.get("Location"), data: null, headers: result.headers };
  }
  if (result && typeof result === "object" && (result as { type?: string }).type === "DataWithResponseInit") {
    const { data, init } = result as { data: unknown; init: ResponseInit | null };
    return { status: init?.status ?? 200, location: null, data, headers: new Headers(init?.headers) };
  }
  if (result instanceof Error) throw result;
  return { status: 200, location: null, data: result, headers: new Headers() };
}

// ---- Row snapshots, invitations, mail links and form builders for the route tests ----

/** Everything a business owns, in a stable order: compare before and after to prove nothing changed. */
export async function businessRows(businessId: number) {
  const [business, sectors, sites, users, invitations] = await Promise.all([
    db().selectFrom("business").where("id", "=", businessId).selectAll().executeTakeFirst(),
    db().selectFrom("business_sector").where("business_id", "=", businessId).select("sector").orderBy("sector").execute(),
    db().selectFrom("site").where("business_id", "=", businessId).selectAll().orderBy("id").execute(),
    db().selectFrom("user").where("business_id", "=", businessId).selectAll().orderBy("id").execute(),
    db().selectFrom("invitation").where("business_id", "=", businessId).selectAll().orderBy("id").execute(),
  ]);
  return { business, sectors, sites, users, invitations };
}

/** Audit rows of a business, oldest first, with `detail` parsed. */
export async function auditRows(businessId: number | null, where: { entity?: string; action?: string } = {}) {
  let query = db().selectFrom("audit_log").selectAll();
  query = businessId === null ? query.where("business_id", "is", null) : query.where("business_id", "=", businessId);
  if (where.entity) query = query.where("entity", "=", where.entity);
  if (where.action) query = query.where("action", "=", where.action);
  const rows = await query.orderBy("id").execute();
  return rows.map((row) => ({ ...row, detail: row.detail ? (JSON.parse(row.detail) as Record<string, unknown>) : null }));
}

export function outboxTo(email: string) {
  return db().selectFrom("outbox").where("to_address", "=", email).selectAll().orderBy("id").execute();
}

/** The token of the first `${TEST_ORIGIN}/<path>/<token>` link in a mail body, or null. */
export function tokenInLink(text: string, path: "invite" | "reset-password"): string | null {
  const escaped = TEST_ORIGIN.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(`${escaped}/${path}/([A-Za-z0-9_-]+)`).exec(text)?.[1] ?? null;
}

/** An open invitation written straight to the database; returns the secret token the mail would carry. */
export async function createInvitation(businessId: number, invitedBy: number, email = `invitee-${unique()}@test.vn`) {
  const { newToken } = await import("~/utils/tokens.server");
  const { token, hash } = newToken();
  const row = await db()
    .insertInto("invitation")
    .values({
      business_id: businessId,
      email,
      token_hash: hash,
      invited_by: invitedBy,
      created_at: nowIso(),
      expires_at: new Date(Date.now() + 7 * 86_400_000).toISOString(),
      accepted_at: null,
      revoked_at: null,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return { id: row.id, token, email };
}

export function sessionsOf(userId: number) {
  return db().selectFrom("session").where("user_id", "=", userId).selectAll().execute();
}

/** A valid business profile form as the browser posts it (no JavaScript). */
export function profileForm(overrides: Record<string, string | string[]> = {}): Record<string, string | string[]> {
  return {
    legalName: `Công ty Đã Sửa ${unique()}`,
    ownership: "foreign",
    sectors: ["water", "electricity"],
    communeId: "phuong-cai-khe",
    communeOther: "",
    streetAddress: "99 Đường Trần Hưng Đạo",
    contactName: "Trần Thị Liên Hệ",
    phone: "0292 3888 777",
    contactEmail: `contact-${unique()}@test.vn`,
    ...overrides,
  };
}

/** A valid site form as the browser posts it (no JavaScript). */
export function siteForm(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    name: `Trạm ${unique()}`,
    communeId: "phuong-tan-an",
    communeOther: "",
    streetAddress: "5 Đường Nguyễn Trãi",
    ...overrides,
  };
}

/** The instrument event form as the browser posts it (no JavaScript): a passing verification, no impact. */
export function eventForm(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    kind: "verification",
    performedOn: "2026-02-01",
    provider: "Trung tâm (ví dụ)",
    certificateNo: "",
    result: "pass",
    notes: "",
    overrideDueOn: "",
    impactSince: "",
    impactMeasured: "",
    impactAction: "",
    supersedesEventId: "",
    ...overrides,
  };
}

/** A fuel dispenser as `createInstrument` takes it, with only the required fields filled. */
export function dispenserInput(siteId: number, tag: string, overrides: Partial<InstrumentInput> = {}): InstrumentInput {
  return {
    siteId,
    typeId: "fuel-dispenser",
    tag,
    name: `Cột đo ${tag}`,
    serial: "",
    manufacturer: "",
    model: "",
    rangeMin: null,
    rangeMax: null,
    unit: "L",
    accuracy: "",
    purpose: "trade",
    status: "in_service",
    ownIntervalMonths: null,
    responsiblePerson: "",
    ...overrides,
  };
}

/** Without SMTP every queued mail is also logged; keep that out of the test report (other console.info stays). */
export function silenceOutboxLog(): void {
  const info = console.info.bind(console);
  console.info = (...args: unknown[]) => {
    if (typeof args[0] === "string" && args[0].startsWith("[outbox]")) return;
    info(...args);
  };
}
