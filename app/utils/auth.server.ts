import { redirect } from "@remix-run/node";
import { type Ability, can, isBusinessRole, isDostRole, type Role } from "~/modules/accounts/permissions";
import { db } from "./db.server";
import { readSessionId } from "./session.server";

export type SessionUser = {
  id: number;
  email: string;
  fullName: string;
  role: Role;
  businessId: number | null;
  businessName: string | null;
};

/** What a business user may touch: every business data function takes this first. */
export type BusinessScope = { kind: "business"; businessId: number; user: SessionUser };
export type DostScope = { kind: "dost"; user: SessionUser };

// The root, the layout and the page each ask who is logged in: a page load looks it up once.
// Only for reads: an action may end or start a session before loaders run in the same request.
const usersOfPageLoads = new WeakMap<Request, Promise<SessionUser | null>>();

export function getSessionUser(request: Request): Promise<SessionUser | null> {
  if (request.method !== "GET" && request.method !== "HEAD") return lookUpSessionUser(request);
  let user = usersOfPageLoads.get(request);
  if (!user) {
    user = lookUpSessionUser(request);
    usersOfPageLoads.set(request, user);
  }
  return user;
}

async function lookUpSessionUser(request: Request): Promise<SessionUser | null> {
  const sessionId = await readSessionId(request);
  if (!sessionId) return null;
  const row = await db()
    .selectFrom("session")
    .innerJoin("user", "user.id", "session.user_id")
    .leftJoin("business", "business.id", "user.business_id")
    .where("session.id", "=", sessionId)
    .where("session.expires_at", ">", new Date().toISOString())
    .where("user.disabled_at", "is", null)
    .select([
      "user.id as id",
      "user.email as email",
      "user.full_name as fullName",
      "user.role as role",
      "user.business_id as businessId",
      "business.legal_name as businessName",
    ])
    .executeTakeFirst();
  return row ?? null;
}

export async function requireUser(request: Request): Promise<SessionUser> {
  const user = await getSessionUser(request);
  if (!user) {
    const url = new URL(request.url);
    const redirectTo = url.pathname + url.search;
    throw redirect(`/login?${new URLSearchParams({ redirectTo })}`);
  }
  return user;
}

// Pages of the other side answer 404 rather than 403, so they do not confirm what exists.
export function notFound(): Response {
  return new Response("Not found", { status: 404 });
}

export function forbidden(): Response {
  return new Response("Forbidden", { status: 403 });
}

export async function requireBusinessScope(request: Request, ability: Ability = "business:read"): Promise<BusinessScope> {
  const user = await requireUser(request);
  if (!isBusinessRole(user.role) || user.businessId === null) throw notFound();
  if (!can(user.role, ability)) throw forbidden();
  return { kind: "business", businessId: user.businessId, user };
}

export async function requireDostScope(request: Request, ability: Ability = "dost:read"): Promise<DostScope> {
  const user = await requireUser(request);
  if (!isDostRole(user.role)) throw notFound();
  if (!can(user.role, ability)) throw notFound();
  return { kind: "dost", user };
}

export { safeRedirect } from "./redirect";
