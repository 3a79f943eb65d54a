import { expect, test } from "@playwright/test";
import { expectNoAxeViolations, gotoReady, login, snap, uniqueId } from "./support";

/** "YYYY-MM-DD" plus whole months (negative: back), the last day of the month when the day does not exist. */
function addMonths(day: string, months: number): string {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  const index = m - 1 + months;
  const year = y + Math.floor(index / 12);
  const month = ((index % 12) + 12) % 12;
  const last = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return `${year}-${String(month + 1).padStart(2, "0")}-${String(Math.min(d, last)).padStart(2, "0")}`;
}
const vn = (day: string) => day.split("-").reverse().join("/");
const vietnamToday = () => new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Ho_Chi_Minh", year: "numeric", month: "2-digit", day: "2-digit" }).format(new Date());

// A type of this test's own, so the demo's other instruments and the other tests keep their dates.
test("a DOST admin changes a cycle: preview, save, and the business's instrument page shows the new date", async ({ browser }, testInfo) => {
  test.setTimeout(120_000);
  const id = `e2e-${uniqueId()}`;
  const name = `Đồng hồ thử nghiệm E2E ${id}`;
  const verified = addMonths(vietnamToday(), -18);

  const adminContext = await browser.newContext();
  const admin = await adminContext.newPage();
  const ownerContext = await browser.newContext();
  const owner = await ownerContext.newPage();
  try {
    // 1. The admin adds the type and its first row: on the list since 15/11/2013, 24 months.
    await login(admin, "admin@dost.demo");
    await gotoReady(admin, "/dost/legal");
    await expect(admin.getByRole("heading", { level: 1, name: "Danh mục phương tiện đo và kiểm soát pháp lý" })).toBeVisible();
    await expectNoAxeViolations(admin);
    await admin.getByRole("link", { name: "Thêm loại phương tiện đo" }).click();
    await expect(admin.getByRole("heading", { level: 1, name: "Thêm loại phương tiện đo" })).toBeVisible();
    await expectNoAxeViolations(admin);
    await admin.getByLabel("Mã (không đổi được sau này)").fill(id);
    await admin.getByLabel("Tên tiếng Việt").fill(name);
    await admin.getByLabel("Tên tiếng Anh").fill(`E2E test meter ${id}`);
    await admin.getByLabel("Đơn vị đo").fill("m3");
    await admin.getByRole("button", { name: "Tạo loại phương tiện đo" }).click();
    await expect(admin).toHaveURL(new RegExp(`/dost/legal/${id}$`));
    await expect(admin.getByText("Đã thêm loại phương tiện đo.")).toBeVisible();
    await expectNoAxeViolations(admin);

    const addRow = admin.locator("#add-row");
    await addRow.getByLabel("Có hiệu lực từ ngày").fill("2013-11-15");
    await addRow.getByLabel("Chu kỳ kiểm định (tháng)").fill("24");
    await addRow.getByLabel("Văn bản", { exact: true }).fill("Thông tư 23/2013/TT-BKHCN (thử E2E)");
    await addRow.getByRole("button", { name: "Xem trước ảnh hưởng" }).click();
    await expect(admin.getByRole("heading", { level: 2, name: "Trước khi lưu" })).toBeVisible();
    await expect(admin.getByText("Thay đổi này không làm dịch hạn của phương tiện đo nào.")).toBeVisible();
    await expectNoAxeViolations(admin);
    await admin.getByRole("button", { name: "Xác nhận và lưu" }).click();
    await expect(admin.getByText(/Đã lưu dòng mới: 0 phương tiện đo dịch hạn/)).toBeVisible();

    // 2. The water utility registers one instrument of the type, verified 18 months ago: due in 6 months.
    await login(owner, "water@demo.vn");
    await gotoReady(owner, "/business/instruments/new");
    const tag = `E2E-${uniqueId()}`;
    await owner.getByLabel("Mã phương tiện").fill(tag);
    await owner.getByLabel("Tên gọi").fill("Đồng hồ thử nghiệm");
    await owner.getByLabel("Loại phương tiện đo").selectOption({ label: name });
    await owner.getByLabel("Cơ sở").selectOption({ index: 1 });
    await owner.getByRole("button", { name: "Thêm phương tiện đo" }).click();
    await expect(owner.getByText(`Đã thêm phương tiện đo ${tag}.`)).toBeVisible();
    const instrumentUrl = owner.url();
    await owner.getByRole("link", { name: "Ghi nhận kiểm định / hiệu chuẩn" }).click();
    await owner.getByLabel("Ngày thực hiện").fill(verified);
    await owner.getByLabel("Đơn vị thực hiện").fill("Trung tâm Kỹ thuật (ví dụ)");
    await owner.getByLabel("Kết quả", { exact: true }).selectOption("pass");
    await owner.getByRole("button", { name: "Lưu" }).click();
    await expect(owner.getByText("Đã ghi nhận; hạn tiếp theo đã được tính lại.")).toBeVisible();
    await expect(owner.getByText(`Hạn tiếp theo: ${vn(addMonths(verified, 24))}`)).toBeVisible();
    await expect(owner.getByText(/Nhóm 2: thuộc Danh mục phương tiện đo nhóm 2/)).toBeVisible();

    // 3. The admin enters a 12-month cycle from 1/1/2020: the preview counts the instrument, newly overdue.
    await gotoReady(admin, `/dost/legal/${id}`);
    await addRow.getByLabel("Có hiệu lực từ ngày").fill("2020-01-01");
    await addRow.getByLabel("Chu kỳ kiểm định (tháng)").fill("12");
    await addRow.getByLabel("Văn bản", { exact: true }).fill("Thông tư 07/2019/TT-BKHCN (thử E2E)");
    await addRow.getByLabel("Mức độ chắc chắn").selectOption("secondary");
    await addRow.getByLabel("Ghi chú cho người dùng").fill("Các nguồn chưa thống nhất (thử E2E).");
    await addRow.getByRole("button", { name: "Xem trước ảnh hưởng" }).click();
    await expect(admin.getByText("Thay đổi này làm dịch hạn của 1 phương tiện đo tại 1 doanh nghiệp; 1 phương tiện đo trở thành quá hạn.")).toBeVisible();
    await expect(admin.getByRole("cell", { name: tag })).toBeVisible();
    await expectNoAxeViolations(admin);
    await snap(admin, testInfo, "legal-admin-preview");
    await admin.getByRole("button", { name: "Xác nhận và lưu" }).click();
    await expect(admin.getByText("Đã lưu dòng mới: 1 phương tiện đo dịch hạn, 1 doanh nghiệp sẽ được báo.")).toBeVisible();
    await expect(admin.getByText("Đang áp dụng", { exact: true })).toBeVisible();
    await expectNoAxeViolations(admin);

    // 4. The instrument page shows the new date, the row it rests on and the note.
    await gotoReady(owner, instrumentUrl);
    await expect(owner.getByText(`Hạn tiếp theo: ${vn(addMonths(verified, 12))}`)).toBeVisible();
    await expect(owner.getByText(/Thông tư 07\/2019\/TT-BKHCN \(thử E2E\)/).first()).toBeVisible();
    await expect(owner.getByText("Các nguồn chưa thống nhất (thử E2E).")).toBeVisible();
    await expect(owner.getByRole("link", { name: "Xem căn cứ pháp lý của loại phương tiện đo này" })).toHaveAttribute("href", `/legal#type-${id}`);
    await expectNoAxeViolations(owner);
    await snap(owner, testInfo, "legal-instrument-page");
  } finally {
    await adminContext.close();
    await ownerContext.close();
  }
});

test("a reviewer reads the legal catalogue but has no forms to change it", async ({ page }) => {
  await login(page, "reviewer@dost.demo");
  await gotoReady(page, "/dost/legal/taximeter");
  await expect(page.getByRole("heading", { level: 2, name: "Kiểm soát pháp lý theo thời gian" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Xem trước ảnh hưởng" })).toHaveCount(0);
  await expectNoAxeViolations(page);
});
