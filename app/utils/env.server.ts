import { randomBytes } from "node:crypto";
import { z } from "zod";
import { databasePath } from "@db/paths";

const EnvSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  SESSION_SECRET: z.string().min(16).optional(),
  SMTP_URL: z.string().url().optional(),
  MAIL_FROM: z.string().default("Cổng Đảm bảo Đo lường <no-reply@localhost>"),
  DEMO_MODE: z.enum(["0", "1"]).default("0"),
  PUBLIC_URL: z.string().url().optional(),
});

export type Env = {
  isProduction: boolean;
  isDemo: boolean;
  sessionSecret: string;
  smtpUrl: string | undefined;
  mailFrom: string;
  databasePath: string;
  publicUrl: string | undefined;
};

let cached: Env | undefined;

export function env(): Env {
  if (cached) return cached;
  const raw = EnvSchema.parse(process.env);
  const isProduction = raw.NODE_ENV === "production";
  const isDemo = raw.DEMO_MODE === "1";
  if (isProduction && !isDemo && !raw.SESSION_SECRET) {
    throw new Error("SESSION_SECRET must be set (at least 16 characters) in production.");
  }
  cached = {
    isProduction,
    isDemo,
    // Outside production a random secret is fine: sessions just end when the server restarts.
    sessionSecret: raw.SESSION_SECRET ?? randomBytes(32).toString("hex"),
    smtpUrl: raw.SMTP_URL,
    mailFrom: raw.MAIL_FROM,
    databasePath: databasePath(),
    publicUrl: raw.PUBLIC_URL,
  };
  return cached;
}
