import { describe, expect, test } from "vitest";
import catalogueJson from "@content/catalogue/instrument-types.json";
import { CatalogueFileSchema } from "~/modules/content/schemas";
import {
  COLUMNS,
  type ExistingInstrument,
  type SheetTable,
  checkTable,
  columnOfHeader,
  detectDelimiter,
  MAX_IMPORT_ROWS,
  MAX_READ_ROWS,
  escapeFormula,
  foldForMatch,
  foldKey,
  parseDay,
  parseDecimal,
  planImport,
  readCsv,
  toCsv,
  unescapeFormula,
} from "./import";

const types = CatalogueFileSchema.parse(catalogueJson).types;
const TODAY = "2026-12-01";
const sites = [
  { id: 1, name: "Cửa hàng xăng dầu số 1 — Cái Khế" },
  { id: 2, name: "Kho Đà Nẵng" },
];
const context = { sites, types, today: TODAY };

const table = (rows: string[][]): SheetTable => ({ rows: rows.map((cells, i) => ({ number: i + 1, cells })) });
const HEAD = ["Mã/số hiệu", "Cơ sở", "Loại phương tiện đo", "Mục đích sử dụng"];

describe("parseDecimal", () => {
  test.each([
    ["0,5", 0.5],
    ["0.5", 0.5],
    ["1.000", 1000],
    ["1.000.000", 1_000_000],
    ["1.000,25", 1000.25],
    ["1,234.5", 1234.5],
    ["1,000", 1],
    ["-20", -20],
    [" 2 ", 2],
    [",5", 0.5],
    ["", null],
    ["   ", null],
  ])("%s → %s", (text, expected) => {
    expect(parseDecimal(text)).toBe(expected);
  });

  test.each(["abc", "1,2,3", "1.2.3,4,5", "1e5", "0x10", "12 kg"])("%s is not a number", (text) => {
    expect(parseDecimal(text)).toBe("invalid");
  });
});

describe("parseDay", () => {
  test.each([
    ["12/03/2026", "2026-03-12"],
    ["3/4/2026", "2026-04-03"], // day first, never month first
    ["29/02/2024", "2024-02-29"],
    ["12-03-2026", "2026-03-12"],
    ["12.03.2026", "2026-03-12"],
    ["2026-03-12", "2026-03-12"],
    ["", null],
  ])("%s → %s", (text, expected) => {
    expect(parseDay(text)).toBe(expected);
  });

  test.each(["29/02/2026", "31/04/2026", "13/13/2026", "12/03/26", "hôm qua", "00/01/2026"])("%s is not a day", (text) => {
    expect(parseDay(text)).toBe("invalid");
  });

  test("date cells and Excel day numbers", () => {
    expect(parseDay(new Date("2026-03-12T00:00:00Z"))).toBe("2026-03-12");
    expect(parseDay(46093)).toBe("2026-03-12");
    expect(parseDay(-1)).toBe("invalid");
  });
});

describe("matching names", () => {
  test("case, accents, đ, dashes and spaces do not matter", () => {
    expect(foldForMatch("CỬA HÀNG XĂNG DẦU SỐ 1 - Cái Khế")).toBe(foldForMatch("Cửa hàng xăng dầu số 1 — Cái Khế"));
    expect(foldForMatch("kho da nang")).toBe(foldForMatch("Kho  Đà Nẵng"));
    // Decomposed accents (macOS) fold the same as composed ones.
    expect(foldForMatch("Đà Nẵng".normalize("NFD"))).toBe(foldForMatch("Đà Nẵng"));
  });

  test.each([
    ["Mã/số hiệu", "tag"],
    ["MÃ SỐ HIỆU", "tag"],
    ["Tag", "tag"],
    ["Số hiệu*", "tag"],
    ["co so", "site"],
    ["Loại", "type"],
    ["Chu kỳ nội bộ (tháng)", "ownIntervalMonths"],
    ["Chu kỳ nội bộ", "ownIntervalMonths"],
    ["Own interval (months)", "ownIntervalMonths"],
    ["Ngày kiểm định/hiệu chuẩn gần nhất", "eventDate"],
    ["Số giấy chứng nhận", "certificateNo"],
    ["Ghi chú", null],
  ])("header %s → %s", (header, key) => {
    expect(columnOfHeader(header)).toBe(key);
  });

  test("no two columns share a header or an alias", () => {
    const seen = new Map<string, string>();
    for (const c of COLUMNS) {
      for (const h of [c.key, c.header.vi, c.header.en, ...c.aliases]) {
        const key = foldKey(h);
        expect(seen.get(key) ?? c.key, `${h} of ${c.key}`).toBe(c.key);
        seen.set(key, c.key);
      }
    }
  });

  test("every catalogue type is found by its id and both its names", () => {
    const rows = types.flatMap((t, i) => [t.id, t.name.vi, t.name.en.toUpperCase()].map((name, j) => [`T-${i}-${j}`, "Kho Đà Nẵng", name, "Thương mại"]));
    const result = checkTable(table([HEAD, ...rows]), context);
    if (!result.ok) throw new Error(result.problem.key);
    expect(result.checked.errors).toEqual([]);
    expect(result.checked.rows.map((r) => r.typeId)).toEqual(types.flatMap((t) => [t.id, t.id, t.id]));
  });
});

describe("readCsv", () => {
  const bytes = (text: string) => new Uint8Array(Buffer.from(text, "utf8"));

  test.each([
    ["a,b,c", ","],
    ["a;b;c", ";"],
    ["a\tb\tc", "\t"],
    ['"a,1";b;c', ";"],
    ["abc", ","],
  ])("separator of %j is %j", (line, delimiter) => {
    expect(detectDelimiter(line)).toBe(delimiter);
  });

  const cellsOf = (result: ReturnType<typeof readCsv>) => (result.ok ? result.table.rows.map((r) => r.cells) : result);

  test("BOM, semicolons, CRLF, quotes and a final line break", () => {
    const result = readCsv(bytes('\ufeffMã;Tên\r\nA1;"Cột ""số 1""; trái"\r\nA2;"hai\r\ndòng"\r\n'));
    expect(result).toEqual({
      ok: true,
      delimiter: ";",
      table: {
        rows: [
          { number: 1, cells: ["Mã", "Tên"] },
          { number: 2, cells: ["A1", 'Cột "số 1"; trái'] },
          { number: 3, cells: ["A2", "hai\r\ndòng"] },
        ],
      },
    });
  });

  test("empty rows are left out, and the others keep the numbers the spreadsheet shows", () => {
    const result = readCsv(bytes("Mã;Tên\n;\n\nA;B\n  ; \nC;D\n"));
    expect(result.ok && result.table.rows).toEqual([
      { number: 1, cells: ["Mã", "Tên"] },
      { number: 4, cells: ["A", "B"] },
      { number: 6, cells: ["C", "D"] },
    ]);
  });

  test("Excel's sep= line names the separator", () => {
    const result = readCsv(bytes("sep=;\nMã;Tên,x\nA;B,y\n"));
    expect(cellsOf(result)).toEqual([
      ["Mã", "Tên,x"],
      ["A", "B,y"],
    ]);
  });

  test("UTF-16 with a BOM (Excel's Unicode text)", () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("Mã\tTên\nA\tĐà Nẵng\n", "utf16le")]);
    const result = readCsv(new Uint8Array(utf16));
    expect(result.ok && result.table.rows[1]).toEqual({ number: 2, cells: ["A", "Đà Nẵng"] });
  });

  test("not UTF-8: refused rather than garbled", () => {
    expect(readCsv(new Uint8Array([0x4d, 0xe3, 0x0a]))).toEqual({ ok: false, problem: { key: "imports:file.encoding" } });
  });

  test("an unclosed quote is named by its row", () => {
    expect(readCsv(bytes('Mã;Tên\nA;B\nC;"D\n'))).toEqual({ ok: false, problem: { key: "imports:file.quotes", values: { row: "3" } } });
  });

  test("reading stops once the file has more rows than an import takes", () => {
    // After the limit the file breaks (an unclosed quote): read whole, it would be refused for the
    // quote; read row by row, it is refused for its length before the break is reached.
    const lines = ["Mã;Tên"];
    for (let i = 0; i < MAX_READ_ROWS + 5_000; i++) lines.push(`T-${i};Tên ${i}`);
    const text = `${lines.join("\n")}\nX;"never closed\n`;
    expect(readCsv(bytes(text))).toEqual({ ok: false, problem: { key: "imports:file.tooManyRows", values: { max: String(MAX_IMPORT_ROWS) } } });
    // Exactly at the limit the whole file is read (the break is then found).
    const atLimit = `${lines.slice(0, MAX_READ_ROWS).join("\n")}\nX;"never closed\n`;
    expect(readCsv(bytes(atLimit))).toMatchObject({ ok: false, problem: { key: "imports:file.quotes" } });
  });

  test("what we write we read back, formulas defused", () => {
    const written = toCsv(
      [
        ["Tên", "Số"],
        ["=1+1", "-2"],
        ["-x", "0,5"],
      ],
      ";",
    );
    expect(written.startsWith("\ufeff")).toBe(true);
    expect(written).toContain("'=1+1;-2\r\n'-x;0,5");
    const read = readCsv(bytes(toCsv([["Tên"], ["=1+1"], ["-x"], ["@a"], [" =1"], ["-12,5"], ["'quoted"]], ",")));
    expect(cellsOf(read)).toEqual([["Tên"], ["=1+1"], ["-x"], ["@a"], [" =1"], ["-12,5"], ["'quoted"]]);
  });
});

describe("escapeFormula", () => {
  // Issue 12, point 7: a leading minus was let through to keep negative numbers, and
  // "-1+cmd|' /C calc'!A0" then reached Excel as a formula.
  test.each([
    ["=1+1", "'=1+1"],
    ["+1+1", "'+1+1"],
    ["-1+cmd|' /C calc'!A0", "'-1+cmd|' /C calc'!A0"],
    ["-x", "'-x"],
    ["@SUM(A1:A9)", "'@SUM(A1:A9)"],
    ["\t=1+1", "'\t=1+1"],
    ["\r=1+1", "'\r=1+1"],
    ["\n-1+1", "'\n-1+1"],
    ["\tplain", "'\tplain"],
    ["  =1+1", "'  =1+1"],
    ["\u00a0-2+3", "'\u00a0-2+3"],
    ["\uff1d1+1", "'\uff1d1+1"],
    ["-", "'-"],
    ["-12.5", "-12.5"],
    ["-12,5", "-12,5"],
    ["+5", "+5"],
    ["-1.000,5", "-1.000,5"],
    ["-,5", "-,5"],
    ["12", "12"],
    ["CD-01", "CD-01"],
    ["Cột bơm số 1", "Cột bơm số 1"],
    ["", ""],
    ["1+1", "1+1"],
  ])("%j → %j", (text, expected) => {
    expect(escapeFormula(text)).toBe(expected);
    // Reading our own file gives back what was written.
    expect(unescapeFormula(escapeFormula(text))).toBe(text);
  });
});

describe("checkTable", () => {
  test("missing required columns and repeated columns are file problems", () => {
    expect(checkTable(table([["Mã/số hiệu", "Tên thiết bị"], ["A", "B"]]), context)).toEqual({
      ok: false,
      problem: { key: "imports:file.missingColumns", values: { columns: "Cơ sở, Loại phương tiện đo, Mục đích sử dụng" } },
    });
    expect(checkTable(table([[...HEAD, "Tag"], ["A"]]), context)).toMatchObject({ ok: false, problem: { key: "imports:file.duplicateColumn", values: { column: "Tag" } } });
    expect(checkTable(table([[], ["", ""]]), context)).toMatchObject({ ok: false, problem: { key: "imports:file.empty" } });
    expect(checkTable(table([HEAD, ["", "", "", ""]]), context)).toMatchObject({ ok: false, problem: { key: "imports:file.noRows" } });
  });

  test("row numbers are those the spreadsheet shows, empty rows counted but skipped", () => {
    const result = checkTable(table([[], HEAD, ["A", "Kho Đà Nẵng", "Taximet", "Thương mại"], [], ["B", "Nowhere", "Taximet", "Thương mại"]]), context);
    if (!result.ok) throw new Error();
    expect(result.checked.rowCount).toBe(2);
    expect(result.checked.errors).toEqual([{ row: 5, tag: "B", column: "site", value: "Nowhere", reason: "imports:errors.siteUnknown", values: undefined }]);
  });

  test("a business with one site may leave the site empty", () => {
    const one = { ...context, sites: [sites[1]!] };
    const result = checkTable(table([HEAD, ["A", "", "taximeter", "trade"]]), one);
    expect(result.ok && result.checked.rows[0]!.siteId).toBe(2);
    const two = checkTable(table([HEAD, ["A", "", "taximeter", "trade"]]), context);
    expect(two.ok && two.checked.errors[0]).toMatchObject({ column: "site", reason: "imports:errors.required" });
  });

  test("the template's hint row is skipped, in either language", () => {
    const hint = (language: "vi" | "en") => ["tag", "site", "type", "purpose"].map((key) => COLUMNS.find((c) => c.key === key)!.hint[language]);
    for (const language of ["vi", "en"] as const) {
      const result = checkTable(table([HEAD, hint(language), ["A", "Kho Đà Nẵng", "Taximet", "Thương mại"]]), context);
      expect(result.ok && result.checked.rowCount).toBe(1);
    }
  });

  test("Vietnamese and English words for coded values", () => {
    const head = [...HEAD, "Trạng thái", "Ngày kiểm định/hiệu chuẩn gần nhất", "Hình thức", "Kết quả", "Đơn vị thực hiện"];
    const result = checkTable(
      table([
        head,
        ["A", "kho da nang", "Áp kế", "an toàn", "ngừng sử dụng", "01/06/2026", "KIỂM ĐỊNH", "không đạt", "TĐC"],
        ["B", "Kho Đà Nẵng", "pressure-gauge", "Health", "Quarantined", "2026-06-01", "calibration", "adjusted", "Lab"],
        ["C", "Kho Đà Nẵng", "Pressure gauge (spring-type or electronic)", "Sức khoẻ", "", "1/6/2026", "Thử nghiệm", "Đạt", "Lab"],
      ]),
      context,
    );
    if (!result.ok) throw new Error();
    expect(result.checked.errors).toEqual([]);
    expect(result.checked.rows.map((r) => [r.typeId, r.purpose, r.status, r.event?.kind, r.event?.result])).toEqual([
      ["pressure-gauge", "safety", "out_of_service", "verification", "fail"],
      ["pressure-gauge", "health", "quarantined", "calibration", "adjusted"],
      ["pressure-gauge", "health", null, "test", "pass"],
    ]);
  });
});

describe("planImport", () => {
  const parsed = (extra: string[][] = []) => {
    const head = [...HEAD, "Tên thiết bị", "Ngày kiểm định/hiệu chuẩn gần nhất", "Hình thức", "Kết quả", "Đơn vị thực hiện"];
    const result = checkTable(table([head, ...extra]), context);
    if (!result.ok) throw new Error(result.problem.key);
    expect(result.checked.errors).toEqual([]);
    return result.checked.rows;
  };
  const existing = (tag: string, overrides: Partial<ExistingInstrument> = {}): ExistingInstrument => ({
    id: 7,
    site_id: 2,
    type_id: "fuel-dispenser",
    tag,
    name: "Cột 1",
    serial: "S",
    manufacturer: "",
    model: "",
    range_min: null,
    range_max: null,
    unit: "L",
    accuracy: "",
    purpose: "trade",
    status: "in_service",
    own_interval_months: null,
    responsible_person: "",
    legal_due_on: null,
    own_due_on: null,
    next_due_on: null,
    due_rule: null,
    last_event_on: null,
    last_certificate_no: null,
    last_provider: null,
    ...overrides,
  });

  test("a verification sets the legal due date from the cycle in force", () => {
    const plan = planImport(parsed([["A", "Kho Đà Nẵng", "fuel-dispenser", "trade", "", "12/03/2026", "Kiểm định", "Đạt", "TĐC"]]), new Map(), new Map(), types);
    expect(plan).toMatchObject({ created: 1, events: 1 });
    expect(plan.rows[0]!.columns).toMatchObject({ name: "Cột đo xăng dầu", unit: "L", next_due_on: "2027-03-12", legal_due_on: "2027-03-12", last_event_on: "2026-03-12" });
  });

  test("an event already on record is not recorded again; a superseded one does not count", () => {
    const rows = parsed([["A", "Kho Đà Nẵng", "fuel-dispenser", "trade", "Cột 1", "12/03/2026", "Kiểm định", "Đạt", "TĐC"]]);
    const onRecord = {
      id: 3,
      kind: "verification" as const,
      performedOn: "2026-03-12",
      result: "pass" as const,
      overrideDueOn: null,
      notes: "",
      supersedesEventId: null,
      provider: "TĐC",
      certificateNo: "",
    };
    const before = existing("A", { next_due_on: "2027-03-12", legal_due_on: "2027-03-12", due_rule: null, last_event_on: "2026-03-12", last_provider: "TĐC" });
    const first = planImport(rows, new Map([["A", before]]), new Map([[7, [onRecord]]]), types);
    expect(first).toMatchObject({ events: 0, eventsOnRecord: 1 });
    const correction = { ...onRecord, id: 4, result: "fail" as const, supersedesEventId: 3 };
    const second = planImport(rows, new Map([["A", before]]), new Map([[7, [onRecord, correction]]]), types);
    expect(second).toMatchObject({ events: 1, eventsOnRecord: 0, updated: 1 });
  });

  test("an existing instrument keeps what the file leaves out and its status when the cell is empty", () => {
    const plan = planImport(parsed([["A", "Kho Đà Nẵng", "fuel-dispenser", "trade", "", "", "", "", ""]]), new Map([["A", existing("A", { status: "retired", serial: "S-1" })]]), new Map(), types);
    expect(plan.rows[0]).toMatchObject({ action: "unchanged", columns: { name: "Cột 1", serial: "S-1", status: "retired" } });
  });
});
