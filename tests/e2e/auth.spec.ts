import { expect, test } from "@playwright/test";
import { expectNoAxeViolations, login, logout, snap } from "./support";

// The navigation each role must see, and links it must not see (other items may be added later).
const dostNav = ["Doanh nghiệp", "Tổng quan", "Hồ sơ hỗ trợ", "Hoạt động", "Báo cáo năm"];
const businessNav = ["Tổng quan", "Tự đánh giá 510", "Phương tiện đo", "Lịch đến hạn", "Yêu cầu hỗ trợ", "Doanh nghiệp"];
// "Doanh nghiệp" is in both: DOST's list of businesses, a business's own profile.
const businessOnly = businessNav.filter((label) => !dostNav.includes(label));
const dostOnly = [...dostNav.filter((label) => !businessNav.includes(label)), "Cài đặt"];
const roles = [
  {
    email: "admin@dost.demo",
    name: "Võ Thị Hạnh",
    home: "/dost",
    heading: "Doanh nghiệp đã đăng ký",
    nav: [...dostNav, "Đơn vị KĐ, HC", "Cài đặt", "Hộp thư đi (demo)"],
    notNav: businessOnly,
  },
  {
    email: "reviewer@dost.demo",
    name: "Đặng Hoàng Long",
    home: "/dost",
    heading: "Doanh nghiệp đã đăng ký",
    nav: dostNav,
    notNav: [...businessOnly, "Đơn vị KĐ, HC", "Cài đặt", "Hộp thư đi (demo)"],
  },
  {
    email: "fuel@demo.vn",
    name: "Nguyễn Văn Phúc",
    home: "/business",
    heading: "Công ty TNHH Xăng dầu Tây Đô (demo)",
    nav: businessNav,
    notNav: [...dostOnly, "Hộp thư đi (demo)"],
  },
  {
    email: "staff.fuel@demo.vn",
    name: "Lý Thị Thu",
    home: "/business",
    heading: "Công ty TNHH Xăng dầu Tây Đô (demo)",
    nav: businessNav,
    notNav: [...dostOnly, "Hộp thư đi (demo)"],
  },
];

for (const role of roles) {
  test(`${role.email} logs in to ${role.home}, sees the right navigation, and logs out`, async ({ page }, testInfo) => {
    await page.goto("/");
    await page.getByRole("navigation", { name: "Tài khoản" }).getByRole("link", { name: "Đăng nhập" }).click();
    await expect(page).toHaveURL(/\/login$/);
    await login(page, role.email);

    await expect(page).toHaveURL(new RegExp(`${role.home}$`));
    await expect(page.getByRole("heading", { level: 1, name: role.heading })).toBeVisible();
    const nav = page.getByRole("navigation", { name: "Điều hướng chính" });
    for (const label of role.nav) await expect(nav.getByRole("link", { name: label, exact: true })).toBeVisible();
    for (const label of role.notNav) await expect(nav.getByRole("link", { name: label, exact: true })).toHaveCount(0);
    await expect(nav.getByRole("link", { name: role.nav[0], exact: true })).toHaveAttribute("aria-current", "page");
    await expect(page.locator("details.account-menu summary")).toHaveText(role.name);
    // Guests' links are gone once logged in.
    await expect(page.getByRole("navigation", { name: "Tài khoản" })).toHaveCount(0);
    await expectNoAxeViolations(page);
    if (role.email === "admin@dost.demo" || role.email === "fuel@demo.vn") await snap(page, testInfo, `home-${role.email.split("@")[0]}`);

    // The account menu says who is logged in, then logs out.
    await page.locator("details.account-menu summary").click();
    await expect(page.locator("details.account-menu")).toContainText(role.email);
    await expectNoAxeViolations(page, `${role.home} with the account menu open`);
    await page.locator("details.account-menu").getByRole("link", { name: "Tài khoản và mật khẩu" }).click();
    await expect(page).toHaveURL(/\/account$/);
    await expect(page.getByRole("heading", { level: 1, name: "Tài khoản của bạn" })).toBeVisible();
    await expectNoAxeViolations(page);
    await logout(page, role.name);

    await expect(page.getByRole("heading", { level: 1, name: "Đảm bảo đo lường cho doanh nghiệp Cần Thơ" })).toBeVisible();
    await expect(page.getByRole("navigation", { name: "Tài khoản" }).getByRole("link", { name: "Đăng nhập" })).toBeVisible();
    await expect(page.getByRole("navigation", { name: "Điều hướng chính" })).toHaveCount(0);

    await page.goto(role.home);
    await expect(page).toHaveURL(new RegExp(`/login\\?redirectTo=${encodeURIComponent(role.home)}$`));
    await page.goto("/business");
    await expect(page).toHaveURL(/\/login\?redirectTo=%2Fbusiness$/);
    await expect(page.getByRole("heading", { level: 1, name: "Đăng nhập" })).toBeVisible();
    await expectNoAxeViolations(page);
  });
}

test("the DOST list can be searched by name or tax code", async ({ page }) => {
  await login(page, "reviewer@dost.demo");
  await expect(page.getByText(/^\d+ doanh nghiệp$/)).toBeVisible();
  await page.getByLabel("Tên hoặc mã số thuế").fill("Tây Đô");
  await page.getByRole("button", { name: "Lọc" }).click();
  await expect(page).toHaveURL(/\/dost\?q=T/);
  const rows = page.getByRole("table", { name: "Danh sách doanh nghiệp" }).getByRole("row");
  await expect(rows).toHaveCount(2); // header + one business
  await expect(rows.nth(1)).toContainText("Công ty TNHH Xăng dầu Tây Đô (demo)");
  await expectNoAxeViolations(page);

  await page.getByLabel("Tên hoặc mã số thuế").fill("không có doanh nghiệp này");
  await page.getByRole("button", { name: "Lọc" }).click();
  await expect(page.getByText("Không có doanh nghiệp nào khớp bộ lọc.", { exact: false })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole("link", { name: "Bỏ lọc" }).click();
  await expect(page).toHaveURL(/\/dost$/);
});

test("a wrong password is refused; logging in after a redirect goes to the page asked for", async ({ page }, testInfo) => {
  await page.goto("/login");
  await page.getByLabel("Thư điện tử", { exact: true }).fill("power@demo.vn");
  await page.getByLabel("Mật khẩu", { exact: true }).fill("not-the-password");
  await page.getByRole("button", { name: "Đăng nhập", exact: true }).click();

  const summary = page.getByRole("alert");
  await expect(summary.getByRole("heading", { name: "Vui lòng kiểm tra lại thông tin" })).toBeVisible();
  await expect(summary).toContainText("Thư điện tử hoặc mật khẩu chưa đúng.");
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.getByLabel("Thư điện tử", { exact: true })).toHaveValue("power@demo.vn");
  await expectNoAxeViolations(page);
  await snap(page, testInfo, "login-wrong-password");

  // Asking for a business page while logged out goes via the login page and back.
  await page.goto("/business/sites");
  await expect(page).toHaveURL(/\/login\?redirectTo=%2Fbusiness%2Fsites$/);
  await login(page, "power@demo.vn");
  await expect(page).toHaveURL(/\/business\/sites$/);
  await expect(page.getByRole("heading", { level: 1, name: "Cơ sở" })).toBeVisible();
  await expect(page.getByRole("cell", { name: "Đội quản lý điện Ô Môn", exact: true })).toBeVisible();
  await expectNoAxeViolations(page);

  // A redirect to another site is ignored.
  await logout(page, "Trần Thị Mai");
  await page.goto("/login?redirectTo=//example.com/steal");
  await login(page, "power@demo.vn");
  await expect(page).toHaveURL(/127\.0\.0\.1:\d+\/business$/);
});
