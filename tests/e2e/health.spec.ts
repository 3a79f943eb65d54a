import { expect, test } from "@playwright/test";
import { expectNoAxeViolations } from "./support";

test("/healthz answers 200 ok", async ({ request }) => {
  const response = await request.get("/healthz");
  expect(response.status()).toBe(200);
  expect(await response.text()).toBe("ok");
  expect(response.headers()["cache-control"]).toContain("no-store");
});

test("the accessibility check used by every test does catch violations", async ({ page }) => {
  await page.setContent(`<html><body><img src="data:,"><button></button><input type="text"></body></html>`);
  const error = await expectNoAxeViolations(page, "a deliberately bad page").then(
    () => null,
    (e: Error) => e,
  );
  expect(error?.message).toContain("image-alt");
  expect(error?.message).toContain("button-name");
  expect(error?.message).toContain("html-has-lang");
});
