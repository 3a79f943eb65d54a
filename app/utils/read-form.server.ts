import { FORM_BODY_LIMIT, mediaType, readBodyChunks, refusedBody } from "./body-limits.server";
import { parseUploadForm } from "./uploads.server";

/**
 * Every action reads its form here. A urlencoded form, or a multipart one (with files only where
 * `uploads` says the page takes them); anything else (no body, JSON, a broken multipart body)
 * throws a 400 Response, a body past its route's limit a 413 one, so ordinary bad input never
 * becomes a 500 with a stack trace.
 */
export async function readForm(request: Request, { uploads = false }: { uploads?: boolean } = {}): Promise<FormData> {
  const type = mediaType(request.headers.get("Content-Type"));
  if (type === "application/x-www-form-urlencoded") return readUrlEncoded(request);
  if (type === "multipart/form-data") return parseUploadForm(request, uploads ? {} : { maxBodyBytes: FORM_BODY_LIMIT, maxFiles: 0 });
  throw refusedBody(400);
}

async function readUrlEncoded(request: Request): Promise<FormData> {
  const chunks: Uint8Array[] = [];
  await readBodyChunks(request, FORM_BODY_LIMIT, (chunk) => void chunks.push(chunk));
  const form = new FormData();
  for (const [name, value] of new URLSearchParams(Buffer.concat(chunks).toString("utf8"))) form.append(name, value);
  return form;
}
