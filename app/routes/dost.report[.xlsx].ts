import { type LoaderFunctionArgs } from "@remix-run/node";
import { vietnamDay } from "~/modules/i18n/format";
import { i18nServer } from "~/modules/i18n/i18next.server";
import { XLSX_CONTENT_TYPE, download } from "~/modules/instruments/export.server";
import { reportFile } from "~/modules/reports/report.server";
import { reportFilename } from "~/modules/reports/report-tables";
import { parseReportYear } from "~/modules/reports/year";
import { requireDostScope } from "~/utils/auth.server";

// The year's report as a workbook: the page's tables, one sheet each.
export async function loader({ request }: LoaderFunctionArgs) {
  const scope = await requireDostScope(request);
  const today = vietnamDay();
  const year = parseReportYear(new URL(request.url).searchParams.get("year"), today);
  const locale = (await i18nServer.getLocale(request)) === "en" ? "en" : "vi";
  const t = await i18nServer.getFixedT(request, "reports");
  const file = await reportFile(scope, year, today, t, locale, "xlsx");
  return download(file, reportFilename(year, locale, "xlsx"), XLSX_CONTENT_TYPE);
}
