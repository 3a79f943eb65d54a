import { describe, expect, test } from "vitest";
import { mayChangeData } from "./same-origin";

const host = "portal.example.vn";

describe("mayChangeData", () => {
  test.each([
    { name: "a GET from anywhere", request: { method: "GET", host, origin: "https://evil.example", fetchSite: "cross-site" }, allowed: true },
    { name: "a form post from this site", request: { method: "POST", host, origin: `https://${host}`, fetchSite: "same-origin" }, allowed: true },
    { name: "a form post from another site", request: { method: "POST", host, origin: "https://evil.example", fetchSite: "cross-site" }, allowed: false },
    { name: "another port of the same host", request: { method: "POST", host, origin: `https://${host}:8443`, fetchSite: "same-site" }, allowed: false },
    { name: "an opaque origin (sandboxed frame)", request: { method: "POST", host, origin: "null", fetchSite: undefined }, allowed: false },
    { name: "no Origin, cross-site fetch metadata", request: { method: "POST", host, origin: undefined, fetchSite: "cross-site" }, allowed: false },
    { name: "no Origin, same-origin fetch metadata", request: { method: "POST", host, origin: undefined, fetchSite: "same-origin" }, allowed: true },
    { name: "no browser headers at all (a script)", request: { method: "POST", host, origin: undefined, fetchSite: undefined }, allowed: true },
    { name: "a malformed Origin", request: { method: "DELETE", host, origin: "::::", fetchSite: undefined }, allowed: false },
  ])("$name: $allowed", ({ request, allowed }) => {
    expect(mayChangeData(request)).toBe(allowed);
  });

  test("the public address behind a proxy is accepted", () => {
    const request = { method: "POST", host: "127.0.0.1:3000", origin: `https://${host}`, fetchSite: "same-origin" };
    expect(mayChangeData(request)).toBe(false);
    expect(mayChangeData(request, [host])).toBe(true);
  });
});
