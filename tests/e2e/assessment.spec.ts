import { expect, test } from "@playwright/test";
import { DEMO_PASSWORD, expectNoAxeViolations, gotoReady, login, snap } from "./support";

test.describe.configure({ timeout: 120_000 });

test("the fuel retailer completes a self-assessment, reads the result, opens the programme and submits", async ({ page }, testInfo) => {
  await login(page, "fuel@demo.vn");
  await gotoReady(page, "/business/assessments");
  await expectNoAxeViolations(page);
  await page.getByRole("button", { name: "Bắt đầu lần đánh giá mới" }).click();
  await expect(page).toHaveURL(/\/business\/assessments\/\d+$/);
  await expectNoAxeViolations(page);
  const overviewUrl = page.url();

  const sectionLinks = page.locator(".task-list h2 a");
  const sectionCount = await sectionLinks.count();
  expect(sectionCount).toBeGreaterThan(5);
  await sectionLinks.first().click();

  // Every part: the first question "Chưa có", the rest "Có"; then save and go on.
  for (let part = 1; part <= sectionCount; part++) {
    await expect(page.getByText(`Phần ${part}/${sectionCount}`)).toBeVisible();
    if (part === 1) await expectNoAxeViolations(page);
    const items = page.locator("fieldset.item");
    const count = await items.count();
    for (let i = 0; i < count; i++) {
      await items.nth(i).getByLabel(i === 0 ? "Chưa có" : "Có", { exact: true }).check();
    }
    await page.getByRole("button", { name: part < sectionCount ? "Lưu và sang phần tiếp" : "Lưu và về tổng quan" }).click();
    if (part < sectionCount) await expect(page.getByText(`Phần ${part + 1}/${sectionCount}`)).toBeVisible();
  }
  await expect(page).toHaveURL(overviewUrl);
  await expect(page.locator(".task-list .tag--green")).toHaveCount(sectionCount);
  await expectNoAxeViolations(page);

  // A fuel retailer is asked about its dispensers, not about water meters.
  await page.goto(`${overviewUrl}/sections/legal-control`);
  await expect(page.getByText(/cột đo xăng dầu/i).first()).toBeVisible();
  await expect(page.getByText(/đồng hồ nước/i)).toHaveCount(0);

  await page.goto(`${overviewUrl}/result`);
  await expect(page.getByRole("heading", { name: "Kết quả tự đánh giá" })).toBeVisible();
  await expect(page.locator(".score-card__value")).toContainText("%");
  const gaps = page.locator(".gap");
  expect(await gaps.count()).toBe(sectionCount);
  await expectNoAxeViolations(page);
  await snap(page, testInfo, "result");

  await gaps.first().getByRole("link", { name: /Đề nghị Sở hỗ trợ việc này/ }).click();
  await expect(page.getByRole("heading", { name: "Tạo yêu cầu hỗ trợ" })).toBeVisible();
  await expect(page.getByLabel("Tiêu đề")).toHaveValue(/^Hỗ trợ khắc phục: /);
  await expectNoAxeViolations(page);

  await page.goto(`${overviewUrl}/programme`);
  await expect(page.locator("main h1")).toHaveText("Công ty TNHH Xăng dầu Tây Đô (demo)");
  await expectNoAxeViolations(page);
  await snap(page, testInfo, "programme");
  const pdf = await page.request.get(`${overviewUrl}/programme.pdf`);
  expect(pdf.status()).toBe(200);
  expect(pdf.headers()["content-type"]).toBe("application/pdf");
  expect((await pdf.body()).subarray(0, 5).toString()).toBe("%PDF-");

  await gotoReady(page, `${overviewUrl}/submit`);
  await expectNoAxeViolations(page);
  await page.getByLabel("Mật khẩu của bạn").fill("not-the-password");
  await page.getByRole("button", { name: "Xác nhận và gửi" }).click();
  await expect(page.locator("#error-summary")).toBeFocused();
  await page.getByLabel("Mật khẩu của bạn").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Xác nhận và gửi" }).click();
  await expect(page.getByText("Đã gửi kết quả tự đánh giá cho Sở KH&CN.")).toBeVisible();
  await expect(page.getByRole("heading", { name: /Thay đổi so với lần gửi/ })).toBeVisible();
  await expectNoAxeViolations(page);

  await page.goto("/business/assessments");
  await expect(page.locator("tbody tr")).toHaveCount(3);
  await expect(page.getByRole("button", { name: "Bắt đầu lần đánh giá mới" })).toBeVisible();
});

test("answers save as you go, keeping focus, and a water utility sees water items", async ({ page }) => {
  await login(page, "water@demo.vn");
  await gotoReady(page, "/business/assessments");
  await page.getByRole("button", { name: "Bắt đầu lần đánh giá mới" }).click();
  await expect(page).toHaveURL(/\/business\/assessments\/\d+$/);
  await gotoReady(page, `${page.url()}/sections/legal-control`);
  await expect(page.getByText(/đồng hồ nước/i).first()).toBeVisible();
  await expect(page.getByText(/cột đo xăng dầu/i)).toHaveCount(0);

  const first = page.locator("fieldset.item").first();
  const partly = first.getByLabel("Một phần", { exact: true });
  await partly.check();
  await expect(first.locator(".item__status")).toContainText("Đã lưu lúc");
  await expect(partly).toBeFocused();

  await page.reload();
  await expect(page.locator("fieldset.item").first().getByLabel("Một phần", { exact: true })).toBeChecked();
  await expect(page.locator("fieldset.item").first().locator(".item__status")).toContainText("Sửa lần cuối: Lê Minh Tâm");
  await expectNoAxeViolations(page);
});
