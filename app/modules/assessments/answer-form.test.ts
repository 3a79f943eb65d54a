import { describe, expect, test } from "vitest";
import { isWebLink, parseItemFields, readItemState } from "./answer-form";

const reader = (fields: Record<string, string>) => (name: string) => fields[name] ?? null;

describe("parseItemFields", () => {
  test("reads a complete item", () => {
    const errors = {};
    const parsed = parseItemFields(
      "setup.named",
      reader({ "answer:setup.named": "partly", "note:setup.named": "  Đang soạn  ", "link:setup.named": "https://drive.example.vn/qd.pdf" }),
      errors,
    );
    expect(parsed).toEqual({ itemKey: "setup.named", answer: "partly", note: "Đang soạn", evidenceUrl: "https://drive.example.vn/qd.pdf", removeFile: false });
    expect(errors).toEqual({});
  });
  test("no answer yet is allowed", () => {
    expect(parseItemFields("a.b", reader({}), {}).answer).toBeNull();
  });
  test("a forged answer, a bad link and a long note are reported by field", () => {
    const errors: Record<string, string> = {};
    parseItemFields("a.b", reader({ "answer:a.b": "maybe", "link:a.b": "javascript:alert(1)", "note:a.b": "x".repeat(2001) }), errors);
    expect(errors).toEqual({
      "answer:a.b": "assessments:errors.answer",
      "link:a.b": "assessments:errors.link",
      "note:a.b": "assessments:errors.noteTooLong",
    });
  });
});

test.each([
  ["https://example.vn/a", true],
  ["http://10.0.0.1/x", true],
  ["ftp://example.vn", false],
  ["javascript:alert(1)", false],
  ["www.example.vn", false],
  ["/business/schedule", true],
  ["//evil.example/x", false],
  ["/\\evil.example", false],
  [`https://example.vn/${"a".repeat(500)}`, false],
])("isWebLink(%s) is %s", (value, expected) => {
  expect(isWebLink(value)).toBe(expected);
});

describe("readItemState", () => {
  test("the version and fingerprint the page was loaded with", () => {
    expect(readItemState("a.b", reader({ "version:a.b": "3", "loaded:a.b": "f00d" }))).toEqual({ loaded: { version: 3, fingerprint: "f00d" }, resolution: null });
  });
  test("missing or forged: loaded before any answer, and changed", () => {
    const stale = { loaded: { version: 0, fingerprint: null }, resolution: null };
    expect(readItemState("a.b", reader({}))).toEqual(stale);
    expect(readItemState("a.b", reader({ "version:a.b": "-1", "loaded:a.b": "f00d" }))).toEqual(stale);
    expect(readItemState("a.b", reader({ "version:a.b": "1e3" }))).toEqual(stale);
  });
  test("after a conflict: the version shown as theirs and the choice, if made", () => {
    const fields = { "version:a.b": "3", "loaded:a.b": "f00d", "newer:a.b": "4" };
    expect(readItemState("a.b", reader({ ...fields, "keep:a.b": "theirs" })).resolution).toEqual({ newer: 4, keep: "theirs" });
    expect(readItemState("a.b", reader({ ...fields, "keep:a.b": "mine" })).resolution).toEqual({ newer: 4, keep: "mine" });
    expect(readItemState("a.b", reader({ ...fields, "keep:a.b": "both" })).resolution).toEqual({ newer: 4, keep: null });
    expect(readItemState("a.b", reader(fields)).resolution).toEqual({ newer: 4, keep: null });
  });
});
