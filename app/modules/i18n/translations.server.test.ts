import { expect, test } from "vitest";
import { createI18n } from "./i18n-client";
import { resources } from "./resources";
import { serverI18n } from "./translations.server";

const vi = serverI18n.instanceFor("vi");
const en = serverI18n.instanceFor("en");

test("a remembered lookup gives the same text as i18next, per language and namespace", () => {
  const review = vi.getFixedT(null, "review");
  expect(review("queue.title")).toBe(review("queue.title"));
  expect(review("queue.title")).not.toBe("queue.title");
  expect(vi.getFixedT(null, "common")("shell.brand")).toBe("Cổng Đảm bảo Đo lường");
  expect(en.getFixedT(null, "common")("shell.brand")).not.toBe("Cổng Đảm bảo Đo lường");
  // The same key in another namespace is another text.
  expect(vi.getFixedT(null, "common")("queue.title")).not.toBe(review("queue.title"));
});

test("values, plurals and key prefixes still go through i18next", () => {
  const review = vi.getFixedT(null, "review");
  expect(review("queue.openCount", { formatted: "1.234" })).toBe("Đang mở: 1.234 hồ sơ");
  expect(review("queue.openCount", { formatted: "7" })).toBe("Đang mở: 7 hồ sơ");
  expect(vi.getFixedT(null, "review", "queue")("title")).toBe(review("queue.title"));
  expect(review("common:shell.brand")).toBe("Cổng Đảm bảo Đo lường");
});

test("a kept answer with values is the answer for those values only", () => {
  const requests = vi.getFixedT(null, "requests");
  const one = requests("clock.late", { count: 1 });
  const three = requests("clock.late", { count: 3 });
  expect(three).not.toBe(one);
  expect(requests("clock.late", { count: 3 })).toBe(three);
  expect(three).toContain("3");
  // Values that are objects are never kept: each call is i18next's own.
  const when = new Date("2026-01-02T00:00:00Z");
  expect(requests("clock.late", { count: 2, when })).toContain("2");
});

test("values that JSON cannot tell apart, and objects asked for, are never kept", () => {
  const requests = vi.getFixedT(null, "requests");
  const plain = createI18n("vi", resources.vi).getFixedT(null, "requests");
  // Asked in this order, a key built with JSON.stringify would answer NaN with null's text.
  expect(requests("clock.late", { count: null as unknown as number })).toBe(plain("clock.late", { count: null as unknown as number }));
  expect(requests("clock.late", { count: Number.NaN })).toBe(plain("clock.late", { count: Number.NaN }));
  const objects = vi.getFixedT(null, "common")("shell", { returnObjects: true });
  expect(vi.getFixedT(null, "common")("shell", { returnObjects: true })).not.toBe(objects);
});
