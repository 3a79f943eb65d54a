import { tmpdir } from "node:os";
import { join } from "node:path";
import { defineConfig, devices } from "@playwright/test";

// Browser tests against the production build, in demo mode, on a fresh SQLite file per run.
// `npm run build` must have run first (the test script does it). No browser is ever downloaded:
// Debian's Chromium is used (CHROME_PATH overrides).
const PORT = Number(process.env.E2E_PORT ?? 3105);
const DATABASE = join(tmpdir(), `map-e2e-${PORT}.db`);

export default defineConfig({
  testDir: "./tests/e2e",
  fullyParallel: false,
  workers: 1, // 2-core machine; the server shares the CPU
  retries: 0,
  timeout: 30_000,
  expect: { timeout: 7_000 },
  forbidOnly: Boolean(process.env.CI),
  // The test script sets PLAYWRIGHT_JSON_OUTPUT_NAME for the JSON report; without it the JSON
  // would go to stdout, so a plain `npx playwright test` only lists.
  reporter: process.env.PLAYWRIGHT_JSON_OUTPUT_NAME ? [["list"], ["json"]] : [["list"]],
  outputDir: "test-results",
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    actionTimeout: 10_000,
    navigationTimeout: 15_000,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    locale: "vi-VN",
    timezoneId: "Asia/Ho_Chi_Minh",
  },
  projects: [
    {
      name: "chromium",
      use: {
        ...devices["Desktop Chrome"],
        launchOptions: {
          executablePath: process.env.CHROME_PATH || "/usr/bin/chromium",
          args: [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
          ],
        },
      },
    },
  ],
  webServer: {
    // node_modules/.bin/tsx rather than npx, so the process Playwright stops is the server itself.
    command: `rm -f "${DATABASE}" "${DATABASE}-wal" "${DATABASE}-shm" && exec node_modules/.bin/tsx server.ts --demo`,
    url: `http://127.0.0.1:${PORT}/healthz`,
    // Mailed links (reset, invitation, sign-up) must open on the address the browser tests use.
    env: { NODE_ENV: "production", HOST: "127.0.0.1", PORT: String(PORT), DATABASE_PATH: DATABASE, PUBLIC_URL: `http://127.0.0.1:${PORT}` },
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: "ignore",
    stderr: "pipe",
  },
});
