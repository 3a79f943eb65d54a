import { createHash } from "node:crypto";
import { openAsBlob } from "node:fs";
import { type FileHandle, mkdtemp, open, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileTypeFromBuffer } from "file-type";

import { FORM_BODY_LIMIT, bodyLimitFor, readBodyChunks, refusedBody } from "./body-limits.server";
import { type Queryable, db, nowIso } from "./db.server";
import { MalformedMultipart, type PartHeaders, MultipartReader, multipartBoundary } from "./multipart.server";
import { removeAfterRequest } from "./temp-files.server";
import { ACCEPTED_UPLOAD_TYPES, MAX_UPLOAD_BYTES } from "./uploads";

export { MAX_UPLOAD_BYTES };

/** A part larger than the limit is kept as this marker, so the rest of the form is not lost. */
const TOO_LARGE = "__file_too_large__";

export type UploadLimits = {
  /** The whole body; past it the request is refused (413). By default its route's bodyLimitFor. */
  maxBodyBytes: number;
  /** One file: a larger one becomes the "too large" answer beside its field, the rest of the form is kept. */
  maxFileBytes: number;
  /** Files with content (an empty file input sends a part too, which does not count). */
  maxFiles: number;
  maxParts: number;
  maxFieldBytes: number;
  maxFieldsBytes: number;
};

export const DEFAULT_UPLOAD_LIMITS: Omit<UploadLimits, "maxBodyBytes"> = {
  maxFileBytes: MAX_UPLOAD_BYTES,
  // The route's byte limit is what bounds the files; this only stops a flood of tiny ones.
  maxFiles: 50,
  // The DOST completion form has three fields per instrument of the request.
  maxParts: 2_000,
  maxFieldBytes: 256 * 1024,
  maxFieldsBytes: FORM_BODY_LIMIT,
};

type OpenPart = { headers: PartHeaders; size: number; text?: Uint8Array[]; path?: string; handle?: FileHandle; tooLarge: boolean };

async function writeAll(handle: FileHandle, chunk: Uint8Array): Promise<void> {
  for (let offset = 0; offset < chunk.byteLength; ) {
    const { bytesWritten } = await handle.write(chunk, offset, chunk.byteLength - offset);
    offset += bytesWritten;
  }
}

/**
 * Parses a multipart form as it arrives: text fields into strings, each file into a temporary file
 * (removed once the response is sent) whose size is checked as its bytes come, so neither a large
 * file nor many of them sit in memory. The form holds File values read from disk on demand. A file
 * over the limit does not throw away the whole form: the user gets a message beside that field.
 * Throws a 400 Response for a body that is not multipart, a 413 one past `limits`.
 */
export async function parseUploadForm(request: Request, limits: Partial<UploadLimits> = {}): Promise<FormData> {
  const contentType = request.headers.get("Content-Type");
  const boundary = multipartBoundary(contentType ?? "");
  if (!boundary || !request.body) throw refusedBody(400);
  const max: UploadLimits = {
    ...DEFAULT_UPLOAD_LIMITS,
    maxBodyBytes: bodyLimitFor(request.method, new URL(request.url).pathname, contentType),
    ...limits,
  };
  const form = new FormData();
  let dir: string | null = null;
  let parts = 0;
  let files = 0;
  let fieldsBytes = 0;
  let part = null as OpenPart | null;

  const closeFile = async (file: OpenPart) => {
    const handle = file.handle;
    file.handle = undefined;
    await handle?.close();
  };
  const reader = new MultipartReader(boundary, {
    begin(headers) {
      if (++parts > max.maxParts) throw refusedBody(413);
      part = { headers, size: 0, text: headers.filename === undefined ? [] : undefined, tooLarge: false };
    },
    async data(chunk) {
      const current = part!;
      current.size += chunk.byteLength;
      if (current.text) {
        fieldsBytes += chunk.byteLength;
        if (current.size > max.maxFieldBytes || fieldsBytes > max.maxFieldsBytes) throw refusedBody(413);
        current.text.push(chunk);
        return;
      }
      // A file input left empty sends a part with no name and no bytes; one without a name is dropped.
      if (current.tooLarge || !current.headers.filename) return;
      if (current.size > max.maxFileBytes) {
        current.tooLarge = true;
        await closeFile(current);
        if (current.path) await rm(current.path, { force: true });
        return;
      }
      if (!current.handle) {
        if (++files > max.maxFiles) throw refusedBody(413);
        dir ??= await mkdtemp(join(tmpdir(), "portal-upload-"));
        current.path = join(dir, String(parts));
        current.handle = await open(current.path, "wx");
      }
      await writeAll(current.handle, chunk);
    },
    async end() {
      const done = part!;
      part = null;
      const { name, filename, contentType: type } = done.headers;
      if (done.text) {
        form.append(name, Buffer.concat(done.text).toString("utf8"));
        return;
      }
      await closeFile(done);
      if (!filename || done.size === 0) return;
      if (done.tooLarge) {
        form.append(name, TOO_LARGE);
        return;
      }
      form.append(name, new File([await openAsBlob(done.path!, { type })], filename, { type }));
    },
  });

  try {
    await readBodyChunks(request, max.maxBodyBytes, async (chunk) => {
      try {
        await reader.write(chunk);
      } catch (error) {
        throw error instanceof MalformedMultipart ? refusedBody(400) : error;
      }
    });
    try {
      reader.end();
    } catch {
      throw refusedBody(400);
    }
  } catch (error) {
    if (part) await closeFile(part);
    if (dir) await rm(dir, { recursive: true, force: true });
    throw error;
  }
  if (dir) removeAfterRequest(dir);
  return form;
}

export type CheckedUpload = { filename: string; mimeType: string; bytes: Buffer; sha256: string };
export type UploadProblem = "tooLarge" | "type";

/** The file's real type, from its bytes (not its name or the browser's word): PDF or image only. */
export async function checkUpload(value: FormDataEntryValue | null): Promise<
  { ok: true; upload: CheckedUpload | null } | { ok: false; problem: UploadProblem }
> {
  if (value === TOO_LARGE) return { ok: false, problem: "tooLarge" };
  if (!(value instanceof File) || value.size === 0) return { ok: true, upload: null };
  const bytes = Buffer.from(await value.arrayBuffer());
  const detected = await fileTypeFromBuffer(bytes);
  if (!detected || !(ACCEPTED_UPLOAD_TYPES as readonly string[]).includes(detected.mime)) return { ok: false, problem: "type" };
  return {
    ok: true,
    upload: {
      filename: value.name.replace(/[\\/\r\n"]/g, "_").slice(0, 200),
      mimeType: detected.mime,
      bytes,
      sha256: createHash("sha256").update(bytes).digest("hex"),
    },
  };
}

/** Keeps a checked upload in the database, in the caller's transaction, and returns its id. */
export async function storeFile(tx: Queryable, scope: { businessId: number; user: { id: number } }, upload: CheckedUpload): Promise<number> {
  const file = await tx
    .insertInto("stored_file")
    .values({
      business_id: scope.businessId,
      filename: upload.filename,
      mime_type: upload.mimeType,
      size_bytes: upload.bytes.length,
      sha256: upload.sha256,
      content: upload.bytes,
      uploaded_by: scope.user.id,
      uploaded_at: nowIso(),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return file.id;
}

/** A stored file of this business; undefined for any other id, so the route answers 404. */
export function readStoredFile(businessId: number, fileId: number) {
  return db()
    .selectFrom("stored_file")
    .where("business_id", "=", businessId)
    .where("id", "=", fileId)
    .select(["filename", "mime_type as mimeType", "content", "sha256", "size_bytes as sizeBytes"])
    .executeTakeFirst();
}

/** A stored file as a download: PDFs and images open in the browser, sandboxed; the rest is saved. */
export function storedFileResponse(file: NonNullable<Awaited<ReturnType<typeof readStoredFile>>>): Response {
  const inline = file.mimeType === "application/pdf" || file.mimeType.startsWith("image/");
  return new Response(new Uint8Array(file.content), {
    headers: {
      "Content-Type": file.mimeType,
      "Content-Length": String(file.sizeBytes),
      "Content-Disposition": `${inline ? "inline" : "attachment"}; filename*=UTF-8''${encodeURIComponent(file.filename)}`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
      "Content-Security-Policy": "default-src 'none'; img-src 'self'; object-src 'self'; sandbox",
      ETag: `"${file.sha256}"`,
    },
  });
}
