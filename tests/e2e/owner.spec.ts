import { expect, test } from "@playwright/test";
import {
  DEMO_PASSWORD,
  expectNoAxeViolations,
  gotoReady,
  linkFromOutbox,
  loggedInContext,
  login,
  logout,
  snap,
  uniqueId,
} from "./support";

const FUEL = "Công ty TNHH Xăng dầu Tây Đô (demo)";

test("the owner edits the profile, adds and edits a site, and invites a member who joins", async ({ browser, page }, testInfo) => {
  // Two people, two browsers and a mailed invitation: longer than one page's budget on a shared 2-core machine.
  test.slow();
  await login(page, "fuel@demo.vn");
  const nav = page.getByRole("navigation", { name: "Điều hướng chính" });
  // Profile, sites and members are one item of the main navigation, with tabs of their own.
  const tabs = page.getByRole("navigation", { name: "Doanh nghiệp", exact: true });

  // Profile: change the phone number.
  await nav.getByRole("link", { name: "Doanh nghiệp", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Hồ sơ doanh nghiệp" })).toBeVisible();
  await expectNoAxeViolations(page);
  await snap(page, testInfo, "profile-owner");
  const phone = page.getByLabel("Số điện thoại", { exact: true });
  await phone.fill("0292 3820 999");
  // The owner also (re)confirms the sectors: only fuel.
  const sectors = page.getByRole("group", { name: "Lĩnh vực ưu tiên" });
  await sectors.getByRole("checkbox", { name: "Xăng dầu", exact: true }).check();
  for (const box of await sectors.getByRole("checkbox").all()) {
    if ((await box.getAttribute("value")) !== "fuel") await box.uncheck();
  }
  await page.getByRole("button", { name: "Lưu thay đổi" }).click();
  await expect(page.getByRole("status")).toHaveText("Đã lưu hồ sơ doanh nghiệp.");
  await expect(phone).toHaveValue(/^0292\s?3820\s?999$/);
  await expect(page.getByLabel("Tên doanh nghiệp", { exact: true })).toHaveValue(FUEL);
  await expectNoAxeViolations(page);

  // A bad phone number is refused next to the field and nothing else changes.
  await phone.fill("12345");
  await page.getByRole("button", { name: "Lưu thay đổi" }).press("Enter");
  await expect(page.getByRole("alert")).toContainText("Số điện thoại: Số điện thoại chưa đúng");
  await expect(phone).toHaveAccessibleDescription(/Số điện thoại chưa đúng/);
  await expectNoAxeViolations(page);
  await page.reload();
  await expect(phone).toHaveValue(/^0292\s?3820\s?999$/);
  await nav.getByRole("link", { name: "Tổng quan" }).click();
  await expect(page.getByRole("definition").filter({ hasText: /^Xăng dầu$/ })).toBeVisible();

  // Sites: add one.
  const siteName = `Cửa hàng xăng dầu số 9 — ${uniqueId()}`;
  await nav.getByRole("link", { name: "Doanh nghiệp", exact: true }).click();
  await tabs.getByRole("link", { name: "Cơ sở" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Cơ sở" })).toBeVisible();
  await expectNoAxeViolations(page);
  const addForm = page.getByRole("region", { name: "Thêm cơ sở" });
  await addForm.getByLabel("Tên cơ sở", { exact: true }).fill(siteName);
  await addForm.getByLabel("Phường, xã", { exact: true }).selectOption("phuong-cai-khe");
  await addForm.getByLabel("Số nhà, đường, ấp/khu vực", { exact: true }).fill("12 Đường Trần Phú");
  await addForm.getByRole("button", { name: "Thêm cơ sở" }).click();
  await expect(page.getByRole("status")).toHaveText(`Đã thêm cơ sở ${siteName}.`);
  const row = page.getByRole("row").filter({ hasText: siteName });
  await expect(row).toContainText("12 Đường Trần Phú");
  await expectNoAxeViolations(page);
  await snap(page, testInfo, "sites-owner");

  // ...and edit it, with a commune that is not in the list.
  await page.getByRole("link", { name: `Sửa ${siteName}` }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Sửa cơ sở: ${siteName}` })).toBeVisible();
  await expect(page.getByLabel("Tên cơ sở", { exact: true })).toHaveValue(siteName);
  await expectNoAxeViolations(page);
  await snap(page, testInfo, "site-edit");
  const renamed = `${siteName} (mới)`;
  await page.getByLabel("Tên cơ sở", { exact: true }).fill(renamed);
  await page.getByLabel("Phường, xã", { exact: true }).selectOption("other");
  await page.getByRole("button", { name: "Lưu cơ sở" }).click();
  // "Not listed" needs the name typed in.
  await expect(page.getByRole("alert")).toContainText("Nhập tên phường, xã khi không có trong danh sách.");
  await expectNoAxeViolations(page);
  await page.getByLabel("Tên phường, xã (nếu không có trong danh sách)", { exact: true }).fill("Xã Thử Nghiệm");
  await page.getByRole("button", { name: "Lưu cơ sở" }).click();
  await expect(page).toHaveURL(/\/business\/sites$/);
  await expect(page.getByRole("status")).toHaveText(`Đã lưu cơ sở ${renamed}.`);
  await expect(page.getByRole("row").filter({ hasText: renamed })).toContainText("Xã Thử Nghiệm");

  // Members: invite a colleague.
  const email = `dong-nghiep-${uniqueId()}@xangdau-taydo.vn`;
  await nav.getByRole("link", { name: "Doanh nghiệp", exact: true }).click();
  await tabs.getByRole("link", { name: "Thành viên" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Thành viên" })).toBeVisible();
  await expectNoAxeViolations(page);
  const inviteForm = page.getByRole("region", { name: "Mời thành viên" });
  await inviteForm.getByLabel("Thư điện tử", { exact: true }).fill(email);
  await inviteForm.getByRole("button", { name: "Gửi lời mời" }).click();
  await expect(page.getByRole("status")).toHaveText(`Đã gửi lời mời tới ${email}.`);
  await expect(page.getByRole("listitem").filter({ hasText: email })).toContainText("hiệu lực đến");
  await expect(page.getByRole("button", { name: `Thu hồi lời mời ${email}` })).toBeVisible();
  await expectNoAxeViolations(page);
  await snap(page, testInfo, "members-owner");

  // Inviting the same address again is explained.
  await inviteForm.getByLabel("Thư điện tử", { exact: true }).fill(email);
  await inviteForm.getByRole("button", { name: "Gửi lời mời" }).click();
  await expect(page.getByRole("alert")).toContainText("Đã có lời mời đang chờ gửi tới địa chỉ này.");
  await expectNoAxeViolations(page);

  // The DOST admin reads the invitation in the demo outbox.
  const admin = await loggedInContext(browser, "admin@dost.demo");
  let link: string;
  try {
    link = await linkFromOutbox(admin.page, email, "/invite/");
    await expect(admin.page.getByText(`Lời mời tham gia ${FUEL} trên Cổng Đảm bảo Đo lường`).first()).toBeVisible();
    await expectNoAxeViolations(admin.page);
    await snap(admin.page, testInfo, "outbox");
  } finally {
    await admin.context.close();
  }

  // The invitee opens the link in their own browser and joins.
  const invitee = await browser.newContext();
  try {
    const p = await invitee.newPage();
    await p.goto(link);
    await expect(p.getByRole("heading", { level: 1, name: "Tham gia doanh nghiệp" })).toBeVisible();
    await expect(p.getByText(`Bạn được mời tham gia ${FUEL}`)).toContainText(email);
    await expectNoAxeViolations(p);
    await snap(p, testInfo, "invite-accept");
    const password = `mat-khau-moi-${uniqueId()}`;
    await p.getByLabel("Họ và tên", { exact: true }).fill("Đoàn Thị Kim Ngân");
    await p.getByLabel("Mật khẩu", { exact: true }).fill(password);
    await p.getByLabel("Nhập lại mật khẩu", { exact: true }).fill(password);
    await p.getByRole("button", { name: "Tham gia" }).click();
    await expect(p).toHaveURL(/\/business$/);
    await expect(p.getByRole("status")).toHaveText("Bạn đã tham gia doanh nghiệp trên cổng.");
    await expect(p.getByRole("heading", { level: 1, name: FUEL })).toBeVisible();
    await expect(p.locator("details.account-menu summary")).toHaveText("Đoàn Thị Kim Ngân");
    await expectNoAxeViolations(p);

    // The link works once only.
    await logout(p, "Đoàn Thị Kim Ngân");
    await p.goto(link);
    await expect(p.getByRole("heading", { level: 1, name: "Lời mời không còn hiệu lực" })).toBeVisible();
    await expectNoAxeViolations(p);

    // And the new member can log in with the password they chose.
    await login(p, email, password);
    await expect(p).toHaveURL(/\/business$/);
  } finally {
    await invitee.close();
  }

  // The owner now sees the new member, and no open invitation for them.
  await page.reload();
  await expect(page.getByRole("cell", { name: "Đoàn Thị Kim Ngân" })).toBeVisible();
  await expect(page.getByRole("button", { name: `Thu hồi lời mời ${email}` })).toHaveCount(0);
});

test("forgot password: the reset link from the outbox sets a new password", async ({ browser, page }, testInfo) => {
  await page.goto("/login");
  await page.getByRole("link", { name: "Quên mật khẩu?" }).click();
  await expect(page).toHaveURL(/\/forgot-password$/);
  await expect(page.getByRole("heading", { level: 1, name: "Quên mật khẩu" })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByLabel("Thư điện tử", { exact: true }).fill("agri@demo.vn");
  await page.getByRole("button", { name: "Gửi liên kết" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Hãy kiểm tra hộp thư" })).toBeVisible();
  await expect(page.getByText("Nếu agri@demo.vn có tài khoản trên cổng")).toBeVisible();
  await expectNoAxeViolations(page);

  const admin = await loggedInContext(browser, "admin@dost.demo");
  let link: string;
  try {
    link = await linkFromOutbox(admin.page, "agri@demo.vn", "/reset-password/");
    await expectNoAxeViolations(admin.page);
  } finally {
    await admin.context.close();
  }

  await page.goto(link);
  await expect(page.getByRole("heading", { level: 1, name: "Đặt mật khẩu mới" })).toBeVisible();
  await expect(page.getByText("Đặt mật khẩu mới cho tài khoản agri@demo.vn.")).toBeVisible();
  await expectNoAxeViolations(page);
  await snap(page, testInfo, "reset-password");

  // Too short first: explained, nothing changes.
  await page.getByLabel("Mật khẩu mới", { exact: true }).fill("ngan");
  await page.getByLabel("Nhập lại mật khẩu", { exact: true }).fill("ngan");
  await page.getByRole("button", { name: "Lưu mật khẩu mới" }).click();
  await expect(page.getByRole("alert")).toContainText("Mật khẩu cần ít nhất 10 ký tự.");
  await expectNoAxeViolations(page);

  const newPassword = `lua-gao-thom-${uniqueId()}`;
  await page.getByLabel("Mật khẩu mới", { exact: true }).fill(newPassword);
  await page.getByLabel("Nhập lại mật khẩu", { exact: true }).fill(newPassword);
  await page.getByRole("button", { name: "Lưu mật khẩu mới" }).click();
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.getByRole("status")).toHaveText("Đã đổi mật khẩu. Vui lòng đăng nhập bằng mật khẩu mới.");
  await expectNoAxeViolations(page);

  // The old password no longer works; the new one does.
  await page.getByLabel("Thư điện tử", { exact: true }).fill("agri@demo.vn");
  await page.getByLabel("Mật khẩu", { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Đăng nhập", exact: true }).click();
  await expect(page.getByRole("alert")).toContainText("Thư điện tử hoặc mật khẩu chưa đúng.");
  await login(page, "agri@demo.vn", newPassword);
  await expect(page).toHaveURL(/\/business$/);
  await expect(page.getByRole("heading", { level: 1, name: "Hợp tác xã Nông nghiệp Công nghệ cao Mỹ Xuyên (demo)" })).toBeVisible();

  // The reset link cannot be used twice.
  await page.goto(link);
  await expect(page.getByRole("heading", { level: 1, name: "Liên kết không còn hiệu lực" })).toBeVisible();
  await expectNoAxeViolations(page);
});

// Regression: react-hook-form once ticked every sector box on this form after hydration.
test("the profile form shows the business's own sectors once the page has loaded", async ({ page }) => {
  // Happens when the first box of the list ("Xăng dầu") is one of the business's sectors.
  await login(page, "logistics@demo.vn");
  await gotoReady(page, "/business/profile");
  const sectors = page.getByRole("group", { name: "Lĩnh vực ưu tiên" });
  await expect(sectors.getByRole("checkbox", { checked: true })).toHaveCount(2);
  // Now a business with the first sector of the list, as the fuel retailer has.
  await logout(page, "Phạm Quốc Bảo");
  await login(page, "fuel@demo.vn");
  await gotoReady(page, "/business/profile");
  await expect(sectors.getByRole("checkbox", { checked: true })).toHaveCount(1, { timeout: 2_000 });
  await expect(sectors.getByRole("checkbox", { name: "Xăng dầu", exact: true })).toBeChecked();
  // Saving without touching anything works.
  await page.getByRole("button", { name: "Lưu thay đổi" }).click();
  await expect(page.getByRole("status")).toHaveText("Đã lưu hồ sơ doanh nghiệp.", { timeout: 3_000 });
});

// After "Thêm cơ sở" succeeds the form is empty again, so a second click adds no duplicate.
test("the add-site form is empty again after a site is added", async ({ page }) => {
  await login(page, "water@demo.vn");
  await gotoReady(page, "/business/sites");
  const addForm = page.getByRole("region", { name: "Thêm cơ sở" });
  const name = `Trạm bơm ${uniqueId()}`;
  await addForm.getByLabel("Tên cơ sở", { exact: true }).fill(name);
  await addForm.getByLabel("Phường, xã", { exact: true }).selectOption("phuong-vi-tan");
  await addForm.getByLabel("Số nhà, đường, ấp/khu vực", { exact: true }).fill("Khu vực 5");
  await addForm.getByRole("button", { name: "Thêm cơ sở" }).click();
  await expect(page.getByRole("status")).toHaveText(`Đã thêm cơ sở ${name}.`);
  await expect(addForm.getByLabel("Tên cơ sở", { exact: true })).toHaveValue("", { timeout: 1_000 });
});
