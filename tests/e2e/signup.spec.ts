import { type Browser, type Page, expect, test } from "@playwright/test";
import {
  expectNoAxeViolations,
  expectNoAxeViolationsWithoutJs,
  gotoReady,
  linkFromOutbox,
  loggedInContext,
  login,
  logout,
  snap,
  uniqueId,
  validTaxCode,
  wrongCheckDigit,
} from "./support";

type SignupInput = {
  legalName: string;
  taxCode: string;
  sectors: string[];
  streetAddress: string;
  contactName: string;
  phone: string;
  email: string;
  password: string;
  passwordConfirm: string;
};

function newBusiness(): SignupInput {
  const id = uniqueId();
  const password = `mat-khau-e2e-${id}`;
  return {
    legalName: `Công ty TNHH Đo lường Thử nghiệm ${id}`,
    taxCode: validTaxCode(),
    sectors: ["Xăng dầu", "Logistics"],
    streetAddress: `${id.length} Đường Nguyễn Văn Cừ, khu vực 2`,
    contactName: "Trương Ngọc Ánh",
    phone: "0292 3812 345",
    email: `e2e-${id}@vi-du.vn`,
    password,
    passwordConfirm: password,
  };
}

/**
 * Fills the sign-up form the way a person does: by the labels on screen. The choices come first:
 * an invalid text field shows its error (and the error summary) when it loses focus, which moves
 * everything below it, so a click that follows can miss (see the report).
 */
async function fillSignup(page: Page, input: SignupInput) {
  await page.getByRole("radio", { name: "Doanh nghiệp tư nhân, ngoài nhà nước" }).check();
  for (const sector of input.sectors) await page.getByRole("checkbox", { name: sector, exact: true }).check();
  await page.getByLabel("Tên doanh nghiệp", { exact: true }).fill(input.legalName);
  await page.getByLabel("Mã số thuế", { exact: true }).fill(input.taxCode);
  await page.getByLabel("Phường, xã", { exact: true }).selectOption("phuong-ninh-kieu");
  await page.getByLabel("Số nhà, đường, ấp/khu vực", { exact: true }).fill(input.streetAddress);
  await page.getByLabel("Họ và tên người liên hệ", { exact: true }).fill(input.contactName);
  await page.getByLabel("Số điện thoại", { exact: true }).fill(input.phone);
  await page.getByLabel("Thư điện tử", { exact: true }).fill(input.email);
  await page.getByLabel("Mật khẩu", { exact: true }).fill(input.password);
  await page.getByLabel("Nhập lại mật khẩu", { exact: true }).fill(input.passwordConfirm);
}

/** The confirmation link mailed to `email`, read from the demo outbox as the DOST admin. */
async function confirmationLink(browser: Browser, email: string): Promise<string> {
  const admin = await loggedInContext(browser, "admin@dost.demo");
  try {
    return await linkFromOutbox(admin.page, email, "/signup/confirm/");
  } finally {
    await admin.context.close();
  }
}

test("a new business signs up, confirms by e-mail, lands on its home page, logs out and logs back in", async ({ browser, page }, testInfo) => {
  const input = newBusiness();
  await page.goto("/");
  await page.getByRole("main").getByRole("link", { name: "Đăng ký doanh nghiệp" }).click();
  await expect(page).toHaveURL(/\/signup$/);
  await expect(page.getByRole("heading", { level: 1, name: "Đăng ký doanh nghiệp" })).toBeVisible();
  await expectNoAxeViolations(page);
  await snap(page, testInfo, "signup");

  await fillSignup(page, input);
  await page.getByRole("button", { name: "Đăng ký", exact: true }).click();

  // The same answer whether or not the address has an account: the mail says which.
  await expect(page.getByRole("heading", { level: 1, name: "Hãy kiểm tra hộp thư" })).toBeVisible();
  await expect(page.getByText(`Chúng tôi vừa gửi thư tới ${input.email}.`)).toBeVisible();
  await expectNoAxeViolations(page);
  await snap(page, testInfo, "signup-sent");

  await page.goto(await confirmationLink(browser, input.email));
  await expect(page.getByRole("heading", { level: 1, name: "Hoàn tất đăng ký" })).toBeVisible();
  await expect(page.getByText(`Mở tài khoản cho ${input.legalName}`)).toContainText(input.email);
  await expectNoAxeViolations(page);
  await page.getByRole("button", { name: "Mở tài khoản" }).click();

  await expect(page).toHaveURL(/\/business$/);
  await expect(page.getByRole("status")).toHaveText(
    "Đăng ký thành công. Chào mừng doanh nghiệp đến với Cổng Đảm bảo Đo lường.",
  );
  await expect(page.getByRole("heading", { level: 1, name: input.legalName })).toBeVisible();
  await expect(page.getByText(input.taxCode, { exact: true })).toBeVisible();
  await expect(page.getByText("Xăng dầu, Logistics", { exact: true })).toBeVisible();
  await expect(page.locator("details.account-menu summary")).toHaveText(input.contactName);
  await expectNoAxeViolations(page);
  await snap(page, testInfo, "business-home-after-signup");

  await logout(page, input.contactName);
  await expect(page.getByRole("heading", { level: 1, name: "Đảm bảo đo lường cho doanh nghiệp Cần Thơ" })).toBeVisible();
  await expectNoAxeViolations(page);

  await page.goto("/login");
  await expectNoAxeViolations(page);
  await login(page, input.email, input.password);
  await expect(page).toHaveURL(/\/business$/);
  await expect(page.getByRole("heading", { level: 1, name: input.legalName })).toBeVisible();

  // The same tax code cannot register twice.
  await logout(page, input.contactName);
  await gotoReady(page, "/signup");
  await fillSignup(page, { ...newBusiness(), taxCode: input.taxCode });
  await page.getByRole("button", { name: "Đăng ký", exact: true }).click();
  const summary = page.getByRole("alert");
  await expect(summary).toContainText("Mã số thuế này đã được đăng ký trên cổng.");
  await expect(page).toHaveURL(/\/signup$/);
  await expectNoAxeViolations(page);
});

for (const javaScriptEnabled of [true, false]) {
  test(`bad sign-up input is explained and typed input kept (JavaScript ${javaScriptEnabled ? "on" : "off"})`, async ({
    browser,
  }, testInfo) => {
    const context = await browser.newContext({ javaScriptEnabled });
    const page = await context.newPage();
    const checkAxe = () => (javaScriptEnabled ? expectNoAxeViolations(page) : expectNoAxeViolationsWithoutJs(page));
    try {
      const input = {
        ...newBusiness(),
        sectors: [],
        passwordConfirm: "mot-mat-khau-khac-han",
      };
      input.taxCode = wrongCheckDigit(input.taxCode);

      if (javaScriptEnabled) await gotoReady(page, "/signup");
      else await page.goto("/signup");
      await checkAxe();
      await fillSignup(page, input);
      // Keyboard: the inline errors appearing on blur would move the button away from a mouse click.
      await page.getByRole("button", { name: "Đăng ký", exact: true }).press("Enter");

      const summary = page.getByRole("alert");
      await expect(summary.getByRole("heading", { name: "Vui lòng kiểm tra lại thông tin" })).toBeVisible();
      await expect(summary.getByRole("link", { name: /^Mã số thuế: .*chữ số kiểm tra/ })).toBeVisible();
      await expect(summary.getByRole("link", { name: "Lĩnh vực ưu tiên: Chọn ít nhất một lĩnh vực." })).toBeVisible();
      // Every problem at once, whether the browser or the server found them.
      await expect(summary.getByRole("listitem")).toHaveCount(3);
      await expect(summary.getByRole("link", { name: "Nhập lại mật khẩu: Hai lần nhập mật khẩu chưa khớp nhau." })).toBeVisible();
      if (javaScriptEnabled) {
        // Keyboard and screen-reader users start from the list of problems.
        await expect(summary).toBeFocused();
      } else {
        const confirm = page.getByLabel("Nhập lại mật khẩu", { exact: true });
        await expect(confirm).toHaveAttribute("aria-invalid", "true");
        await expect(confirm).toHaveAccessibleDescription("Hai lần nhập mật khẩu chưa khớp nhau.");
      }

      // The message sits next to each field and is tied to it for screen readers.
      const taxCode = page.getByLabel("Mã số thuế", { exact: true });
      await expect(taxCode).toHaveAttribute("aria-invalid", "true");
      await expect(taxCode).toHaveAccessibleDescription(/chữ số kiểm tra \(chữ số thứ 10\) không khớp/);
      await expect(page.getByRole("group", { name: "Lĩnh vực ưu tiên" })).toHaveAccessibleDescription(
        /Chọn ít nhất một lĩnh vực\./,
      );

      // Fields that were fine show no error and keep what was typed.
      await expect(page.getByLabel("Tên doanh nghiệp", { exact: true })).toHaveValue(input.legalName);
      await expect(page.getByLabel("Tên doanh nghiệp", { exact: true })).not.toHaveAttribute("aria-invalid", "true");
      await expect(page.getByLabel("Thư điện tử", { exact: true })).toHaveValue(input.email);
      await expect(page.getByLabel("Số nhà, đường, ấp/khu vực", { exact: true })).toHaveValue(input.streetAddress);
      await expect(taxCode).toHaveValue(input.taxCode);
      await expect(page.getByLabel("Phường, xã", { exact: true })).toHaveValue("phuong-ninh-kieu");
      await expect(page.getByRole("radio", { name: "Doanh nghiệp tư nhân, ngoài nhà nước" })).toBeChecked();
      if (!javaScriptEnabled) {
        // Only the server answered: it sends passwords back to no one.
        await expect(page.getByLabel("Mật khẩu", { exact: true })).toHaveValue("");
      }
      await expect(page).toHaveURL(/\/signup$/);
      await checkAxe();
      await snap(page, testInfo, `signup-errors-js-${javaScriptEnabled ? "on" : "off"}`);

      // Fix everything and the same form goes through.
      const password = `mat-khau-sua-${uniqueId()}`;
      await page.getByRole("checkbox", { name: "Nước sạch", exact: true }).check();
      await taxCode.fill(validTaxCode());
      await page.getByLabel("Mật khẩu", { exact: true }).fill(password);
      await page.getByLabel("Nhập lại mật khẩu", { exact: true }).fill(password);
      await page.getByRole("button", { name: "Đăng ký", exact: true }).press("Enter");
      await expect(page.getByRole("heading", { level: 1, name: "Hãy kiểm tra hộp thư" })).toBeVisible();
      await expect(page.getByText(`Chúng tôi vừa gửi thư tới ${input.email}.`)).toBeVisible();
    } finally {
      await context.close();
    }
  });
}

// A slow phone: a choice made before the scripts arrive must survive hydration.
test("a choice made while the page is still loading survives hydration", async ({ page }) => {
  // A slow phone: the scripts arrive a second late.
  await page.route("**/assets/*.js", async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    await route.continue();
  });
  await page.goto("/signup", { waitUntil: "commit" });
  const radio = page.getByRole("radio", { name: "Doanh nghiệp tư nhân, ngoài nhà nước" });
  await radio.check();
  await page.getByRole("checkbox", { name: "Nước sạch", exact: true }).check();
  await page.waitForFunction(() => "__remixRouter" in window);
  await page.waitForLoadState("networkidle");
  await expect(page.getByRole("checkbox", { name: "Nước sạch", exact: true })).toBeChecked();
  await expect(radio).toBeChecked({ timeout: 1_000 });
});

// With JavaScript on, the browser lists the same problems as the server does (JavaScript off, above).
test("with JavaScript on, a password mismatch is listed together with the other errors", async ({ page }) => {
  const input = { ...newBusiness(), sectors: [], passwordConfirm: "mot-mat-khau-khac-han" };
  input.taxCode = wrongCheckDigit(input.taxCode);
  await gotoReady(page, "/signup");
  await fillSignup(page, input);
  await page.getByRole("button", { name: "Đăng ký", exact: true }).press("Enter");
  const summary = page.getByRole("alert");
  await expect(summary.getByRole("link", { name: /^Mã số thuế: / })).toBeVisible();
  await expect(
    summary.getByRole("link", { name: "Nhập lại mật khẩu: Hai lần nhập mật khẩu chưa khớp nhau." }),
  ).toBeVisible({ timeout: 2_000 });
});
