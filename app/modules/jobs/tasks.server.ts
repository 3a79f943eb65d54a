import { readFile } from "node:fs/promises";
import { type MadeFile, type TaskInput, type TaskName, type TaskOutput } from "./tasks";

// What a job worker thread does for each task (see tasks.ts). Runs in the worker: modules are
// loaded when a task first needs them, so a thread that only checks imports never loads pdfmake.

type Progress = (percent: number) => void;
type Implementations = { [N in TaskName]: (input: TaskInput<N>, progress: Progress) => Promise<TaskOutput<N>> };

/** Bytes that can be handed to the main thread without a copy: a Node Buffer may be a slice of a shared pool. */
function ownBytes(buffer: Buffer): Uint8Array {
  return buffer.byteOffset === 0 && buffer.byteLength === buffer.buffer.byteLength
    ? new Uint8Array(buffer.buffer, 0, buffer.byteLength)
    : new Uint8Array(buffer);
}

const implementations: Implementations = {
  "import.check": async ({ scope, path, today }) => {
    const { checkImportBytes } = await import("~/modules/instruments/import.server");
    const outcome = await checkImportBytes(scope, await readFile(path), today);
    return outcome.ok ? { ok: true } : { ok: false, problem: outcome.problem };
  },

  "import.rows": async ({ scope, fileId, today }) => {
    const { checkStoredImport } = await import("~/modules/instruments/import.server");
    return checkStoredImport(scope, fileId, today);
  },

  "import.preview": async ({ scope, fileId, today, language }) => {
    const { describePreview, previewImport } = await import("~/modules/instruments/import.server");
    const preview = await previewImport(scope, fileId, today);
    return preview && describePreview(scope, preview, language);
  },

  "export.register": async ({ scope, filter, today, language, format }, progress) => {
    const exports = await import("~/modules/instruments/export.server");
    progress(1);
    const rows = await exports.registerForExport(scope, filter, today, language);
    progress(15);
    const onRows = (done: number, total: number) => progress(15 + (80 * done) / Math.max(1, total));
    const body = format === "csv" ? Buffer.from(exports.registerCsv(rows, language, onRows), "utf8") : await exports.registerXlsx(rows, language, onRows);
    return {
      bytes: ownBytes(body),
      filename: exports.exportFilename(today, language, format),
      contentType: format === "csv" ? exports.CSV_CONTENT_TYPE : exports.XLSX_CONTENT_TYPE,
      rows: rows.length,
    } satisfies MadeFile;
  },

  "labels.pdf": async ({ scope, selection, today, language, format, outline, skip, origin, texts }, progress) => {
    const labelsModule = await import("~/modules/instruments/labels-pdf.server");
    const { formatDate } = await import("~/modules/i18n/format");
    progress(1);
    const labels =
      selection.kind === "ids"
        ? await labelsModule.labelInstrumentsByIds(scope, selection.ids)
        : (await labelsModule.labelInstrumentsByFilter(scope, selection.filter, today)).labels;
    if (!labels?.length) throw new Error("no instruments to label");
    progress(5);
    // QR codes take about half the time; laying out the pages the rest, in one go.
    const pdf = await labelsModule.labelsPdf(
      labels,
      { format, origin, outline, skip, businessName: scope.user.businessName ?? "", language, texts: { ...texts, formatDue: formatDate } },
      (done, total) => progress(5 + (50 * done) / Math.max(1, total)),
    );
    return { bytes: ownBytes(pdf), filename: `tem-nhan-${format}-${today}.pdf`, contentType: "application/pdf", rows: labels.length } satisfies MadeFile;
  },
};

export function runTask<N extends TaskName>(name: N, input: TaskInput<N>, progress: Progress): Promise<TaskOutput<N>> {
  const implementation = implementations[name] as (input: TaskInput<N>, progress: Progress) => Promise<TaskOutput<N>>;
  if (!implementation) return Promise.reject(new Error(`unknown task ${String(name)}`));
  return implementation(input, progress);
}
