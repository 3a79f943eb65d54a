import { Readable } from "node:stream";
import { createInflateRaw } from "node:zlib";
import ExcelJS from "exceljs";
import { type Cell, type FileProblem, type ReadResult, type SheetRow, MAX_READ_ROWS, foldKey, readCsv, tooManyRows } from "./import";

// Reading an uploaded import file without letting it take the server: a CSV is read row by row
// (readCsv), a workbook is streamed, and both stop as soon as the file has more rows than an
// import takes. A workbook is a zip: its directory says how big each part is unzipped, and a part
// whose size is absurd (a "zip bomb", a few MB that unzip to gigabytes) is refused before anything
// is unzipped; the parts read are then unzipped here, counted as they come, and handed to ExcelJS's
// streaming reader in the order it needs (so it never parks a sheet in a temporary file).

/** CSV or .xlsx by the bytes: a zip is a workbook; the old binary .xls is refused by name. */
export function importFileKind(bytes: Uint8Array): "xlsx" | "xls" | "csv" {
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) return "xlsx";
  if (bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0) return "xls";
  return "csv";
}

export async function readImportFile(bytes: Buffer): Promise<ReadResult> {
  if (!bytes.length) return { ok: false, problem: { key: "imports:file.empty" } };
  const kind = importFileKind(bytes);
  if (kind === "xls") return { ok: false, problem: { key: "imports:file.xls" } };
  return kind === "xlsx" ? readXlsx(bytes) : readCsv(bytes);
}

// ---- The zip directory ----

/**
 * The parts of a workbook read for an import, unzipped, at most. A 50,000-row register with every
 * column is about 60 MB of sheet XML and shared strings; the million-row file of the security
 * review is several hundred.
 */
export const XLSX_MAX_UNZIPPED_BYTES = 150 * 1024 * 1024;
const MAX_ENTRIES = 5_000;
const MAX_SMALL_PART = 10 * 1024 * 1024;

type ZipEntry = { name: string; nameBytes: Buffer; method: number; compressedSize: number; size: number; crc32: number; dataStart: number };

const unreadable = (): FileProblem => ({ key: "imports:file.unreadable" });
const tooLargeUnzipped = (): FileProblem => ({ key: "imports:file.unzippedTooLarge", values: { max: String(XLSX_MAX_UNZIPPED_BYTES / 1024 / 1024) } });

/** The zip's central directory (at its end): each part's name, method, sizes and where its data starts. */
export function zipDirectory(bytes: Buffer): ZipEntry[] | null {
  const EOCD = 0x06054b50;
  let end = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 65_535); i--) {
    if (bytes.readUInt32LE(i) === EOCD) {
      end = i;
      break;
    }
  }
  if (end < 0) return null;
  const count = bytes.readUInt16LE(end + 10);
  const directorySize = bytes.readUInt32LE(end + 12);
  const directoryStart = bytes.readUInt32LE(end + 16);
  // ZIP64 (a part or file over 4 GB) has no place in a workbook of an instrument register.
  if (count === 0xffff || directoryStart === 0xffffffff || count > MAX_ENTRIES) return null;
  if (directoryStart + directorySize > end) return null;
  const entries: ZipEntry[] = [];
  let at = directoryStart;
  for (let n = 0; n < count; n++) {
    if (at + 46 > end || bytes.readUInt32LE(at) !== 0x02014b50) return null;
    const flags = bytes.readUInt16LE(at + 8);
    const method = bytes.readUInt16LE(at + 10);
    const crc32 = bytes.readUInt32LE(at + 16);
    const compressedSize = bytes.readUInt32LE(at + 20);
    const size = bytes.readUInt32LE(at + 24);
    const nameLength = bytes.readUInt16LE(at + 28);
    const extraLength = bytes.readUInt16LE(at + 30);
    const commentLength = bytes.readUInt16LE(at + 32);
    const localStart = bytes.readUInt32LE(at + 42);
    const nameBytes = bytes.subarray(at + 46, at + 46 + nameLength);
    at += 46 + nameLength + extraLength + commentLength;
    // Encrypted parts and methods other than stored and deflate: not a workbook Excel writes.
    if (flags & 0x1 || (method !== 0 && method !== 8)) return null;
    if (localStart + 30 > bytes.length || bytes.readUInt32LE(localStart) !== 0x04034b50) return null;
    const dataStart = localStart + 30 + bytes.readUInt16LE(localStart + 26) + bytes.readUInt16LE(localStart + 28);
    if (dataStart + compressedSize > bytes.length) return null;
    if (method === 0 && compressedSize !== size) return null;
    entries.push({ name: nameBytes.toString("utf8"), nameBytes: Buffer.from(nameBytes), method, compressedSize, size, crc32, dataStart });
  }
  return entries;
}

/** A part unzipped whole (only the small ones: the workbook's sheet list and its links). */
async function unzipSmall(bytes: Buffer, entry: ZipEntry): Promise<string> {
  if (entry.size > MAX_SMALL_PART) throw new Error("part too large");
  const chunks: Buffer[] = [];
  for await (const chunk of unzipCounted(bytes, entry)) chunks.push(chunk);
  return Buffer.concat(chunks).toString("utf8");
}

class SizeLie extends Error {}

/** A part's bytes, unzipped as they are read, never more than its directory entry says. */
async function* unzipCounted(bytes: Buffer, entry: ZipEntry): AsyncGenerator<Buffer> {
  const data = bytes.subarray(entry.dataStart, entry.dataStart + entry.compressedSize);
  if (entry.method === 0) {
    yield data;
    return;
  }
  const inflater = createInflateRaw();
  inflater.end(data);
  let seen = 0;
  try {
    for await (const chunk of inflater as AsyncIterable<Buffer>) {
      seen += chunk.length;
      if (seen > entry.size) throw new SizeLie();
      yield chunk;
    }
  } finally {
    inflater.destroy();
  }
  if (seen !== entry.size) throw new SizeLie();
}

// ---- The workbook's sheets, in its own order ----

function attributes(tag: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const m of tag.matchAll(/([\w:]+)\s*=\s*("([^"]*)"|'([^']*)')/g)) map.set(m[1]!, xmlText(m[3] ?? m[4] ?? ""));
  return map;
}

function xmlText(value: string): string {
  return value.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (_, code: string) => {
    const c = code.toLowerCase();
    if (c.startsWith("#x")) return String.fromCodePoint(parseInt(c.slice(2), 16));
    if (c.startsWith("#")) return String.fromCodePoint(parseInt(c.slice(1), 10));
    return { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" }[c]!;
  });
}

const HELPER_SHEETS = new Set(["huongdan", "guide", "danhmuc", "lists"]);

/** The workbook's visible sheets in tab order, less the template's guide and list sheets. */
async function sheetsToRead(bytes: Buffer, byName: Map<string, ZipEntry>): Promise<ZipEntry[]> {
  const workbook = byName.get("xl/workbook.xml");
  const rels = byName.get("xl/_rels/workbook.xml.rels");
  if (!workbook || !rels) return [];
  const targets = new Map<string, string>();
  for (const m of (await unzipSmall(bytes, rels)).matchAll(/<(?:\w+:)?Relationship\b[^>]*>/g)) {
    const a = attributes(m[0]);
    const target = a.get("Target");
    if (a.get("Id") && target) targets.set(a.get("Id")!, target.startsWith("/") ? target.slice(1) : `xl/${target.replace(/^\.\//, "")}`);
  }
  const sheets: ZipEntry[] = [];
  for (const m of (await unzipSmall(bytes, workbook)).matchAll(/<(?:\w+:)?sheet\b[^>]*>/g)) {
    const a = attributes(m[0]);
    const state = a.get("state");
    if (state === "hidden" || state === "veryHidden" || HELPER_SHEETS.has(foldKey(a.get("name") ?? ""))) continue;
    const rId = [...a.entries()].find(([k]) => k === "r:id" || k.endsWith(":id"))?.[1];
    const entry = rId ? byName.get(targets.get(rId) ?? "") : undefined;
    if (entry) sheets.push(entry);
  }
  return sheets;
}

// ---- The streamed zip ExcelJS reads ----

function localHeader(name: Buffer, size: number, crc32: number): Buffer {
  const header = Buffer.alloc(30);
  header.writeUInt32LE(0x04034b50, 0);
  header.writeUInt16LE(20, 4);
  header.writeUInt16LE(0x0800, 6); // names in UTF-8; sizes known (no data descriptor)
  header.writeUInt16LE(0, 8); // stored: the bytes that follow are already unzipped
  header.writeUInt32LE(crc32, 14);
  header.writeUInt32LE(size, 18);
  header.writeUInt32LE(size, 22);
  header.writeUInt16LE(name.length, 26);
  return Buffer.concat([header, name]);
}

function endOfDirectory(): Buffer {
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  return end;
}

type Part = { name: string; entry: ZipEntry | null; text?: string };

/**
 * A zip of the parts to read, in the order ExcelJS's streaming reader wants them (links, sheet list,
 * styles, shared strings, then the sheets), each unzipped here and counted against its size.
 * A lying size ends the stream early and is reported through `failed`.
 */
function partsStream(bytes: Buffer, parts: Part[], failed: (problem: FileProblem) => void): Readable {
  async function* generate() {
    try {
      for (const part of parts) {
        const name = Buffer.from(part.name, "utf8");
        if (part.entry) {
          yield localHeader(name, part.entry.size, part.entry.crc32);
          yield* unzipCounted(bytes, part.entry);
        } else {
          const body = Buffer.from(part.text ?? "", "utf8");
          yield localHeader(name, body.length, 0);
          yield body;
        }
      }
      yield endOfDirectory();
    } catch (error) {
      failed(error instanceof SizeLie ? tooLargeUnzipped() : unreadable());
    }
  }
  return Readable.from(generate(), { objectMode: false });
}

const EMPTY_STRINGS = '<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="0" uniqueCount="0"/>';

type ExcelValue = ExcelJS.CellValue | undefined;

function cellOf(value: ExcelValue): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") return value;
  if (value instanceof Date) return value;
  if (typeof value === "object") {
    if ("richText" in value) return value.richText.map((r) => r.text).join("");
    if ("formula" in value || "sharedFormula" in value) return cellOf((value as ExcelJS.CellFormulaValue).result as ExcelValue);
    if ("hyperlink" in value) return String((value as ExcelJS.CellHyperlinkValue).text ?? "");
    if ("error" in value) return String((value as ExcelJS.CellErrorValue).error);
  }
  return String(value);
}

/**
 * The rows of the first visible sheet that has any, streamed. Stops at MAX_READ_ROWS rows with
 * something in them ("too many rows" at once), and refuses a workbook whose parts would unzip to
 * more than XLSX_MAX_UNZIPPED_BYTES.
 */
export async function readXlsx(bytes: Buffer): Promise<ReadResult> {
  const directory = zipDirectory(bytes);
  if (!directory) return { ok: false, problem: unreadable() };
  const byName = new Map(directory.map((e) => [e.name, e]));
  let sheets: ZipEntry[];
  try {
    sheets = await sheetsToRead(bytes, byName);
  } catch (error) {
    return { ok: false, problem: error instanceof SizeLie ? tooLargeUnzipped() : unreadable() };
  }
  if (!sheets.length) return { ok: false, problem: byName.has("xl/workbook.xml") ? { key: "imports:file.empty" } : unreadable() };

  const parts: Part[] = [
    { name: "xl/_rels/workbook.xml.rels", entry: byName.get("xl/_rels/workbook.xml.rels")! },
    { name: "xl/workbook.xml", entry: byName.get("xl/workbook.xml")! },
    ...(byName.has("xl/styles.xml") ? [{ name: "xl/styles.xml", entry: byName.get("xl/styles.xml")! }] : []),
    // The reader streams a sheet only once it has the shared strings; a workbook without them gets an empty list.
    byName.has("xl/sharedStrings.xml") ? { name: "xl/sharedStrings.xml", entry: byName.get("xl/sharedStrings.xml")! } : { name: "xl/sharedStrings.xml", entry: null, text: EMPTY_STRINGS },
    // Named as the reader expects (sheetN.xml), in tab order.
    ...sheets.map((entry, i) => ({ name: `xl/worksheets/sheet${i + 1}.xml`, entry })),
  ];
  const unzipped = parts.reduce((sum, p) => sum + (p.entry?.size ?? 0), 0);
  if (unzipped > XLSX_MAX_UNZIPPED_BYTES) return { ok: false, problem: tooLargeUnzipped() };

  let fail: (problem: FileProblem) => void = () => {};
  const failure = new Promise<{ ok: false; problem: FileProblem }>((resolve) => (fail = (problem) => resolve({ ok: false, problem })));
  const source = partsStream(bytes, parts, (problem) => fail(problem));
  const reading = (async (): Promise<ReadResult> => {
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(source, {
      worksheets: "emit",
      sharedStrings: "cache",
      // Styles say which numbers are dates.
      styles: "cache",
      hyperlinks: "ignore",
      entries: "ignore",
    });
    for await (const sheet of reader) {
      const rows: SheetRow[] = [];
      for await (const row of sheet) {
        const values = row.values as ExcelValue[];
        const cells: Cell[] = [];
        for (let c = 1; c < values.length; c++) cells.push(cellOf(values[c]));
        if (cells.every((cell) => cell === null || (typeof cell === "string" && cell.trim() === ""))) continue;
        if (rows.length >= MAX_READ_ROWS) return { ok: false, problem: tooManyRows() };
        rows.push({ number: row.number, cells });
      }
      if (rows.length) return { ok: true, table: { rows } };
    }
    return { ok: false, problem: { key: "imports:file.empty" } };
  })();
  try {
    return await Promise.race([reading, failure]);
  } catch {
    return { ok: false, problem: unreadable() };
  } finally {
    source.destroy();
    // The other side of the race may still settle; nobody waits for it.
    reading.catch(() => {});
  }
}
