import Papa from "papaparse";
import {
  type EventKind,
  type EventResult,
  type InstrumentPurpose,
  type InstrumentStatus,
  type InstrumentTable,
} from "@db/schema";
import { type TypeForSchedule as InstrumentType } from "~/modules/legal/catalogue";
import { isLegalPurpose } from "~/modules/legal/rules";
import { computeSchedule, type ScheduleEvent, storedSchedule } from "./schedule";

// The register's file format: what the template holds, what import reads and export writes.
// Pure rules only (no database): reading a CSV, matching headers, reading cells, checking rows
// and planning what a confirmed import would write.

export type ColumnKey =
  | "tag"
  | "site"
  | "type"
  | "name"
  | "serial"
  | "manufacturer"
  | "model"
  | "rangeMin"
  | "rangeMax"
  | "unit"
  | "accuracy"
  | "purpose"
  | "status"
  | "ownIntervalMonths"
  | "responsiblePerson"
  | "eventDate"
  | "eventKind"
  | "eventResult"
  | "certificateNo"
  | "provider";

type Text = { vi: string; en: string };

export type ColumnSpec = {
  key: ColumnKey;
  header: Text;
  /** Other headers people write for the same column (compared without case, accents or punctuation). */
  aliases: readonly string[];
  /** The column must be in the file; its cells may still be empty where a default applies. */
  requiredColumn: boolean;
  maxLength?: number;
  /** One line for the template's hint row and the "Hướng dẫn" sheet. */
  hint: Text;
  example: string;
};

export const COLUMNS: readonly ColumnSpec[] = [
  {
    key: "tag",
    header: { vi: "Mã/số hiệu", en: "Tag" },
    aliases: ["Mã", "Mã thiết bị", "Số hiệu", "Mã số", "Mã phương tiện đo", "Tag number", "Instrument tag"],
    requiredColumn: true,
    maxLength: 60,
    hint: { vi: "Bắt buộc, không trùng trong doanh nghiệp; nhập lại cùng mã sẽ cập nhật", en: "Required, unique in the business; the same tag again updates it" },
    example: "CD-01",
  },
  {
    key: "site",
    header: { vi: "Cơ sở", en: "Site" },
    aliases: ["Tên cơ sở", "Địa điểm", "Chi nhánh", "Site name"],
    requiredColumn: true,
    hint: { vi: "Tên cơ sở đúng như trong mục Cơ sở (không phân biệt hoa thường, dấu)", en: "Site name as on the Sites page (case and accents ignored)" },
    example: "",
  },
  {
    key: "type",
    header: { vi: "Loại phương tiện đo", en: "Type" },
    aliases: ["Loại", "Loại thiết bị", "Mã loại", "Instrument type", "Type id"],
    requiredColumn: true,
    hint: { vi: "Tên loại trong danh mục (tiếng Việt hoặc tiếng Anh) hoặc mã loại", en: "Catalogue type name (Vietnamese or English) or its id" },
    example: "Cột đo xăng dầu",
  },
  {
    key: "name",
    header: { vi: "Tên thiết bị", en: "Name" },
    aliases: ["Tên", "Tên phương tiện đo", "Instrument name"],
    requiredColumn: false,
    maxLength: 200,
    hint: { vi: "Để trống: lấy tên loại", en: "Empty: the type's name" },
    example: "Cột bơm số 1",
  },
  {
    key: "serial",
    header: { vi: "Số sản xuất", en: "Serial number" },
    aliases: ["Số seri", "Số serial", "Serial", "Số máy", "Serial no"],
    requiredColumn: false,
    maxLength: 100,
    hint: { vi: "Số seri của nhà sản xuất", en: "Manufacturer's serial number" },
    example: "TK-2023-0415",
  },
  {
    key: "manufacturer",
    header: { vi: "Hãng sản xuất", en: "Manufacturer" },
    aliases: ["Nhà sản xuất", "Hãng", "Make"],
    requiredColumn: false,
    maxLength: 100,
    hint: { vi: "", en: "" },
    example: "Tatsuno",
  },
  {
    key: "model",
    header: { vi: "Kiểu/model", en: "Model" },
    aliases: ["Kiểu", "Model", "Ký hiệu"],
    requiredColumn: false,
    maxLength: 100,
    hint: { vi: "", en: "" },
    example: "Sunny NX",
  },
  {
    key: "rangeMin",
    header: { vi: "Phạm vi đo từ", en: "Range min" },
    aliases: ["Phạm vi đo (từ)", "Giới hạn dưới", "Min", "Range from", "Minimum"],
    requiredColumn: false,
    hint: { vi: "Số; dấu phẩy thập phân được (0,5)", en: "Number; a decimal comma is fine (0,5)" },
    example: "0",
  },
  {
    key: "rangeMax",
    header: { vi: "Phạm vi đo đến", en: "Range max" },
    aliases: ["Phạm vi đo (đến)", "Giới hạn trên", "Max", "Range to", "Maximum"],
    requiredColumn: false,
    hint: { vi: "Số, không nhỏ hơn \"Phạm vi đo từ\"", en: "Number, not below Range min" },
    example: "99,99",
  },
  {
    key: "unit",
    header: { vi: "Đơn vị đo", en: "Unit" },
    aliases: ["Đơn vị", "ĐVT", "Unit of measure"],
    requiredColumn: false,
    maxLength: 20,
    hint: { vi: "Để trống: đơn vị của loại", en: "Empty: the type's unit" },
    example: "L",
  },
  {
    key: "accuracy",
    header: { vi: "Cấp chính xác/độ phân giải", en: "Accuracy/resolution" },
    aliases: ["Cấp chính xác", "Độ phân giải", "Độ chính xác", "Accuracy", "Resolution", "Accuracy class"],
    requiredColumn: false,
    maxLength: 60,
    hint: { vi: "", en: "" },
    example: "0,5",
  },
  {
    key: "purpose",
    header: { vi: "Mục đích sử dụng", en: "Purpose" },
    aliases: ["Mục đích", "Purpose of use"],
    requiredColumn: true,
    hint: {
      vi: "Thương mại; An toàn; Sức khỏe; Môi trường; Kiểm soát quá trình; Chất lượng",
      en: "Trade; Safety; Health; Environment; Process control; Quality",
    },
    example: "Thương mại",
  },
  {
    key: "status",
    header: { vi: "Trạng thái", en: "Status" },
    aliases: ["Tình trạng sử dụng", "State"],
    requiredColumn: false,
    hint: {
      vi: "Đang sử dụng (mặc định); Ngừng sử dụng; Cách ly; Đã thanh lý",
      en: "In service (default); Out of service; Quarantined; Retired",
    },
    example: "Đang sử dụng",
  },
  {
    key: "ownIntervalMonths",
    header: { vi: "Chu kỳ nội bộ (tháng)", en: "Own interval (months)" },
    aliases: ["Chu kỳ nội bộ", "Chu kỳ hiệu chuẩn (tháng)", "Chu kỳ hiệu chuẩn", "Own interval", "Interval (months)", "Interval months"],
    requiredColumn: false,
    hint: { vi: "Số tháng 1–120, cho hiệu chuẩn/kiểm tra do doanh nghiệp tự đặt", en: "1–120 months, for calibration or checks the business sets" },
    example: "",
  },
  {
    key: "responsiblePerson",
    header: { vi: "Người phụ trách", en: "Responsible person" },
    aliases: ["Người chịu trách nhiệm", "Phụ trách", "Responsible", "Owner"],
    requiredColumn: false,
    maxLength: 120,
    hint: { vi: "", en: "" },
    example: "Nguyễn Văn A",
  },
  {
    key: "eventDate",
    header: { vi: "Ngày kiểm định/hiệu chuẩn gần nhất", en: "Last check date" },
    aliases: ["Ngày kiểm định gần nhất", "Ngày hiệu chuẩn gần nhất", "Ngày kiểm định", "Ngày hiệu chuẩn", "Ngày thực hiện", "Last verification date", "Last calibration date", "Check date"],
    requiredColumn: false,
    hint: { vi: "dd/MM/yyyy, ví dụ 12/03/2026; để trống nếu chưa có", en: "dd/MM/yyyy, e.g. 12/03/2026; empty if none" },
    example: "12/03/2026",
  },
  {
    key: "eventKind",
    header: { vi: "Hình thức", en: "Check kind" },
    aliases: ["Hình thức kiểm tra", "Loại kiểm tra", "Kiểm định/hiệu chuẩn", "Kind", "Last check kind"],
    requiredColumn: false,
    hint: { vi: "Kiểm định; Hiệu chuẩn; Thử nghiệm", en: "Verification; Calibration; Test" },
    example: "Kiểm định",
  },
  {
    key: "eventResult",
    header: { vi: "Kết quả", en: "Result" },
    aliases: ["Kết quả kiểm định", "Kết quả hiệu chuẩn", "Last check result"],
    requiredColumn: false,
    hint: { vi: "Đạt; Không đạt; Hiệu chỉnh", en: "Pass; Fail; Adjusted" },
    example: "Đạt",
  },
  {
    key: "certificateNo",
    header: { vi: "Số giấy chứng nhận", en: "Certificate number" },
    aliases: ["Số chứng nhận", "Số giấy chứng nhận kiểm định", "Số GCN", "Số chứng chỉ", "Certificate no", "Certificate"],
    requiredColumn: false,
    maxLength: 100,
    hint: { vi: "", en: "" },
    example: "KĐ-2026/0312",
  },
  {
    key: "provider",
    header: { vi: "Đơn vị thực hiện", en: "Provider" },
    aliases: ["Tổ chức kiểm định", "Đơn vị kiểm định", "Đơn vị hiệu chuẩn", "Tổ chức thực hiện", "Performed by"],
    requiredColumn: false,
    maxLength: 200,
    hint: { vi: "Bắt buộc khi có ngày kiểm định/hiệu chuẩn", en: "Required with a check date" },
    example: "Trung tâm Kỹ thuật Tiêu chuẩn Đo lường Chất lượng Cần Thơ",
  },
];

/** Columns an export adds: computed by the portal, so an import recognises them and reads nothing from them. */
export type ScheduleColumnKey = "nextDue" | "dueState" | "legalDue" | "ownDue";
export const SCHEDULE_HEADERS: Record<ScheduleColumnKey, Text> = {
  nextDue: { vi: "Hạn tiếp theo", en: "Next due" },
  dueState: { vi: "Tình trạng hạn", en: "Due state" },
  legalDue: { vi: "Hạn kiểm định theo quy định", en: "Legal due date" },
  ownDue: { vi: "Hạn theo chu kỳ nội bộ", en: "Own due date" },
};
const scheduleHeaderKeys = new Set(Object.values(SCHEDULE_HEADERS).flatMap((h) => [foldKey(h.vi), foldKey(h.en)]));

export const EVENT_COLUMNS: readonly ColumnKey[] = ["eventDate", "eventKind", "eventResult", "certificateNo", "provider"];
export const MAX_IMPORT_ROWS = 50_000;

export const columnSpec = (key: ColumnKey) => COLUMNS.find((c) => c.key === key)!;

// ---- Words for coded values: what export writes, and what import accepts ----

export const PURPOSE_WORDS: Record<InstrumentPurpose, Text & { also: readonly string[] }> = {
  trade: { vi: "Thương mại", en: "Trade", also: ["Mua bán", "Thanh toán", "Mua bán, thanh toán", "Thương mại, thanh toán", "Trade/payment", "Payment"] },
  safety: { vi: "An toàn", en: "Safety", also: [] },
  health: { vi: "Sức khỏe", en: "Health", also: ["Y tế", "Bảo vệ sức khỏe"] },
  environment: { vi: "Môi trường", en: "Environment", also: ["Bảo vệ môi trường"] },
  official: {
    vi: "Công vụ",
    en: "Official duties",
    also: ["Thanh tra", "Thanh tra, kiểm tra", "Giám định tư pháp", "Thanh tra, kiểm tra, giám định tư pháp", "Inspection", "Judicial assessment", "Official"],
  },
  process: { vi: "Kiểm soát quá trình", en: "Process control", also: ["Quá trình", "Sản xuất", "Kiểm soát sản xuất", "Process"] },
  quality: { vi: "Chất lượng", en: "Quality", also: ["Kiểm soát chất lượng", "Quality control"] },
};

export const STATUS_WORDS: Record<InstrumentStatus, Text & { also: readonly string[] }> = {
  in_service: { vi: "Đang sử dụng", en: "In service", also: ["Sử dụng", "Hoạt động", "Đang hoạt động", "Active"] },
  out_of_service: { vi: "Ngừng sử dụng", en: "Out of service", also: ["Tạm ngừng", "Tạm ngừng sử dụng", "Không sử dụng", "Inactive"] },
  quarantined: { vi: "Cách ly", en: "Quarantined", also: ["Đang cách ly", "Tạm dừng chờ xử lý"] },
  retired: { vi: "Đã thanh lý", en: "Retired", also: ["Thanh lý", "Loại bỏ", "Hủy", "Disposed"] },
};

export type ImportedEventKind = Exclude<EventKind, "override">;

export const KIND_WORDS: Record<ImportedEventKind, Text & { also: readonly string[] }> = {
  verification: { vi: "Kiểm định", en: "Verification", also: ["KĐ"] },
  calibration: { vi: "Hiệu chuẩn", en: "Calibration", also: ["HC"] },
  test: { vi: "Thử nghiệm", en: "Test", also: ["TN"] },
};

export const RESULT_WORDS: Record<EventResult, Text & { also: readonly string[] }> = {
  pass: { vi: "Đạt", en: "Pass", also: ["Passed", "OK"] },
  fail: { vi: "Không đạt", en: "Fail", also: ["Ko đạt", "K đạt", "Failed"] },
  adjusted: { vi: "Hiệu chỉnh", en: "Adjusted", also: ["Đã hiệu chỉnh", "Đạt sau hiệu chỉnh", "Đạt (hiệu chỉnh)"] },
};

// ---- Text ----

/** Cell text as stored: NFC (macOS and some Excel builds write decomposed accents), trimmed. */
export function cleanText(value: string): string {
  return value.normalize("NFC").replace(/\s+/g, " ").trim();
}

/**
 * For matching names people type: no case, no accents (đ = d), one kind of dash, single spaces.
 * "Cửa hàng số 1 — Cái Khế" and "cua hang so 1 - cai khe" match.
 */
export function foldForMatch(value: string): string {
  return value
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[đĐ]/g, "d")
    .toLowerCase()
    .replace(/[\u2010-\u2015\u2212]/g, "-")
    .replace(/\s*-\s*/g, " - ")
    .replace(/\s+/g, " ")
    .trim();
}

/** Headers and coded words: as foldForMatch, and punctuation does not count either. */
export function foldKey(value: string): string {
  return foldForMatch(value).replace(/[^a-z0-9]+/g, "");
}

function wordMap<T extends string>(words: Record<T, Text & { also: readonly string[] }>): Map<string, T> {
  const map = new Map<string, T>();
  for (const [code, w] of Object.entries(words) as Array<[T, Text & { also: readonly string[] }]>) {
    for (const word of [code, w.vi, w.en, ...w.also]) map.set(foldKey(word), code);
  }
  return map;
}
const purposeByWord = wordMap(PURPOSE_WORDS);
const statusByWord = wordMap(STATUS_WORDS);
const kindByWord = wordMap(KIND_WORDS);
const resultByWord = wordMap(RESULT_WORDS);

// ---- Cells ----

/** What a spreadsheet cell can hold once read: CSV gives only strings. */
export type Cell = string | number | boolean | Date | null;

export function cellText(cell: Cell): string {
  if (cell === null) return "";
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? "" : formatDayVi(isoOfUtcDate(cell));
  if (typeof cell === "number") return Number.isFinite(cell) ? String(cell) : "";
  return cleanText(String(cell));
}

/**
 * "0,5", "0.5", "1.000" (a thousand, as Vietnamese write it), "1.000,5", "1,234.5", "-2". A lone
 * comma is a decimal comma, as in Vietnamese: "1,000" is one.
 */
export function parseDecimal(value: string): number | null | "invalid" {
  const s = value.replace(/[\s\u00a0]/g, "");
  if (!s) return null;
  let normalized: string;
  if (/^[+-]?\d{1,3}(\.\d{3})+(,\d+)?$/.test(s)) normalized = s.replace(/\./g, "").replace(",", ".");
  else if (/^[+-]?\d{1,3}(,\d{3})+\.\d+$/.test(s)) normalized = s.replace(/,/g, "");
  else if (/^[+-]?(\d+([.,]\d*)?|[.,]\d+)$/.test(s)) normalized = s.replace(",", ".");
  else return "invalid";
  const n = Number(normalized);
  return Number.isFinite(n) ? n : "invalid";
}

function numberOf(cell: Cell): number | null | "invalid" {
  if (typeof cell === "number") return Number.isFinite(cell) ? cell : "invalid";
  if (cell instanceof Date || typeof cell === "boolean") return "invalid";
  return parseDecimal(cell ?? "");
}

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

function isoOfUtcDate(date: Date): string {
  return `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
}

function validDay(y: number, m: number, d: number): string | null {
  if (y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1) return null;
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return d <= last ? `${pad(y, 4)}-${pad(m)}-${pad(d)}` : null;
}

/** "2026-03-12" → "12/03/2026". */
export function formatDayVi(iso: string): string {
  const [y, m, d] = iso.split("-");
  return `${d}/${m}/${y}`;
}

/**
 * A calendar day from a cell: dd/MM/yyyy (also d/M/yyyy, with - or . between), ISO yyyy-MM-dd,
 * a date cell, or an Excel day number. Never MM/dd: 03/04/2026 is the 3rd of April.
 */
export function parseDay(cell: Cell): string | null | "invalid" {
  if (cell === null || cell === "") return null;
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? "invalid" : isoOfUtcDate(cell);
  if (typeof cell === "number") {
    // Excel's day numbers count from 30/12/1899 (its 1900 leap-year bug is before any date we take).
    if (!Number.isFinite(cell) || cell < 1 || cell > 120_000) return "invalid";
    return isoOfUtcDate(new Date(Date.UTC(1899, 11, 30) + Math.floor(cell) * 86_400_000));
  }
  const s = cleanText(String(cell));
  if (!s) return null;
  let m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(s);
  if (m) return validDay(Number(m[3]), Number(m[2]), Number(m[1])) ?? "invalid";
  m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ][\d:.]+Z?)?$/.exec(s);
  if (m) return validDay(Number(m[1]), Number(m[2]), Number(m[3])) ?? "invalid";
  return "invalid";
}

// ---- Reading a CSV file ----

/** A row with something in it, and its number as the spreadsheet shows it (empty rows are not kept). */
export type SheetRow = { number: number; cells: Cell[] };
export type SheetTable = { rows: SheetRow[] };

export type FileProblem = { key: string; values?: Record<string, string> };
export type ReadResult = { ok: true; table: SheetTable; delimiter?: string } | { ok: false; problem: FileProblem };

/** Decodes the bytes: UTF-8 with or without BOM, or UTF-16 with a BOM (Excel's "Unicode text"). */
export function decodeText(bytes: Uint8Array): string | null {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder("utf-16le").decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder("utf-16be").decode(bytes.subarray(2));
  const body = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(body);
  } catch {
    // Excel's plain "CSV" in Vietnamese Windows is Windows-1258: guessing it would garble names.
    return null;
  }
}

/** The separator that splits the header line most, outside quotes: Excel in Vietnamese writes ";". */
export function detectDelimiter(firstLine: string): string {
  const counts: Record<string, number> = { ",": 0, ";": 0, "\t": 0 };
  let quoted = false;
  for (const ch of firstLine) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch in counts) counts[ch]! += 1;
  }
  const best = Object.entries(counts).sort((a, b) => b[1] - a[1])[0]!;
  return best[1] > 0 ? best[0] : ",";
}

// A spreadsheet runs a cell as a formula when its text starts with = + - or @, also after spaces,
// and a leading tab or line break can hide one (OWASP "CSV injection"); full-width signs are
// included for Excel in Asian locales. Such text gets a leading apostrophe, the usual way to say
// "this is text"; reading our own file takes it off again. A cell that is exactly a number ("-12,5",
// "+5") stays as it is, so negative numbers still open as numbers.
const FORMULA_START = /^[\s\u00a0\u3000]*[=+\-@\uff1d\uff0b\uff0d\uff20]|^[\t\r\n]/;
const NUMBER_LITERAL = /^[+-]?(\d+([.,]\d+)?|\d{1,3}([.,]\d{3})+([.,]\d+)?|[.,]\d+)$/;

/** Text a spreadsheet would run as a formula, made plain text with a leading apostrophe. */
export function escapeFormula(text: string): string {
  return FORMULA_START.test(text) && !NUMBER_LITERAL.test(text) ? `'${text}` : text;
}

/** The inverse of escapeFormula: an apostrophe it would have added is taken off. */
export function unescapeFormula(text: string): string {
  return text.startsWith("'") && escapeFormula(text.slice(1)) === text ? text.slice(1) : text;
}

/** Rows with something in them read at most: the data rows an import takes, a header and the template's hint row. */
export const MAX_READ_ROWS = MAX_IMPORT_ROWS + 2;
export const tooManyRows = (): FileProblem => ({ key: "imports:file.tooManyRows", values: { max: String(MAX_IMPORT_ROWS) } });

/**
 * Reads a CSV row by row (papaparse's step) and stops as soon as the file has more rows than an
 * import takes, so a huge file is refused at once instead of being parsed whole first.
 */
export function readCsv(bytes: Uint8Array): ReadResult {
  const text = decodeText(bytes);
  if (text === null) return { ok: false, problem: { key: "imports:file.encoding" } };
  let body = text;
  let delimiter: string | undefined;
  // Excel's own hint line "sep=;" names the separator and is not a row.
  const sep = /^sep=(.)\r?\n/i.exec(body);
  if (sep) {
    delimiter = sep[1];
    body = body.slice(sep[0].length);
  }
  const firstLine = body.slice(0, body.search(/\r?\n|$/));
  delimiter ??= detectDelimiter(firstLine);
  const rows: SheetRow[] = [];
  const state: { number: number; problem: FileProblem | null } = { number: 0, problem: null };
  Papa.parse<string[]>(body, {
    delimiter,
    skipEmptyLines: false,
    header: false,
    step: (result, parser) => {
      state.number += 1;
      if (result.errors.some((e) => e.type === "Quotes" || e.type === "Delimiter")) {
        state.problem = { key: "imports:file.quotes", values: { row: String(state.number) } };
        return parser.abort();
      }
      const cells = result.data.map(unescapeFormula);
      if (cells.every((c) => c.trim() === "")) return;
      if (rows.length >= MAX_READ_ROWS) {
        state.problem = tooManyRows();
        return parser.abort();
      }
      rows.push({ number: state.number, cells });
    },
  });
  if (state.problem) return { ok: false, problem: state.problem };
  return { ok: true, table: { rows }, delimiter };
}

// ---- Writing a CSV file ----

/**
 * Excel opens a CSV with the separator of the computer's region: Vietnamese Windows uses ";" (its
 * decimal mark is the comma), English ",". Import reads either.
 */
export function csvDelimiter(language: string): string {
  return language === "en" ? "," : ";";
}

/**
 * UTF-8 with a BOM (else Excel reads Vietnamese as Windows-1252), CRLF, quotes where needed; no
 * text cell can run as a formula (escapeFormula), numbers stay numbers.
 */
export function toCsv(rows: ReadonlyArray<ReadonlyArray<string | number | null>>, delimiter: string): string {
  const safe = rows.map((row) => row.map((cell) => (typeof cell === "string" ? escapeFormula(cell) : cell)));
  return `\ufeff${Papa.unparse(safe as unknown[][], { delimiter, newline: "\r\n", quotes: false })}\r\n`;
}

// ---- Headers ----

const columnByHeader = (() => {
  const map = new Map<string, ColumnKey>();
  for (const column of COLUMNS) {
    for (const header of [column.key, column.header.vi, column.header.en, ...column.aliases]) {
      map.set(foldKey(header), column.key);
      // "Chu kỳ nội bộ (tháng)" written without its bracket, or with a note in one, is the same column.
      map.set(foldKey(header.replace(/\(.*?\)/g, "")), column.key);
    }
  }
  return map;
})();

export function columnOfHeader(header: string): ColumnKey | null {
  const text = cleanText(header).replace(/\*+$/, "");
  return columnByHeader.get(foldKey(text)) ?? columnByHeader.get(foldKey(text.replace(/\(.*?\)/g, ""))) ?? null;
}

export type HeaderMap = { columns: Array<{ index: number; key: ColumnKey }>; ignored: string[] };

export function mapHeaders(cells: readonly Cell[]): { ok: true; map: HeaderMap } | { ok: false; problem: FileProblem } {
  const columns: HeaderMap["columns"] = [];
  const ignored: string[] = [];
  const seen = new Map<ColumnKey, string>();
  cells.forEach((cell, index) => {
    const text = cellText(cell);
    if (!text) return;
    const key = columnOfHeader(text);
    if (!key) {
      if (!scheduleHeaderKeys.has(foldKey(text))) ignored.push(text);
      return;
    }
    if (seen.has(key)) return; // reported below
    seen.set(key, text);
    columns.push({ index, key });
  });
  const duplicate = cells.map(cellText).find((text, i) => {
    const key = text ? columnOfHeader(text) : null;
    return key !== null && columns.find((c) => c.key === key)!.index !== i;
  });
  if (duplicate) return { ok: false, problem: { key: "imports:file.duplicateColumn", values: { column: duplicate } } };
  const missing = COLUMNS.filter((c) => c.requiredColumn && !seen.has(c.key));
  if (missing.length) {
    return { ok: false, problem: { key: "imports:file.missingColumns", values: { columns: missing.map((c) => c.header.vi).join(", ") } } };
  }
  return { ok: true, map: { columns, ignored } };
}

// ---- Rows ----

export type SiteRef = { id: number; name: string };
export type ImportContext = { sites: readonly SiteRef[]; types: readonly InstrumentType[]; today: string };

export type RowError = {
  /** Row number as the spreadsheet shows it. */
  row: number;
  /** The row's tag as written, to find the row again. */
  tag: string;
  column: ColumnKey | null;
  value: string;
  /** Translation key of the reason. */
  reason: string;
  values?: Record<string, string>;
};

export type ImportedEvent = {
  kind: ImportedEventKind;
  performedOn: string;
  result: EventResult;
  certificateNo: string;
  provider: string;
};

type OptionalText = "serial" | "manufacturer" | "model" | "unit" | "accuracy" | "responsiblePerson";

export type ParsedRow = {
  row: number;
  tag: string;
  siteId: number;
  typeId: string;
  purpose: InstrumentPurpose;
  /** Null: the cell was empty, so an existing instrument keeps its own and a new one takes the default. */
  name: string | null;
  status: InstrumentStatus | null;
  /** Only the columns the file has: a column left out changes nothing on existing instruments. */
  optional: Partial<Record<OptionalText, string> & { rangeMin: number | null; rangeMax: number | null; ownIntervalMonths: number | null }>;
  event: ImportedEvent | null;
};

export type CheckedTable = {
  rows: ParsedRow[];
  errors: RowError[];
  ignoredColumns: string[];
  /** Data rows read (empty rows and the template's hint row left out). */
  rowCount: number;
  columns: ColumnKey[];
};

function typeLookup(types: readonly InstrumentType[]): Map<string, string | null> {
  // null marks a short name shared by two types: it must then be written in full.
  const map = new Map<string, string | null>();
  const add = (text: string, id: string) => {
    const key = foldKey(text);
    if (!key) return;
    const current = map.get(key);
    map.set(key, current === undefined || current === id ? id : null);
  };
  for (const t of types) for (const n of [t.id, t.name.vi, t.name.en]) add(n, t.id);
  // "Taximet" for "Taximet (đồng hồ tính tiền xe taxi)", where no other type has the same short name.
  for (const t of types) {
    for (const n of [t.name.vi, t.name.en]) {
      const short = n.replace(/\s*\(.*?\)\s*/g, " ").trim();
      if (short !== n && !map.has(foldKey(short))) add(short, t.id);
    }
  }
  return map;
}

function siteLookup(sites: readonly SiteRef[]): Map<string, number | null> {
  const map = new Map<string, number | null>();
  for (const site of sites) {
    const key = foldForMatch(site.name);
    map.set(key, map.has(key) ? null : site.id);
  }
  return map;
}

/** Is this the template's hint row (every filled cell is the hint of its column, in either language)? */
function isHintRow(cells: readonly Cell[], headers: HeaderMap): boolean {
  let filled = 0;
  for (const { index, key } of headers.columns) {
    const text = cellText(cells[index] ?? null);
    if (!text) continue;
    filled += 1;
    const hint = columnSpec(key).hint;
    if (foldKey(text) !== foldKey(hint.vi) && foldKey(text) !== foldKey(hint.en)) return false;
  }
  return filled > 0;
}

/** Checks every row against the business's sites, the catalogue and the rules; finds every problem, not the first. */
export function checkTable(table: SheetTable, context: ImportContext): { ok: true; checked: CheckedTable } | { ok: false; problem: FileProblem } {
  const headerIndex = table.rows.findIndex(({ cells }) => cells.some((c) => cellText(c) !== ""));
  if (headerIndex < 0) return { ok: false, problem: { key: "imports:file.empty" } };
  const headerRow = table.rows[headerIndex]!;
  const mapped = mapHeaders(headerRow.cells);
  if (!mapped.ok) return mapped;
  const headers = mapped.map;
  const has = new Set(headers.columns.map((c) => c.key));
  const types = typeLookup(context.types);
  const typeById = new Map(context.types.map((t) => [t.id, t]));
  const sites = siteLookup(context.sites);
  const onlySite = context.sites.length === 1 ? context.sites[0]!.id : null;

  const rows: ParsedRow[] = [];
  const errors: RowError[] = [];
  const firstRowOfTag = new Map<string, number>();
  let rowCount = 0;

  for (let i = headerIndex + 1; i < table.rows.length; i++) {
    const { number: rowNumber, cells } = table.rows[i]!;
    if (!headers.columns.some(({ index }) => cellText(cells[index] ?? null) !== "")) continue;
    if (i === headerIndex + 1 && rowNumber === headerRow.number + 1 && isHintRow(cells, headers)) continue;
    rowCount += 1;
    if (rowCount > MAX_IMPORT_ROWS) return { ok: false, problem: tooManyRows() };

    const raw = new Map<ColumnKey, Cell>();
    for (const { index, key } of headers.columns) raw.set(key, cells[index] ?? null);
    const text = (key: ColumnKey) => cellText(raw.get(key) ?? null);
    const rowErrors: RowError[] = [];
    const fail = (column: ColumnKey, reason: string, values?: Record<string, string>) =>
      rowErrors.push({ row: rowNumber, tag: text("tag"), column, value: text(column), reason, values });
    const limited = (key: ColumnKey): string => {
      const value = text(key);
      const max = columnSpec(key).maxLength;
      if (max && value.length > max) fail(key, "imports:errors.tooLong", { max: String(max) });
      return value;
    };

    const tag = limited("tag");
    if (!tag) fail("tag", "imports:errors.required");
    else if (firstRowOfTag.has(tag)) fail("tag", "imports:errors.duplicateTag", { row: String(firstRowOfTag.get(tag)) });
    else firstRowOfTag.set(tag, rowNumber);

    let siteId: number | null = null;
    const siteText = text("site");
    if (!siteText) {
      if (onlySite !== null) siteId = onlySite;
      else fail("site", "imports:errors.required");
    } else {
      const found = sites.get(foldForMatch(siteText));
      if (found === undefined) fail("site", "imports:errors.siteUnknown");
      else if (found === null) fail("site", "imports:errors.siteAmbiguous");
      else siteId = found;
    }

    let typeId: string | null = null;
    const typeText = text("type");
    if (!typeText) fail("type", "imports:errors.required");
    else {
      const found = types.get(foldKey(typeText));
      if (!found) fail("type", found === null ? "imports:errors.typeAmbiguous" : "imports:errors.typeUnknown");
      else typeId = found;
    }

    const coded = <T extends string>(key: ColumnKey, words: Map<string, T>, reason: string, required: boolean): T | null => {
      const value = text(key);
      if (!value) {
        if (required) fail(key, "imports:errors.required");
        return null;
      }
      const found = words.get(foldKey(value));
      if (!found) fail(key, reason);
      return found ?? null;
    };
    const purpose = coded("purpose", purposeByWord, "imports:errors.purpose", true);
    const status = has.has("status") ? coded("status", statusByWord, "imports:errors.status", false) : null;

    const name = limited("name");
    const optional: ParsedRow["optional"] = {};
    for (const key of ["serial", "manufacturer", "model", "unit", "accuracy", "responsiblePerson"] as const) {
      if (has.has(key)) optional[key] = limited(key);
    }
    for (const key of ["rangeMin", "rangeMax"] as const) {
      if (!has.has(key)) continue;
      const n = numberOf(raw.get(key) ?? null);
      if (n === "invalid") fail(key, "imports:errors.number");
      else optional[key] = n;
    }
    if (typeof optional.rangeMin === "number" && typeof optional.rangeMax === "number" && optional.rangeMin > optional.rangeMax) {
      fail("rangeMax", "imports:errors.rangeOrder");
    }
    if (has.has("ownIntervalMonths")) {
      const n = numberOf(raw.get("ownIntervalMonths") ?? null);
      if (n === "invalid" || (n !== null && (!Number.isInteger(n) || n < 1 || n > 120))) fail("ownIntervalMonths", "imports:errors.months");
      else optional.ownIntervalMonths = n;
    }

    let event: ImportedEvent | null = null;
    if (EVENT_COLUMNS.some((key) => text(key) !== "")) {
      const day = parseDay(raw.get("eventDate") ?? null);
      if (day === null) fail("eventDate", "imports:errors.eventRequired");
      else if (day === "invalid") fail("eventDate", "imports:errors.date");
      else if (day > context.today) fail("eventDate", "imports:errors.dateFuture");
      const kind = text("eventKind") ? coded("eventKind", kindByWord, "imports:errors.kind", false) : (fail("eventKind", "imports:errors.eventRequired"), null);
      const result = text("eventResult")
        ? coded("eventResult", resultByWord, "imports:errors.result", false)
        : (fail("eventResult", "imports:errors.eventRequired"), null);
      const provider = limited("provider");
      if (!provider) fail("provider", "imports:errors.eventRequired");
      const certificateNo = limited("certificateNo");
      if (typeof day === "string" && day !== "invalid" && kind && result && provider) {
        event = { kind, performedOn: day, result, certificateNo, provider };
      }
    }

    if (rowErrors.length) {
      errors.push(...rowErrors);
      continue;
    }
    const type = typeById.get(typeId!)!;
    if (has.has("unit") && !optional.unit) optional.unit = type.unit;
    rows.push({ row: rowNumber, tag, siteId: siteId!, typeId: typeId!, purpose: purpose!, name: name || null, status, optional, event });
  }
  if (rowCount === 0) return { ok: false, problem: { key: "imports:file.noRows" } };
  return { ok: true, checked: { rows, errors, ignoredColumns: headers.ignored, rowCount, columns: headers.columns.map((c) => c.key) } };
}

// ---- Planning what a confirmed import writes ----

/** The columns of an instrument that an import sets, schedule included. */
export type InstrumentColumns = Pick<
  InstrumentTable,
  | "site_id"
  | "type_id"
  | "tag"
  | "range_min"
  | "range_max"
  | "purpose"
  | "status"
  | "own_interval_months"
  | "legal_due_on"
  | "own_due_on"
  | "next_due_on"
  | "due_rule"
  | "last_event_on"
  | "last_certificate_no"
  | "last_provider"
> & { name: string; serial: string; manufacturer: string; model: string; unit: string; accuracy: string; responsible_person: string };

export type ExistingInstrument = InstrumentColumns & { id: number };

export type PlannedRow = {
  row: number;
  tag: string;
  action: "create" | "update" | "unchanged";
  existingId: number | null;
  columns: InstrumentColumns;
  /** The row's check, unless the same one is already on record (a file imported twice records it once). */
  event: ImportedEvent | null;
};

export type ImportPlan = { rows: PlannedRow[]; created: number; updated: number; unchanged: number; events: number; eventsOnRecord: number };

const eventKey = (e: { kind: string; performedOn: string; result: string | null; certificateNo: string }) =>
  `${e.kind}|${e.performedOn}|${e.result ?? ""}|${e.certificateNo}`;

const SCHEDULE_COLUMNS = ["legal_due_on", "own_due_on", "next_due_on", "due_rule", "last_event_on", "last_certificate_no", "last_provider"] as const;
const COMPARED = ["site_id", "type_id", "name", "serial", "manufacturer", "model", "range_min", "range_max", "unit", "accuracy", "purpose", "status", "own_interval_months", "responsible_person", ...SCHEDULE_COLUMNS] as const;

/**
 * The same schedule and status rule as refreshSchedule in instruments.server.ts, for many
 * instruments at once: the legal and own due dates from the events, and a failed last check
 * quarantines an instrument in service until a passing one.
 */
export function scheduleColumns(
  type: InstrumentType | undefined,
  ownIntervalMonths: number | null,
  status: InstrumentStatus,
  events: readonly ScheduleEvent[],
  purpose: InstrumentPurpose,
): Pick<InstrumentColumns, "status" | (typeof SCHEDULE_COLUMNS)[number]> {
  // Group 2: the type on the list and a purpose the law controls (Law on Metrology Art. 16).
  const legal = type?.group === 2 && isLegalPurpose(purpose);
  return storedSchedule(computeSchedule({ group: legal ? 2 : 1, cycles: legal ? type.cycles : [], ownIntervalMonths, events }), status);
}

/** Id given to an imported event while planning: after every event on record, as it will be. */
const NEW_EVENT_ID = Number.MAX_SAFE_INTEGER;

export function planImport(
  rows: readonly ParsedRow[],
  existing: ReadonlyMap<string, ExistingInstrument>,
  eventsByInstrument: ReadonlyMap<number, readonly ScheduleEvent[]>,
  types: readonly InstrumentType[],
): ImportPlan {
  const typeById = new Map(types.map((t) => [t.id, t]));
  const plan: ImportPlan = { rows: [], created: 0, updated: 0, unchanged: 0, events: 0, eventsOnRecord: 0 };
  for (const row of rows) {
    const before = existing.get(row.tag) ?? null;
    const type = typeById.get(row.typeId);
    const o = row.optional;
    const keep = <K extends keyof InstrumentColumns>(key: K, fallback: InstrumentColumns[K]): InstrumentColumns[K] => (before ? before[key] : fallback);
    const base = {
      site_id: row.siteId,
      type_id: row.typeId,
      tag: row.tag,
      name: row.name ?? keep("name", type?.name.vi ?? row.typeId),
      serial: o.serial ?? keep("serial", ""),
      manufacturer: o.manufacturer ?? keep("manufacturer", ""),
      model: o.model ?? keep("model", ""),
      range_min: o.rangeMin !== undefined ? o.rangeMin : keep("range_min", null),
      range_max: o.rangeMax !== undefined ? o.rangeMax : keep("range_max", null),
      unit: o.unit ?? keep("unit", type?.unit ?? ""),
      accuracy: o.accuracy ?? keep("accuracy", ""),
      purpose: row.purpose,
      own_interval_months: o.ownIntervalMonths !== undefined ? o.ownIntervalMonths : keep("own_interval_months", null),
      responsible_person: o.responsiblePerson ?? keep("responsible_person", ""),
    };
    const onRecord = before ? (eventsByInstrument.get(before.id) ?? []) : [];
    let event = row.event;
    if (event) {
      const key = eventKey(event);
      // A correction replaces an event; only events still standing count as "already on record".
      const superseded = new Set(onRecord.map((e) => e.supersedesEventId));
      if (onRecord.some((e) => !superseded.has(e.id) && eventKey(e) === key)) {
        event = null;
        plan.eventsOnRecord += 1;
      }
    }
    const events: ScheduleEvent[] = event
      ? [
          ...onRecord,
          {
            id: NEW_EVENT_ID,
            kind: event.kind,
            performedOn: event.performedOn,
            result: event.result,
            overrideDueOn: null,
            notes: "",
            supersedesEventId: null,
            provider: event.provider,
            certificateNo: event.certificateNo,
          },
        ]
      : [...onRecord];
    const status = row.status ?? (before ? before.status : "in_service");
    const columns: InstrumentColumns = { ...base, ...scheduleColumns(type, base.own_interval_months, status, events, base.purpose) };
    const action = !before ? "create" : COMPARED.every((k) => columns[k] === before[k]) && !event ? "unchanged" : "update";
    plan[action === "create" ? "created" : action === "update" ? "updated" : "unchanged"] += 1;
    if (event) plan.events += 1;
    plan.rows.push({ row: row.row, tag: row.tag, action, existingId: before?.id ?? null, columns, event });
  }
  return plan;
}
