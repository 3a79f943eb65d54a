import { type IncomingMessage, type ServerResponse } from "node:http";
import enCommon from "../../content/locales/en/common.json";
import viCommon from "../../content/locales/vi/common.json";
import { scopeTempFiles } from "./temp-files.server";
import { MAX_FILES_PER_FORM, MAX_UPLOAD_BYTES } from "./uploads";

// How many bytes a request body may have, by route: a plain form gets FORM_BODY_LIMIT, a page that
// takes files as many full-size files as its form legitimately carries, plus the form's text. The
// same table serves the server (limitRequestBodies, in server.ts) and the form readers (readForm),
// which also stop a body that passes it while it arrives.

/** Any form's text: the largest real one (a visit ticking a few thousand instruments) is far below. */
export const FORM_BODY_LIMIT = 1024 * 1024;
/** The checklist's largest section has 18 items, each with its own evidence file (a test keeps this true). */
export const MAX_FILES_PER_SECTION = 20;
/** The DOST request page: a certificate per instrument when completing, in one submission. */
export const MAX_FILES_PER_DOST_FORM = 20;
/** IMPORT_MAX_BYTES of app/modules/instruments/import.server.ts (a test keeps them equal). */
export const IMPORT_UPLOAD_BYTES = 20 * 1024 * 1024;

const UPLOAD_ROUTES: ReadonlyArray<readonly [RegExp, number]> = [
  [/^\/business\/assessments\/[^/]+\/sections\/[^/]+$/, MAX_FILES_PER_SECTION * MAX_UPLOAD_BYTES],
  [/^\/business\/instruments\/import$/, IMPORT_UPLOAD_BYTES],
  [/^\/business\/instruments\/[^/]+\/events\/new$/, MAX_UPLOAD_BYTES],
  [/^\/business\/requests\/[^/]+$/, MAX_FILES_PER_FORM * MAX_UPLOAD_BYTES],
  [/^\/dost\/requests\/[^/]+$/, MAX_FILES_PER_DOST_FORM * MAX_UPLOAD_BYTES],
];

/** The media type of a Content-Type header, lower-cased, without parameters. */
export function mediaType(contentType: string | null | undefined): string {
  return (contentType ?? "").split(";")[0]!.trim().toLowerCase();
}

/**
 * The most bytes a body may have. Only a multipart POST to a page that takes files gets more than
 * a plain form; Remix's data requests (`/path.data`) count as the page they are for.
 */
export function bodyLimitFor(method: string, path: string, contentType: string | null | undefined): number {
  if (method.toUpperCase() !== "POST" || mediaType(contentType) !== "multipart/form-data") return FORM_BODY_LIMIT;
  const route = path.replace(/\.data$/, "").replace(/(.)\/+$/, "$1");
  const upload = UPLOAD_ROUTES.find(([pattern]) => pattern.test(route));
  return upload ? upload[1] + FORM_BODY_LIMIT : FORM_BODY_LIMIT;
}

/** The error a body stream gets when it passes its limit; readForm answers it with a 413. */
export const BODY_TOO_LARGE = "BODY_TOO_LARGE";

export function isBodyTooLarge(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: unknown }).code === BODY_TOO_LARGE;
}

const megabytes = (bytes: number) => `${Math.round(bytes / (1024 * 1024))} MB`;

/** The plain page the server answers before the app sees the request: Vietnamese first, then English. */
export function tooLargePage(limit: number): string {
  const part = (lang: "vi" | "en", texts: typeof viCommon) =>
    `<section lang="${lang}"><h1>${texts.errorPage.tooLarge.title}</h1><p>${texts.errorPage.tooLarge.body}</p><p>${texts.errorPage.tooLarge.limit.replace("{{max}}", megabytes(limit))}</p></section>`;
  return `<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>413</title></head><body>${part("vi", viCommon)}<hr>${part("en", enCommon)}</body></html>`;
}

/**
 * What an action throws for a body it cannot take: 400 (not a form, or a broken one) or 413 (past a
 * limit). Remix shows the error page for it and logs nothing: it is the client's mistake. The
 * connection is closed, since the rest of the body may still be on its way.
 */
export function refusedBody(status: 400 | 413): Response {
  const key = status === 413 ? "tooLarge" : "badRequest";
  const text = (texts: typeof viCommon) => `${texts.errorPage[key].title}. ${texts.errorPage[key].body}`;
  return new Response(`${text(viCommon)}\n${text(enCommon)}\n`, {
    status,
    headers: { "Content-Type": "text/plain; charset=utf-8", Connection: "close" },
  });
}

/**
 * Hands the body on chunk by chunk (each awaited before the next is read) and throws refusedBody(413)
 * once more than `limit` bytes have come, without reading further. The stream is not cancelled:
 * under Express that would destroy the socket before the 413 could be sent.
 */
export async function readBodyChunks(request: Request, limit: number, onChunk: (chunk: Uint8Array) => void | Promise<void>): Promise<void> {
  if (!request.body) return;
  const reader = request.body.getReader();
  let received = 0;
  try {
    for (;;) {
      let next: ReadableStreamReadResult<Uint8Array>;
      try {
        next = await reader.read();
      } catch (error) {
        // Failed under us: past the limit (limitRequestBodies) or cut off by the client.
        throw refusedBody(isBodyTooLarge(error) ? 413 : 400);
      }
      if (next.done) return;
      received += next.value.byteLength;
      if (received > limit) throw refusedBody(413);
      await onChunk(next.value);
    }
  } finally {
    reader.releaseLock();
  }
}

type Next = (error?: unknown) => void;

/**
 * Express middleware: a body announced larger than its route's limit is refused at once (413, and
 * the connection closed, so the rest is not read); a chunked body, whose size nobody announced,
 * is counted as it arrives and fails the app's read when it passes the limit. Also opens the
 * request's scope for uploaded files kept on disk.
 */
export function limitRequestBodies(req: IncomingMessage & { path?: string }, res: ServerResponse, next: Next): void {
  const path = req.path ?? new URL(req.url ?? "/", "http://localhost").pathname;
  const limit = bodyLimitFor(req.method ?? "GET", path, req.headers["content-type"]);
  const declared = Number(req.headers["content-length"] ?? 0);
  if (declared > limit) {
    lingerOnClose(req);
    res.writeHead(413, { "Content-Type": "text/html; charset=utf-8", Connection: "close" });
    res.end(tooLargePage(limit));
    return;
  }
  const chunked = req.headers["transfer-encoding"] !== undefined;
  if (chunked) countAsItArrives(req, limit);
  if (chunked || declared > 0) closeIfAnsweredEarly(req, res);
  scopeTempFiles(res, next);
}

/**
 * A response that starts before the whole body came (a refusal, a redirect to the login page)
 * closes the connection: kept open, it would wait for the rest of a body nobody reads. Remix drops
 * a thrown Response's own headers from the page, so this is decided here, as the headers go out.
 */
function closeIfAnsweredEarly(req: IncomingMessage, res: ServerResponse): void {
  const writeHead = res.writeHead;
  res.writeHead = function (this: ServerResponse, ...args: unknown[]) {
    if (!req.complete) {
      this.shouldKeepAlive = false;
      lingerOnClose(req);
    }
    return (writeHead as (...a: unknown[]) => ServerResponse).apply(this, args);
  } as typeof res.writeHead;
}

/** How long the rest of an unread body is still taken in (and dropped) after the answer, before the socket is closed. */
const LINGER_MS = 3000;

/**
 * Closing a socket while the client is still sending makes TCP answer with a reset, which can
 * reach the client before the 413 does: it then sees EPIPE instead of the page. So, as nginx's
 * lingering close, the answer goes out with a FIN and the rest of the body is read and dropped for
 * a moment (at most LINGER_MS), until the client, having read the answer, hangs up.
 */
function lingerOnClose(req: IncomingMessage): void {
  const socket = req.socket as IncomingMessage["socket"] & { destroySoon?: () => void };
  socket.destroySoon = function () {
    socket.end();
    req.removeAllListeners("data");
    req.resume();
    const timer = setTimeout(() => socket.destroy(), LINGER_MS);
    timer.unref();
    socket.once("close", () => clearTimeout(timer));
  };
}

function countAsItArrives(req: IncomingMessage, limit: number): void {
  let received = 0;
  // Paused first, so that listening below does not start the flow before the app reads the body
  // (a stream paused on purpose is not resumed by a new "data" listener).
  req.pause();
  const count = (chunk: Buffer) => {
    received += chunk.length;
    if (received <= limit) return;
    req.off("data", count);
    req.pause();
    const error = Object.assign(new Error(`The request body is larger than ${limit} bytes.`), { code: BODY_TOO_LARGE, limit });
    // The reader (Remix's stream over the request) listens for errors; without one nobody reads.
    if (req.listenerCount("error") > 0) req.emit("error", error);
    else req.destroy();
  };
  req.on("data", count);
}
