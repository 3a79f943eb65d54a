export type RequestOrigin = {
  method: string;
  host: string;
  origin: string | undefined;
  fetchSite: string | undefined;
};

const SAFE_METHODS = ["GET", "HEAD", "OPTIONS"];

/**
 * Whether a request may change data: safe methods always; otherwise the browser must say the
 * request came from this site (Origin, or Sec-Fetch-Site when Origin is absent). Clients that
 * send neither header are not browsers and carry no victim's cookies, so they pass.
 */
export function mayChangeData(request: RequestOrigin, allowedHosts: readonly string[] = []): boolean {
  if (SAFE_METHODS.includes(request.method.toUpperCase())) return true;
  if (request.origin !== undefined) {
    if (request.origin === "null") return false;
    try {
      const originHost = new URL(request.origin).host;
      return originHost === request.host || allowedHosts.includes(originHost);
    } catch {
      return false;
    }
  }
  if (request.fetchSite !== undefined) return request.fetchSite === "same-origin" || request.fetchSite === "none";
  return true;
}
