import { expect, test } from "@playwright/test";
import { expectNoAxeViolations, snap } from "./support";

test("switching to English sticks across pages until ?lng=vi switches back", async ({ page }, testInfo) => {
  await page.goto("/");
  await expect(page.locator("html")).toHaveAttribute("lang", "vi");
  await expect(page.getByRole("heading", { level: 1, name: "Đảm bảo đo lường cho doanh nghiệp Cần Thơ" })).toBeVisible();

  await page.getByRole("link", { name: "English" }).click();
  await expect(page).toHaveURL(/\/\?lng=en$/);
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.getByRole("heading", { level: 1, name: "Measurement assurance for Can Tho's businesses" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Tiếng Việt" })).toBeVisible();
  await expect(page).toHaveTitle(/Measurement Assurance Portal/);
  await expectNoAxeViolations(page);
  await snap(page, testInfo, "landing-en");

  // Another page, reached by a link: still English (the cookie remembers).
  await page.getByRole("navigation", { name: "Account" }).getByRole("link", { name: "Register a business" }).click();
  await expect(page).toHaveURL(/\/signup$/);
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.getByRole("heading", { level: 1, name: "Register a business" })).toBeVisible();
  await expect(page.getByLabel("Tax code", { exact: true })).toBeVisible();
  await expectNoAxeViolations(page);

  // A fresh page load without ?lng: still English.
  await page.goto("/login");
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.getByRole("heading", { level: 1, name: "Log in" })).toBeVisible();
  await expectNoAxeViolations(page);

  // English error messages too (client-side check).
  await page.getByRole("button", { name: "Log in", exact: true }).click();
  await expect(page.getByRole("alert")).toBeVisible();
  await expect(page.getByRole("alert").getByRole("heading")).toHaveText("Please check the following");

  await page.goto("/login?lng=vi");
  await expect(page.locator("html")).toHaveAttribute("lang", "vi");
  await expect(page.getByRole("heading", { level: 1, name: "Đăng nhập" })).toBeVisible();
  await page.goto("/signup");
  await expect(page.locator("html")).toHaveAttribute("lang", "vi");
  await expect(page.getByRole("heading", { level: 1, name: "Đăng ký doanh nghiệp" })).toBeVisible();
  await expect(page.getByRole("link", { name: "English" })).toBeVisible();
  await expectNoAxeViolations(page);
});
