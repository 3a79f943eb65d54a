import { type LoaderFunctionArgs } from "@remix-run/node";
import { jobFile } from "~/modules/jobs/jobs.server";
import { notFound, requireBusinessScope } from "~/utils/auth.server";
import { idParam } from "~/utils/request.server";

// The file a finished job made: this business's only, as the export or label routes would send it.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const scope = await requireBusinessScope(request);
  const id = idParam(params.jobId);
  const file = id ? await jobFile(scope, id) : undefined;
  if (!file) throw notFound();
  // Label PDFs open in the browser's viewer, to print at 100 %; spreadsheets are saved.
  const disposition = file.kind === "labels.pdf" ? "inline" : "attachment";
  return new Response(new Uint8Array(file.bytes), {
    headers: {
      "Content-Type": file.contentType,
      "Content-Disposition": `${disposition}; filename="${file.filename.replace(/[^\w.-]/g, "_")}"`,
      "Content-Length": String(file.bytes.length),
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
