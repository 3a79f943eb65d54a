import { expect, test } from "@playwright/test";

test("/healthz answers 200 ok", async ({ request }) => {
  const response = await request.get("/healthz");
  expect(response.status()).toBe(200);
  expect(await response.text()).toBe("ok");
  expect(response.headers()["cache-control"]).toContain("no-store");
});
