import { createHash, randomUUID } from "node:crypto";
import { once } from "node:events";
import { createWriteStream } from "node:fs";
import { readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type UploadHandler, unstable_parseMultipartFormData } from "@remix-run/node";
import ExcelJS from "exceljs";
import { type ExpressionBuilder } from "kysely";
import { type Database, type EventKind, type EventResult } from "@db/schema";
import { listSites } from "~/modules/accounts/businesses.server";
import { recordAudit } from "~/modules/audit/audit.server";
import { type BusinessScope } from "~/utils/auth.server";
import { type Queryable, type Tx, db, nowIso } from "~/utils/db.server";
import { legalCatalogue } from "./catalogue.server";
import {
  type CheckedTable,
  COLUMNS,
  type ExistingInstrument,
  type FileProblem,
  type ImportPlan,
  KIND_WORDS,
  PURPOSE_WORDS,
  RESULT_WORDS,
  STATUS_WORDS,
  checkTable,
  csvDelimiter,
  planImport,
  toCsv,
} from "./import";
import { importFileKind, readImportFile } from "./import-read.server";
import { newPublicToken } from "./instruments.server";
import { type ScheduleEvent } from "./schedule";

// Import of the register from CSV or .xlsx: upload → stored file → preview → confirm. The file is
// kept in stored_file and read again on confirm, so nothing the browser sends back is trusted.

/** A 30,000-row register with every column is about 8 MB as CSV; twice that leaves room. */
export const IMPORT_MAX_BYTES = 20 * 1024 * 1024;

export const CSV_MIME = "text/csv";
export const XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const IMPORT_MIMES = [CSV_MIME, XLSX_MIME];

/** At most this many values in one statement: SQLite's limit is 32,766. */
const MAX_PARAMETERS = 32_000;

// ---- Upload ----

/** An uploaded import file, streamed to a temporary file as it arrived; `cleanup` removes it. */
export type ImportUpload = { filename: string; path: string; size: number };
export type ParsedImportForm = { file: ImportUpload | "tooLarge" | null; cleanup: () => Promise<void> };

const FIELD_MAX_BYTES = 1024;

/**
 * The multipart form of the upload page. The file is written to a temporary file as its bytes
 * arrive and counted on the way: past IMPORT_MAX_BYTES the writing stops (the rest is read and
 * thrown away), so an upload never sits whole in memory. Other parts are small or dropped.
 */
export async function parseImportForm(request: Request): Promise<ParsedImportForm> {
  let saved: ImportUpload | "tooLarge" | null = null;
  const written: string[] = [];
  const cleanup = async () => {
    await Promise.all(written.splice(0).map((path) => rm(path, { force: true })));
  };
  const handler: UploadHandler = async ({ name, filename, data }) => {
    if (filename === undefined) {
      const chunks: Uint8Array[] = [];
      let size = 0;
      for await (const chunk of data) {
        size += chunk.byteLength;
        if (size <= FIELD_MAX_BYTES) chunks.push(chunk);
      }
      return size <= FIELD_MAX_BYTES ? Buffer.concat(chunks).toString("utf8") : null;
    }
    if (name !== "file" || saved !== null) {
      for await (const _ of data) {
        // Another file part: read and dropped.
      }
      return null;
    }
    const path = join(tmpdir(), `portal-import-${randomUUID()}`);
    written.push(path);
    const out = createWriteStream(path, { flags: "wx", mode: 0o600 });
    const closed = new Promise<void>((resolve, reject) => {
      out.on("close", resolve);
      out.on("error", reject);
    });
    closed.catch(() => {}); // awaited below; a write error on the way is thrown from the loop
    let size = 0;
    try {
      for await (const chunk of data) {
        size += chunk.byteLength;
        if (size > IMPORT_MAX_BYTES) continue;
        if (!out.write(chunk)) await once(out, "drain");
      }
    } catch (error) {
      out.destroy();
      throw error;
    }
    out.end();
    await closed;
    if (size > IMPORT_MAX_BYTES) {
      saved = "tooLarge";
      await cleanup();
    } else if (filename && size > 0) {
      saved = { filename: filename.replace(/[\\/\r\n"]/g, "_").slice(0, 200), path, size };
    }
    return null;
  };
  try {
    await unstable_parseMultipartFormData(request, handler);
  } catch (error) {
    await cleanup();
    throw error;
  }
  return { file: saved, cleanup };
}

// ---- Checking against the business ----

async function importContext(scope: BusinessScope, today: string) {
  const sites = await listSites(scope);
  // Retired types stay known: re-importing an instrument that has one must still match it.
  return { sites: sites.map((s) => ({ id: s.id, name: s.name })), types: (await legalCatalogue()).types, today };
}

export type CheckOutcome = { ok: true; checked: CheckedTable; delimiter?: string } | { ok: false; problem: FileProblem };

export async function checkImportBytes(scope: BusinessScope, bytes: Buffer, today: string): Promise<CheckOutcome> {
  const read = await readImportFile(bytes);
  if (!read.ok) return read;
  const checked = checkTable(read.table, await importContext(scope, today));
  return checked.ok ? { ok: true, checked: checked.checked, delimiter: read.delimiter } : checked;
}

// ---- Stored files ----

/**
 * Uploaded import files kept per business: the most recent few, so a preview can be confirmed
 * later, and none older than IMPORT_FILES_KEEP_DAYS. What was imported stays in the register and
 * its audit row (file name, SHA-256 and counts), not in a copy of the file.
 */
export const IMPORT_FILES_KEPT = 5;
export const IMPORT_FILES_KEEP_DAYS = 30;

/** Stores an uploaded file (read from its temporary file) and deletes the business's import files past the limits. */
export async function storeImportFile(scope: BusinessScope, upload: ImportUpload): Promise<number> {
  const bytes = await readFile(upload.path);
  return db()
    .transaction()
    .execute(async (tx) => {
      const row = await tx
        .insertInto("stored_file")
        .values({
          business_id: scope.businessId,
          filename: upload.filename,
          mime_type: importFileKind(bytes) === "xlsx" ? XLSX_MIME : CSV_MIME,
          size_bytes: bytes.length,
          sha256: createHash("sha256").update(bytes).digest("hex"),
          content: bytes,
          uploaded_by: scope.user.id,
          uploaded_at: nowIso(),
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      await deleteOldImportFiles(tx, scope.businessId);
      return row.id;
    });
}

/** What points at a stored file (nothing should at an import file: evidence, certificates and attachments are PDFs and images). */
function referencesTo(eb: ExpressionBuilder<Database, "stored_file">) {
  return [
    eb.exists(eb.selectFrom("assessment_answer").whereRef("assessment_answer.evidence_file_id", "=", "stored_file.id").select("assessment_answer.item_key")),
    eb.exists(eb.selectFrom("instrument_event").whereRef("instrument_event.certificate_file_id", "=", "stored_file.id").select("instrument_event.id")),
    eb.exists(eb.selectFrom("request_attachment").whereRef("request_attachment.file_id", "=", "stored_file.id").select("request_attachment.file_id")),
  ];
}

/**
 * Deletes import files beyond the business's IMPORT_FILES_KEPT most recent, and any older than
 * IMPORT_FILES_KEEP_DAYS (every business's), unless something points at them. Two statements,
 * each on an index: no scan through the stored files' bytes.
 */
export async function deleteOldImportFiles(q: Queryable, businessId: number): Promise<number> {
  const before = new Date(Date.now() - IMPORT_FILES_KEEP_DAYS * 86_400_000).toISOString();
  const tooOld = await q
    .deleteFrom("stored_file")
    .where("mime_type", "in", IMPORT_MIMES)
    .where("uploaded_at", "<", before)
    .where((eb) => eb.not(eb.or(referencesTo(eb))))
    .executeTakeFirst();
  const beyondKept = await q
    .deleteFrom("stored_file")
    .where("business_id", "=", businessId)
    .where("mime_type", "in", IMPORT_MIMES)
    .where("id", "not in", (eb) =>
      eb
        .selectFrom("stored_file as kept")
        .where("kept.business_id", "=", businessId)
        .where("kept.mime_type", "in", IMPORT_MIMES)
        .select("kept.id")
        .orderBy("kept.id", "desc")
        .limit(IMPORT_FILES_KEPT),
    )
    .where((eb) => eb.not(eb.or(referencesTo(eb))))
    .executeTakeFirst();
  return Number(tooOld.numDeletedRows) + Number(beyondKept.numDeletedRows);
}

/** An import file of this business; undefined for any other business's file or a non-import file. */
export function getImportFile(q: Queryable, scope: BusinessScope, fileId: number) {
  return q
    .selectFrom("stored_file")
    .where("business_id", "=", scope.businessId)
    .where("id", "=", fileId)
    .where("mime_type", "in", IMPORT_MIMES)
    .select(["id", "filename", "content", "sha256", "size_bytes as sizeBytes", "uploaded_at as uploadedAt"])
    .executeTakeFirst();
}

// ---- What is on record ----

async function registerOnRecord(q: Queryable, scope: BusinessScope) {
  const instruments = await q
    .selectFrom("instrument")
    .where("business_id", "=", scope.businessId)
    .select([
      "id",
      "site_id",
      "type_id",
      "tag",
      "name",
      "serial",
      "manufacturer",
      "model",
      "range_min",
      "range_max",
      "unit",
      "accuracy",
      "purpose",
      "status",
      "own_interval_months",
      "responsible_person",
      "legal_due_on",
      "own_due_on",
      "next_due_on",
      "due_rule",
      "last_event_on",
      "last_certificate_no",
      "last_provider",
    ])
    .execute();
  const byTag = new Map<string, ExistingInstrument>(instruments.map((i) => [i.tag, i]));
  const events = await q
    .selectFrom("instrument_event")
    .where("business_id", "=", scope.businessId)
    .select([
      "id",
      "instrument_id as instrumentId",
      "kind",
      "performed_on as performedOn",
      "result",
      "override_due_on as overrideDueOn",
      "notes",
      "supersedes_event_id as supersedesEventId",
      "provider",
      "certificate_no as certificateNo",
    ])
    .execute();
  const eventsByInstrument = new Map<number, ScheduleEvent[]>();
  for (const { instrumentId, ...event } of events) {
    const list = eventsByInstrument.get(instrumentId);
    if (list) list.push(event);
    else eventsByInstrument.set(instrumentId, [event]);
  }
  return { byTag, eventsByInstrument };
}

async function planFor(q: Queryable, scope: BusinessScope, checked: CheckedTable): Promise<ImportPlan> {
  const { byTag, eventsByInstrument } = await registerOnRecord(q, scope);
  return planImport(checked.rows, byTag, eventsByInstrument, (await legalCatalogue(q)).types);
}

// ---- Preview ----

export type ImportPreview = {
  file: { id: number; filename: string; sizeBytes: number; uploadedAt: string; sha256: string };
  outcome: CheckOutcome;
  plan: ImportPlan | null;
};

/** The stored file read again and checked against today's register; nothing is written. Null: not this business's import file. */
export async function previewImport(scope: BusinessScope, fileId: number, today: string): Promise<ImportPreview | null> {
  const file = await getImportFile(db(), scope, fileId);
  if (!file) return null;
  const outcome = await checkImportBytes(scope, file.content, today);
  const plan = outcome.ok && !outcome.checked.errors.length ? await planFor(db(), scope, outcome.checked) : null;
  const { content: _content, ...meta } = file;
  return { file: meta, outcome, plan };
}

/** Problems listed on the page at most; the count says how many more there are. */
export const SHOWN_ERRORS = 500;
const SAMPLE_ROWS = 20;

/** The preview as the page shows it: words in the user's language, a bounded list. */
export async function describePreview(scope: BusinessScope, preview: ImportPreview, language: Language) {
  const { file, outcome, plan } = preview;
  if (!outcome.ok) return { file, problem: outcome.problem, checked: null, plan: null };
  const { checked } = outcome;
  const header = (key: string | null) => (key ? (COLUMNS.find((c) => c.key === key)?.header[language] ?? key) : "");
  const errors = checked.errors.slice(0, SHOWN_ERRORS).map((e) => ({ ...e, columnLabel: header(e.column) }));
  const siteNames = new Map((await listSites(scope)).map((s) => [s.id, s.name]));
  const typeNames = new Map((await legalCatalogue()).types.map((t) => [t.id, t.name[language]]));
  return {
    file,
    problem: null,
    checked: {
      rowCount: checked.rowCount,
      delimiter: outcome.delimiter ?? null,
      ignoredColumns: checked.ignoredColumns,
      errorCount: checked.errors.length,
      errorRows: new Set(checked.errors.map((e) => e.row)).size,
      errors,
    },
    plan: plan && {
      created: plan.created,
      updated: plan.updated,
      unchanged: plan.unchanged,
      events: plan.events,
      eventsOnRecord: plan.eventsOnRecord,
      sample: plan.rows.slice(0, SAMPLE_ROWS).map((r) => ({
        row: r.row,
        tag: r.tag,
        name: r.columns.name,
        site: siteNames.get(r.columns.site_id) ?? "",
        type: typeNames.get(r.columns.type_id) ?? r.columns.type_id,
        status: STATUS_WORDS[r.columns.status][language],
        action: r.action,
        event: r.event && { kind: KIND_WORDS[r.event.kind][language], on: r.event.performedOn, result: RESULT_WORDS[r.event.result][language] },
        nextDueOn: r.columns.next_due_on,
      })),
    },
  };
}

export type DescribedPreview = Awaited<ReturnType<typeof describePreview>>;

// ---- Confirm ----

export type ImportCounts = { rows: number; created: number; updated: number; unchanged: number; events: number; eventsOnRecord: number };
export type ConfirmResult = { ok: true; counts: ImportCounts } | { ok: false; reason: "changed" | "alreadyImported" };

/** Thrown inside the import's transaction to roll it back, claim included. */
class ImportChanged extends Error {}

/** When this file was imported (the claim of its confirm), if it was. */
export function importConfirmation(scope: BusinessScope, fileId: number) {
  return db()
    .selectFrom("import_confirmation")
    .where("business_id", "=", scope.businessId)
    .where("file_id", "=", fileId)
    .select(["confirmed_at as confirmedAt", "confirmed_by as confirmedBy"])
    .executeTakeFirst();
}

/** The stored file's metadata, without its bytes. */
export function importFileMeta(scope: BusinessScope, fileId: number) {
  return db()
    .selectFrom("stored_file")
    .where("business_id", "=", scope.businessId)
    .where("id", "=", fileId)
    .where("mime_type", "in", IMPORT_MIMES)
    .select(["id", "filename", "sha256", "size_bytes as sizeBytes", "uploaded_at as uploadedAt", "mime_type as mimeType"])
    .executeTakeFirst();
}

/** Reads and checks a stored import file on this thread; null: not this business's import file. */
export async function checkStoredImport(scope: BusinessScope, fileId: number, today: string): Promise<CheckOutcome | null> {
  const file = await getImportFile(db(), scope, fileId);
  return file ? checkImportBytes(scope, file.content, today) : null;
}

/**
 * Imports a previewed file, all rows or none, in one transaction: instruments upserted by tag in
 * a few multi-row statements, each row's last check recorded once, schedules computed by the same
 * rule as refreshSchedule, and one audit row for the whole change set. The transaction first
 * claims the file (import_confirmation): a second confirm of the same file, double-clicked or
 * from another tab, finds the claim and imports nothing. `check` reads and checks the file (on a
 * worker thread for a large one). Null: not this business's file.
 */
export async function confirmImport(
  scope: BusinessScope,
  fileId: number,
  today: string,
  check: () => Promise<CheckOutcome | null> = () => checkStoredImport(scope, fileId, today),
): Promise<ConfirmResult | null> {
  const file = await importFileMeta(scope, fileId);
  if (!file) return null;
  if (await importConfirmation(scope, fileId)) return { ok: false, reason: "alreadyImported" };
  // Reading and checking a large file is the slow part: done before the transaction takes the connection.
  const outcome = await check();
  if (!outcome) return null;
  if (!outcome.ok || outcome.checked.errors.length) return { ok: false, reason: "changed" };
  const checked = outcome.checked;
  try {
    return await db()
      .transaction()
      .execute(async (tx): Promise<ConfirmResult> => {
        const claimed = await tx
          .insertInto("import_confirmation")
          .values({ file_id: file.id, business_id: scope.businessId, confirmed_by: scope.user.id, confirmed_at: nowIso() })
          .onConflict((oc) => oc.column("file_id").doNothing())
          .returning("file_id")
          .executeTakeFirst();
        if (!claimed) return { ok: false, reason: "alreadyImported" };
        // Sites may have changed since the check: the rows must still point at this business's sites.
        const siteIds = new Set((await tx.selectFrom("site").where("business_id", "=", scope.businessId).select("id").execute()).map((s) => s.id));
        if (checked.rows.some((r) => !siteIds.has(r.siteId))) throw new ImportChanged();
        const plan = await planFor(tx, scope, checked);
        await writePlan(tx, scope, plan);
        const counts: ImportCounts = {
          rows: plan.rows.length,
          created: plan.created,
          updated: plan.updated,
          unchanged: plan.unchanged,
          events: plan.events,
          eventsOnRecord: plan.eventsOnRecord,
        };
        await recordAudit(tx, {
          actorUserId: scope.user.id,
          businessId: scope.businessId,
          entity: "instrument_import",
          entityId: file.id,
          action: "import",
          detail: { file: file.filename, sha256: file.sha256, ...counts },
        });
        return { ok: true, counts };
      });
  } catch (error) {
    if (error instanceof ImportChanged) return { ok: false, reason: "changed" };
    throw error;
  }
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

async function writePlan(tx: Tx, scope: BusinessScope, plan: ImportPlan): Promise<void> {
  const now = nowIso();
  const written = plan.rows.filter((r) => r.action !== "unchanged");
  const idByTag = new Map<string, number>();
  for (const r of plan.rows) if (r.existingId !== null) idByTag.set(r.tag, r.existingId);

  // One upsert per chunk: new tags are inserted, known tags updated in place (their public
  // address, creation time and event history stay).
  const instrumentValues = written.map((r) => ({
    business_id: scope.businessId,
    ...r.columns,
    public_token: newPublicToken(),
    created_at: now,
    updated_at: now,
  }));
  const perInstrument = Object.keys(instrumentValues[0] ?? { x: 0 }).length;
  for (const chunk of chunks(instrumentValues, Math.floor(MAX_PARAMETERS / perInstrument))) {
    const rows = await tx
      .insertInto("instrument")
      .values(chunk)
      .onConflict((oc) =>
        oc.columns(["business_id", "tag"]).doUpdateSet((eb) => ({
          site_id: eb.ref("excluded.site_id"),
          type_id: eb.ref("excluded.type_id"),
          name: eb.ref("excluded.name"),
          serial: eb.ref("excluded.serial"),
          manufacturer: eb.ref("excluded.manufacturer"),
          model: eb.ref("excluded.model"),
          range_min: eb.ref("excluded.range_min"),
          range_max: eb.ref("excluded.range_max"),
          unit: eb.ref("excluded.unit"),
          accuracy: eb.ref("excluded.accuracy"),
          purpose: eb.ref("excluded.purpose"),
          status: eb.ref("excluded.status"),
          own_interval_months: eb.ref("excluded.own_interval_months"),
          responsible_person: eb.ref("excluded.responsible_person"),
          legal_due_on: eb.ref("excluded.legal_due_on"),
          own_due_on: eb.ref("excluded.own_due_on"),
          next_due_on: eb.ref("excluded.next_due_on"),
          due_rule: eb.ref("excluded.due_rule"),
          last_event_on: eb.ref("excluded.last_event_on"),
          last_certificate_no: eb.ref("excluded.last_certificate_no"),
          last_provider: eb.ref("excluded.last_provider"),
          updated_at: eb.ref("excluded.updated_at"),
        })),
      )
      .returning(["id", "tag"])
      .execute();
    for (const row of rows) idByTag.set(row.tag, row.id);
  }

  const eventValues = plan.rows
    .filter((r) => r.event !== null)
    .map((r) => ({
      instrument_id: idByTag.get(r.tag)!,
      business_id: scope.businessId,
      kind: r.event!.kind as EventKind,
      performed_on: r.event!.performedOn,
      provider: r.event!.provider,
      certificate_no: r.event!.certificateNo,
      result: r.event!.result as EventResult,
      certificate_file_id: null,
      notes: "",
      override_due_on: null,
      supersedes_event_id: null,
      visit_ref: null,
      impact_since: null,
      impact_measured: null,
      impact_action: null,
      recorded_by: scope.user.id,
      recorded_at: now,
    }));
  const perEvent = Object.keys(eventValues[0] ?? { x: 0 }).length;
  for (const chunk of chunks(eventValues, Math.floor(MAX_PARAMETERS / perEvent))) {
    await tx.insertInto("instrument_event").values(chunk).execute();
  }
}

/** The counts of a finished import, from its audit row; undefined for another business's. */
export async function importResult(scope: BusinessScope, fileId: number) {
  const row = await db()
    .selectFrom("audit_log")
    .where("business_id", "=", scope.businessId)
    .where("entity", "=", "instrument_import")
    .where("entity_id", "=", String(fileId))
    .select(["detail", "at"])
    .orderBy("id", "desc")
    .executeTakeFirst();
  if (!row?.detail) return undefined;
  const detail = JSON.parse(row.detail) as ImportCounts & { file: string };
  return { filename: detail.file, at: row.at, counts: detail };
}

// ---- Templates ----

// ExcelJS writes sheet data validations but its type definitions leave the collection out.
const dataValidations = (sheet: ExcelJS.Worksheet) =>
  (sheet as unknown as { dataValidations: { add(address: string, validation: ExcelJS.DataValidation): void } }).dataValidations;

type Language = "vi" | "en";

const HELP_HEADERS: Record<Language, { column: string; required: string; how: string; example: string; yes: string; when: string }> = {
  vi: { column: "Cột", required: "Bắt buộc", how: "Cách ghi", example: "Ví dụ", yes: "Có", when: "Khi có ngày" },
  en: { column: "Column", required: "Required", how: "How to fill it in", example: "Example", yes: "Yes", when: "With a date" },
};

const HELP_NOTES: Record<Language, string[]> = {
  vi: [
    "Ghi mỗi phương tiện đo một dòng ở trang đầu tiên, từ dòng 2. Trang này và trang Danh mục không được nhập.",
    "Ngày ghi dd/MM/yyyy (12/03/2026); số thập phân dùng dấu phẩy (0,5) hoặc dấu chấm.",
    "Nhập lại cùng tệp (hoặc tệp đã xuất) cập nhật các thiết bị có cùng mã, không tạo bản trùng; cột bỏ đi thì giữ nguyên giá trị cũ.",
    "Có ngày kiểm định/hiệu chuẩn thì ghi cả hình thức, kết quả và đơn vị thực hiện: hệ thống ghi nhận sự kiện đó và tính hạn tiếp theo.",
    "Trước khi nhập, hệ thống liệt kê mọi dòng, ô và lý do sai; không dòng nào được nhập cho đến khi tất cả đều đúng và bạn xác nhận.",
  ],
  en: [
    "Write one instrument per row on the first sheet, from row 2. This sheet and the Lists sheet are not imported.",
    "Dates as dd/MM/yyyy (12/03/2026); decimals with a comma (0,5) or a point.",
    "Importing the same file again (or an exported one) updates instruments with the same tag instead of adding copies; a column left out keeps its values.",
    "With a check date, also fill in the kind, result and provider: the check is recorded and the next due date computed.",
    "Before anything is imported you see every bad row, cell and reason; nothing is imported until every row is right and you confirm.",
  ],
};

const SHEET_NAMES: Record<Language, { data: string; guide: string; lists: string }> = {
  vi: { data: "Thiết bị", guide: "Hướng dẫn", lists: "Danh mục" },
  en: { data: "Instruments", guide: "Guide", lists: "Lists" },
};

function requiredText(key: string, language: Language): string {
  const h = HELP_HEADERS[language];
  if (key === "tag" || key === "type" || key === "purpose" || key === "site") return h.yes;
  if (key === "eventKind" || key === "eventResult" || key === "provider") return h.when;
  return "";
}

/** The CSV template: header row and one hint row (recognised and skipped on import). */
export function templateCsv(language: Language): string {
  return toCsv([COLUMNS.map((c) => c.header[language]), COLUMNS.map((c) => c.hint[language])], csvDelimiter(language));
}

/** The .xlsx template: the sheet to fill in, a guide sheet, and lists (this business's sites, the catalogue) behind drop-downs. */
export async function templateXlsx(scope: BusinessScope, language: Language): Promise<Buffer> {
  const sites = await listSites(scope);
  const names = SHEET_NAMES[language];
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Measurement Assurance Portal";
  const data = workbook.addWorksheet(names.data, { views: [{ state: "frozen", ySplit: 1 }] });
  const guide = workbook.addWorksheet(names.guide);
  const lists = workbook.addWorksheet(names.lists);

  data.columns = COLUMNS.map((c) => ({
    header: c.header[language],
    key: c.key,
    width: Math.max(14, Math.min(40, c.header[language].length + 4)),
    // Tags, serials and certificate numbers stay text: "001" must not become 1.
    style: ["tag", "serial", "model", "certificateNo"].includes(c.key) ? { numFmt: "@" } : c.key === "eventDate" ? { numFmt: "dd/mm/yyyy" } : {},
  }));
  const header = data.getRow(1);
  header.font = { bold: true };
  header.alignment = { wrapText: true, vertical: "top" };
  COLUMNS.forEach((c, i) => {
    const hint = c.hint[language];
    if (hint) header.getCell(i + 1).note = hint;
  });

  const listColumns: Array<{ key: string; title: string; values: string[] }> = [
    { key: "site", title: COLUMNS.find((c) => c.key === "site")!.header[language], values: sites.map((s) => s.name) },
    { key: "type", title: COLUMNS.find((c) => c.key === "type")!.header[language], values: (await legalCatalogue()).types.filter((t) => !t.retiredAt).map((t) => t.name[language]) },
    { key: "purpose", title: COLUMNS.find((c) => c.key === "purpose")!.header[language], values: Object.values(PURPOSE_WORDS).map((w) => w[language]) },
    { key: "status", title: COLUMNS.find((c) => c.key === "status")!.header[language], values: Object.values(STATUS_WORDS).map((w) => w[language]) },
    { key: "eventKind", title: COLUMNS.find((c) => c.key === "eventKind")!.header[language], values: Object.values(KIND_WORDS).map((w) => w[language]) },
    { key: "eventResult", title: COLUMNS.find((c) => c.key === "eventResult")!.header[language], values: Object.values(RESULT_WORDS).map((w) => w[language]) },
  ];
  const lastRow = 5001;
  listColumns.forEach((list, i) => {
    const col = lists.getColumn(i + 1);
    col.width = list.key === "type" ? 60 : 30;
    lists.getCell(1, i + 1).value = list.title;
    lists.getCell(1, i + 1).font = { bold: true };
    list.values.forEach((v, r) => (lists.getCell(r + 2, i + 1).value = v));
    if (!list.values.length) return;
    const letter = col.letter;
    const dataColumn = data.getColumn(list.key).letter;
    // A drop-down, not a lock: other spellings the import accepts may still be typed.
    dataValidations(data).add(`${dataColumn}2:${dataColumn}${lastRow}`, {
      type: "list",
      allowBlank: true,
      showErrorMessage: false,
      formulae: [`'${names.lists}'!$${letter}$2:$${letter}$${list.values.length + 1}`],
    });
  });

  const h = HELP_HEADERS[language];
  guide.columns = [
    { header: h.column, key: "column", width: 34 },
    { header: h.required, key: "required", width: 12 },
    { header: h.how, key: "how", width: 70 },
    { header: h.example, key: "example", width: 30 },
  ];
  guide.getRow(1).font = { bold: true };
  for (const c of COLUMNS) {
    const example = c.key === "site" ? (sites[0]?.name ?? "") : c.example;
    guide.addRow({ column: c.header[language], required: requiredText(c.key, language), how: c.hint[language], example });
  }
  guide.addRow({});
  for (const note of HELP_NOTES[language]) guide.addRow({ column: note });
  guide.getColumn("how").alignment = { wrapText: true, vertical: "top" };

  return Buffer.from(await workbook.xlsx.writeBuffer());
}
