import { type Page, expect, test } from "@playwright/test";
import { expectNoAxeViolations, expectNoAxeViolationsWithoutJs, gotoReady, hasNoHorizontalScroll, login, snap, uniqueId } from "./support";

/** Today in Vietnam, as the date field wants it. */
function today(): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Ho_Chi_Minh", year: "numeric", month: "2-digit", day: "2-digit" }).format(new Date());
}

async function expectFitsPhone(page: Page) {
  const width = await hasNoHorizontalScroll(page);
  expect(width, `${page.url()} scrolls sideways: ${width.scrollWidth}px > ${width.innerWidth}px`).toMatchObject({ ok: true });
}

test("a reviewer records a training course of 40 people, finds it in the list, edits it and deletes it", async ({ page }, testInfo) => {
  test.setTimeout(90_000);
  const topic = `Tập huấn đo lường cho doanh nghiệp xăng dầu ${uniqueId()}`;
  await login(page, "reviewer@dost.demo");
  await gotoReady(page, "/dost/activities");
  await expect(page.getByRole("heading", { level: 1, name: "Hoạt động của chương trình" })).toBeVisible();
  // The demo's history: phase 1's courses are listed.
  await expect(page.getByRole("table", { name: "Danh sách hoạt động, mới nhất ở trên cùng" })).toBeVisible();
  await expectNoAxeViolations(page);
  await snap(page, testInfo, "activities-list");

  await page.getByRole("link", { name: "Ghi nhận khóa đào tạo" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Ghi nhận: Khóa đào tạo, tập huấn" })).toBeVisible();
  // The help text names the target the course counts toward.
  await expect(page.getByText(/Tính vào chỉ tiêu «Lượt người được bồi dưỡng, nâng cao chuyên môn về đo lường»/)).toBeVisible();
  await expectNoAxeViolations(page);

  // Nothing filled in: the page keeps the form and lists every problem, attendees among them.
  await page.getByRole("button", { name: "Ghi nhận hoạt động" }).click();
  await expect(page.locator("#error-summary")).toBeFocused();
  await expect(page.locator("#error-summary")).toContainText("Số người tham dự: Hãy nhập số người tham dự.");
  await expectNoAxeViolations(page);

  await page.getByLabel("Ngày khai giảng").fill(today());
  await page.getByLabel("Chủ đề khóa học").fill(topic);
  await page.getByLabel("Số người tham dự").fill("40");
  await page.getByLabel("Đơn vị tổ chức (không bắt buộc)").fill("Sở Khoa học và Công nghệ thành phố Cần Thơ");
  await page.getByRole("button", { name: "Ghi nhận hoạt động" }).click();

  await expect(page).toHaveURL(/\/dost\/activities$/);
  await expect(page.getByText(`Đã ghi nhận «${topic}».`)).toBeVisible();
  const row = page.getByRole("row").filter({ hasText: topic });
  await expect(row).toContainText("40 người");
  await expectNoAxeViolations(page);

  // Edit: 42 came in the end.
  await row.getByRole("link", { name: topic }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Sửa hoạt động" })).toBeVisible();
  await expect(page.getByLabel("Số người tham dự")).toHaveValue("40");
  await expectNoAxeViolations(page);
  await snap(page, testInfo, "activity-edit");
  await page.getByLabel("Số người tham dự").fill("42");
  await page.getByRole("button", { name: "Lưu thay đổi" }).click();
  await expect(page.getByText(`Đã lưu «${topic}».`)).toBeVisible();
  await expect(page.getByRole("row").filter({ hasText: topic })).toContainText("42 người");

  // The year filter keeps it; another year does not.
  await page.getByLabel("Năm").selectOption(today().slice(0, 4));
  await page.getByRole("button", { name: "Lọc", exact: true }).click();
  await expect(page.getByRole("row").filter({ hasText: topic })).toBeVisible();
  await page.getByLabel("Năm").selectOption("2022");
  await page.getByRole("button", { name: "Lọc", exact: true }).click();
  await expect(page).toHaveURL(/year=2022/);
  await expect(page.getByRole("row").filter({ hasText: topic })).toHaveCount(0);

  // Delete, after a confirmation.
  await gotoReady(page, "/dost/activities");
  await page.getByRole("row").filter({ hasText: topic }).getByRole("link", { name: topic }).click();
  await page.getByText("Xóa hoạt động này…").click();
  await expect(page.getByText(`Xóa hẳn «${topic}»? Không thể hoàn tác.`)).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole("button", { name: "Xóa hẳn" }).click();
  await expect(page.getByText(`Đã xóa «${topic}».`)).toBeVisible();
  await expect(page.getByRole("row").filter({ hasText: topic })).toHaveCount(0);
});

test("the DOST business page opens from the filtered list", async ({ page }, testInfo) => {
  await login(page, "reviewer@dost.demo");
  await gotoReady(page, "/dost");
  await page.getByLabel("Phường, xã (trụ sở hoặc cơ sở)").selectOption({ label: "Phường Cái Khế" });
  await page.getByLabel("Loại hình sở hữu").selectOption({ label: "Doanh nghiệp tư nhân, ngoài nhà nước" });
  await page.getByRole("button", { name: "Lọc", exact: true }).click();
  await expect(page).toHaveURL(/commune=phuong-cai-khe/);
  // The fuel retailer's head office is in Ninh Kiều; one of its stations is in Cái Khế.
  const link = page.getByRole("link", { name: "Công ty TNHH Xăng dầu Tây Đô (demo)" });
  await expect(link).toBeVisible();
  await expectNoAxeViolations(page);
  await link.click();

  await expect(page.getByRole("heading", { level: 1, name: "Công ty TNHH Xăng dầu Tây Đô (demo)" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Tự đánh giá 510 gần nhất" })).toBeVisible();
  await expect(page.getByRole("table", { name: "Điểm theo phần của bản tự đánh giá" })).toBeVisible();
  await expect(page.getByText("Tỷ lệ phương tiện đo còn hạn")).toBeVisible();
  const requests = page.getByRole("table", { name: "Yêu cầu hỗ trợ doanh nghiệp đã nộp" });
  await expect(requests.getByRole("link", { name: /^HT-\d{4}-\d{6}$/ }).first()).toBeVisible();
  await expect(requests.getByText("Nháp")).toHaveCount(0);
  await expectNoAxeViolations(page);
  await snap(page, testInfo, "dost-business");

  await requests.getByRole("link", { name: /^HT-\d{4}-\d{6}$/ }).first().click();
  await expect(page).toHaveURL(/\/dost\/requests\/\d+$/);
});

test("without JavaScript: the kind is chosen, a refused form comes back with its errors and values, and the course is recorded", async ({ browser }) => {
  // Its own context: a test-wide javaScriptEnabled would also switch off the context axe runs in.
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  try {
    const topic = `Tập huấn không JavaScript ${uniqueId()}`;
    await login(page, "reviewer@dost.demo");
    await page.goto("/dost/activities/new");
    await page.getByRole("radio", { name: /^Khóa đào tạo, tập huấn/ }).check();
    await page.getByRole("button", { name: "Tiếp tục" }).click();
    await expect(page).toHaveURL(/kind=training/);
    await page.getByLabel("Chủ đề khóa học").fill(topic);
    await page.getByLabel("Ngày khai giảng").fill(today());
    await page.getByRole("button", { name: "Ghi nhận hoạt động" }).click();
    await expect(page.locator("#error-summary")).toContainText("Số người tham dự: Hãy nhập số người tham dự.");
    await expect(page.getByLabel("Chủ đề khóa học")).toHaveValue(topic);
    await expectNoAxeViolationsWithoutJs(page);
    await page.getByLabel("Số người tham dự").fill("40");
    await page.getByRole("button", { name: "Ghi nhận hoạt động" }).click();
    await expect(page).toHaveURL(/\/dost\/activities$/);
    await expect(page.getByRole("row").filter({ hasText: topic })).toContainText("40 người");
  } finally {
    await context.close();
  }
});

test.describe("on a 390 px phone", () => {
  test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });

  test("the activities, the new-activity form and the business page fit without sideways scrolling", async ({ page }, testInfo) => {
    await login(page, "admin@dost.demo");
    await page.goto("/dost/activities");
    await expectFitsPhone(page);
    await expectNoAxeViolations(page);
    await snap(page, testInfo, "phone-activities");

    await page.goto("/dost/activities/new");
    await expectFitsPhone(page);
    await expectNoAxeViolations(page);
    await snap(page, testInfo, "phone-activity-choose");
    await page.getByRole("radio", { name: /^Phòng thí nghiệm được công nhận/ }).check();
    await page.getByRole("button", { name: "Tiếp tục" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Ghi nhận: Phòng thí nghiệm được công nhận" })).toBeVisible();
    await expect(page.getByLabel("Số người tham dự")).toHaveCount(0);
    await expectFitsPhone(page);
    await expectNoAxeViolations(page);
    await snap(page, testInfo, "phone-activity-laboratory");

    await page.goto("/dost");
    await page.getByRole("link", { name: "Công ty Cổ phần Cấp nước Hậu Giang Xanh (demo)" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await expectFitsPhone(page);
    await expectNoAxeViolations(page);
    await snap(page, testInfo, "phone-dost-business");
  });
});
