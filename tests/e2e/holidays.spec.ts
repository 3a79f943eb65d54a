import { expect, test } from "@playwright/test";
import holidays from "../../content/holidays/vn-public-holidays.json" with { type: "json" };
import { expectNoAxeViolations, gotoReady, login, logout } from "./support";

// A fresh demo database holds the shipped holiday file: its announced years are entered.
const ENTERED = new Set(holidays.years.filter((y) => y.basis === "announced").map((y) => y.year));

/** Today in Vietnam, and the years the portal must remind admins to enter (this one; from 1 October the next too). */
function yearsToEnter(): number[] {
  const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Ho_Chi_Minh" }).format(new Date());
  const year = Number(today.slice(0, 4));
  const years = today.slice(5) >= "10-01" ? [year, year + 1] : [year];
  return years.filter((y) => !ENTERED.has(y));
}

// A far year of its own, so the request tests' appointment dates are not touched.
const YEAR = 2040 + Math.floor(Math.random() * 50);
/** The first Monday of March and the Saturday before it, in YEAR. */
function marchDays(): { monday: string; saturday: string } {
  const first = new Date(Date.UTC(YEAR, 2, 1));
  const monday = new Date(first.getTime() + ((8 - first.getUTCDay()) % 7) * 86_400_000);
  const saturday = new Date(monday.getTime() - 2 * 86_400_000);
  return { monday: monday.toISOString().slice(0, 10), saturday: saturday.toISOString().slice(0, 10) };
}
const ddmmyyyy = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;

test("an admin sees the year warning, adds a holiday (a weekend one refused), and confirms the year's calendar", async ({ page }) => {
  test.setTimeout(90_000);
  const { monday, saturday } = marchDays();
  const toEnter = yearsToEnter();
  await login(page, "admin@dost.demo");

  // The DOST home page warns while this year's calendar (and from 1 October next year's) is not entered.
  await gotoReady(page, "/dost");
  const warning = page.getByTestId("holiday-warning");
  if (toEnter.length) {
    await expect(warning.getByRole("heading", { name: `Chưa có lịch nghỉ lễ năm ${toEnter.join(", ")}` })).toBeVisible();
    for (const year of toEnter) await expect(warning.getByRole("link", { name: `Nhập lịch năm ${year}` })).toBeVisible();
  } else {
    await expect(warning).toHaveCount(0);
  }
  await expectNoAxeViolations(page);

  // The holidays page, from the navigation: every shipped year with its status.
  await page.getByRole("navigation").getByRole("link", { name: "Lịch nghỉ lễ" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Lịch nghỉ lễ, Tết" })).toBeVisible();
  for (const y of holidays.years) await expect(page.getByRole("link", { name: `Năm ${y.year}`, exact: true })).toBeVisible();
  await expect(page.getByRole("row", { name: /Năm 2026/ })).toContainText("Đã nhập theo thông báo");
  await expect(page.getByRole("row", { name: /Năm 2027/ })).toContainText("Tạm tính");
  await expect(page.getByTestId("holiday-warning")).toHaveCount(toEnter.length ? 1 : 0);
  await expectNoAxeViolations(page);

  // A year DOST has not entered: only the Labour Code's fixed-date days, marked not entered.
  await gotoReady(page, `/dost/legal/holidays/${YEAR}`);
  await expect(page.getByRole("heading", { level: 1, name: `Lịch nghỉ lễ, Tết năm ${YEAR}` })).toBeVisible();
  await expect(page.getByText("Chưa nhập", { exact: true })).toBeVisible();
  // 1 January, or the weekday in lieu when it falls on a weekend.
  await expect(page.getByRole("cell", { name: /Tết Dương lịch/ })).toBeVisible();
  await expectNoAxeViolations(page);

  // A holiday on a Saturday is refused with a message that says what to enter instead.
  await page.getByLabel("Ngày", { exact: true }).fill(saturday);
  await page.getByLabel("Loại ngày").selectOption("holiday");
  await page.getByLabel("Tên (tiếng Việt)").fill("Ngày nghỉ thử nghiệm");
  await page.getByRole("button", { name: "Thêm ngày" }).click();
  await expect(page.locator("#error-summary")).toBeFocused();
  await expect(page.locator("#error-summary")).toContainText("Hãy nhập ngày nghỉ bù (ngày thường được nghỉ) thay vì ngày này.");
  await expect(page.getByLabel("Tên (tiếng Việt)")).toHaveValue("Ngày nghỉ thử nghiệm");
  await expectNoAxeViolations(page);

  // The Monday after is accepted and listed.
  await page.getByLabel("Ngày", { exact: true }).fill(monday);
  await page.getByRole("button", { name: "Thêm ngày" }).click();
  await expect(page.getByText("Đã thêm ngày vào lịch.")).toBeVisible();
  const row = page.getByRole("row", { name: new RegExp(ddmmyyyy(monday)) });
  await expect(row).toContainText("Ngày nghỉ thử nghiệm");
  await expect(row).toContainText("Thứ Hai");
  await expect(page.getByText("Tạm tính", { exact: true })).toBeVisible();
  await expectNoAxeViolations(page);

  // The same date again is refused.
  await page.getByLabel("Ngày", { exact: true }).fill(monday);
  await page.getByLabel("Tên (tiếng Việt)").fill("Lần hai");
  await page.getByRole("button", { name: "Thêm ngày" }).click();
  await expect(page.locator("#error-summary")).toContainText("Ngày này đã có trong lịch");

  // Confirming the year needs its source document.
  await page.getByLabel("Văn bản căn cứ").fill(`Thông báo số 1/TB-BNV về lịch nghỉ năm ${YEAR} (thử nghiệm)`);
  await page.getByRole("button", { name: "Xác nhận lịch năm này" }).click();
  await expect(page.getByText("Đã xác nhận lịch nghỉ của năm.")).toBeVisible();
  await expect(page.getByText("Đã nhập theo thông báo", { exact: true })).toBeVisible();
  await expectNoAxeViolations(page);
  await logout(page, /.+/);
});

test("a reviewer reads the calendar but has no form to change it, and sees no warning", async ({ page }) => {
  await login(page, "reviewer@dost.demo");
  await gotoReady(page, "/dost");
  await expect(page.getByTestId("holiday-warning")).toHaveCount(0);
  await gotoReady(page, "/dost/legal/holidays/2026");
  await expect(page.getByRole("heading", { level: 1, name: "Lịch nghỉ lễ, Tết năm 2026" })).toBeVisible();
  await expect(page.getByRole("cell", { name: "Ngày Văn hóa Việt Nam" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Thêm ngày" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: /^Bỏ/ })).toHaveCount(0);
  await expectNoAxeViolations(page);
});
