import { describe, expect, test } from "vitest";
import {
  loginGate,
  MAX_FAILURES_PER_ACCOUNT,
  MAX_FAILURES_PER_ACCOUNT_AND_ADDRESS,
  MAX_FAILURES_PER_ADDRESS,
  MAX_SIGNUPS_PER_ADDRESS,
  signupGate,
} from "./rate-limit";

const now = new Date("2026-11-29T10:00:00.000Z");
const minutesAgo = (m: number) => new Date(now.getTime() - m * 60_000).toISOString();
const failures = (count: number, startMinutesAgo: number) =>
  Array.from({ length: count }, (_, i) => minutesAgo(startMinutesAgo - i * (startMinutesAgo / Math.max(count, 1))));
const none = { pair: [], account: [], address: [] };

describe("loginGate", () => {
  test("allows a try below every limit", () => {
    const pair = failures(MAX_FAILURES_PER_ACCOUNT_AND_ADDRESS - 1, 10);
    expect(loginGate({ pair, account: pair, address: pair }, now)).toEqual({ allowed: true });
  });
  test("stops one account from one address at its limit until the oldest failure leaves the window", () => {
    const pair = Array.from({ length: MAX_FAILURES_PER_ACCOUNT_AND_ADDRESS }, (_, i) => minutesAgo(10 - i));
    expect(loginGate({ pair, account: pair, address: pair }, now)).toEqual({ allowed: false, retryAfterMinutes: 5 });
  });
  test("the same account from another address is not stopped by those failures", () => {
    const elsewhere = failures(MAX_FAILURES_PER_ACCOUNT_AND_ADDRESS, 10);
    expect(loginGate({ pair: [], account: elsewhere, address: [] }, now)).toEqual({ allowed: true });
  });
  test("an account tried from many addresses waits everywhere once it reaches its own, higher limit", () => {
    expect(loginGate({ ...none, account: failures(MAX_FAILURES_PER_ACCOUNT - 1, 14) }, now)).toEqual({ allowed: true });
    const gate = loginGate({ ...none, account: failures(MAX_FAILURES_PER_ACCOUNT, 14) }, now);
    expect(gate).toEqual({ allowed: false, retryAfterMinutes: 1 });
  });
  test("stops an address that tries many accounts", () => {
    expect(loginGate({ ...none, address: failures(MAX_FAILURES_PER_ADDRESS, 14) }, now)).toEqual({ allowed: false, retryAfterMinutes: 1 });
  });
  test("the longer wait wins when several limits are reached", () => {
    const pair = Array.from({ length: MAX_FAILURES_PER_ACCOUNT_AND_ADDRESS }, (_, i) => minutesAgo(3 - i * 0.5));
    const gate = loginGate({ pair, account: pair, address: failures(MAX_FAILURES_PER_ADDRESS, 14) }, now);
    expect(gate).toEqual({ allowed: false, retryAfterMinutes: 12 });
  });
  test("the limits are the ones documented", () => {
    expect([MAX_FAILURES_PER_ACCOUNT_AND_ADDRESS, MAX_FAILURES_PER_ACCOUNT, MAX_FAILURES_PER_ADDRESS]).toEqual([5, 50, 20]);
  });
});

describe("signupGate", () => {
  test("allows five sign-ups an hour from one address, then waits for the oldest to leave the hour", () => {
    const four = Array.from({ length: MAX_SIGNUPS_PER_ADDRESS - 1 }, (_, i) => minutesAgo(50 - i));
    expect(signupGate(four, now)).toEqual({ allowed: true });
    expect(signupGate([minutesAgo(50), ...four.slice(1), minutesAgo(1)], now)).toEqual({ allowed: false, retryAfterMinutes: 10 });
  });
});
