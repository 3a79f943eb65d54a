import { open, readFile } from "node:fs/promises";
import { type JobView, withBusinessSlot } from "~/modules/jobs/jobs.server";
import { TaskFailed, runInWorker } from "~/modules/jobs/pool.server";
import { type BusinessScope } from "~/utils/auth.server";
import { type FileProblem } from "./import";
import { importFileKind } from "./import-read.server";
import {
  CSV_MIME,
  type ConfirmResult,
  type DescribedPreview,
  type ImportUpload,
  checkImportBytes,
  confirmImport,
  describePreview,
  importFileMeta,
  previewImport,
} from "./import.server";

// The three steps of an import (upload, preview, confirm) each read and check the whole file. A
// small CSV is read on the request's own thread (a few milliseconds); a larger file, and any
// workbook (a small .xlsx can unzip to a great deal), is read on a worker thread so that the
// server keeps answering meanwhile, and it then holds the business's one place for heavy work
// (see jobs.server.ts): a business runs one large import check or export at a time.

/** A CSV up to this size is checked on the request's thread: 256 KB is about a thousand rows. */
export const INLINE_IMPORT_BYTES = 256 * 1024;
/** The longest a check may take on its worker thread before it is stopped. */
const CHECK_TIMEOUT_MS = 2 * 60_000;

export type Busy = { ok: false; busy: JobView };

const inline = (kind: "csv" | "xlsx" | "xls", size: number) => kind !== "xlsx" && size <= INLINE_IMPORT_BYTES;

/** A check that could not finish (its thread ran out of memory or time): the file is too much to read. */
const tooComplex = (): FileProblem => ({ key: "imports:file.tooComplex" });

/** Runs a check on a worker thread; a thread that ran out of memory or time gives `fallback()`, any other failure is thrown. */
async function onWorker<T>(run: () => Promise<T>, fallback: () => T): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof TaskFailed && error.reason !== "failed") return fallback();
    throw error;
  }
}

async function firstBytes(path: string): Promise<Uint8Array> {
  const file = await open(path, "r");
  try {
    const { buffer, bytesRead } = await file.read(Buffer.alloc(4), 0, 4, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await file.close();
  }
}

/** Upload: can the file be read, and has it rows with the columns an import needs? */
export async function checkUpload(scope: BusinessScope, upload: ImportUpload, today: string): Promise<{ ok: true } | { ok: false; problem: FileProblem } | Busy> {
  if (inline(importFileKind(await firstBytes(upload.path)), upload.size)) {
    const outcome = await checkImportBytes(scope, await readFile(upload.path), today);
    return outcome.ok ? { ok: true } : { ok: false, problem: outcome.problem };
  }
  const slot = await withBusinessSlot(scope, { step: "upload" }, () =>
    onWorker(
      () => runInWorker("import.check", { scope, path: upload.path, today }, { timeoutMs: CHECK_TIMEOUT_MS }),
      () => ({ ok: false as const, problem: tooComplex() }),
    ),
  );
  return slot.ok ? slot.value : slot;
}

/** Preview: the stored file read, checked and planned against today's register. Null: not this business's import file. */
export async function previewStoredImport(scope: BusinessScope, fileId: number, today: string, language: "vi" | "en"): Promise<DescribedPreview | null | Busy> {
  const meta = await importFileMeta(scope, fileId);
  if (!meta) return null;
  if (readsInline(meta)) {
    const preview = await previewImport(scope, fileId, today);
    return preview && describePreview(scope, preview, language);
  }
  const { mimeType: _mimeType, ...file } = meta;
  const slot = await withBusinessSlot(scope, { step: "preview", fileId }, () =>
    onWorker<DescribedPreview | null>(
      () => runInWorker("import.preview", { scope, fileId, today, language }, { timeoutMs: CHECK_TIMEOUT_MS }),
      () => ({ file, problem: tooComplex(), checked: null, plan: null }),
    ),
  );
  return slot.ok ? slot.value : slot;
}

/**
 * Confirm: the file read and checked again, then imported in one transaction that first claims
 * the file, so a second confirm of the same file imports nothing (see confirmImport). A second
 * confirm arriving while the first still runs waits for it, then finds the claim.
 */
export async function confirmStoredImport(scope: BusinessScope, fileId: number, today: string): Promise<ConfirmResult | null | Busy> {
  const meta = await importFileMeta(scope, fileId);
  if (!meta) return null;
  if (readsInline(meta)) return confirmImport(scope, fileId, today);
  const slot = await withBusinessSlot(scope, { step: "confirm", fileId }, () =>
    confirmImport(scope, fileId, today, () =>
      onWorker(
        () => runInWorker("import.rows", { scope, fileId, today }, { timeoutMs: CHECK_TIMEOUT_MS }),
        () => ({ ok: false as const, problem: tooComplex() }),
      ),
    ),
  );
  return slot.ok ? slot.value : slot;
}

const readsInline = (meta: { mimeType: string; sizeBytes: number }) => meta.mimeType === CSV_MIME && meta.sizeBytes <= INLINE_IMPORT_BYTES;
