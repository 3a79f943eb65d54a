import { type LoaderFunctionArgs } from "@remix-run/node";
import { formatDate, vietnamDay } from "~/modules/i18n/format";
import { i18nServer } from "~/modules/i18n/i18next.server";
import {
  type LabelFormat,
  LABEL_FORMATS,
  labelInstrumentsByFilter,
  labelInstrumentsByIds,
  labelSelection,
  labelsPdf,
} from "~/modules/instruments/labels-pdf.server";
import { notFound, requireBusinessScope } from "~/utils/auth.server";
import { appOrigin } from "~/utils/request.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const scope = await requireBusinessScope(request);
  const params = new URL(request.url).searchParams;
  const selection = labelSelection(params, vietnamDay());
  if (!selection) throw notFound();
  // A foreign or unknown id answers 404, like every other page of another business's data.
  const labels =
    selection.kind === "ids" ? await labelInstrumentsByIds(scope, selection.ids) : (await labelInstrumentsByFilter(scope, selection.filter, vietnamDay())).labels;
  if (!labels?.length) throw notFound();

  const format: LabelFormat = LABEL_FORMATS.includes(params.get("format") as LabelFormat) ? (params.get("format") as LabelFormat) : "a4-70x37";
  const skip = Number(params.get("skip") ?? 0);
  const [locale, t] = await Promise.all([i18nServer.getLocale(request), i18nServer.getFixedT(request, "reminders")]);
  const pdf = await labelsPdf(labels, {
    format,
    origin: appOrigin(request),
    outline: params.get("outline") === "1",
    skip: Number.isFinite(skip) ? skip : 0,
    businessName: scope.user.businessName ?? "",
    language: locale,
    texts: {
      title: t("labels.pdfTitle", { business: scope.user.businessName ?? "" }),
      dueLabel: t("labels.pdfDue"),
      noDue: t("labels.pdfNoDue"),
      scanNote: t("labels.pdfScan"),
      formatDue: formatDate,
    },
  });
  return new Response(new Uint8Array(pdf), {
    headers: {
      "Content-Type": "application/pdf",
      // Opened in the browser's viewer, to print at 100 %.
      "Content-Disposition": `inline; filename="tem-nhan-${format}-${vietnamDay()}.pdf"`,
      "Content-Length": String(pdf.length),
      "Cache-Control": "private, no-store",
    },
  });
}
