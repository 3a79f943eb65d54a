import { type Page, expect, test } from "@playwright/test";
import { expectNoAxeViolations, hasNoHorizontalScroll, login, snap } from "./support";

test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });

async function expectFitsPhone(page: Page) {
  const width = await hasNoHorizontalScroll(page);
  expect(width, `${page.url()} scrolls sideways: ${width.scrollWidth}px > ${width.innerWidth}px`).toMatchObject({ ok: true });
}

test("public pages fit a 390 px phone without sideways scrolling", async ({ page }, testInfo) => {
  await page.goto("/");
  await expectFitsPhone(page);
  await expectNoAxeViolations(page);
  await snap(page, testInfo, "phone-landing");

  await page.goto("/signup");
  await expectFitsPhone(page);
  await expectNoAxeViolations(page);
  await snap(page, testInfo, "phone-signup");

  // With the error summary and field errors showing, too.
  await page.getByRole("button", { name: "Đăng ký", exact: true }).click();
  await expect(page.getByRole("alert")).toBeVisible();
  await expectFitsPhone(page);
  await expectNoAxeViolations(page);

  await page.goto("/login");
  await expectFitsPhone(page);
  await expectNoAxeViolations(page);
});

test("business pages fit a 390 px phone without sideways scrolling", async ({ page }, testInfo) => {
  await login(page, "fuel@demo.vn");
  await expect(page).toHaveURL(/\/business$/);
  await expectFitsPhone(page);
  await expectNoAxeViolations(page);
  await snap(page, testInfo, "phone-business");

  for (const path of ["/business/sites", "/business/members", "/business/profile"]) {
    await page.goto(path);
    await expectFitsPhone(page);
    await expectNoAxeViolations(page);
    if (path === "/business/sites") await snap(page, testInfo, "phone-business-sites");
  }
});

test("the DOST list fits a 390 px phone without sideways scrolling", async ({ page }, testInfo) => {
  await login(page, "admin@dost.demo");
  await expect(page).toHaveURL(/\/dost$/);
  await expectFitsPhone(page);
  await expectNoAxeViolations(page);
  await snap(page, testInfo, "phone-dost");
});
