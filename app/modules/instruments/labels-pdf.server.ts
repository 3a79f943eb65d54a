// Printable QR labels, and the public status page their QR opens (/s/<token>).
import type { Content, TDocumentDefinitions } from "pdfmake/interfaces";
import QRCode from "qrcode";
import { type BusinessScope } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { renderPdf } from "~/utils/pdf.server";
import { legalCatalogue } from "./catalogue.server";
import { type InstrumentFilter, listInstruments } from "./instruments.server";
import { parseRegisterFilter } from "./register-filter";

/** At most this many labels in one PDF (42 A4 sheets): a bigger register prints in batches. */
export const MAX_LABELS = 1000;

export type LabelInstrument = { id: number; tag: string; name: string; nextDueOn: string | null; publicToken: string };

/** The chosen instruments of this business, in tag order; null when any id is not this business's (404). */
export async function labelInstrumentsByIds(scope: BusinessScope, ids: readonly number[]): Promise<LabelInstrument[] | null> {
  const unique = [...new Set(ids)];
  if (!unique.length || unique.length > MAX_LABELS) return null;
  const rows = await db()
    .selectFrom("instrument")
    .where("business_id", "=", scope.businessId)
    .where("id", "in", unique)
    .select(["id", "tag", "name", "next_due_on as nextDueOn", "public_token as publicToken"])
    .orderBy("tag")
    .execute();
  return rows.length === unique.length ? rows : null;
}

/** The instruments the register shows for a filter (all pages), up to MAX_LABELS; `total` says how many matched. */
export async function labelInstrumentsByFilter(scope: BusinessScope, filter: Omit<InstrumentFilter, "page" | "pageSize">, today: string) {
  const { total, rows } = await listInstruments(scope, { ...filter, page: 1, pageSize: MAX_LABELS }, today);
  if (!rows.length) return { total, labels: [] as LabelInstrument[] };
  const tokens = await db()
    .selectFrom("instrument")
    .where("business_id", "=", scope.businessId)
    .where("id", "in", rows.map((r) => r.id))
    .select(["id", "public_token"])
    .execute();
  const tokenOf = new Map(tokens.map((t) => [t.id, t.public_token]));
  return { total, labels: rows.map((r) => ({ id: r.id, tag: r.tag, name: r.name, nextDueOn: r.nextDueOn, publicToken: tokenOf.get(r.id)! })) };
}

export type LabelSelection = { kind: "ids"; ids: number[] } | { kind: "filter"; filter: Omit<InstrumentFilter, "page" | "pageSize"> };

/**
 * Which instruments to label, from the query string: `ids=1,2,3` (or repeated `ids`), else the
 * register's own filter, read by the register's parser so that "label what I see" means the same rows.
 * Null for a malformed id list.
 */
export function labelSelection(params: URLSearchParams, today: string): LabelSelection | null {
  const idValues = params
    .getAll("ids")
    .flatMap((v) => v.split(","))
    .map((v) => v.trim())
    .filter(Boolean);
  if (idValues.length) {
    if (!idValues.every((v) => /^\d{1,12}$/.test(v))) return null;
    return { kind: "ids", ids: [...new Set(idValues.map(Number))] };
  }
  const { page: _page, pageSize: _pageSize, ...filter } = parseRegisterFilter(params, today);
  return { kind: "filter", filter };
}

export const PUBLIC_TOKEN_PATTERN = /^[A-Za-z0-9_-]{22}$/;

export function statusPageUrl(origin: string, publicToken: string): string {
  return `${origin}/s/${publicToken}`;
}

/**
 * The public status page's facts, and only these: whoever holds the label may read them, so
 * nothing here names a serial number, an address, a person or another instrument.
 */
export async function publicStatusByToken(token: string) {
  if (!PUBLIC_TOKEN_PATTERN.test(token)) return null;
  const row = await db()
    .selectFrom("instrument")
    .innerJoin("business", "business.id", "instrument.business_id")
    .where("instrument.public_token", "=", token)
    .select([
      "instrument.type_id as typeId",
      "instrument.purpose as purpose",
      "instrument.tag as tag",
      "business.legal_name as businessName",
      "instrument.status as status",
      "instrument.legal_due_on as legalDueOn",
      "instrument.next_due_on as nextDueOn",
      "instrument.last_certificate_no as lastCertificateNo",
      "instrument.last_provider as lastProvider",
    ])
    .executeTakeFirst();
  if (!row) return null;
  const catalogue = await legalCatalogue();
  const { purpose, ...facts } = row;
  return { ...facts, group: catalogue.status(row.typeId, purpose).group, typeName: catalogue.type(row.typeId)?.name ?? null };
}

// ---- The PDF ----

const MM = 72 / 25.4; // 1 mm = 2.8346 pt

export type LabelFormat = "a4-70x37" | "single-50x30";
export const LABEL_FORMATS: readonly LabelFormat[] = ["a4-70x37", "single-50x30"];

type Layout = {
  page: { width: number; height: number };
  label: { width: number; height: number };
  columns: number;
  rows: number;
  /** Where the first label's top-left corner sits on the page. */
  origin: { x: number; y: number };
  padding: number;
  fonts: { tag: number; name: number; due: number; note: number };
  nameChars: number;
  scanNote: boolean;
};

// A4 sheets of 3 × 8 labels of 70 × 37 mm (the common "24 per sheet" decal paper, e.g. Tomy 144 /
// Avery 3474): 210 mm wide exactly, 296 of the 297 mm high, so half a millimetre above and below.
// 50 × 30 mm is the common small roll for desktop label printers: one label per page.
const LAYOUTS: Record<LabelFormat, Layout> = {
  "a4-70x37": {
    page: { width: 210 * MM, height: 297 * MM },
    label: { width: 70 * MM, height: 37 * MM },
    columns: 3,
    rows: 8,
    origin: { x: 0, y: 0.5 * MM },
    padding: 3 * MM,
    fonts: { tag: 11, name: 7.5, due: 8, note: 6 },
    nameChars: 70,
    scanNote: true,
  },
  "single-50x30": {
    page: { width: 50 * MM, height: 30 * MM },
    label: { width: 50 * MM, height: 30 * MM },
    columns: 1,
    rows: 1,
    origin: { x: 0, y: 0 },
    padding: 2 * MM,
    fonts: { tag: 9, name: 6, due: 6.5, note: 5 },
    nameChars: 40,
    scanNote: false,
  },
};

export function labelLayout(format: LabelFormat) {
  const layout = LAYOUTS[format];
  return { page: layout.page, label: layout.label, perPage: layout.columns * layout.rows };
}

export type LabelTexts = { dueLabel: string; noDue: string; scanNote: string; title: string; formatDue: (day: string) => string };

function shorten(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}

/** One label's content, absolutely placed with its top-left corner at (x, y). */
function labelContent(layout: Layout, item: LabelInstrument & { qrSvg: string }, x: number, y: number, texts: LabelTexts, outline: boolean): Content[] {
  const { label, padding, fonts } = layout;
  const qrSize = label.height - 2 * padding;
  const textX = x + padding + qrSize + 2 * MM;
  const textWidth = x + label.width - padding - textX;
  const content: Content[] = [];
  if (outline) {
    content.push({
      canvas: [{ type: "rect", x: 0, y: 0, w: label.width, h: label.height, lineWidth: 0.25, lineColor: "#9aa3ab", dash: { length: 2, space: 2 } }],
      absolutePosition: { x, y },
    });
  }
  content.push({ svg: item.qrSvg, width: qrSize, height: qrSize, absolutePosition: { x: x + padding, y: y + padding } });
  content.push({
    columns: [
      {
        width: textWidth,
        stack: [
      { text: item.tag, bold: true, fontSize: fonts.tag, lineHeight: 1 },
      { text: shorten(item.name, layout.nameChars), fontSize: fonts.name, lineHeight: 1.05, margin: [0, 2, 0, 3] },
      { text: texts.dueLabel, fontSize: fonts.note, color: "#4a5560" },
      { text: item.nextDueOn ? texts.formatDue(item.nextDueOn) : texts.noDue, bold: true, fontSize: fonts.due },
          ...(layout.scanNote ? [{ text: texts.scanNote, fontSize: fonts.note, color: "#4a5560", margin: [0, 3, 0, 0] } as Content] : []),
        ],
      },
    ],
    absolutePosition: { x: textX, y: y + padding },
  });
  return content;
}

/** The labels as a PDF at the exact size of the chosen stock; `skip` leaves used places of a first A4 sheet empty. */
export async function labelsPdf(
  items: readonly LabelInstrument[],
  options: { format: LabelFormat; origin: string; texts: LabelTexts; outline: boolean; skip: number; businessName: string; language: string },
  onProgress?: (done: number, total: number) => void,
): Promise<Buffer> {
  const layout = LAYOUTS[options.format];
  const perPage = layout.columns * layout.rows;
  const skip = perPage > 1 ? Math.min(Math.max(0, Math.trunc(options.skip)), perPage - 1) : 0;
  const withQr: Array<LabelInstrument & { qrSvg: string }> = [];
  for (const item of items) {
    withQr.push({
      ...item,
      // Margin 1 module inside the square; the label's padding adds the rest of the quiet zone.
      qrSvg: await QRCode.toString(statusPageUrl(options.origin, item.publicToken), { type: "svg", errorCorrectionLevel: "M", margin: 1 }),
    });
    if (onProgress && withQr.length % 50 === 0) onProgress(withQr.length, items.length);
  }
  const content: Content[] = [];
  withQr.forEach((item, index) => {
    const place = index + skip;
    const onPage = place % perPage;
    // pdfmake places absolute content on the current page: a zero-height break starts the next sheet.
    if (onPage === 0 && place > 0) content.push({ text: "", pageBreak: "before" });
    const x = layout.origin.x + (onPage % layout.columns) * layout.label.width;
    const y = layout.origin.y + Math.floor(onPage / layout.columns) * layout.label.height;
    content.push(...labelContent(layout, item, x, y, options.texts, options.outline));
  });
  const doc: TDocumentDefinitions = {
    pageSize: { width: layout.page.width, height: layout.page.height },
    pageMargins: [0, 0, 0, 0],
    language: options.language,
    info: { title: options.texts.title, author: options.businessName },
    content,
    defaultStyle: { font: "Roboto", fontSize: 8, color: "#000000" },
  };
  return renderPdf(doc);
}
