import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type TestProject } from "vitest/node";
import { migrateToLatest, openDatabase } from "../../db/connection";

// Migrate one template database; every test file then starts from its own copy of it.
export default async function setup(project: TestProject) {
  const dir = mkdtempSync(join(tmpdir(), "portal-tests-"));
  const templatePath = join(dir, "template.db");
  const { db, sqlite } = openDatabase(templatePath);
  await migrateToLatest(db);
  sqlite.pragma("wal_checkpoint(TRUNCATE)");
  await db.destroy();
  project.provide("templateDatabasePath", templatePath);
  return () => rmSync(dir, { recursive: true, force: true });
}

declare module "vitest" {
  export interface ProvidedContext {
    templateDatabasePath: string;
  }
}
