import { type LoaderFunctionArgs } from "@remix-run/node";
import { notFound, requireBusinessScope } from "~/utils/auth.server";
import { idParam } from "~/utils/request.server";
import { readStoredFile, storedFileResponse } from "~/utils/uploads.server";

// Evidence and certificates of the user's own business; any other id is 404.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const scope = await requireBusinessScope(request);
  const id = idParam(params.fileId);
  const file = id ? await readStoredFile(scope.businessId, id) : undefined;
  if (!file) throw notFound();
  return storedFileResponse(file);
}
