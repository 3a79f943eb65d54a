// Tests that start the production server as a real process (crash safety, backup and restore):
// they need `npm run build` first, so `npm test` runs them after the build step.
import tsconfigPaths from "vite-tsconfig-paths";
import { defineConfig } from "vitest/config";

export default defineConfig({
  plugins: [tsconfigPaths()],
  test: {
    environment: "node",
    include: ["tests/server/**/*.test.ts"],
    setupFiles: ["tests/setup/per-file-db.ts"],
    globalSetup: ["tests/setup/global-setup.ts"],
    pool: "forks",
    // One at a time: each starts servers and would fight the other for the two cores.
    fileParallelism: false,
    testTimeout: 120_000,
  },
});
