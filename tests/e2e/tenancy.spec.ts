import { expect, test } from "@playwright/test";
import { expectNoAxeViolations, loggedInContext, login, snap } from "./support";

test("a business owner cannot open another business's site, nor DOST pages", async ({ browser, page }, testInfo) => {
  // Find a site of the water business the way its owner would: the edit link on its sites page.
  const water = await loggedInContext(browser, "water@demo.vn");
  let otherSitePath: string;
  try {
    await water.page.goto("/business/sites");
    const edit = water.page.getByRole("link", { name: "Sửa Nhà máy nước Vị Thanh" });
    otherSitePath = (await edit.getAttribute("href")) ?? "";
    expect(otherSitePath).toMatch(/^\/business\/sites\/\d+$/);
    // Its owner can open it.
    await water.page.goto(otherSitePath);
    await expect(water.page.getByRole("heading", { level: 1, name: "Sửa cơ sở: Nhà máy nước Vị Thanh" })).toBeVisible();
    await expectNoAxeViolations(water.page);
  } finally {
    await water.context.close();
  }

  await login(page, "fuel@demo.vn");
  const response = await page.goto(otherSitePath);
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1, name: "Không tìm thấy trang" })).toBeVisible();
  await expect(page.getByText("Nhà máy nước Vị Thanh")).toHaveCount(0);
  // Still the fuel owner's header around the error page.
  await expect(page.locator("details.account-menu summary")).toHaveText("Nguyễn Văn Phúc");
  await expectNoAxeViolations(page);
  await snap(page, testInfo, "not-found-other-site");

  // Saving into the other business's site by posting the form is refused as well.
  const post = await page.request.post(otherSitePath, {
    form: { intent: "save", name: "Chiếm quyền", communeId: "phuong-ninh-kieu", streetAddress: "x" },
    headers: { Origin: new URL(page.url()).origin },
    maxRedirects: 0,
  });
  expect(post.status()).toBe(404);

  for (const path of ["/dost", "/dev/outbox", "/business/sites/999999", "/business/sites/abc"]) {
    const dost = await page.goto(path);
    expect(dost?.status(), path).toBe(404);
    await expect(page.getByRole("heading", { level: 1, name: "Không tìm thấy trang" })).toBeVisible();
    await expectNoAxeViolations(page, path);
  }

  // The water site is untouched.
  const waterAgain = await loggedInContext(browser, "water@demo.vn");
  try {
    await waterAgain.page.goto("/business/sites");
    await expect(waterAgain.page.getByRole("cell", { name: "Nhà máy nước Vị Thanh", exact: true })).toBeVisible();
  } finally {
    await waterAgain.context.close();
  }
});

test("DOST users get 404 on business pages; a reviewer cannot read the outbox", async ({ page }) => {
  await login(page, "reviewer@dost.demo");
  for (const path of ["/business", "/business/members", "/dev/outbox"]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(404);
    await expect(page.getByRole("heading", { level: 1, name: "Không tìm thấy trang" })).toBeVisible();
  }
  await expectNoAxeViolations(page);
});

test("a business member can read but not manage members, profile or sites", async ({ page }, testInfo) => {
  await login(page, "staff.fuel@demo.vn");

  await page.getByRole("navigation", { name: "Điều hướng chính" }).getByRole("link", { name: "Doanh nghiệp", exact: true }).click();
  await page.getByRole("navigation", { name: "Doanh nghiệp", exact: true }).getByRole("link", { name: "Thành viên" }).click();
  await expect(page).toHaveURL(/\/business\/members$/);
  await expect(page.getByRole("heading", { level: 1, name: "Thành viên" })).toBeVisible();
  await expect(page.getByRole("cell", { name: "Lý Thị Thu (bạn)" })).toBeVisible();
  await expect(page.getByRole("cell", { name: "Nguyễn Văn Phúc" })).toBeVisible();
  await expect(page.getByText("Chỉ chủ tài khoản doanh nghiệp mới mời hoặc xoá được thành viên.")).toBeVisible();
  await expect(page.getByRole("heading", { name: "Mời thành viên" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Gửi lời mời" })).toHaveCount(0);
  await expect(page.getByText("Xoá khỏi doanh nghiệp")).toHaveCount(0);
  await expectNoAxeViolations(page);

  await page.getByRole("navigation", { name: "Doanh nghiệp", exact: true }).getByRole("link", { name: "Hồ sơ doanh nghiệp" }).click();
  await expect(page).toHaveURL(/\/business\/profile$/);
  await expect(page.getByText("Chỉ chủ tài khoản doanh nghiệp mới sửa được hồ sơ này.")).toBeVisible();
  await expect(page.getByText("Công ty TNHH Xăng dầu Tây Đô (demo)", { exact: true }).first()).toBeVisible();
  await expect(page.getByRole("textbox")).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Lưu thay đổi" })).toHaveCount(0);
  await expectNoAxeViolations(page);
  await snap(page, testInfo, "profile-as-member");

  await page.getByRole("navigation", { name: "Doanh nghiệp", exact: true }).getByRole("link", { name: "Cơ sở" }).click();
  await expect(page).toHaveURL(/\/business\/sites$/);
  await expect(page.getByRole("cell", { name: "Cửa hàng xăng dầu số 1 — Cái Khế" })).toBeVisible();
  await expect(page.getByRole("link", { name: /^Sửa / })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Thêm cơ sở" })).toHaveCount(0);
  await expect(page.getByText("Chỉ chủ tài khoản doanh nghiệp mới thêm hoặc sửa được cơ sở.")).toBeVisible();
  await expectNoAxeViolations(page);

  // Posting the owner's forms directly is refused by the server.
  const origin = new URL(page.url()).origin;
  const invite = await page.request.post("/business/members", {
    form: { intent: "invite", email: "nguoi-la@vi-du.vn" },
    headers: { Origin: origin },
    maxRedirects: 0,
  });
  expect(invite.status()).toBe(403);
  const profile = await page.request.post("/business/profile", {
    form: { legalName: "Đổi tên trái phép" },
    headers: { Origin: origin },
    maxRedirects: 0,
  });
  expect(profile.status()).toBe(403);

  // Opening a site's edit page by URL shows the "not allowed" page.
  const response = await page.goto("/business/sites/1");
  expect(response?.status()).toBe(403);
  await expect(page.getByRole("heading", { level: 1, name: "Bạn không có quyền thực hiện thao tác này" })).toBeVisible();
  await expectNoAxeViolations(page);
});
