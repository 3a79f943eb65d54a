import { deflateRawSync } from "node:zlib";

// Files for the tests of large imports, made in memory in a moment: a CSV of any length, and a
// workbook written part by part (the sheet as inline strings), so a 60,000-row .xlsx takes a
// fraction of a second rather than the many seconds ExcelJS's writer would need.

export const IMPORT_HEADERS = ["Mã/số hiệu", "Cơ sở", "Loại phương tiện đo", "Tên thiết bị", "Mục đích sử dụng"];

/** One register row for the headers above. */
export const registerRow = (i: number, site: string) => [`DH-${String(i).padStart(6, "0")}`, site, "Cột đo xăng dầu", `Cột bơm số ${i}`, "Thương mại"];

export function bigCsv(rows: number, site: string, tail = ""): Buffer {
  const lines = [IMPORT_HEADERS.join(";")];
  for (let i = 0; i < rows; i++) lines.push(registerRow(i, site).join(";"));
  return Buffer.from(`${lines.join("\r\n")}\r\n${tail}`, "utf8");
}

const xml = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
const column = (i: number) => String.fromCharCode(65 + i);

/** A worksheet's XML: one row per array, every cell an inline string. */
export function sheetXml(rows: Iterable<readonly string[]>, tail = ""): string {
  const out: string[] = ['<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'];
  let r = 0;
  for (const cells of rows) {
    r += 1;
    out.push(`<row r="${r}">${cells.map((v, c) => `<c r="${column(c)}${r}" t="inlineStr"><is><t>${xml(v)}</t></is></c>`).join("")}</row>`);
  }
  out.push(`</sheetData></worksheet>${tail}`);
  return out.join("");
}

export function* registerRows(count: number, site: string): Generator<string[]> {
  yield IMPORT_HEADERS;
  for (let i = 0; i < count; i++) yield registerRow(i, site);
}

const WORKBOOK = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Thiết bị" sheetId="1" r:id="rId1"/></sheets></workbook>`;
const RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`;

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

/** zlib's crc32 (node:zlib has one only from Node 20.15). */
function crc32(data: Buffer): number {
  let c = 0xffffffff;
  for (const byte of data) c = CRC_TABLE[(c ^ byte) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

export type ZipPart = { name: string; data: Buffer; declaredSize?: number; raw?: Buffer };

/** A zip of deflated parts; `declaredSize` writes a size other than the real one (a lying header), `raw` puts bytes as they are. */
export function zip(parts: ZipPart[]): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const part of parts) {
    const name = Buffer.from(part.name, "utf8");
    const compressed = part.raw ?? deflateRawSync(part.data);
    const size = part.declaredSize ?? part.data.length;
    const crc = crc32(part.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(compressed.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE(20, 4);
    entry.writeUInt16LE(20, 6);
    entry.writeUInt16LE(0x0800, 8);
    entry.writeUInt16LE(8, 10);
    entry.writeUInt32LE(crc, 16);
    entry.writeUInt32LE(compressed.length, 20);
    entry.writeUInt32LE(size, 24);
    entry.writeUInt16LE(name.length, 28);
    entry.writeUInt32LE(offset, 42);
    locals.push(local, name, compressed);
    central.push(entry, name);
    offset += local.length + name.length + compressed.length;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** A one-sheet workbook around a sheet's XML (and any other parts). */
export function workbook(sheet: ZipPart | string, extra: ZipPart[] = []): Buffer {
  const sheetPart = typeof sheet === "string" ? { name: "xl/worksheets/sheet1.xml", data: Buffer.from(sheet, "utf8") } : sheet;
  return zip([
    { name: "xl/workbook.xml", data: Buffer.from(WORKBOOK, "utf8") },
    { name: "xl/_rels/workbook.xml.rels", data: Buffer.from(RELS, "utf8") },
    sheetPart,
    ...extra,
  ]);
}
