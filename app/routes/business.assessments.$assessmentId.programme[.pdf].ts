import { type LoaderFunctionArgs } from "@remix-run/node";
import { programmePdf } from "~/modules/assessments/programme-pdf.server";
import { buildProgramme } from "~/modules/assessments/programme.server";
import { isLanguage } from "~/modules/i18n/config";
import { i18nServer } from "~/modules/i18n/i18next.server";
import { notFound, requireBusinessScope } from "~/utils/auth.server";
import { idParam } from "~/utils/request.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const scope = await requireBusinessScope(request);
  const assessmentId = idParam(params.assessmentId);
  if (!assessmentId) throw notFound();
  const locale = await i18nServer.getLocale(request);
  const programme = await buildProgramme(scope, assessmentId, isLanguage(locale) ? locale : "vi");
  if (!programme) throw notFound();
  const pdf = await programmePdf(programme);
  return new Response(new Uint8Array(pdf), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `attachment; filename="${programme.fileName}"`,
      "Content-Length": String(pdf.length),
      // The document holds the business's own data and changes with every answer.
      "Cache-Control": "private, no-store",
    },
  });
}
