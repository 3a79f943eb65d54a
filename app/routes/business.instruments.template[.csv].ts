import { type LoaderFunctionArgs } from "@remix-run/node";
import { i18nServer } from "~/modules/i18n/i18next.server";
import { CSV_CONTENT_TYPE, download } from "~/modules/instruments/export.server";
import { templateCsv } from "~/modules/instruments/import.server";
import { requireBusinessScope } from "~/utils/auth.server";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireBusinessScope(request);
  const language = (await i18nServer.getLocale(request)) === "en" ? "en" : "vi";
  return download(templateCsv(language), language === "en" ? "instrument-register-template.csv" : "mau-so-phuong-tien-do.csv", CSV_CONTENT_TYPE);
}
