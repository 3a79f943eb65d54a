import { execFile } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { build } from "esbuild";
import { expect, test } from "vitest";
import { createBusinessWithOwner } from "../helpers";
import { bigCsv } from "./big-files";

// The job pool in production runs inside the Vite build (build/server/index.js), not from its
// source file: the worker's first file must still be found, and the worker must load the app's
// TypeScript by itself. Here the pool is bundled the same way (one ESM file under a build/server
// folder inside the project, packages left in node_modules) and run by plain Node, without tsx.

const ROOT = fileURLToPath(new URL("../..", import.meta.url));

test("a task runs on a worker thread from a bundled server, started by plain Node", { timeout: 60_000 }, async () => {
  const { businessId, ownerId } = await createBusinessWithOwner();
  const base = join(ROOT, "node_modules/.cache/portal-job-worker-test");
  const outfile = join(base, "build/server/index.js");
  const csvPath = join(tmpdir(), `portal-job-worker-test-${process.pid}.csv`);
  mkdirSync(base, { recursive: true });
  writeFileSync(csvPath, bigCsv(3_000, "Kho"));
  const driver = join(base, "driver.ts");
  writeFileSync(
    driver,
    `import { runInWorker, stopAllWorkers } from ${JSON.stringify(join(ROOT, "app/modules/jobs/pool.server.ts"))};
const scope = JSON.parse(process.env.JOB_SCOPE!);
const output = await runInWorker("import.check", { scope, path: process.env.JOB_FILE!, today: "2026-12-04" });
console.log(JSON.stringify(output));
await stopAllWorkers();
`,
  );
  try {
    await build({ entryPoints: [driver], outfile, bundle: true, platform: "node", format: "esm", packages: "external", tsconfig: join(ROOT, "tsconfig.json"), logLevel: "error" });
    const scope = { kind: "business", businessId, user: { id: ownerId, email: "x@test.vn", fullName: "X", role: "business_owner", businessId, businessName: "X" } };
    const { stdout } = await promisify(execFile)(process.execPath, [outfile], {
      cwd: tmpdir(), // not the project: the worker finds its way from the bundle's place
      env: { ...process.env, JOB_SCOPE: JSON.stringify(scope), JOB_FILE: csvPath },
      timeout: 50_000,
    });
    // Read and checked in the worker (against a business without sites: every row has an error, which is not a file problem).
    expect(JSON.parse(stdout.trim().split("\n").at(-1)!)).toEqual({ ok: true });
  } finally {
    rmSync(base, { recursive: true, force: true });
    rmSync(csvPath, { force: true });
  }
});
