import { randomInt } from "node:crypto";
import { type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { type Role } from "@db/schema";
import { signUpBusiness } from "~/modules/accounts/businesses.server";
import { type SignupInput } from "~/modules/accounts/schemas";
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
