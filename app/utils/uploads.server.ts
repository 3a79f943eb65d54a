import { createHash } from "node:crypto";
import { type UploadHandler, unstable_parseMultipartFormData } from "@remix-run/node";
import { fileTypeFromBuffer } from "file-type";

import { type Queryable, db, nowIso } from "./db.server";
import { ACCEPTED_UPLOAD_TYPES, MAX_UPLOAD_BYTES } from "./uploads";

export { MAX_UPLOAD_BYTES };

/** A part larger than the limit is kept as this marker, so the rest of the form is not lost. */
const TOO_LARGE = "__file_too_large__";

/**
 * Parses a multipart form; files stay in memory up to the limit. Unlike Remix's memory handler, a
 * too-large file does not throw away the whole form: the user gets a message beside that field.
 */
export function parseUploadForm(request: Request): Promise<FormData> {
  const handler: UploadHandler = async ({ filename, contentType, data }) => {
    if (filename === undefined) {
      const chunks: Uint8Array[] = [];
      for await (const chunk of data) chunks.push(chunk);
      return Buffer.concat(chunks).toString("utf8");
    }
    const chunks: Uint8Array[] = [];
    let size = 0;
    for await (const chunk of data) {
      size += chunk.byteLength;
      if (size <= MAX_UPLOAD_BYTES) chunks.push(chunk);
    }
    if (!filename || size === 0) return null;
    if (size > MAX_UPLOAD_BYTES) return TOO_LARGE;
    return new File([Buffer.concat(chunks)], filename, { type: contentType });
  };
  return unstable_parseMultipartFormData(request, handler);
}

/** Multipart forms through parseUploadForm; a plain form (no file field) as it is. */
export function readFormData(request: Request): Promise<FormData> {
  const multipart = (request.headers.get("Content-Type") ?? "").startsWith("multipart/form-data");
  return multipart ? parseUploadForm(request) : request.formData();
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
