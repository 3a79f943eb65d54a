import { type AppLoadContext } from "@remix-run/node";
import { env } from "./env.server";

/** Where links in e-mails point: PUBLIC_URL when the app sits behind a proxy, else this request's origin. */
export function appOrigin(request: Request): string {
  return env().publicUrl ?? new URL(request.url).origin;
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
