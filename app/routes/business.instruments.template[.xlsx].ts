import { type LoaderFunctionArgs } from "@remix-run/node";
import { i18nServer } from "~/modules/i18n/i18next.server";
import { XLSX_CONTENT_TYPE, download } from "~/modules/instruments/export.server";
import { templateXlsx } from "~/modules/instruments/import.server";
import { requireBusinessScope } from "~/utils/auth.server";

// Made per business: the site drop-down lists this business's own sites.
export async function loader({ request }: LoaderFunctionArgs) {
  const scope = await requireBusinessScope(request);
  const language = (await i18nServer.getLocale(request)) === "en" ? "en" : "vi";
  const workbook = await templateXlsx(scope, language);
  return download(workbook, language === "en" ? "instrument-register-template.xlsx" : "mau-so-phuong-tien-do.xlsx", XLSX_CONTENT_TYPE);
}
