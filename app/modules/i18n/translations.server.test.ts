import { expect, test } from "vitest";
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
