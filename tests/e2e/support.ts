import AxeBuilder from "@axe-core/playwright";
import { type Browser, type BrowserContext, type ConsoleMessage, type Page, type TestInfo, expect } from "@playwright/test";

export const DEMO_PASSWORD = "demo-pass-2026";

export const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"];

/** Every page the tests visit goes through this: zero axe-core violations, listed readably when not. */
export async function expectNoAxeViolations(page: Page, what = page.url()): Promise<void> {
  const t0 = Date.now();
  // Legacy mode runs axe.run in the page itself instead of finishing in an extra blank page: the
  // same rules, about three times faster here (the app has no iframes, where the modes differ).
  const results = await new AxeBuilder({ page })
    .setLegacyMode(true)
    .withTags(AXE_TAGS)
    .options({ resultTypes: ["violations"] })
    .analyze();
  const problems = results.violations.map(
    (v) => `${v.id} (${v.impact}) ${v.help}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`,
  );
  if (process.env.E2E_AXE_TIMING) console.log(`axe ${Date.now() - t0}ms ${what}`);
  expect(problems, `axe violations on ${what}`).toEqual([]);
}

/**
 * For a page in a context with JavaScript off, where axe itself cannot run: check the same HTML
 * (scripts removed) at the same address in a fresh context with JavaScript on.
 */
export async function expectNoAxeViolationsWithoutJs(page: Page): Promise<void> {
  const url = page.url();
  const html = (await page.content()).replace(/<script\b[\s\S]*?<\/script>/gi, "");
  const browser = page.context().browser();
  if (!browser) throw new Error("no browser");
  const context = await browser.newContext();
  try {
    const checker = await context.newPage();
    await checker.route(url, (route) => route.fulfill({ status: 200, contentType: "text/html; charset=utf-8", body: html }));
    await checker.goto(url);
    await expectNoAxeViolations(checker, `${url} (rendered without JavaScript)`);
  } finally {
    await context.close();
  }
}

/**
 * Opens a page and waits until React has hydrated it, as a person does who waits for the page
 * to finish loading.
 */
export async function gotoReady(page: Page, path: string): Promise<void> {
  // A page whose server markup differs from the browser's first render is re-rendered by React
  // and logged as an error (minified in production: #418, #423, #425): that must never happen.
  const hydrationErrors: string[] = [];
  const onConsole = (message: ConsoleMessage) => {
    if (message.type() === "error" && /hydrat|did not match|Minified React error #4(18|19|21|22|23|25)/i.test(message.text())) hydrationErrors.push(message.text());
  };
  page.on("console", onConsole);
  try {
    await page.goto(path);
    await page.waitForFunction(() => {
      const router = (window as unknown as { __remixRouter?: { state: { initialized: boolean } } }).__remixRouter;
      return Boolean(router?.state.initialized);
    });
    // Let the hydration commit (ref callbacks, effects) run.
    await page.evaluate(() => new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0))));
  } finally {
    page.off("console", onConsole);
  }
  expect(hydrationErrors, `hydration of ${path}`).toEqual([]);
}

/** Full-page screenshot into this test's output folder (test-results/…). */
export async function snap(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  await page.screenshot({ path: testInfo.outputPath(`${name}.png`), fullPage: true });
}

/** Same as a user: open /login, type the e-mail and password, press "Đăng nhập". */
export async function login(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  if (!/\/login(\?|$)/.test(page.url())) await page.goto("/login");
  await page.getByLabel("Thư điện tử", { exact: true }).fill(email);
  await page.getByLabel("Mật khẩu", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Đăng nhập", exact: true }).click();
  await expect(page).not.toHaveURL(/\/login/);
}

/** Opens the account menu in the header (a <details>) and presses "Đăng xuất". */
export async function logout(page: Page, fullName: string | RegExp): Promise<void> {
  const menu = page.locator("details.account-menu");
  const button = menu.getByRole("button", { name: "Đăng xuất" });
  if (!(await button.isVisible())) await menu.locator("summary").filter({ hasText: fullName }).click();
  await button.click();
  await expect(page).toHaveURL(/\/$/);
}

/** A new browser context already logged in as `email` (its own cookies, Vietnamese). */
export async function loggedInContext(browser: Browser, email: string, password = DEMO_PASSWORD): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await login(page, email, password);
  return { context, page };
}

let counter = 0;
/** Unique per run and per call, for e-mails and names. */
export function uniqueId(): string {
  counter += 1;
  return `${Date.now().toString(36)}${counter}${Math.floor(Math.random() * 1e4)}`;
}

const TAX_WEIGHTS = [31, 29, 23, 19, 17, 13, 7, 5, 3];

/** The check digit for 9 digits, or null when the remainder is 0 (no valid code). */
export function taxCheckDigit(base: string): number | null {
  const sum = TAX_WEIGHTS.reduce((acc, w, i) => acc + w * Number(base[i]), 0);
  const r = sum % 11;
  if (r === 0) return null;
  return r === 10 ? 0 : 10 - r;
}

const usedTaxCodes = new Set<string>();
/** A random 10-digit tax code with a correct check digit, not used before in this run. */
export function validTaxCode(): string {
  for (;;) {
    // 19… keeps clear of the demo data's 18… codes.
    const base = `19${String(Math.floor(Math.random() * 1e7)).padStart(7, "0")}`;
    const check = taxCheckDigit(base);
    if (check === null) continue;
    const code = `${base}${check}`;
    if (usedTaxCodes.has(code)) continue;
    usedTaxCodes.add(code);
    return code;
  }
}

/** The same code with a wrong last digit. */
export function wrongCheckDigit(code: string): string {
  const last = Number(code[9]);
  return `${code.slice(0, 9)}${(last + 1) % 10}`;
}

/**
 * As a DOST admin (page must be logged in as admin@dost.demo), open /dev/outbox and return the
 * newest link to `pathPart` (e.g. "/invite/") in a mail to `to`.
 */
export async function linkFromOutbox(page: Page, to: string, pathPart: string): Promise<string> {
  await page.goto("/dev/outbox");
  await expect(page.getByRole("heading", { level: 1, name: "Hộp thư đi" })).toBeVisible();
  const mail = page.locator("li.mail").filter({ hasText: `Gửi tới ${to}` }).first();
  await expect(mail).toBeVisible();
  const body = (await mail.locator("pre").textContent()) ?? "";
  const escaped = pathPart.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const match = body.match(new RegExp(`https?://\\S+${escaped}\\S+`));
  expect(match, `a link with ${pathPart} in the mail to ${to}`).not.toBeNull();
  return match![0];
}

/** True when the page does not scroll sideways. */
export async function hasNoHorizontalScroll(page: Page): Promise<{ ok: boolean; scrollWidth: number; innerWidth: number }> {
  return page.evaluate(() => {
    const scrollWidth = document.documentElement.scrollWidth;
    return { ok: scrollWidth <= window.innerWidth, scrollWidth, innerWidth: window.innerWidth };
  });
}
