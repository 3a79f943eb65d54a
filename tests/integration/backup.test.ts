import { execFile } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import SQLite from "better-sqlite3";
import { expect, test } from "vitest";
import { db } from "~/utils/db.server";
import { createBusinessWithOwner } from "../helpers";

const run = promisify(execFile);

test("npm run backup copies the live database, writes included, into one checked file", async () => {
  for (let i = 0; i < 3; i++) await createBusinessWithOwner();
  const target = join(mkdtempSync(join(tmpdir(), "portal-backup-")), "copy.db");
  // The app still holds its connection open, with recent writes possibly only in the WAL.
  const { stdout } = await run("node_modules/.bin/tsx", ["db/backup.ts", target], { env: { ...process.env } });
  expect(stdout).toContain("integrity ok");

  const live = await db().selectFrom("business").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
  const copy = new SQLite(target, { readonly: true });
  const copied = copy.prepare("select count(*) as n from business").get() as { n: number };
  const journal = copy.pragma("journal_mode", { simple: true });
  copy.close();
  expect(copied.n).toBe(Number(live.n));
  expect(copied.n).toBeGreaterThanOrEqual(3);
  expect(journal).toBe("delete");
}, 30_000);
