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
import { startLabelsJob } from "~/modules/instruments/file-jobs.server";
import { LABEL_JOB_COUNT } from "~/modules/jobs/jobs";
import { notFound, requireBusinessScope } from "~/utils/auth.server";
import { publicOrigin } from "~/utils/request.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const scope = await requireBusinessScope(request);
  const params = new URL(request.url).searchParams;
  const today = vietnamDay();
  const selection = labelSelection(params, today);
  if (!selection) throw notFound();
  // A foreign or unknown id answers 404, like every other page of another business's data.
  const labels =
    selection.kind === "ids" ? await labelInstrumentsByIds(scope, selection.ids) : (await labelInstrumentsByFilter(scope, selection.filter, today)).labels;
  if (!labels?.length) throw notFound();

  const format: LabelFormat = LABEL_FORMATS.includes(params.get("format") as LabelFormat) ? (params.get("format") as LabelFormat) : "a4-70x37";
  const skip = Number(params.get("skip") ?? 0);
  const outline = params.get("outline") === "1";
  const [locale, t] = await Promise.all([i18nServer.getLocale(request), i18nServer.getFixedT(request, "reminders")]);
  const texts = {
    title: t("labels.pdfTitle", { business: scope.user.businessName ?? "" }),
    dueLabel: t("labels.pdfDue"),
    noDue: t("labels.pdfNoDue"),
    scanNote: t("labels.pdfScan"),
  };
  // Many labels are drawn on a worker thread as a job: its page shows progress, then the PDF.
  if (labels.length > LABEL_JOB_COUNT) {
    const language = locale === "en" ? "en" : "vi";
    return startLabelsJob(scope, { selection, today, language, format, outline, skip: Number.isFinite(skip) ? skip : 0, origin: publicOrigin(), texts });
  }
  const pdf = await labelsPdf(labels, {
    format,
    origin: publicOrigin(),
    outline,
    skip: Number.isFinite(skip) ? skip : 0,
    businessName: scope.user.businessName ?? "",
    language: locale,
    texts: { ...texts, formatDue: formatDate },
  });
  return new Response(new Uint8Array(pdf), {
    headers: {
      "Content-Type": "application/pdf",
      // Opened in the browser's viewer, to print at 100 %.
      "Content-Disposition": `inline; filename="tem-nhan-${format}-${today}.pdf"`,
      "Content-Length": String(pdf.length),
      "Cache-Control": "private, no-store",
    },
  });
}
