import { expect, test } from "@playwright/test";
import { gotoReady, login } from "./support";

// The server renders pages in one pass, writes long tables' links as plain anchors and reuses the
// markup of figure tables (RenderedOnce): the browser must take each key page over without a
// hydration error (gotoReady fails on one), and its row links must navigate inside the app.

test("a business's key pages hydrate, and a register row link navigates without reloading", async ({ page }) => {
  await login(page, "fuel@demo.vn");
  for (const path of ["/business", "/business/instruments?due=overdue&sort=due", "/business/schedule"]) await gotoReady(page, path);
  await gotoReady(page, "/business/instruments");
  await page.evaluate(() => ((window as unknown as { stillTheSamePage: boolean }).stillTheSamePage = true));
  const row = page.locator("table tbody tr a").first();
  const tag = (await row.textContent()) ?? "";
  await row.click();
  await expect(page).toHaveURL(/\/business\/instruments\/\d+$/);
  await expect(page.getByRole("main")).toContainText(tag);
  expect(await page.evaluate(() => (window as unknown as { stillTheSamePage?: boolean }).stillTheSamePage)).toBe(true);
});

test("DOST's key pages hydrate, twice over (the second time from kept markup)", async ({ page }) => {
  await login(page, "reviewer@dost.demo");
  for (let round = 0; round < 2; round++) {
    for (const path of ["/dost/requests", "/dost/overview", "/dost/report"]) await gotoReady(page, path);
  }
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Báo cáo");
});
