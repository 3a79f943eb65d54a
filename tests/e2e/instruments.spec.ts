import { expect, test } from "@playwright/test";
import { expectNoAxeViolations, gotoReady, login } from "./support";

test("the fuel retailer adds a dispenser, records its verification and finds it in the schedule", async ({ page }) => {
  await login(page, "fuel@demo.vn");
  await gotoReady(page, "/business/instruments");
  await expectNoAxeViolations(page);
  await page.getByRole("link", { name: "Thêm phương tiện đo" }).click();
  await expect(page).toHaveURL(/\/business\/instruments\/new$/);
  await expectNoAxeViolations(page);

  const tag = `CD-E2E-${Date.now().toString(36)}`;
  await page.getByLabel("Mã phương tiện").fill(tag);
  await page.getByLabel("Tên gọi").fill("Cột đo mới lắp");
  await page.getByLabel("Loại phương tiện đo").selectOption({ label: "Cột đo xăng dầu" });
  await page.getByLabel("Cơ sở").selectOption({ index: 1 });
  await page.getByLabel("Phạm vi đo từ").fill("0,5");
  await page.getByLabel("Phạm vi đo đến").fill("60");
  await page.getByRole("button", { name: "Thêm phương tiện đo" }).click();
  await expect(page.getByText(`Đã thêm phương tiện đo ${tag}.`)).toBeVisible();
  await expect(page.getByText("Chưa có hạn")).toBeVisible();
  await expectNoAxeViolations(page);

  await page.getByRole("link", { name: "Ghi nhận kiểm định / hiệu chuẩn" }).click();
  await expectNoAxeViolations(page);
  // Verified 20 days before today: due in about 11 months.
  const verified = new Date(Date.now() - 20 * 86_400_000).toISOString().slice(0, 10);
  await page.getByLabel("Ngày thực hiện").fill(verified);
  await page.getByLabel("Đơn vị thực hiện").fill("Trung tâm Kỹ thuật (ví dụ)");
  await page.getByLabel("Số giấy chứng nhận").fill("KĐ-E2E-1");
  await page.getByLabel("Kết quả", { exact: true }).selectOption("pass");
  await page.getByLabel("Tệp giấy chứng nhận").setInputFiles({ name: "kd.pdf", mimeType: "application/pdf", buffer: Buffer.from("%PDF-1.4\n%%EOF\n") });
  await page.getByRole("button", { name: "Lưu" }).click();
  await expect(page.getByText("Đã ghi nhận; hạn tiếp theo đã được tính lại.")).toBeVisible();
  await expect(page.getByText(/chu kỳ pháp định/)).toBeVisible();
  await expect(page.getByText(/SHA-256 [0-9a-f]{64}/)).toBeVisible();
  await expectNoAxeViolations(page);

  await page.getByRole("navigation", { name: "Điều hướng chính" }).getByRole("link", { name: "Lịch đến hạn" }).click();
  await expect(page.getByRole("heading", { name: "Lịch kiểm định, hiệu chuẩn" })).toBeVisible();
  await expect(page.getByText("Tỷ lệ còn hạn")).toBeVisible();
  await expectNoAxeViolations(page);

  await gotoReady(page, `/business/instruments?q=${tag}`);
  await expect(page.getByRole("link", { name: tag })).toBeVisible();
  await expect(page.locator("tbody .tag", { hasText: "Còn hạn" })).toBeVisible();
});

test("a failed verification quarantines the instrument and asks for an impact review", async ({ page }) => {
  await login(page, "water@demo.vn");
  await gotoReady(page, "/business/instruments");
  await page.locator("tbody a").first().click();
  await page.getByRole("link", { name: "Ghi nhận kiểm định / hiệu chuẩn" }).click();
  await page.getByLabel("Đơn vị thực hiện").fill("Trung tâm Kỹ thuật (ví dụ)");
  await page.getByLabel("Kết quả", { exact: true }).selectOption("fail");
  await page.getByRole("button", { name: "Lưu" }).click();
  await expect(page.locator("#error-summary")).toBeFocused();
  await expect(page.locator("#error-summary li")).toHaveCount(3);
  await expectNoAxeViolations(page);
  await page.getByLabel("Kết quả có thể sai từ ngày").fill(new Date(Date.now() - 60 * 86_400_000).toISOString().slice(0, 10));
  await page.getByLabel("Những gì đã đo trong thời gian đó").fill("Tiền nước của khách hàng khu vực 4");
  await page.getByLabel("Hành động xử lý").fill("Thay đồng hồ, rà soát hóa đơn");
  await page.getByRole("button", { name: "Lưu" }).click();
  await expect(page.getByText("Lần kiểm tra gần nhất không đạt")).toBeVisible();
  await expect(page.getByText("Tạm dừng – không đạt").first()).toBeVisible();
  await expectNoAxeViolations(page);
});

test("importing a list: every bad cell is shown and nothing imported, then the fixed file imports", async ({ page }) => {
  await login(page, "fuel@demo.vn");
  await gotoReady(page, "/business/instruments/import");
  await expectNoAxeViolations(page);
  const template = await page.request.get("/business/instruments/template.csv");
  expect(template.status()).toBe(200);
  expect((await template.body()).subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));

  const stamp = Date.now().toString(36).toUpperCase();
  const header = "Mã/số hiệu;Cơ sở;Loại phương tiện đo;Mục đích sử dụng;Phạm vi đo đến;Ngày kiểm định/hiệu chuẩn gần nhất;Hình thức;Kết quả;Đơn vị thực hiện";
  const good = (n: number) => `IMP-${stamp}-${n};Cửa hàng xăng dầu số 1 — Cái Khế;Cột đo xăng dầu;Thương mại;99,99;12/03/2026;Kiểm định;Đạt;Trung tâm Kỹ thuật (ví dụ)`;
  const bad = `IMP-${stamp}-3;Cửa hàng không có;Cột đo xăng dầu;Thương mại;99,99;31/02/2026;Kiểm định;Đạt;`;
  const file = (rows: string[]) => ({ name: "so-phuong-tien.csv", mimeType: "text/csv", buffer: Buffer.from(`\ufeff${[header, ...rows].join("\r\n")}\r\n`) });

  await page.getByLabel("Tệp danh sách phương tiện đo").setInputFiles(file([good(1), good(2), bad]));
  await page.getByRole("button", { name: "Tải lên và kiểm tra" }).click();
  await expect(page.getByRole("heading", { name: /Chưa nhập gì: \d+ lỗi ở 1 dòng/ })).toBeVisible();
  await expectNoAxeViolations(page);
  const nothingYet = await page.request.get(`/business/instruments?q=IMP-${stamp}`);
  expect(await nothingYet.text()).not.toContain(`IMP-${stamp}-1`);

  await page.getByLabel("Tệp danh sách phương tiện đo").setInputFiles(file([good(1), good(2), good(3)]));
  await page.getByRole("button", { name: "Tải lên và kiểm tra" }).click();
  await expect(page.getByRole("heading", { name: "Tất cả các dòng đều hợp lệ" })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole("button", { name: /Xác nhận nhập 3 dòng/ }).click();
  await expect(page.getByText(/Đã nhập tệp so-phuong-tien\.csv/)).toBeVisible();
  await expectNoAxeViolations(page);

  await gotoReady(page, `/business/instruments?q=IMP-${stamp}`);
  await expect(page.locator("tbody tr")).toHaveCount(3);
  await expect(page.getByRole("link", { name: `IMP-${stamp}-3` })).toBeVisible();
});
