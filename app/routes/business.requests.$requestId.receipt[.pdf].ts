import { type LoaderFunctionArgs } from "@remix-run/node";
import { currentHolidayCalendar } from "~/modules/holidays/calendar.server";
import { i18nServer } from "~/modules/i18n/i18next.server";
import { getRequestForBusiness } from "~/modules/requests/queries.server";
import { buildReceipt, receiptPdf } from "~/modules/requests/receipt.server";
import { notFound, requireBusinessScope } from "~/utils/auth.server";
import { publicOrigin, idParam } from "~/utils/request.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const scope = await requireBusinessScope(request);
  const id = idParam(params.requestId);
  const detail = id ? await getRequestForBusiness(scope, id) : undefined;
  if (!detail?.code) throw notFound();
  const locale = await i18nServer.getLocale(request);
  const t = await i18nServer.getFixedT(request, "requests");
  const pdf = await receiptPdf(buildReceipt(detail, locale, publicOrigin(), await currentHolidayCalendar()), t);
  return new Response(new Uint8Array(pdf), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `attachment; filename="${detail.code}.pdf"`,
      "Content-Length": String(pdf.length),
      "Cache-Control": "private, no-store",
    },
  });
}
