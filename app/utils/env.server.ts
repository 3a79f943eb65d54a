import { randomBytes } from "node:crypto";
import { z } from "zod";
import { databasePath } from "@db/paths";

const EnvSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  SESSION_SECRET: z.string().min(16).optional(),
  SMTP_URL: z.string().url().optional(),
  MAIL_FROM: z.string().default("Cổng Đảm bảo Đo lường <no-reply@localhost>"),
  DEMO_MODE: z.enum(["0", "1"]).default("0"),
  // An empty value counts as unset, so `PUBLIC_URL= npm start` is refused like a missing one.
  PUBLIC_URL: z.preprocess((v) => (v === "" ? undefined : v), z.string().optional()),
  PORT: z.string().optional(),
});

export type Env = {
  isProduction: boolean;
  isDemo: boolean;
  sessionSecret: string;
  smtpUrl: string | undefined;
  mailFrom: string;
  databasePath: string;
  /** The one origin every link in a mail, receipt, PDF, label or calendar feed points to; never a request's Host. */
  publicUrl: string;
};

const PUBLIC_URL_EXAMPLE = "https://dbdl.sokhcn.cantho.gov.vn";

/**
 * PUBLIC_URL as an origin ("https://host[:port]", no trailing slash), or an error message. A path
 * is refused rather than dropped: the portal's routes live at the root, so a path would be a mistake.
 */
export function parsePublicUrl(value: string): { ok: true; origin: string } | { ok: false; message: string } {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return { ok: false, message: `PUBLIC_URL is not a URL: "${value}". Set it to the address users reach, e.g. ${PUBLIC_URL_EXAMPLE}.` };
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    return { ok: false, message: `PUBLIC_URL must start with https:// or http://, e.g. ${PUBLIC_URL_EXAMPLE}.` };
  }
  if (url.username || url.password || url.pathname !== "/" || url.search || url.hash) {
    return { ok: false, message: `PUBLIC_URL must be an origin only (scheme, host and port, no path), e.g. ${PUBLIC_URL_EXAMPLE}.` };
  }
  return { ok: true, origin: url.origin };
}

let cached: Env | undefined;

export function env(): Env {
  if (cached) return cached;
  const raw = EnvSchema.parse(process.env);
  const isProduction = raw.NODE_ENV === "production";
  const isDemo = raw.DEMO_MODE === "1";
  if (isProduction && !isDemo && !raw.SESSION_SECRET) {
    throw new Error("SESSION_SECRET must be set (at least 16 characters) in production.");
  }
  // Links in mail must never come from a request's Host header (anyone can send any Host), so
  // production needs the address written down; the demo sets its own in server.ts.
  if (isProduction && !raw.PUBLIC_URL) {
    throw new Error(`PUBLIC_URL must be set in production: the address users reach, e.g. ${PUBLIC_URL_EXAMPLE}. Every e-mailed link is built from it.`);
  }
  const publicUrl = parsePublicUrl(raw.PUBLIC_URL ?? `http://localhost:${raw.PORT ?? 3000}`);
  if (!publicUrl.ok) throw new Error(publicUrl.message);
  cached = {
    isProduction,
    isDemo,
    // Outside production a random secret is fine: sessions just end when the server restarts.
    sessionSecret: raw.SESSION_SECRET ?? randomBytes(32).toString("hex"),
    smtpUrl: raw.SMTP_URL,
    mailFrom: raw.MAIL_FROM,
    databasePath: databasePath(),
    publicUrl: publicUrl.origin,
  };
  return cached;
}
