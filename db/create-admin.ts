// Makes a DOST admin. Usage: npm run create-admin -- --email a@b.vn --name "Họ Tên" [--password ...]
// Without --password (or ADMIN_PASSWORD) a strong one is generated and printed once.
import { randomBytes } from "node:crypto";
import { parseArgs } from "node:util";
import { z } from "zod";
import { migrateToLatest, openDatabase } from "./connection";
import { databasePath } from "./paths";
import { hashPassword } from "~/utils/password.server";

const { values } = parseArgs({
  options: { email: { type: "string" }, name: { type: "string" }, password: { type: "string" } },
});
const email = z.string().trim().toLowerCase().email().safeParse(values.email ?? "");
if (!email.success || !values.name?.trim()) {
  console.error('Usage: npm run create-admin -- --email admin@sokhcn.cantho.gov.vn --name "Họ và tên" [--password …]');
  process.exit(2);
}
const password = values.password ?? process.env.ADMIN_PASSWORD ?? randomBytes(12).toString("base64url");
if (password.length < 10) {
  console.error("The password needs at least 10 characters.");
  process.exit(2);
}

const path = databasePath();
const { db } = openDatabase(path);
await migrateToLatest(db);
const existing = await db.selectFrom("user").where("email", "=", email.data).select("id").executeTakeFirst();
if (existing) {
  console.error(`${email.data} already has an account in ${path}.`);
  process.exit(1);
}
const now = new Date().toISOString();
await db.transaction().execute(async (tx) => {
  const user = await tx
    .insertInto("user")
    .values({
      email: email.data,
      full_name: values.name!.trim(),
      password_hash: await hashPassword(password),
      role: "dost_admin",
      business_id: null,
      created_at: now,
      disabled_at: null,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await tx
    .insertInto("audit_log")
    .values({ at: now, actor_user_id: null, business_id: null, entity: "user", entity_id: String(user.id), action: "create_admin", detail: null })
    .execute();
});
console.log(`DOST admin ${email.data} created in ${path}.`);
if (!values.password && !process.env.ADMIN_PASSWORD) console.log(`Password (shown once): ${password}`);
await db.destroy();
