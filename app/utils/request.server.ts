import { type AppLoadContext } from "@remix-run/node";
import { env } from "./env.server";

/**
 * Where links in mails, receipts, PDFs, labels and calendar feeds point: the configured PUBLIC_URL.
 * Deliberately not the request's origin: its Host header is whatever the client sent, and a reset
 * link built from it would carry the token to the sender's site.
 */
export function publicOrigin(): string {
  return env().publicUrl;
}

export function clientAddress(context: AppLoadContext | undefined): string {
  return context?.clientAddress ?? "unknown";
}

/** A positive whole-number route parameter, or null (the route then answers 404). */
export function idParam(value: string | undefined): number | null {
  if (!value || !/^\d{1,12}$/.test(value)) return null;
  const id = Number(value);
  return id > 0 ? id : null;
}
