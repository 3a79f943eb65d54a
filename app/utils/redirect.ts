// Any origin serves: only whether the path stays on it matters. ".invalid" can never be a real host.
const BASE = "http://portal.invalid";

/**
 * A path on this site to send the browser to after logging in, or the fallback. Refused: anything
 * not starting with a single "/", backslashes, and control characters raw or percent-encoded
 * (browsers drop a tab or newline, so "/%09/evil.example" would become "//evil.example"; a raw
 * newline cannot go in a Location header at all). What is left must parse to this same origin; the
 * parsed form is returned, so the header holds only URL-safe characters.
 */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback: string): string {
  if (typeof to !== "string" || !to.startsWith("/") || to.startsWith("//")) return fallback;
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
  if (/[\u0000-\u001f\u007f-\u009f\\]/.test(to) || /%(?:[01][0-9a-f]|7f|5c)/i.test(to)) return fallback;
  let url: URL;
  try {
    url = new URL(to, BASE);
  } catch {
    return fallback;
  }
  const path = `${url.pathname}${url.search}${url.hash}`;
  // "/.//evil.example" normalises to "//evil.example": refused like the plain form.
  if (url.origin !== BASE || !path.startsWith("/") || path.startsWith("//")) return fallback;
  return path;
}
