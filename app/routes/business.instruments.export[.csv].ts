import { type LoaderFunctionArgs } from "@remix-run/node";
import { vietnamDay } from "~/modules/i18n/format";
import { i18nServer } from "~/modules/i18n/i18next.server";
import { CSV_CONTENT_TYPE, download, exportFilename, registerCsv, registerForExport } from "~/modules/instruments/export.server";
import { parseRegisterFilter } from "~/modules/instruments/register-filter";
import { requireBusinessScope } from "~/utils/auth.server";

// The register as the list page shows it: same query string, every page.
export async function loader({ request }: LoaderFunctionArgs) {
  const scope = await requireBusinessScope(request);
  const language = (await i18nServer.getLocale(request)) === "en" ? "en" : "vi";
  const today = vietnamDay();
  const filter = parseRegisterFilter(new URL(request.url).searchParams, today);
  const rows = await registerForExport(scope, filter, today, language);
  return download(registerCsv(rows, language), exportFilename(today, language, "csv"), CSV_CONTENT_TYPE);
}
