import { readFileSync } from "node:fs";
import { type Page, expect, test } from "@playwright/test";
import { expectNoAxeViolations, expectNoAxeViolationsWithoutJs, gotoReady, hasNoHorizontalScroll, login, snap } from "./support";

const thisYear = Number(new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Ho_Chi_Minh", year: "numeric" }).format(new Date()));
const lastYear = thisYear - 1;

async function expectFitsPhone(page: Page) {
  const width = await hasNoHorizontalScroll(page);
  expect(width, `${page.url()} scrolls sideways: ${width.scrollWidth}px > ${width.innerWidth}px`).toMatchObject({ ok: true });
}

test("a reviewer reads the city dashboard, changes the year, opens the annual report and downloads it", async ({ page }, testInfo) => {
  test.setTimeout(90_000);
  await login(page, "reviewer@dost.demo");
  await gotoReady(page, "/dost/overview");
  await expect(page.getByRole("heading", { level: 1, name: "Tổng quan thành phố" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: `Số liệu chính năm ${thisYear}` })).toBeVisible();
  // Charts are drawn on the server and name their numbers; each has a table one click away.
  await expect(page.getByRole("img", { name: /^Doanh nghiệp theo lĩnh vực\. Xăng dầu: \d+/ })).toBeVisible();
  await expect(page.getByRole("img", { name: /^Lượt doanh nghiệp được hỗ trợ.*: \d+\/30 lượt doanh nghiệp/ })).toBeVisible();
  await page.getByText("Bảng số liệu: Doanh nghiệp theo lĩnh vực").click();
  await expect(page.getByRole("table", { name: "Theo lĩnh vực" })).toBeVisible();
  await expectNoAxeViolations(page);
  await snap(page, testInfo, "overview-this-year");

  // The year picker is a plain GET form.
  await page.getByLabel("Năm", { exact: true }).selectOption(String(lastYear));
  await page.getByRole("button", { name: "Xem", exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/dost/overview\\?year=${lastYear}$`));
  await expect(page.getByRole("heading", { level: 2, name: `Số liệu chính năm ${lastYear}` })).toBeVisible();
  await expectNoAxeViolations(page);

  await page.getByRole("link", { name: `Xem báo cáo năm ${lastYear}` }).click();
  await expect(page).toHaveURL(new RegExp(`/dost/report\\?year=${lastYear}$`));
  await expect(page.getByRole("heading", { level: 1, name: `Báo cáo kết quả thực hiện Kế hoạch 155/KH-UBND năm ${lastYear}` })).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: "2. Kết quả thực hiện các chỉ tiêu của Kế hoạch" })).toBeVisible();
  await expect(page.getByRole("table", { name: /^Chỉ tiêu Giai đoạn \d \(\d{4}–\d{4}\): kết quả năm/ })).toBeVisible();
  await expectNoAxeViolations(page);
  await snap(page, testInfo, "report-last-year");

  const [xlsx] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Bảng tính Excel (.xlsx)" }).click()]);
  expect(xlsx.suggestedFilename()).toBe(`bao-cao-ke-hoach-155-${lastYear}.xlsx`);
  expect(
    readFileSync((await xlsx.path())!)
      .subarray(0, 2)
      .toString("latin1"),
  ).toBe("PK");
  const [pdf] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Văn bản PDF (A4)" }).click()]);
  expect(pdf.suggestedFilename()).toBe(`bao-cao-ke-hoach-155-${lastYear}.pdf`);
  expect(
    readFileSync((await pdf.path())!)
      .subarray(0, 5)
      .toString("latin1"),
  ).toBe("%PDF-");

  const xlsxResponse = await page.request.get(`/dost/report.xlsx?year=${lastYear}`);
  expect(xlsxResponse.headers()["content-type"]).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  const pdfResponse = await page.request.get(`/dost/report.pdf?year=${lastYear}`);
  expect(pdfResponse.headers()["content-type"]).toBe("application/pdf");
});

test("on a phone the dashboard and the report fit the screen, and read without JavaScript", async ({ browser }, testInfo) => {
  test.setTimeout(90_000);
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const page = await context.newPage();
  try {
    await login(page, "reviewer@dost.demo");
    await gotoReady(page, "/dost/overview");
    await expectFitsPhone(page);
    await expectNoAxeViolations(page);
    await snap(page, testInfo, "overview-phone");
    await gotoReady(page, "/dost/report");
    await expectFitsPhone(page);
    await snap(page, testInfo, "report-phone");
  } finally {
    await context.close();
  }

  const noJs = await browser.newContext({ javaScriptEnabled: false });
  const plain = await noJs.newPage();
  try {
    await login(plain, "reviewer@dost.demo");
    await plain.goto("/dost/overview");
    await plain.getByLabel("Năm", { exact: true }).selectOption(String(lastYear));
    await plain.getByRole("button", { name: "Xem", exact: true }).click();
    await expect(plain.getByRole("heading", { level: 2, name: `Số liệu chính năm ${lastYear}` })).toBeVisible();
    await expect(plain.getByRole("img", { name: /^Doanh nghiệp theo lĩnh vực\. Xăng dầu: \d+/ })).toBeVisible();
    await expectNoAxeViolationsWithoutJs(plain);
  } finally {
    await noJs.close();
  }
});

test("a business user finds no dashboard, report or files", async ({ page }) => {
  await login(page, "fuel@demo.vn");
  for (const path of ["/dost/overview", "/dost/report", `/dost/report.xlsx?year=${thisYear}`, `/dost/report.pdf?year=${thisYear}`]) {
    const response = await page.request.get(path);
    expect(response.status(), path).toBe(404);
  }
});
