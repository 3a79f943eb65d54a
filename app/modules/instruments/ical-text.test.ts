import ical from "ical-generator";
import ICAL from "ical.js";
import { describe, expect, test } from "vitest";
import { escapedText, multiLine, singleLine } from "./ical-text";

const INJECTION = "Công ty A\r\nBEGIN:VEVENT\r\nUID:evil\r\nSUMMARY:Bị chèn\r\nEND:VEVENT";

describe("iCalendar text", () => {
  test("singleLine turns every run of control characters into one space", () => {
    expect(singleLine(INJECTION)).toBe("Công ty A BEGIN:VEVENT UID:evil SUMMARY:Bị chèn END:VEVENT");
    expect(singleLine("a\u0000b\u007fc\u0085d\te")).toBe("a b c d e");
    expect(singleLine("Cột đo số 1 — Ninh Kiều")).toBe("Cột đo số 1 — Ninh Kiều");
  });

  test("multiLine keeps line breaks (as \\n) and nothing else", () => {
    expect(multiLine("dòng 1\r\ndòng 2\rdòng 3\u0000\u000b")).toBe("dòng 1\ndòng 2\ndòng 3 ");
  });

  test("escapedText escapes backslash, semicolon, comma and line breaks", () => {
    expect(escapedText("a\\b;c,d\r\ne")).toBe("a\\\\b\\;c\\,d\\ne");
  });

  test("ical-generator writes a calendar name as given, so it must be escaped first", () => {
    const raw = ical({ name: INJECTION }).toString();
    // Written twice (NAME and X-WR-CALNAME), so two forged events.
    expect(new ICAL.Component(ICAL.parse(raw)).getAllSubcomponents("vevent")).toHaveLength(2);
    const escaped = ical({ name: escapedText(singleLine(INJECTION)), description: escapedText(INJECTION) }).toString();
    const calendar = new ICAL.Component(ICAL.parse(escaped));
    expect(calendar.getAllSubcomponents("vevent")).toHaveLength(0);
    // ical.js leaves X- properties as written; each stays on one line of its own.
    expect(calendar.getFirstPropertyValue("x-wr-calname")).toBe("Công ty A BEGIN:VEVENT UID:evil SUMMARY:Bị chèn END:VEVENT");
    expect(escaped.replace(/\r\n /g, "")).toContain("X-WR-CALDESC:Công ty A\\nBEGIN:VEVENT\\nUID:evil\\nSUMMARY:Bị chèn\\nEND:VEVENT\r\n");
  });
});
