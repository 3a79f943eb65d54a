import { type LoaderFunctionArgs } from "@remix-run/node";
import { getRequestForDost } from "~/modules/requests/queries.server";
import { notFound, requireDostScope } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { idParam } from "~/utils/request.server";

// Only files attached to this request (to it, to its messages, or its certificates); any other id is 404.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const scope = await requireDostScope(request);
  const requestId = idParam(params.requestId);
  const fileId = idParam(params.fileId);
  const detail = requestId && fileId ? await getRequestForDost(scope, requestId) : undefined;
  if (!detail || !fileId || !detail.fileIds.includes(fileId)) throw notFound();
  const file = await db()
    .selectFrom("stored_file")
    .where("id", "=", fileId)
    .where("business_id", "=", detail.businessId)
    .select(["filename", "mime_type as mimeType", "content", "sha256", "size_bytes as sizeBytes"])
    .executeTakeFirst();
  if (!file) throw notFound();
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
