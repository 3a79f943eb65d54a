// A streaming multipart/form-data reader (RFC 7578). Remix's own parser (@web3-storage/multipart-parser)
// splits a part's header at every ";" and "=", so a file named `KD; ban 2.pdf` or `cert=1.pdf`
// threw a 500; this one reads quoted parameters properly and hands each part's bytes on as they
// arrive, so nothing has to sit in memory.

export type PartHeaders = { name: string; filename: string | undefined; contentType: string };

/** Receives the parts in order: begin, its bytes in pieces, end. Each call is awaited before the next. */
export type PartSink = {
  begin(part: PartHeaders): void | Promise<void>;
  data(chunk: Uint8Array): void | Promise<void>;
  end(): void | Promise<void>;
};

/** The body is not multipart/form-data as RFC 7578 writes it: the client's fault, a 400. */
export class MalformedMultipart extends Error {
  override name = "MalformedMultipart";
}

const CRLF = Buffer.from("\r\n");
const HEADER_END = Buffer.from("\r\n\r\n");
const DASH = 0x2d;

/**
 * A header value such as `form-data; name="note"; filename="KD; ban 2.pdf"`: its type, lower-cased,
 * and its parameters (names lower-cased, the first of a repeated name wins). A quoted value may hold
 * `;` and `=`; `\"` inside one is a quote. Throws MalformedMultipart on an unterminated quote.
 */
export function parseHeaderValue(value: string): { type: string; params: Map<string, string> } {
  const params = new Map<string, string>();
  let i = value.indexOf(";");
  if (i < 0) i = value.length;
  const type = value.slice(0, i).trim().toLowerCase();
  const skipSpace = () => {
    while (i < value.length && (value[i] === " " || value[i] === "\t")) i++;
  };
  while (i < value.length) {
    i++; // past the ";"
    skipSpace();
    let end = i;
    while (end < value.length && value[end] !== "=" && value[end] !== ";") end++;
    const key = value.slice(i, end).trim().toLowerCase();
    i = end;
    if (value[i] !== "=") {
      if (key) params.set(key, params.get(key) ?? "");
      continue;
    }
    i++; // past the "="
    skipSpace();
    let parsed = "";
    if (value[i] === '"') {
      i++;
      for (;;) {
        if (i >= value.length) throw new MalformedMultipart("unterminated quoted parameter");
        const c = value[i]!;
        // Browsers send a quote in a file name as %22 (WHATWG), other clients as \": both are kept.
        if (c === "\\" && (value[i + 1] === '"' || value[i + 1] === "\\")) {
          parsed += value[i + 1];
          i += 2;
          continue;
        }
        i++;
        if (c === '"') break;
        parsed += c;
      }
      skipSpace();
      if (i < value.length && value[i] !== ";") throw new MalformedMultipart("text after a quoted parameter");
    } else {
      end = value.indexOf(";", i);
      if (end < 0) end = value.length;
      parsed = value.slice(i, end).trim();
      i = end;
    }
    if (key && !params.has(key)) params.set(key, parsed);
  }
  return { type, params };
}

/** RFC 5987 `UTF-8''%E2%82%AC.pdf`, as a few clients send filename*; undefined if it does not decode. */
function decodeExtendedValue(value: string): string | undefined {
  const match = /^([\w!#$%&+^`{}~-]+)'[^']*'(.*)$/.exec(value);
  if (!match) return undefined;
  const charset = match[1]!.toLowerCase();
  try {
    if (charset === "utf-8") return decodeURIComponent(match[2]!);
    if (charset === "iso-8859-1") return match[2]!.replace(/%([0-9a-f]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  } catch {
    return undefined;
  }
  return undefined;
}

const utf8 = new TextDecoder("utf-8");

/** A part's header block (the lines between the boundary and the blank line). */
export function parsePartHeaders(block: Uint8Array): PartHeaders {
  // Browsers write non-ASCII file names as raw UTF-8 bytes.
  const text = utf8.decode(block);
  let disposition: string | undefined;
  let contentType = "application/octet-stream";
  for (const line of text.split("\r\n")) {
    if (!line) continue;
    const colon = line.indexOf(":");
    if (colon <= 0) throw new MalformedMultipart("a part header without a colon");
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (name === "content-disposition") disposition ??= value;
    else if (name === "content-type" && value) contentType = value;
  }
  if (disposition === undefined) throw new MalformedMultipart("a part without Content-Disposition");
  const { type, params } = parseHeaderValue(disposition);
  const name = params.get("name");
  if (type !== "form-data" || !name) throw new MalformedMultipart("a part that is not a named form-data field");
  const extended = params.has("filename*") ? decodeExtendedValue(params.get("filename*")!) : undefined;
  const raw = extended ?? params.get("filename");
  // Only the last path segment: some clients send the path the file came from (RFC 7578 §4.2).
  const filename = raw === undefined ? undefined : raw.split(/[/\\]/).pop()!;
  return { name, filename, contentType };
}

/** The boundary of a multipart/form-data Content-Type, or null for any other type. */
export function multipartBoundary(contentType: string): string | null {
  let parsed;
  try {
    parsed = parseHeaderValue(contentType);
  } catch {
    return null;
  }
  const boundary = parsed.params.get("boundary");
  if (parsed.type !== "multipart/form-data" || !boundary || boundary.length > 70) return null;
  return boundary;
}

type State = "preamble" | "delimiter" | "headers" | "body" | "done";

/**
 * Fed the body chunk by chunk (`write`, awaited, so a slow sink slows the reading), it calls the
 * sink for each part. `end` throws if the closing boundary never came. What follows the closing
 * boundary (the epilogue) is ignored.
 */
export class MultipartReader {
  readonly #delimiter: Buffer;
  readonly #sink: PartSink;
  readonly #maxHeaderBytes: number;
  // The first boundary may open the body with no line break before it: pretend there was one.
  #buffer: Buffer = CRLF;
  #state: State = "preamble";

  constructor(boundary: string, sink: PartSink, { maxHeaderBytes = 16 * 1024 } = {}) {
    this.#delimiter = Buffer.from(`\r\n--${boundary}`, "latin1");
    this.#sink = sink;
    this.#maxHeaderBytes = maxHeaderBytes;
  }

  get done(): boolean {
    return this.#state === "done";
  }

  async write(chunk: Uint8Array): Promise<void> {
    if (this.#state === "done" || chunk.byteLength === 0) return;
    this.#buffer = this.#buffer.length ? Buffer.concat([this.#buffer, chunk]) : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    while (await this.#step());
  }

  end(): void {
    if (this.#state !== "done") throw new MalformedMultipart("the body ended before the closing boundary");
  }

  /** One move of the state machine; false when it needs more bytes. */
  async #step(): Promise<boolean> {
    const delimiter = this.#delimiter;
    // Bytes that might be the start of a boundary split across two chunks are held back.
    const keep = delimiter.length - 1;
    switch (this.#state) {
      case "preamble": {
        const at = this.#buffer.indexOf(delimiter);
        if (at < 0) {
          this.#buffer = this.#buffer.subarray(Math.max(0, this.#buffer.length - keep));
          return false;
        }
        this.#buffer = this.#buffer.subarray(at + delimiter.length);
        this.#state = "delimiter";
        return true;
      }
      case "delimiter": {
        // After a boundary: "--" closes the body; otherwise optional spaces, then the line break.
        if (this.#buffer.length < 2) return false;
        if (this.#buffer[0] === DASH && this.#buffer[1] === DASH) {
          this.#state = "done";
          this.#buffer = Buffer.alloc(0);
          return false;
        }
        const lineEnd = this.#buffer.indexOf(CRLF);
        if (lineEnd < 0) {
          if (this.#buffer.length > 256) throw new MalformedMultipart("no line break after a boundary");
          return false;
        }
        if (!/^[ \t]*$/.test(this.#buffer.subarray(0, lineEnd).toString("latin1"))) throw new MalformedMultipart("text after a boundary");
        // The line break stays: the header block is then found as CRLF ... CRLF CRLF, even when empty.
        this.#buffer = this.#buffer.subarray(lineEnd);
        this.#state = "headers";
        return true;
      }
      case "headers": {
        const at = this.#buffer.indexOf(HEADER_END);
        if (at < 0) {
          if (this.#buffer.length > this.#maxHeaderBytes) throw new MalformedMultipart("a part header is too long");
          return false;
        }
        const part = parsePartHeaders(this.#buffer.subarray(Math.min(2, at), at));
        this.#buffer = this.#buffer.subarray(at + HEADER_END.length);
        this.#state = "body";
        await this.#sink.begin(part);
        return true;
      }
      case "body": {
        const at = this.#buffer.indexOf(delimiter);
        if (at < 0) {
          if (this.#buffer.length > keep) {
            const ready = this.#buffer.subarray(0, this.#buffer.length - keep);
            this.#buffer = this.#buffer.subarray(this.#buffer.length - keep);
            await this.#sink.data(ready);
          }
          return false;
        }
        const last = this.#buffer.subarray(0, at);
        this.#buffer = this.#buffer.subarray(at + delimiter.length);
        if (last.length) await this.#sink.data(last);
        await this.#sink.end();
        this.#state = "delimiter";
        return true;
      }
      case "done":
        return false;
    }
  }
}
