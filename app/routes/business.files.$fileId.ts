import { type LoaderFunctionArgs } from "@remix-run/node";
import { getStoredFile } from "~/modules/assessments/assessments.server";
import { notFound, requireBusinessScope } from "~/utils/auth.server";
import { idParam } from "~/utils/request.server";

// Evidence and certificates of the user's own business; any other id is 404.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const scope = await requireBusinessScope(request);
  const id = idParam(params.fileId);
  const file = id ? await getStoredFile(scope, id) : undefined;
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
