import { describe, expect, test } from "vitest";
import { safeRedirect } from "./redirect";

const FALLBACK = "/business";

describe("safeRedirect", () => {
  test.each([
    ["/business", "/business"],
    ["/business/instruments?site=3&status=overdue", "/business/instruments?site=3&status=overdue"],
    ["/business/requests/12#timeline", "/business/requests/12#timeline"],
    ["/dost/requests?state=submitted&q=C%C3%B4ng%20ty", "/dost/requests?state=submitted&q=C%C3%B4ng%20ty"],
    ["/business/assessments/4/sections/part-1", "/business/assessments/4/sections/part-1"],
    // Unicode is sent percent-encoded, so the Location header stays plain ASCII.
    ["/providers?q=kiểm định", "/providers?q=ki%E1%BB%83m%20%C4%91%E1%BB%8Bnh"],
  ])("keeps the path %s on this site", (to, expected) => {
    expect(safeRedirect(to, FALLBACK)).toBe(expected);
  });

  test.each([
    "//evil.example",
    "//evil.example/x",
    "/\\evil.example",
    "/\\/evil.example",
    "\\\\evil.example",
    "/%09/evil.example",
    "/%0a/evil.example",
    "/%0D/evil.example",
    "/%0d%0aSet-Cookie:%20x=1",
    "/%00/x",
    "/%7f/x",
    "/%5c/evil.example",
    "/%5C%5Cevil.example",
    "/\t/evil.example",
    "/\n/x",
    "/\r\n/x",
    "/x\u0000",
    "/x\u0085y",
    "/.//evil.example",
    "/..//evil.example",
    "https://evil.example",
    "http:/evil.example",
    "javascript:alert(1)",
    "evil.example",
    " /business",
    "",
    null,
    undefined,
  ])("refuses %j and falls back", (to) => {
    expect(safeRedirect(to, FALLBACK)).toBe(FALLBACK);
  });

  test("a file from a form post is no path", () => {
    expect(safeRedirect(new File(["x"], "a.txt"), FALLBACK)).toBe(FALLBACK);
  });
});
