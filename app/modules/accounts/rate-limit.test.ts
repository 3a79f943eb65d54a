import { describe, expect, test } from "vitest";
import { loginGate, MAX_FAILURES_PER_ACCOUNT, MAX_FAILURES_PER_ADDRESS } from "./rate-limit";

const now = new Date("2026-11-29T10:00:00.000Z");
const minutesAgo = (m: number) => new Date(now.getTime() - m * 60_000).toISOString();
const failures = (count: number, startMinutesAgo: number) =>
  Array.from({ length: count }, (_, i) => minutesAgo(startMinutesAgo - i));

describe("loginGate", () => {
  test("allows a try below the account limit", () => {
    expect(loginGate(failures(MAX_FAILURES_PER_ACCOUNT - 1, 10), [], now)).toEqual({ allowed: true });
  });
  test("stops the account at its limit until the oldest failure leaves the window", () => {
    expect(loginGate(failures(MAX_FAILURES_PER_ACCOUNT, 10), [], now)).toEqual({ allowed: false, retryAfterMinutes: 5 });
  });
  test("stops an address that tries many accounts", () => {
    expect(loginGate([], failures(MAX_FAILURES_PER_ADDRESS, 14), now)).toEqual({ allowed: false, retryAfterMinutes: 1 });
  });
  test("the longer wait wins when both limits are reached", () => {
    const gate = loginGate(failures(MAX_FAILURES_PER_ACCOUNT, 3), failures(MAX_FAILURES_PER_ADDRESS, 14), now);
    expect(gate).toEqual({ allowed: false, retryAfterMinutes: 12 });
  });
});
