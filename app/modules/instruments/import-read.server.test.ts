import { deflateRawSync } from "node:zlib";
import ExcelJS from "exceljs";
import { describe, expect, test } from "vitest";
import { IMPORT_HEADERS, registerRow, sheetXml, workbook, zip } from "../../../tests/integration/big-files";
import { MAX_IMPORT_ROWS, MAX_READ_ROWS } from "./import";
import { XLSX_MAX_UNZIPPED_BYTES, readImportFile, readXlsx, zipDirectory } from "./import-read.server";

// Issue 12, point 4: a 14 MB workbook of a million rows took 44 s and 3 GB before "too many rows".

const tooMany = { ok: false, problem: { key: "imports:file.tooManyRows", values: { max: String(MAX_IMPORT_ROWS) } } };
const tooLarge = { ok: false, problem: { key: "imports:file.unzippedTooLarge", values: { max: String(XLSX_MAX_UNZIPPED_BYTES / 1024 / 1024) } } };

function* rows(count: number) {
  yield IMPORT_HEADERS;
  for (let i = 0; i < count; i++) yield registerRow(i, "Kho");
}

describe("reading a workbook as a stream", () => {
  test("the first visible sheet with rows, past the guide and hidden sheets; dates, numbers and rich text; empty rows left out", async () => {
    const book = new ExcelJS.Workbook();
    book.addWorksheet("Hướng dẫn").addRow(["Không phải dữ liệu"]);
    book.addWorksheet("Ẩn", { state: "hidden" }).addRow(["Mã", "Ẩn"]);
    book.addWorksheet("Trống");
    const sheet = book.addWorksheet("Thiết bị");
    sheet.addRow(["Mã", "Ngày", "Số", "Tên"]);
    sheet.addRow(["A", new Date("2026-01-02T00:00:00Z"), 99.5, "x"]);
    sheet.getRow(2).getCell(2).numFmt = "dd/mm/yyyy";
    sheet.addRow([]);
    const third = sheet.addRow(["B", null, 5]);
    third.getCell(4).value = { richText: [{ text: "Đồng hồ " }, { font: { bold: true }, text: "taxi" }] };
    const read = await readXlsx(Buffer.from(await book.xlsx.writeBuffer()));
    expect(read).toEqual({
      ok: true,
      table: {
        rows: [
          { number: 1, cells: ["Mã", "Ngày", "Số", "Tên"] },
          { number: 2, cells: ["A", new Date("2026-01-02T00:00:00Z"), 99.5, "x"] },
          { number: 4, cells: ["B", null, 5, "Đồng hồ taxi"] },
        ],
      },
    });
  });

  test("reading stops at the row limit: a sheet that breaks after it is refused for its length at once", { timeout: 20_000 }, async () => {
    // The XML is broken after the limit: read whole (as ExcelJS's load did here before), the file is
    // unreadable; streamed, it is refused as too long before the break is reached.
    const broken = '<row r="999999"><c r="A999999" t="inlineStr"><is><t>x</t></is></c></wrong>';
    const xml = sheetXml(rows(MAX_READ_ROWS + 2_000)).replace("</sheetData>", `${broken}</sheetData>`);
    const bytes = workbook(xml);
    const started = performance.now();
    expect(await readXlsx(bytes)).toEqual(tooMany);
    expect(performance.now() - started).toBeLessThan(10_000);
  });

  test("a sheet within the limit is read whole", { timeout: 20_000 }, async () => {
    const read = await readXlsx(workbook(sheetXml(rows(MAX_IMPORT_ROWS))));
    expect(read.ok && read.table.rows.length).toBe(MAX_IMPORT_ROWS + 1);
    expect(read.ok && read.table.rows.at(-1)).toEqual({ number: MAX_IMPORT_ROWS + 1, cells: registerRow(MAX_IMPORT_ROWS - 1, "Kho") });
  });

  test("a part that says it unzips to more than the limit is refused before anything is unzipped", async () => {
    // Its data is not even deflate: unzipping it would fail as unreadable, so the answer shows nothing was unzipped.
    const bomb = { name: "xl/worksheets/sheet1.xml", data: Buffer.from("x"), declaredSize: XLSX_MAX_UNZIPPED_BYTES + 1, raw: Buffer.from("not deflate at all") };
    expect(await readXlsx(workbook(bomb))).toEqual(tooLarge);
    const strings = { name: "xl/sharedStrings.xml", data: Buffer.from("x"), declaredSize: 1_000_000_000, raw: Buffer.from("junk") };
    expect(await readXlsx(workbook(sheetXml(rows(3)), [strings]))).toEqual(tooLarge);
  });

  test("a real zip bomb: 200 MB of shared strings in 200 KB", { timeout: 30_000 }, async () => {
    const huge = Buffer.alloc(200 * 1024 * 1024, 0x20);
    const strings = { name: "xl/sharedStrings.xml", data: Buffer.alloc(0), declaredSize: huge.length, raw: deflateRawSync(huge) };
    const bytes = workbook(sheetXml(rows(3)), [strings]);
    expect(bytes.length).toBeLessThan(1024 * 1024);
    expect(await readXlsx(bytes)).toEqual(tooLarge);
  });

  test("a part that unzips to more than its directory says is stopped as it unzips", { timeout: 30_000 }, async () => {
    // The directory says 4 KB; the data unzips to 50 MB.
    const xml = sheetXml(rows(3));
    const padded = Buffer.concat([Buffer.from(xml.replace("</worksheet>", ""), "utf8"), Buffer.alloc(50 * 1024 * 1024, 0x20), Buffer.from("</worksheet>")]);
    const lying = { name: "xl/worksheets/sheet1.xml", data: padded, declaredSize: 4096 };
    expect(await readXlsx(workbook(lying))).toEqual(tooLarge);
  });

  test("not a zip, or a zip that is not a workbook", async () => {
    expect(await readImportFile(Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from("garbage")]))).toEqual({ ok: false, problem: { key: "imports:file.unreadable" } });
    expect(await readXlsx(zip([{ name: "word/document.xml", data: Buffer.from("<w/>") }]))).toEqual({ ok: false, problem: { key: "imports:file.unreadable" } });
    expect(zipDirectory(Buffer.from("no directory here"))).toBeNull();
  });
});
