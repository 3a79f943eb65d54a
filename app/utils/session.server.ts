import { randomBytes } from "node:crypto";
import { createCookie, createCookieSessionStorage } from "@remix-run/node";
import { db, nowIso } from "./db.server";
import { env } from "./env.server";

export const SESSION_DAYS = 30;

function cookieSecurity() {
  const { isProduction, isDemo, sessionSecret } = env();
  // The demo runs on plain http://localhost, where a Secure cookie would not come back on 127.0.0.1.
  return { httpOnly: true, sameSite: "lax" as const, secure: isProduction && !isDemo, path: "/", secrets: [sessionSecret] };
}

let sessionCookieInstance: ReturnType<typeof createCookie> | undefined;
export function sessionCookie() {
  sessionCookieInstance ??= createCookie("mp_session", { ...cookieSecurity(), maxAge: SESSION_DAYS * 86_400 });
  return sessionCookieInstance;
}

let flashStorageInstance: ReturnType<typeof createCookieSessionStorage<Record<string, never>, { flash: Flash }>> | undefined;
function flashStorage() {
  flashStorageInstance ??= createCookieSessionStorage<Record<string, never>, { flash: Flash }>({ cookie: { name: "mp_flash", ...cookieSecurity() } });
  return flashStorageInstance;
}

export async function createSession(userId: number): Promise<string> {
  const id = randomBytes(32).toString("base64url");
  const expires = new Date(Date.now() + SESSION_DAYS * 86_400_000).toISOString();
  await db().insertInto("session").values({ id, user_id: userId, created_at: nowIso(), expires_at: expires }).execute();
  return sessionCookie().serialize(id);
}

export async function readSessionId(request: Request): Promise<string | null> {
  const value = await sessionCookie().parse(request.headers.get("Cookie"));
  return typeof value === "string" ? value : null;
}

export async function destroySession(request: Request): Promise<string> {
  const id = await readSessionId(request);
  if (id) await db().deleteFrom("session").where("id", "=", id).execute();
  return sessionCookie().serialize("", { maxAge: 0 });
}

export type Flash = { kind: "success" | "info" | "error"; message: string; values?: Record<string, string> };

/** A one-time message for the next page, e.g. "Profile saved". `message` is a translation key. */
export async function setFlash(request: Request, flash: Flash): Promise<string> {
  const session = await flashStorage().getSession(request.headers.get("Cookie"));
  session.flash("flash", flash);
  return flashStorage().commitSession(session);
}

export async function readFlash(request: Request): Promise<{ flash: Flash | null; setCookie: string | null }> {
  const session = await flashStorage().getSession(request.headers.get("Cookie"));
  const flash = (session.get("flash") as Flash | undefined) ?? null;
  return { flash, setCookie: flash ? await flashStorage().commitSession(session) : null };
}
