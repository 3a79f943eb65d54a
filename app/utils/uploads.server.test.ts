import { describe, expect, test } from "vitest";
import { checkUpload, MAX_UPLOAD_BYTES, parseUploadForm } from "./uploads.server";

const PDF = Buffer.from("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");
const PNG = Buffer.from("89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a4a6f8d00000000049454e44ae426082", "hex");

function multipart(parts: Array<{ name: string; value: string } | { name: string; filename: string; type: string; bytes: Buffer }>) {
  const form = new FormData();
  for (const part of parts) {
    if ("filename" in part) form.append(part.name, new File([new Uint8Array(part.bytes)], part.filename, { type: part.type }));
    else form.append(part.name, part.value);
  }
  return new Request("http://portal.test/upload", { method: "POST", body: form });
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
