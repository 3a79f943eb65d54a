import { expect, test } from "@playwright/test";
import { expectNoAxeViolations, expectNoAxeViolationsWithoutJs, gotoReady, hasNoHorizontalScroll, login, logout, snap, uniqueId } from "./support";

// The demo's providers (db/seed/demo-providers.ts): fictitious, each marked "(ví dụ)".
const CENTRE = "Trung tâm Kỹ thuật Tiêu chuẩn Đo lường Chất lượng (ví dụ)";
const LAPSED = "Công ty Cổ phần Kiểm định Cân và Taximet Cửu Long (ví dụ)";
const POWER = "Trung tâm Đo lường Điện Miền Tây (ví dụ)";
const UNLISTED = "Xí nghiệp Kiểm định Đồng hồ nước Ninh Kiều (ví dụ)";

test("a visitor, without logging in, opens the directory and filters it by instrument type", async ({ page }, testInfo) => {
  await gotoReady(page, "/providers");
  await expect(page.getByRole("heading", { level: 1, name: "Đơn vị kiểm định, hiệu chuẩn, thử nghiệm" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: CENTRE })).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: UNLISTED })).toHaveCount(0);
  await expect(page.getByText("Ví dụ — không có thật").first()).toBeVisible();
  await expectNoAxeViolations(page);
  await snap(page, testInfo, "providers-directory");

  await page.getByLabel("Loại phương tiện đo").selectOption({ label: "Taximet (đồng hồ tính tiền xe taxi)" });
  await page.getByRole("button", { name: "Lọc" }).click();
  await expect(page).toHaveURL(/[?&]type=taximeter/);
  await expect(page.getByText(/Đơn vị có phạm vi bao gồm: Taximet/)).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: CENTRE })).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: POWER })).toHaveCount(0);
  // A lapsed designation is listed, and says so.
  const lapsed = page.getByRole("article", { name: LAPSED });
  await expect(lapsed.getByText("Hết hiệu lực", { exact: true })).toBeVisible();
  await expect(lapsed.getByText(/Đã hết hiệu lực \(hiệu lực đến ngày \d{2}\/\d{2}\/\d{4}\)/)).toBeVisible();
  await expectNoAxeViolations(page);
  await snap(page, testInfo, "providers-taximeter");

  await page.getByRole("link", { name: CENTRE }).click();
  await expect(page.getByRole("heading", { level: 1, name: CENTRE })).toBeVisible();
  await expect(page.getByText("Ví dụ — không có thật")).toBeVisible();
  await expectNoAxeViolations(page);
});

test("without JavaScript the filters work the same", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  try {
    await page.goto("/providers");
    await page.getByLabel("Loại hoạt động").selectOption({ label: "Thử nghiệm" });
    await page.getByRole("button", { name: "Lọc" }).click();
    await expect(page).toHaveURL(/[?&]kind=testing/);
    await expect(page.getByRole("heading", { level: 2, name: POWER })).toHaveCount(0);
    await expect(page.getByRole("heading", { level: 2, name: CENTRE })).toBeVisible();
    await expectNoAxeViolationsWithoutJs(page);
  } finally {
    await context.close();
  }
});

test("an admin adds a provider and sees it listed; unlisting takes it off the public page; reviewers get 404", async ({ page }, testInfo) => {
  test.setTimeout(60_000);
  await login(page, "admin@dost.demo");
  await gotoReady(page, "/dost/providers");
  await expect(page.getByRole("heading", { level: 1, name: "Quản lý danh bạ đơn vị" })).toBeVisible();
  // The admin's list shows unlisted providers too.
  await expect(page.getByRole("row", { name: new RegExp(UNLISTED.replace(/[()]/g, "\\$&")) })).toContainText("Ngừng hiển thị");
  await expectNoAxeViolations(page);
  await snap(page, testInfo, "providers-admin-list");

  await page.getByRole("link", { name: "Thêm đơn vị" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Thêm đơn vị vào danh bạ" })).toBeVisible();
  await expectNoAxeViolations(page);

  // Nothing filled in: every problem listed at the top.
  await page.getByRole("button", { name: "Thêm vào danh bạ" }).click();
  await expect(page.locator("#error-summary")).toBeFocused();
  await expect(page.locator("#error-summary")).toContainText("Chọn ít nhất một loại phương tiện đo trong danh mục.");
  await expectNoAxeViolations(page);

  const name = `Phòng Hiệu chuẩn Thử nghiệm E2E ${uniqueId()} (ví dụ)`;
  await page.getByLabel("Tên đơn vị").fill(name);
  await page.getByLabel("Phòng hiệu chuẩn được công nhận (VILAS)").check();
  await page.getByLabel("Số hiệu công nhận").fill("VILAS 9990");
  await page.getByLabel("Hiệu lực").fill("2099-12-31");
  await page.getByLabel("Phạm vi", { exact: true }).fill("Hiệu chuẩn máy đo pH, máy đo độ dẫn điện.");
  await page.getByLabel("Máy đo pH").check();
  await page.getByLabel("Máy đo độ dẫn điện (EC)").check();
  await page.getByLabel("Đây là đơn vị ví dụ, không có thật").check();
  await page.getByRole("button", { name: "Thêm vào danh bạ" }).click();
  await expect(page).toHaveURL(/\/dost\/providers$/);
  await expect(page.getByText(`Đã thêm "${name}" vào danh bạ.`)).toBeVisible();
  await expect(page.getByRole("link", { name })).toBeVisible();
  await expectNoAxeViolations(page);

  // It is public at once, under its instrument types.
  await gotoReady(page, "/providers?type=ph-meter");
  await expect(page.getByRole("heading", { level: 2, name })).toBeVisible();

  // Unlist it from its edit page.
  await gotoReady(page, "/dost/providers");
  await page.getByRole("link", { name }).click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  await expectNoAxeViolations(page);
  await snap(page, testInfo, "providers-admin-edit");
  await page.getByRole("button", { name: "Ngừng hiển thị đơn vị này" }).click();
  await expect(page.getByText(`"${name}" đã ngừng hiển thị trong danh bạ.`)).toBeVisible();
  await expect(page.getByRole("button", { name: "Hiển thị lại đơn vị này" })).toBeVisible();
  await gotoReady(page, "/providers?type=ph-meter");
  await expect(page.getByRole("heading", { level: 2, name })).toHaveCount(0);
  await logout(page, "Võ Thị Hạnh");

  await login(page, "reviewer@dost.demo");
  for (const path of ["/dost/providers", "/dost/providers/new", "/dost/providers/1"]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(404);
  }
});

test("a business sees who can verify an instrument, and the event form suggests the directory's providers", async ({ page }) => {
  await login(page, "fuel@demo.vn");
  await gotoReady(page, "/business/instruments?type=fuel-dispenser");
  await page.locator("table tbody tr").first().getByRole("link").first().click();
  const section = page.getByRole("region", { name: "Ai kiểm định, hiệu chuẩn được phương tiện này?" });
  await expect(section.getByRole("link", { name: CENTRE })).toBeVisible();
  await expect(section.getByRole("link", { name: LAPSED })).toHaveCount(0);
  await expectNoAxeViolations(page);
  await section.getByRole("link", { name: "Xem trong danh bạ đơn vị" }).click();
  await expect(page).toHaveURL(/\/providers\?type=fuel-dispenser$/);
  await page.goBack();

  await page.getByRole("link", { name: "Ghi nhận kiểm định / hiệu chuẩn" }).click();
  const field = page.getByLabel("Đơn vị thực hiện");
  const listId = await field.getAttribute("list");
  expect(listId).toBeTruthy();
  await expect(page.locator(`datalist#${listId} option[value="${CENTRE}"]`)).toHaveCount(1);
  await expectNoAxeViolations(page);
});

test.describe("on a 390 px phone", () => {
  test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });

  test("the directory and the admin list fit without sideways scrolling", async ({ page }, testInfo) => {
    await gotoReady(page, "/providers");
    expect(await hasNoHorizontalScroll(page)).toMatchObject({ ok: true });
    await expectNoAxeViolations(page);
    await snap(page, testInfo, "phone-providers");
    await login(page, "admin@dost.demo");
    await gotoReady(page, "/dost/providers");
    expect(await hasNoHorizontalScroll(page)).toMatchObject({ ok: true });
    await expectNoAxeViolations(page);
    await snap(page, testInfo, "phone-providers-admin");
  });
});
