import { describe, expect, test } from "vitest";
import { MalformedMultipart, MultipartReader, type PartHeaders, multipartBoundary, parseHeaderValue, parsePartHeaders } from "./multipart.server";

describe("parseHeaderValue", () => {
  test.each([
    ['form-data; name="file"; filename="KD; ban 2.pdf"', { name: "file", filename: "KD; ban 2.pdf" }],
    ['form-data; name="file"; filename="cert=1.pdf"', { name: "file", filename: "cert=1.pdf" }],
    ['form-data; name="f"; filename="a \\"b\\".pdf"', { name: "f", filename: 'a "b".pdf' }],
    ['form-data; name="f"; filename="a%22b.pdf"', { name: "f", filename: "a%22b.pdf" }],
    ["form-data; name=plain; filename=x.pdf", { name: "plain", filename: "x.pdf" }],
    ['Form-Data;NAME="a";  filename=""', { name: "a", filename: "" }],
    ['form-data; name="first"; name="second"', { name: "first" }],
  ])("%s", (header, expected) => {
    const { type, params } = parseHeaderValue(header);
    expect(type).toBe("form-data");
    expect(Object.fromEntries(params)).toEqual(expected);
  });

  test("an unterminated quote or text after a quoted value is malformed", () => {
    expect(() => parseHeaderValue('form-data; name="a')).toThrow(MalformedMultipart);
    expect(() => parseHeaderValue('form-data; name="a"b')).toThrow(MalformedMultipart);
  });

  test("the boundary of a multipart Content-Type, quoted or not; none for other types", () => {
    expect(multipartBoundary("multipart/form-data; boundary=----abc")).toBe("----abc");
    expect(multipartBoundary('multipart/form-data; charset=utf-8; boundary="a b;c"')).toBe("a b;c");
    expect(multipartBoundary("application/json")).toBeNull();
    expect(multipartBoundary("multipart/form-data")).toBeNull();
    expect(multipartBoundary(`multipart/form-data; boundary=${"x".repeat(71)}`)).toBeNull();
  });
});

describe("parsePartHeaders", () => {
  const headers = (text: string) => parsePartHeaders(Buffer.from(text, "utf8"));
  test("a file part: name, the last path segment of its file name (UTF-8), content type", () => {
    expect(headers('Content-Disposition: form-data; name="file"; filename="C:\\\\giấy tờ\\\\Biên bản; số 2.pdf"\r\nContent-Type: application/pdf')).toEqual({
      name: "file",
      filename: "Biên bản; số 2.pdf",
      contentType: "application/pdf",
    });
  });
  test("filename* (RFC 5987) wins over filename", () => {
    expect(headers("Content-Disposition: form-data; name=f; filename=\"x.pdf\"; filename*=UTF-8''Gi%E1%BA%A5y.pdf").filename).toBe("Giấy.pdf");
  });
  test("a text field has no file name and the default content type", () => {
    expect(headers('content-disposition: form-data; name="note"')).toEqual({ name: "note", filename: undefined, contentType: "application/octet-stream" });
  });
  test.each([["no disposition", "Content-Type: text/plain"], ["no name", "Content-Disposition: form-data"], ["not form-data", 'Content-Disposition: attachment; name="a"'], ["no colon", "garbage"]])(
    "%s is malformed",
    (_, text) => {
      expect(() => headers(text)).toThrow(MalformedMultipart);
    },
  );
});

type Seen = { headers: PartHeaders; body: string };

async function readAll(body: Buffer, boundary: string, chunkSize: number): Promise<Seen[]> {
  const seen: Seen[] = [];
  let current: { headers: PartHeaders; chunks: Uint8Array[] } | null = null;
  const reader = new MultipartReader(boundary, {
    begin: (headers) => void (current = { headers, chunks: [] }),
    data: (chunk) => void current!.chunks.push(Uint8Array.from(chunk)),
    end: () => {
      seen.push({ headers: current!.headers, body: Buffer.concat(current!.chunks).toString("utf8") });
      current = null;
    },
  });
  for (let i = 0; i < body.length; i += chunkSize) await reader.write(body.subarray(i, i + chunkSize));
  reader.end();
  return seen;
}

async function encoded(form: FormData): Promise<{ body: Buffer; boundary: string }> {
  const request = new Request("http://portal.test/", { method: "POST", body: form });
  return { body: Buffer.from(await request.arrayBuffer()), boundary: multipartBoundary(request.headers.get("Content-Type")!)! };
}

describe("MultipartReader", () => {
  test("reads what the platform's FormData writes, whatever the chunk size", async () => {
    const form = new FormData();
    form.append("note", "Ghi chú\r\n--không phải ranh giới");
    form.append("file", new File(["%PDF-1.4\r\n\r\n--\r\n"], "KD; ban 2.pdf", { type: "application/pdf" }));
    form.append("other", new File(["x"], "cert=1.pdf", { type: "image/png" }));
    form.append("empty", "");
    form.append("none", new File([], ""));
    const { body, boundary } = await encoded(form);
    for (const size of [1, 2, 3, 7, 64, body.length]) {
      expect(await readAll(body, boundary, size)).toEqual([
        { headers: { name: "note", filename: undefined, contentType: "application/octet-stream" }, body: "Ghi chú\r\n--không phải ranh giới" },
        { headers: { name: "file", filename: "KD; ban 2.pdf", contentType: "application/pdf" }, body: "%PDF-1.4\r\n\r\n--\r\n" },
        { headers: { name: "other", filename: "cert=1.pdf", contentType: "image/png" }, body: "x" },
        { headers: { name: "empty", filename: undefined, contentType: "application/octet-stream" }, body: "" },
        // Node's FormData leaves the file name out for an empty one (browsers send filename="").
        { headers: { name: "none", filename: undefined, contentType: "application/octet-stream" }, body: "" },
      ]);
    }
  });

  test("a preamble and an epilogue are ignored", async () => {
    const body = Buffer.from('preamble\r\n--b\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--b--\r\nepilogue --b\r\n');
    expect(await readAll(body, "b", 5)).toEqual([{ headers: { name: "a", filename: undefined, contentType: "application/octet-stream" }, body: "1" }]);
  });

  test.each([
    ["no closing boundary", '--b\r\nContent-Disposition: form-data; name="a"\r\n\r\n1'],
    ["no boundary at all", "just text"],
    ["a part without headers", "--b\r\n\r\n1\r\n--b--"],
    ["text after a boundary", '--b junk\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--b--'],
    ["a file name with an open quote", '--b\r\nContent-Disposition: form-data; name="a"; filename="x\r\n\r\n1\r\n--b--'],
  ])("%s is malformed", async (_, text) => {
    await expect(readAll(Buffer.from(text), "b", 4)).rejects.toThrow(MalformedMultipart);
  });

  test("a part header that never ends is refused before it grows large", async () => {
    const reader = new MultipartReader("b", { begin() {}, data() {}, end() {} }, { maxHeaderBytes: 1024 });
    await reader.write(Buffer.from("--b\r\nX-Long: "));
    await expect(reader.write(Buffer.alloc(2048, 0x61))).rejects.toThrow(MalformedMultipart);
  });
});
