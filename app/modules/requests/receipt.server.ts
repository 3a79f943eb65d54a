import { type TFunction } from "i18next";
import type { Content, TDocumentDefinitions } from "pdfmake/interfaces";
import { communeLabel } from "~/modules/content/content";
import { provisionalYearsOfRequest } from "~/modules/holidays/rules";
import { formatDate, formatDateTime } from "~/modules/i18n/format";
import { renderPdf } from "~/utils/pdf.server";
import { type RequestDetail } from "./queries.server";
import { type HolidayCalendar } from "./working-days";

/** What the receipt and appointment slip says, for the page and the PDF alike. */
export function buildReceipt(detail: RequestDetail, locale: string, origin: string, calendar: HolidayCalendar) {
  const submit = detail.entries.find((e) => (e.data as { action?: string }).action === "submit");
  // The slip states the date promised on submission; later changes are on the request page.
  const appointmentOn = ((submit?.data as { appointmentOn?: string } | undefined)?.appointmentOn ?? detail.appointmentOn) as string | null;
  return {
    code: detail.code ?? "",
    businessName: detail.businessName,
    taxCode: detail.taxCode,
    address: [detail.streetAddress, communeLabel(detail.communeId, detail.communeOther, locale)].filter(Boolean).join(", "),
    contact: [detail.contactName, detail.phone, detail.businessEmail].filter(Boolean).join(" · "),
    type: detail.type,
    title: detail.title,
    submittedAt: detail.submittedAt,
    appointmentOn,
    // Years the date was counted across whose holiday calendar DOST has not entered: the date is provisional.
    provisionalYears: provisionalYearsOfRequest(calendar, { submittedOn: detail.submittedOn, appointmentOn }),
    slaDays: detail.slaDays ?? 0,
    instrumentCount: detail.instruments.length,
    files: detail.files.map((f) => f.filename),
    link: `${origin}/business/requests/${detail.id}`,
  };
}
export type Receipt = ReturnType<typeof buildReceipt>;

export function receiptPdf(receipt: Receipt, t: TFunction): Promise<Buffer> {
  const row = (label: string, value: string): Content[] => [{ text: label, bold: true }, { text: value }];
  const components = [t("receipt.form"), ...(receipt.instrumentCount ? [t("receipt.instrumentsCount", { count: receipt.instrumentCount })] : []), ...receipt.files];
  const definition: TDocumentDefinitions = {
    pageSize: "A4",
    pageMargins: [56, 48, 56, 48],
    info: { title: `${t("receipt.title")} ${receipt.code}` },
    defaultStyle: { font: "Roboto", fontSize: 11, lineHeight: 1.25 },
    content: [
      { text: t("receipt.agency").toUpperCase(), alignment: "center", bold: true },
      { text: t("receipt.title").toUpperCase(), alignment: "center", bold: true, fontSize: 14, margin: [0, 16, 0, 4] },
      { text: `${t("receipt.code")}: ${receipt.code}`, alignment: "center", fontSize: 12, margin: [0, 0, 0, 16] },
      { text: t("receipt.intro"), margin: [0, 0, 0, 8] },
      {
        table: {
          widths: [140, "*"],
          body: [
            row(t("receipt.business"), receipt.businessName),
            row(t("receipt.taxCode"), receipt.taxCode),
            row(t("receipt.address"), receipt.address),
            row(t("receipt.contact"), receipt.contact),
            row(t("receipt.type"), t(`type.${receipt.type}`)),
            row(t("receipt.subject"), receipt.title),
            row(t("receipt.receivedAt"), formatDateTime(receipt.submittedAt)),
          ],
        },
        layout: "lightHorizontalLines",
      },
      { text: t("receipt.components"), bold: true, margin: [0, 12, 0, 4] },
      { ol: components },
      { text: `${t("receipt.appointment")}: ${formatDate(receipt.appointmentOn)}`, bold: true, fontSize: 13, margin: [0, 16, 0, 4] },
      ...(receipt.provisionalYears.length
        ? [{ text: t("provisional.note", { years: receipt.provisionalYears.join(", "), count: receipt.provisionalYears.length }), italics: true, margin: [0, 0, 0, 4] } as Content]
        : []),
      { text: t("receipt.slaNote", { count: receipt.slaDays }) },
      {
        columns: [
          { text: t("receipt.track", { code: receipt.code, link: receipt.link }), width: "*", margin: [0, 16, 12, 0] },
          { qr: receipt.link, fit: 90, width: 100, margin: [0, 12, 0, 0] },
        ],
      },
      { text: t("receipt.issued"), italics: true, fontSize: 9, margin: [0, 24, 0, 0] },
    ],
  };
  return renderPdf(definition);
}
