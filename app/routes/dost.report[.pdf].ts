import { type LoaderFunctionArgs } from "@remix-run/node";
import { vietnamDay } from "~/modules/i18n/format";
import { i18nServer } from "~/modules/i18n/i18next.server";
import { download } from "~/modules/instruments/export.server";
import { reportFile } from "~/modules/reports/report.server";
import { reportFilename } from "~/modules/reports/report-tables";
import { parseReportYear } from "~/modules/reports/year";
import { requireDostScope } from "~/utils/auth.server";

// The year's report as an A4 document to send to the city and the Ministry.
export async function loader({ request }: LoaderFunctionArgs) {
  const scope = await requireDostScope(request);
  const today = vietnamDay();
  const year = parseReportYear(new URL(request.url).searchParams.get("year"), today);
  const locale = (await i18nServer.getLocale(request)) === "en" ? "en" : "vi";
  const t = await i18nServer.getFixedT(request, "reports");
  const file = await reportFile(scope, year, today, t, locale, "pdf");
  return download(file, reportFilename(year, locale, "pdf"), "application/pdf");
}
