import { type LoaderFunctionArgs } from "@remix-run/node";
import { getRequestForDost } from "~/modules/requests/queries.server";
import { notFound, requireDostScope } from "~/utils/auth.server";
import { idParam } from "~/utils/request.server";
import { readStoredFile, storedFileResponse } from "~/utils/uploads.server";

// Only files attached to this request (to it, to its messages, or its certificates); any other id is 404.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const scope = await requireDostScope(request);
  const requestId = idParam(params.requestId);
  const fileId = idParam(params.fileId);
  const detail = requestId && fileId ? await getRequestForDost(scope, requestId) : undefined;
  if (!detail || !fileId || !detail.fileIds.includes(fileId)) throw notFound();
  const file = await readStoredFile(detail.businessId, fileId);
  if (!file) throw notFound();
  return storedFileResponse(file);
}
