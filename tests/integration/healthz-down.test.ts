import { expect, test } from "vitest";
import { loader as healthz } from "~/routes/healthz";
import { db } from "~/utils/db.server";

test("/healthz answers 503 when the database does not answer", async () => {
  expect((await healthz()).status).toBe(200);
  await db().destroy(); // this file's own database copy; nothing else runs after it
  const response = await healthz();
  expect(response.status).toBe(503);
  expect(await response.text()).toBe("database unreachable");
});
