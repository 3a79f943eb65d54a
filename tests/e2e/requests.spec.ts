import { type Page, expect, test } from "@playwright/test";
import { expectNoAxeViolations, gotoReady, login, logout } from "./support";

const PDF = { name: "giay-phep.pdf", mimeType: "application/pdf", buffer: Buffer.from("%PDF-1.4\n%%EOF\n") };

async function asReviewer(page: Page, code: string) {
  await login(page, "reviewer@dost.demo");
  await gotoReady(page, "/dost/requests?state=all");
  await page.getByRole("link", { name: code }).click();
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
}

test("a support request goes round: submitted, more information asked and given, approved, completed into the register", async ({ page }) => {
  test.setTimeout(120_000);
  // The business asks for verification of two instruments, with an attachment.
  await login(page, "fuel@demo.vn");
  await gotoReady(page, "/business/requests");
  await expectNoAxeViolations(page);
  await page.getByRole("link", { name: "Tạo yêu cầu hỗ trợ" }).click();
  await expect(page.getByRole("heading", { name: "Tạo yêu cầu hỗ trợ" })).toBeVisible();
  await expectNoAxeViolations(page);

  // Submitting with nothing filled in keeps the page and lists every problem.
  await page.getByRole("button", { name: "Nộp yêu cầu" }).click();
  await expect(page.locator("#error-summary")).toBeFocused();
  await expectNoAxeViolations(page);

  await page.getByRole("radio", { name: /^Kiểm định phương tiện đo/ }).check();
  await page.getByLabel("Tiêu đề").fill("Kiểm định hai cột đo (thử nghiệm tự động)");
  await page.getByLabel("Mô tả nhu cầu").fill("Hai cột đo đã quá hạn kiểm định, cần kiểm định lại trước cuối tháng.");
  const picker = page.locator("#field-instrumentIds");
  const tags = await picker.locator("tbody tr td:nth-child(2)").allInnerTexts();
  const chosen = tags.slice(0, 2).map((tag) => tag.trim());
  for (const tag of chosen) await picker.getByLabel(tag, { exact: true }).check();
  await page.getByLabel("Tài liệu đính kèm (không bắt buộc)").setInputFiles(PDF);
  await page.getByRole("button", { name: "Nộp yêu cầu" }).click();

  // The receipt: tracking code and appointment date.
  await expect(page.getByRole("heading", { name: "Giấy tiếp nhận hồ sơ và hẹn trả kết quả" })).toBeVisible();
  const code = (await page.locator(".receipt strong").first().innerText()).trim();
  expect(code).toMatch(/^HT-\d{4}-\d{6}$/);
  await expect(page.getByText(/Ngày hẹn trả kết quả: \d{2}\/\d{2}\/\d{4}/)).toBeVisible();
  await expect(page.getByText("giay-phep.pdf")).toBeVisible();
  await expectNoAxeViolations(page);
  const pdf = await page.request.get(`${page.url()}.pdf`);
  expect(pdf.headers()["content-type"]).toBe("application/pdf");
  await logout(page, "Nguyễn Văn Phúc");

  // The reviewer receives it, asks for two things at once and keeps an internal note.
  await asReviewer(page, code);
  await expectNoAxeViolations(page);
  await page.getByRole("button", { name: "Tiếp nhận hồ sơ" }).click();
  await expect(page.locator(".request-head, main").getByText("Đang xử lý").first()).toBeVisible();
  await page.getByLabel("Mục 1", { exact: true }).fill("Ảnh tem kiểm định hiện tại");
  await page.getByLabel("Mục 2", { exact: true }).fill("Giờ cửa hàng có thể tạm ngừng bán");
  await page.getByRole("button", { name: "Gửi yêu cầu bổ sung" }).click();
  await expect(page.getByText("Ảnh tem kiểm định hiện tại").first()).toBeVisible();
  await page.getByLabel("Nội dung ghi chú nội bộ").fill("Ghi chú riêng: ưu tiên xử lý trong tuần.");
  await page.getByRole("button", { name: "Lưu ghi chú nội bộ" }).click();
  await expect(page.getByText("Ghi chú riêng: ưu tiên xử lý trong tuần.")).toBeVisible();
  await expectNoAxeViolations(page);
  await logout(page, "Đặng Hoàng Long");

  // The business sees what is asked on its home page, answers once, never sees the note.
  await login(page, "fuel@demo.vn");
  await expect(page.getByRole("link", { name: new RegExp(code) })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole("link", { name: new RegExp(code) }).click();
  await expect(page.getByRole("heading", { name: "Sở KH&CN cần doanh nghiệp bổ sung" })).toBeVisible();
  await expect(page.getByText("Ghi chú riêng")).toHaveCount(0);
  await expectNoAxeViolations(page);
  await page.getByLabel("Nội dung bổ sung").fill("1. Ảnh tem gửi kèm. 2. Từ 22 giờ đến 5 giờ sáng.");
  await page.getByRole("button", { name: "Gửi bổ sung" }).click();
  await expect(page.getByText("Đã gửi bổ sung. Thời hạn giải quyết được tính lại từ đầu kể từ hôm nay; ngày hẹn trả kết quả mới hiện trên trang hồ sơ.")).toBeVisible();
  await expect(page.getByText("Đã bổ sung").first()).toBeVisible();
  await logout(page, "Nguyễn Văn Phúc");

  // The reviewer approves with a plan, then records the outcome instrument by instrument.
  await asReviewer(page, code);
  const planned = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
  await page.getByLabel("Đơn vị thực hiện").fill("Trung tâm Kỹ thuật Tiêu chuẩn Đo lường Chất lượng (ví dụ)");
  await page.getByLabel("Ngày thực hiện dự kiến").fill(planned);
  await page.getByRole("button", { name: "Phê duyệt và gửi kế hoạch" }).click();
  await expect(page.getByText("Đã phê duyệt").first()).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByLabel("Kết quả hỗ trợ").fill("Đã kiểm định hai cột đo, đều đạt.");
  for (const [n, tag] of chosen.entries()) {
    const group = page.getByRole("group", { name: new RegExp(`^${tag} —`) });
    await group.getByLabel("Kết quả").selectOption("pass");
    await group.getByLabel("Số giấy chứng nhận").fill(`KĐ-E2E-${n + 1}`);
  }
  await page.getByRole("button", { name: "Trả kết quả" }).click();
  await expect(page.getByText("Đã trả kết quả").first()).toBeVisible();
  await expectNoAxeViolations(page);
  await logout(page, "Đặng Hoàng Long");

  // The register has updated itself: the instrument shows the new certificate.
  await login(page, "fuel@demo.vn");
  await gotoReady(page, `/business/instruments?q=${encodeURIComponent(chosen[0]!)}`);
  await page.getByRole("link", { name: chosen[0]!, exact: true }).click();
  await expect(page.getByText("KĐ-E2E-1").first()).toBeVisible();
  await expectNoAxeViolations(page);
});

test("a late request is marked late and still decided; an apology with a new date comes before the deadline, once", async ({ page }) => {
  test.setTimeout(60_000);
  await login(page, "reviewer@dost.demo");
  // The demo's method request is past its deadline with no apology: late, and nothing is locked.
  await gotoReady(page, "/dost/requests?clock=late");
  await expectNoAxeViolations(page);
  await page.locator("tbody a").first().click();
  await expect(page.getByRole("heading", { name: "Đã quá hạn giải quyết" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Gửi phiếu xin lỗi và hẹn lại ngày trả kết quả" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Gửi yêu cầu bổ sung" })).toHaveCount(0);
  await expect(page.getByText(/Đã quá 3 ngày làm việc kể từ ngày tiếp nhận/)).toBeVisible();
  await expect(page.getByRole("button", { name: "Phê duyệt và gửi kế hoạch" })).toBeVisible();
  await expectNoAxeViolations(page);

  // The demo's training request was submitted today: the apology can still be sent, before the deadline.
  await gotoReady(page, "/dost/requests?type=training&state=submitted");
  await page.locator("tbody a").first().click();
  await expect(page.getByRole("heading", { name: "Xin lỗi và hẹn lại ngày trả kết quả" })).toBeVisible();
  const deadlineText = (await page.locator("dt").filter({ hasText: /^Hạn giải quyết$/ }).locator("xpath=following-sibling::dd[1]").innerText()).trim();
  const [dd, mm, yyyy] = deadlineText.split("/").map(Number) as [number, number, number];
  const deadline = Date.UTC(yyyy, mm - 1, dd);
  const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  // The deadline itself is refused (the new date comes after it), and the apology typed is kept.
  await page.getByLabel("Ngày hẹn trả kết quả mới").fill(iso(deadline));
  await page.getByLabel("Nội dung xin lỗi").fill("Xin lỗi doanh nghiệp vì hồ sơ cần thêm ý kiến chuyên gia.");
  await page.getByRole("button", { name: "Gửi phiếu xin lỗi và hẹn lại ngày trả kết quả" }).click();
  await expect(page.locator("#error-summary")).toBeVisible();
  await expect(page.getByLabel("Nội dung xin lỗi")).toHaveValue("Xin lỗi doanh nghiệp vì hồ sơ cần thêm ý kiến chuyên gia.");
  // The first weekday after the deadline, or the next one if that is a public holiday.
  const sendButton = page.getByRole("button", { name: "Gửi phiếu xin lỗi và hẹn lại ngày trả kết quả" });
  for (let day = 1; day < 12 && (await sendButton.isVisible()); day++) {
    const candidate = new Date(deadline + day * 86_400_000);
    if (candidate.getUTCDay() === 0 || candidate.getUTCDay() === 6) continue;
    await page.getByLabel("Ngày hẹn trả kết quả mới").fill(iso(candidate.getTime()));
    await Promise.all([
      page.waitForResponse((response) => response.request().method() === "POST"),
      sendButton.click(),
    ]);
    await page.waitForFunction(() => (window as unknown as { __remixRouter: { state: { navigation: { state: string } } } }).__remixRouter.state.navigation.state === "idle");
  }
  // Sent: the promised date moved, and no second apology is offered.
  await expect(page.getByText("Đã gửi phiếu xin lỗi và hẹn lại ngày trả kết quả.")).toBeVisible();
  await expect(page.getByText("(đã hẹn lại)")).toBeVisible();
  await expect(sendButton).toHaveCount(0);
  await expectNoAxeViolations(page);
});
