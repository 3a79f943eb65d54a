import { copyFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { inject } from "vitest";

// Runs before each test file's imports: app modules open the copy named here, never a real database.
const dir = mkdtempSync(join(tmpdir(), "portal-test-file-"));
const path = join(dir, "test.db");
copyFileSync(inject("templateDatabasePath"), path);
process.env.DATABASE_PATH = path;
process.env.NODE_ENV = "test";
process.env.SESSION_SECRET = "test-secret-at-least-16-characters";
// Every mailed link is built from PUBLIC_URL; the helpers' requests come from the same origin (TEST_ORIGIN).
process.env.PUBLIC_URL = "http://portal.test";
