import { type LoaderFunctionArgs } from "@remix-run/node";
import { vietnamDay } from "~/modules/i18n/format";
import { i18nServer } from "~/modules/i18n/i18next.server";
import { CSV_CONTENT_TYPE, download, exportFilename, registerCsv, registerForExport } from "~/modules/instruments/export.server";
import { countForExport, startExportJob } from "~/modules/instruments/file-jobs.server";
import { parseRegisterFilter } from "~/modules/instruments/register-filter";
import { EXPORT_JOB_ROWS } from "~/modules/jobs/jobs";
import { requireBusinessScope } from "~/utils/auth.server";

// The register as the list page shows it: same query string, every page; a large one as a job.
export async function loader({ request }: LoaderFunctionArgs) {
  const scope = await requireBusinessScope(request);
  const language = (await i18nServer.getLocale(request)) === "en" ? "en" : "vi";
  const today = vietnamDay();
  const filter = parseRegisterFilter(new URL(request.url).searchParams, today);
  // A large register is written on a worker thread as a job: its page shows progress, then the file.
  if ((await countForExport(scope, filter, today)) > EXPORT_JOB_ROWS) return startExportJob(scope, "csv", { filter, today, language });
  const rows = await registerForExport(scope, filter, today, language);
  return download(registerCsv(rows, language), exportFilename(today, language, "csv"), CSV_CONTENT_TYPE);
}
