import { PassThrough } from "node:stream";
import ExcelJS from "exceljs";
import { sql } from "kysely";
import { type EventKind, type EventResult } from "@db/schema";
import { type BusinessScope } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { legalCatalogue } from "./catalogue.server";
import { type DueState, dueState } from "./due-dates";
import {
  COLUMNS,
  type ColumnKey,
  KIND_WORDS,
  PURPOSE_WORDS,
  SCHEDULE_HEADERS,
  type ScheduleColumnKey,
  RESULT_WORDS,
  STATUS_WORDS,
  csvDelimiter,
  formatDayVi,
  toCsv,
} from "./import";
import { type InstrumentFilter, listInstruments } from "./instruments.server";

// Export of the register as the list page filters and sorts it. The columns are the import
// template's, so an exported file imports back (updating by tag), plus the schedule.

type Language = "vi" | "en";
type ExportKey = ColumnKey | ScheduleColumnKey;
type Value = string | number | { day: string } | null;

const DUE_WORDS: Record<DueState, { vi: string; en: string }> = {
  unknown: { vi: "Chưa có kết quả kiểm định/hiệu chuẩn", en: "No check on record" },
  overdue: { vi: "Quá hạn", en: "Overdue" },
  due30: { vi: "Đến hạn trong 30 ngày", en: "Due within 30 days" },
  due60: { vi: "Đến hạn trong 60 ngày", en: "Due within 60 days" },
  due90: { vi: "Đến hạn trong 90 ngày", en: "Due within 90 days" },
  inDate: { vi: "Còn hạn", en: "In date" },
};

const EXPORT_KEYS: readonly ExportKey[] = [...COLUMNS.map((c) => c.key), "nextDue", "dueState", "legalDue", "ownDue"];

export function exportHeaders(language: Language): string[] {
  return EXPORT_KEYS.map((key) => (key in SCHEDULE_HEADERS ? SCHEDULE_HEADERS[key as keyof typeof SCHEDULE_HEADERS][language] : COLUMNS.find((c) => c.key === key)!.header[language]));
}

/** Up to this many instruments an export reads by id (SQLite takes 32,766 values in a statement). */
const READ_BY_IDS_UP_TO = 5_000;

/** The register under the list page's filter, in its order, every page; with each instrument's last standing check. */
export async function registerForExport(scope: BusinessScope, filter: InstrumentFilter, today: string, language: Language): Promise<Value[][]> {
  // The list's own query decides which instruments and in what order, so the file is what the page shows.
  const { rows: listed } = await listInstruments(scope, { ...filter, page: 1, pageSize: 10_000_000 }, today);
  if (!listed.length) return [];
  const catalogue = await legalCatalogue();
  // A short list (the exports answered at once) reads only its own instruments and checks, not
  // the whole register of a business that has tens of thousands; a long one reads them all.
  const ids = listed.length <= READ_BY_IDS_UP_TO ? listed.map((r) => r.id) : null;
  const [instruments, lastChecks] = await Promise.all([
    db()
      .selectFrom("instrument")
      .innerJoin("site", "site.id", "instrument.site_id")
      .where("instrument.business_id", "=", scope.businessId)
      .$if(ids !== null, (qb) => qb.where("instrument.id", "in", ids!))
      .select([
        "instrument.id as id",
        "instrument.tag as tag",
        "site.name as siteName",
        "instrument.type_id as typeId",
        "instrument.name as name",
        "instrument.serial as serial",
        "instrument.manufacturer as manufacturer",
        "instrument.model as model",
        "instrument.range_min as rangeMin",
        "instrument.range_max as rangeMax",
        "instrument.unit as unit",
        "instrument.accuracy as accuracy",
        "instrument.purpose as purpose",
        "instrument.status as status",
        "instrument.own_interval_months as ownIntervalMonths",
        "instrument.responsible_person as responsiblePerson",
        "instrument.next_due_on as nextDueOn",
        "instrument.legal_due_on as legalDueOn",
        "instrument.own_due_on as ownDueOn",
      ])
      .execute(),
    // The latest check of each instrument that no correction replaced (overrides are not checks).
    sql<{ instrumentId: number; kind: EventKind; performedOn: string; result: EventResult | null; certificateNo: string; provider: string }>`
      select instrument_id as "instrumentId", kind, performed_on as "performedOn", result, certificate_no as "certificateNo", provider
      from (
        select e.*, row_number() over (partition by e.instrument_id order by e.performed_on desc, e.id desc) as n
        from instrument_event e
        where e.business_id = ${scope.businessId} and e.kind <> 'override'
          ${ids ? sql`and e.instrument_id in (${sql.join(ids)})` : sql``}
          and e.id not in (
            select c.supersedes_event_id from instrument_event c
            where c.business_id = ${scope.businessId} and c.supersedes_event_id is not null
          )
      ) where n = 1`.execute(db()),
  ]);
  const byId = new Map(instruments.map((i) => [i.id, i]));
  const checkOf = new Map(lastChecks.rows.map((c) => [c.instrumentId, c]));
  const day = (value: string | null): Value => (value ? { day: value } : null);
  return listed.map(({ id }) => {
    const i = byId.get(id)!;
    const check = checkOf.get(id);
    const kind = check && check.kind !== "override" ? KIND_WORDS[check.kind][language] : null;
    const values: Record<ExportKey, Value> = {
      tag: i.tag,
      site: i.siteName,
      type: catalogue.type(i.typeId)?.name[language] ?? i.typeId,
      name: i.name,
      serial: i.serial,
      manufacturer: i.manufacturer,
      model: i.model,
      rangeMin: i.rangeMin,
      rangeMax: i.rangeMax,
      unit: i.unit,
      accuracy: i.accuracy,
      purpose: PURPOSE_WORDS[i.purpose][language],
      status: STATUS_WORDS[i.status][language],
      ownIntervalMonths: i.ownIntervalMonths,
      responsiblePerson: i.responsiblePerson,
      eventDate: day(check?.performedOn ?? null),
      eventKind: kind,
      eventResult: check?.result ? RESULT_WORDS[check.result][language] : null,
      certificateNo: check?.certificateNo ?? null,
      provider: check?.provider ?? null,
      nextDue: day(i.nextDueOn),
      // Due states are for instruments in service; the others are out of the schedule.
      dueState: i.status === "in_service" ? DUE_WORDS[dueState(i.nextDueOn, today)][language] : null,
      legalDue: day(i.legalDueOn),
      ownDue: day(i.ownDueOn),
    };
    return EXPORT_KEYS.map((key) => values[key]);
  });
}

export function exportFilename(today: string, language: Language, extension: "csv" | "xlsx"): string {
  return `${language === "en" ? "instrument-register" : "so-phuong-tien-do"}-${today}.${extension}`;
}

/** CSV for Excel: BOM, the region's separator, dd/MM/yyyy dates, the language's decimal mark. */
export function registerCsv(rows: Value[][], language: Language, onProgress?: (done: number, total: number) => void): string {
  const text = (v: Value): string => {
    if (v === null) return "";
    if (typeof v === "number") return language === "en" ? String(v) : String(v).replace(".", ",");
    if (typeof v === "object") return formatDayVi(v.day);
    return v;
  };
  const lines: string[][] = [exportHeaders(language)];
  rows.forEach((r, i) => {
    lines.push(r.map(text));
    if (onProgress && i % 1000 === 999) onProgress(i + 1, rows.length);
  });
  // toCsv makes every text cell safe from formula injection (escapeFormula); numbers stay numbers.
  return toCsv(lines, csvDelimiter(language));
}

/**
 * .xlsx with numbers as numbers and dates as dates, the header frozen and filterable. Written as a
 * stream, row by row: a 30,000-row register in memory as a workbook takes a gigabyte.
 */
export async function registerXlsx(rows: Value[][], language: Language, onProgress?: (done: number, total: number) => void): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const stream = new PassThrough();
  stream.on("data", (chunk: Buffer) => chunks.push(chunk));
  const finished = new Promise((resolve, reject) => {
    stream.on("end", resolve);
    stream.on("error", reject);
  });
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: false });
  workbook.creator = "Measurement Assurance Portal";
  const sheet = workbook.addWorksheet(language === "en" ? "Register" : "Sổ phương tiện đo", { views: [{ state: "frozen", ySplit: 1 }] });
  const headers = exportHeaders(language);
  sheet.columns = headers.map((header, i) => {
    const key = EXPORT_KEYS[i]!;
    const isDate = key === "eventDate" || key === "nextDue" || key === "legalDue" || key === "ownDue";
    return { header, key, width: Math.max(12, Math.min(40, header.length + 2)), style: isDate ? { numFmt: "dd/mm/yyyy" } : {} };
  });
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: headers.length } };
  // Excel has no time zones: a calendar day is written as midnight UTC of that day.
  const cell = (v: Value) => (v !== null && typeof v === "object" ? new Date(`${v.day}T00:00:00Z`) : v);
  // Text is written as text (never as a formula, whatever it starts with); numbers and dates as such.
  rows.forEach((row, i) => {
    sheet.addRow(row.map(cell)).commit();
    if (onProgress && i % 1000 === 999) onProgress(i + 1, rows.length);
  });
  sheet.commit();
  await workbook.commit();
  await finished;
  return Buffer.concat(chunks);
}

/** A file to save, never to show: the business's own data, not cached. */
export function download(body: string | Buffer, filename: string, contentType: string): Response {
  const bytes = typeof body === "string" ? Buffer.from(body, "utf8") : body;
  return new Response(new Uint8Array(bytes), {
    headers: {
      "Content-Type": contentType,
      "Content-Disposition": `attachment; filename="${filename}"`,
      "Content-Length": String(bytes.length),
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}

export const CSV_CONTENT_TYPE = "text/csv; charset=utf-8";
export const XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
