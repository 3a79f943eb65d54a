import { describe, expect, test } from "vitest";
import { isWebLink, parseItemFields } from "./answer-form";

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
