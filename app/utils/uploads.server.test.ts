import { EventEmitter } from "node:events";
import { mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test, vi } from "vitest";
import { scopeTempFiles } from "./temp-files.server";
import { checkUpload, MAX_UPLOAD_BYTES, parseUploadForm } from "./uploads.server";

const PDF = Buffer.from("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");
const PNG = Buffer.from("89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a4a6f8d00000000049454e44ae426082", "hex");

// A page that takes files: its body limit is the upload limit times its files (bodyLimitFor).
const SECTION_PAGE = "/business/assessments/1/sections/s1";

function multipart(parts: Array<{ name: string; value: string } | { name: string; filename: string; type: string; bytes: Buffer }>) {
  const form = new FormData();
  for (const part of parts) {
    if ("filename" in part) form.append(part.name, new File([new Uint8Array(part.bytes)], part.filename, { type: part.type }));
    else form.append(part.name, part.value);
  }
  return new Request(`http://portal.test${SECTION_PAGE}`, { method: "POST", body: form });
}

describe("checkUpload", () => {
  test("a real PDF passes, with its SHA-256", async () => {
    const result = await checkUpload(new File([new Uint8Array(PDF)], "chung-nhan.pdf", { type: "application/pdf" }));
    expect(result).toMatchObject({ ok: true, upload: { mimeType: "application/pdf", filename: "chung-nhan.pdf" } });
    expect(result.ok && result.upload?.sha256).toMatch(/^[0-9a-f]{64}$/);
  });
  test("a PNG passes whatever the browser called it", async () => {
    const result = await checkUpload(new File([new Uint8Array(PNG)], "anh.pdf", { type: "application/pdf" }));
    expect(result).toMatchObject({ ok: true, upload: { mimeType: "image/png" } });
  });
  test("a text file renamed .pdf is refused", async () => {
    const result = await checkUpload(new File(["hello, not a pdf"], "fake.pdf", { type: "application/pdf" }));
    expect(result).toEqual({ ok: false, problem: "type" });
  });
  test("no file chosen is no upload, not an error", async () => {
    expect(await checkUpload(new File([], "", { type: "application/octet-stream" }))).toEqual({ ok: true, upload: null });
    expect(await checkUpload(null)).toEqual({ ok: true, upload: null });
  });
});

describe("parseUploadForm", () => {
  test("keeps text fields and files", async () => {
    const form = await parseUploadForm(
      multipart([
        { name: "note", value: "Ghi chú có dấu" },
        { name: "file", filename: "a.pdf", type: "application/pdf", bytes: PDF },
      ]),
    );
    expect(form.get("note")).toBe("Ghi chú có dấu");
    expect((form.get("file") as File).size).toBe(PDF.length);
  });
  test("a file over 10 MB is marked too large and the other fields survive", async () => {
    const big = Buffer.alloc(MAX_UPLOAD_BYTES + 1, 1);
    const form = await parseUploadForm(
      multipart([
        { name: "note", value: "giữ lại" },
        { name: "file", filename: "big.pdf", type: "application/pdf", bytes: big },
      ]),
    );
    expect(form.get("note")).toBe("giữ lại");
    expect(await checkUpload(form.get("file"))).toEqual({ ok: false, problem: "tooLarge" });
  });
});

// ---- Streaming, limits and refusals ----

const CHUNK = 64 * 1024;

/**
 * A multipart body made as it is read: a text field, then one file of `fileBytes` bytes in 64 KiB
 * chunks. `pulled` says how far the reader got; `onPull` looks at the world before each chunk.
 */
function streamedUpload(path: string, fileBytes: number, onPull: (pulled: number) => void = () => {}) {
  const boundary = "----streamed";
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="note"\r\n\r\ngiữ lại\r\n` +
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.pdf"\r\nContent-Type: application/pdf\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  const state = { pulled: 0, finished: false };
  let sent = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      onPull(state.pulled);
      let chunk: Buffer;
      if (state.pulled === 0) chunk = head;
      else if (sent < fileBytes) {
        chunk = Buffer.alloc(Math.min(CHUNK, fileBytes - sent), 0x25);
        sent += chunk.length;
      } else if (!state.finished) {
        chunk = tail;
        state.finished = true;
      } else return controller.close();
      state.pulled += chunk.length;
      controller.enqueue(new Uint8Array(chunk));
    },
  });
  const request = new Request(`http://portal.test${path}`, {
    method: "POST",
    body,
    headers: { "Content-Type": `multipart/form-data; boundary=${boundary}` },
    duplex: "half",
  } as RequestInit);
  return { request, state };
}

async function refusal(promise: Promise<unknown>): Promise<number> {
  try {
    await promise;
  } catch (thrown) {
    if (thrown instanceof Response) return thrown.status;
    throw thrown;
  }
  throw new Error("expected a refusal");
}

/** Files under a fresh temporary directory, so other test files' uploads do not mix in. */
function withOwnTmpdir() {
  const previous = process.env.TMPDIR;
  const dir = mkdtempSync(join(tmpdir(), "uploads-test-"));
  process.env.TMPDIR = dir;
  const sizes = () =>
    readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => statSync(join(entry.parentPath, entry.name)).size);
  const restore = () => {
    if (previous === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = previous;
    rmSync(dir, { recursive: true, force: true });
  };
  return { dir, sizes, restore };
}

describe("parseUploadForm streams and limits", () => {
  test("file names with ; and = arrive whole (Remix's parser threw on them)", async () => {
    const form = await parseUploadForm(
      multipart([
        { name: "a", filename: "KD; ban 2.pdf", type: "application/pdf", bytes: PDF },
        { name: "b", filename: "cert=1.pdf", type: "application/pdf", bytes: PDF },
      ]),
    );
    expect((form.get("a") as File).name).toBe("KD; ban 2.pdf");
    expect((form.get("b") as File).name).toBe("cert=1.pdf");
    expect(await checkUpload(form.get("a"))).toMatchObject({ ok: true, upload: { filename: "KD; ban 2.pdf", mimeType: "application/pdf" } });
  });

  test("a file is written to disk as it arrives, and its folder goes when the response closes", async () => {
    const tmp = withOwnTmpdir();
    try {
      const fileBytes = 3 * 1024 * 1024;
      const lagging: number[] = [];
      const { request } = streamedUpload(SECTION_PAGE, fileBytes, (pulled) => {
        // Before each new chunk, what came before it is already in the file, but for the chunk the
        // stream queues ahead, the part header and the bytes held back in case a boundary straddles
        // two chunks: the gap stays that small however large the file.
        if (pulled > 200) lagging.push(pulled - tmp.sizes().reduce((a, b) => a + b, 0));
      });
      const response = new EventEmitter();
      const form = await new Promise<FormData>((resolve, reject) => scopeTempFiles(response, () => void parseUploadForm(request).then(resolve, reject)));
      expect(lagging.length).toBeGreaterThan(40);
      expect(Math.max(...lagging)).toBeLessThan(CHUNK + 1024);
      const file = form.get("file") as File;
      expect(file.size).toBe(fileBytes);
      expect(Buffer.from(await file.arrayBuffer()).every((byte) => byte === 0x25)).toBe(true);
      expect(tmp.sizes()).toEqual([fileBytes]);
      response.emit("close");
      await vi.waitFor(() => expect(tmp.sizes()).toEqual([]));
    } finally {
      tmp.restore();
    }
  });

  test("a 20 MB file on a page that takes 10 MB: refused (413) after about 11 MB, the rest never read", async () => {
    const fileBytes = 20 * 1024 * 1024;
    const { request, state } = streamedUpload("/business/instruments/7/events/new", fileBytes);
    expect(await refusal(parseUploadForm(request))).toBe(413);
    expect(state.pulled).toBeGreaterThan(MAX_UPLOAD_BYTES);
    expect(state.pulled).toBeLessThan(MAX_UPLOAD_BYTES + 2 * 1024 * 1024);
  });

  test("a 20 MB file where the page allows more in all: marked too large, never more than 10 MB on disk, the form kept", async () => {
    const tmp = withOwnTmpdir();
    try {
      const largest: number[] = [];
      const { request, state } = streamedUpload(SECTION_PAGE, 20 * 1024 * 1024, () => largest.push(...tmp.sizes()));
      const form = await parseUploadForm(request);
      expect(state.finished).toBe(true);
      // Written up to the limit, then dropped: never the whole 20 MB.
      expect(Math.max(...largest)).toBeGreaterThan(MAX_UPLOAD_BYTES - 2 * CHUNK);
      expect(Math.max(...largest)).toBeLessThanOrEqual(MAX_UPLOAD_BYTES);
      expect(form.get("note")).toBe("giữ lại");
      expect(await checkUpload(form.get("file"))).toEqual({ ok: false, problem: "tooLarge" });
      expect(tmp.sizes()).toEqual([]);
    } finally {
      tmp.restore();
    }
  });

  test("too many parts, too many files, a field too long: 413", async () => {
    const fields = (n: number) => multipart(Array.from({ length: n }, (_, i) => ({ name: `f${i}`, value: "x" })));
    expect(await refusal(parseUploadForm(fields(10), { maxParts: 9 }))).toBe(413);
    expect((await parseUploadForm(fields(9), { maxParts: 9 })).get("f8")).toBe("x");
    const files = (n: number) => multipart(Array.from({ length: n }, (_, i) => ({ name: "attachments", filename: `${i}.pdf`, type: "application/pdf", bytes: PDF })));
    expect(await refusal(parseUploadForm(files(3), { maxFiles: 2 }))).toBe(413);
    expect((await parseUploadForm(files(2), { maxFiles: 2 })).getAll("attachments")).toHaveLength(2);
    expect(await refusal(parseUploadForm(multipart([{ name: "note", value: "x".repeat(300 * 1024) }])))).toBe(413);
    expect(await refusal(parseUploadForm(files(1), { maxFiles: 0 }))).toBe(413);
  });

  test("a broken multipart body, or none, is a 400", async () => {
    const post = (body: string | null, contentType: string) =>
      new Request(`http://portal.test${SECTION_PAGE}`, { method: "POST", body, headers: { "Content-Type": contentType } });
    expect(await refusal(parseUploadForm(post('--b\r\nContent-Disposition: form-data; name="a"\r\n\r\nno end', "multipart/form-data; boundary=b")))).toBe(400);
    expect(await refusal(parseUploadForm(post("garbage", "multipart/form-data; boundary=b")))).toBe(400);
    expect(await refusal(parseUploadForm(post(null, "multipart/form-data; boundary=b")))).toBe(400);
    expect(await refusal(parseUploadForm(post("a=1", "application/x-www-form-urlencoded")))).toBe(400);
  });
});
