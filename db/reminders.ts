// Sends today's reminder digests (due in 30 days, in 7 days, overdue), one mail per business,
// each reminder once. Safe to run again, or beside the server's own daily run.
// Usage: npm run reminders [-- --today 2026-05-01]   (PUBLIC_URL sets the links' address)
import { parseArgs } from "node:util";
import { migrateToLatest } from "./connection";
import { databasePath } from "./paths";
import { vietnamDay } from "~/modules/i18n/format";
import { sendReminderDigests } from "~/modules/instruments/reminders.server";
import { deliverOutbox } from "~/modules/mail/outbox.server";
import { db } from "~/utils/db.server";
import { env } from "~/utils/env.server";

const { values } = parseArgs({ options: { today: { type: "string" } } });
if (values.today !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(values.today)) {
  console.error("Usage: npm run reminders [-- --today YYYY-MM-DD]");
  process.exit(2);
}
const today = values.today ?? vietnamDay();
let origin: string;
try {
  origin = env().publicUrl; // required in production; outside it, this machine's own address
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
if (!process.env.PUBLIC_URL) console.warn(`PUBLIC_URL is not set: links in the mail point to ${origin}.`);

await migrateToLatest(db());
const run = await sendReminderDigests({ today, origin });
await deliverOutbox();
console.log(`Reminders for ${today} in ${databasePath()}: ${run.reminders} reminder(s) in ${run.businesses} digest(s).`);
await db().destroy();
