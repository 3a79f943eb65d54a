// Separate from vite.config.ts so the Remix plugin stays out of Vitest.
import tsconfigPaths from "vite-tsconfig-paths";
import { defineConfig } from "vitest/config";

export default defineConfig({
  plugins: [tsconfigPaths()],
  test: {
    environment: "node",
    include: ["app/**/*.test.ts", "tests/integration/**/*.test.ts", "tests/content/**/*.test.ts"],
    setupFiles: ["tests/setup/per-file-db.ts"],
    globalSetup: ["tests/setup/global-setup.ts"],
    pool: "forks",
  },
});
