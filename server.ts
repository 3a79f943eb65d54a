import cluster from "node:cluster";
import { randomBytes } from "node:crypto";
import { existsSync, rmSync } from "node:fs";
import { availableParallelism } from "node:os";
import { resolve } from "node:path";
import { createRequestHandler } from "@remix-run/express";
import { type ServerBuild } from "@remix-run/node";
import compression from "compression";
import express, { type Response } from "express";
import helmet from "helmet";
import { migrateToLatest, openDatabase } from "./db/connection";
import { DEMO_DATABASE_PATH, databasePath } from "./db/paths";
import { env } from "./app/utils/env.server";
import { limitRequestBodies } from "./app/utils/body-limits.server";
import { mayChangeData } from "./app/utils/same-origin";

const isDev = process.argv.includes("--dev");
const isDemo = process.argv.includes("--demo");
if (isDemo) {
  process.env.DEMO_MODE = "1";
  process.env.DATABASE_PATH ??= DEMO_DATABASE_PATH;
}
const port = Number(process.env.PORT ?? 3000);
// The demo's links (reset, invitations, receipts) point at the demo itself unless told otherwise.
if (isDemo && !process.env.PUBLIC_URL) process.env.PUBLIC_URL = `http://localhost:${port}`;
const host = process.env.HOST;

async function prepareDatabase(): Promise<void> {
  const path = databasePath();
  const { db } = openDatabase(path);
  const applied = await migrateToLatest(db);
  await db.destroy();
  if (applied.length) console.log(`Database ${path}: applied ${applied.join(", ")}`);
}

const DEMO_SEEDED = "demo_seeded";

/**
 * The demo is seeded in many transactions; a marker written last tells a finished demo database
 * from one whose seeding was interrupted, which is thrown away and seeded again.
 */
async function prepareDemoDatabase(): Promise<void> {
  const path = databasePath();
  if (existsSync(path)) {
    const { db } = openDatabase(path);
    const done = await db
      .selectFrom("app_setting")
      .where("key", "=", DEMO_SEEDED)
      .select("value")
      .executeTakeFirst()
      .catch(() => undefined);
    await db.destroy();
    if (done) {
      await prepareDatabase();
      return;
    }
    console.log(`${path}: the demo's seeding did not finish; seeding it again.`);
    for (const suffix of ["", "-wal", "-shm"]) rmSync(`${path}${suffix}`, { force: true });
  }
  await prepareDatabase();
  const { seedDemo } = await import("./db/seed/demo");
  await seedDemo();
  const { db } = openDatabase(path);
  await db.insertInto("app_setting").values({ key: DEMO_SEEDED, value: new Date().toISOString(), updated_by: null, updated_at: new Date().toISOString() }).execute();
  await db.destroy();
}

// One worker per core in production: a Node process renders on one core, and SQLite in WAL mode
// lets several processes share the database. The demo and dev servers stay a single process.
const workerCount = isDev || isDemo ? 1 : Math.max(1, Number(process.env.WEB_CONCURRENCY) || availableParallelism());
// The mail and reminder timers run in one worker only, so nothing is sent twice.
const runsBackgroundJobs = process.env.PORTAL_BACKGROUND_JOBS !== "0";

async function main() {
  if (cluster.isWorker) return serve();
  if (process.env.NODE_ENV === "production" && !isDemo && (process.env.SESSION_SECRET ?? "").length < 16) {
    console.error("SESSION_SECRET must be set (at least 16 characters) to run in production.");
    process.exit(1);
  }
  // PUBLIC_URL: required in production, an origin only. Refused here, before anything starts.
  try {
    env();
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
  // Migrations (and the demo seed) run once, before any worker opens the database.
  if (isDemo) await prepareDemoDatabase();
  else await prepareDatabase();
  if (workerCount === 1) return serve();

  let stopping = false;
  const fork = (jobs: boolean) => cluster.fork({ PORTAL_BACKGROUND_JOBS: jobs ? "1" : "0" }).on("exit", (code, signal) => {
    if (stopping) return;
    console.error(`[cluster] a worker stopped (${signal ?? code}); starting another`);
    fork(jobs);
  });
  for (let i = 0; i < workerCount; i++) fork(i === 0);
  const stop = () => {
    stopping = true;
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill("SIGTERM");
    setTimeout(() => process.exit(0), 6_000).unref();
    cluster.on("exit", () => {
      if (!Object.keys(cluster.workers ?? {}).length) process.exit(0);
    });
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

async function serve() {
  const app = express();
  app.disable("x-powered-by");
  if (process.env.TRUST_PROXY) app.set("trust proxy", process.env.TRUST_PROXY);
  app.use(compression());

  app.use((_req, res, next) => {
    res.locals.cspNonce = randomBytes(16).toString("base64");
    next();
  });
  app.use(
    helmet({
      contentSecurityPolicy: isDev
        ? false
        : {
            useDefaults: false,
            directives: {
              defaultSrc: ["'self'"],
              scriptSrc: ["'self'", (_req, res) => `'nonce-${(res as Response).locals.cspNonce}'`],
              styleSrc: ["'self'"],
              imgSrc: ["'self'", "data:"],
              fontSrc: ["'self'"],
              connectSrc: ["'self'"],
              formAction: ["'self'"],
              frameAncestors: ["'none'"],
              objectSrc: ["'none'"],
              baseUri: ["'self'"],
            },
          },
      // The demo is served over plain http; HSTS there would pin a developer's localhost to https.
      strictTransportSecurity: isDemo || isDev ? false : undefined,
      referrerPolicy: { policy: "same-origin" },
    }),
  );
  const publicHost = process.env.PUBLIC_URL ? new URL(process.env.PUBLIC_URL).host : null;
  const allowedHosts = publicHost ? [publicHost] : [];
  // Refuses state-changing requests that a page on another site made the browser send.
  app.use((req, res, next) => {
    const request = { method: req.method, host: req.get("host") ?? "", origin: req.get("origin"), fetchSite: req.get("sec-fetch-site") };
    if (mayChangeData(request, allowedHosts)) return next();
    res.status(403).type("text/plain").send("Cross-origin requests that change data are refused.");
  });
  // Bodies past their route's size limit answer 413 (app/utils/body-limits.server.ts).
  app.use(limitRequestBodies);

  let build: ServerBuild | (() => Promise<ServerBuild>);
  if (isDev) {
    const vite = await import("vite");
    const viteServer = await vite.createServer({ server: { middlewareMode: true } });
    app.use(viteServer.middlewares);
    build = () => viteServer.ssrLoadModule("virtual:remix/server-build") as Promise<ServerBuild>;
  } else {
    const buildPath = resolve("build/server/index.js");
    if (!existsSync(buildPath)) throw new Error("No build found: run `npm run build` first.");
    build = (await import(buildPath)) as ServerBuild;
    app.use("/assets", express.static("build/client/assets", { immutable: true, maxAge: "1y" }));
    app.use(express.static("build/client", { maxAge: "1h" }));
  }

  app.all(
    "*",
    createRequestHandler({
      build,
      mode: isDev ? "development" : "production",
      getLoadContext: (req, res) => ({ cspNonce: res.locals.cspNonce as string, clientAddress: req.ip ?? "unknown" }),
    }),
  );

  const server = app.listen(port, host ?? "0.0.0.0", () => {
    if (!runsBackgroundJobs) return;
    const url = `http://localhost:${port}`;
    console.log(`Measurement Assurance Portal on ${url} (database ${databasePath()}, ${workerCount} worker${workerCount > 1 ? "s" : ""})`);
    if (isDemo) printDemoLogins(url);
  });

  const shutdownServer = () => {
    server.close(() => process.exit(0));
    setTimeout(() => process.exit(0), 5_000).unref();
  };
  if (!runsBackgroundJobs) {
    process.on("SIGTERM", shutdownServer);
    process.on("SIGINT", shutdownServer);
    return;
  }

  const { deliverOutbox } = await import("./app/modules/mail/outbox.server");
  const outboxTimer = setInterval(() => void deliverOutbox().catch(console.error), 60_000);

  // Reminder digests once per Vietnamese day: checked at start and every hour, sent when the date
  // has changed. An in-process timer rather than cron, so `npm start` is the whole deployment, and
  // a server that was down at midnight still sends when it is back. Nothing is sent twice however
  // often this runs (reminder_sent), so restarts and a manual `npm run reminders` are harmless.
  const { sendReminderDigests } = await import("./app/modules/instruments/reminders.server");
  const { vietnamDay } = await import("./app/modules/i18n/format");
  let remindedOn: string | null = null;
  const remindOncePerDay = async () => {
    const today = vietnamDay();
    if (today === remindedOn) return;
    const sent = await sendReminderDigests({ today, origin: env().publicUrl });
    remindedOn = today;
    if (sent.reminders) console.log(`[reminders] ${today}: ${sent.reminders} reminder(s) in ${sent.businesses} digest(s)`);
    await deliverOutbox();
  };
  const runReminders = () => void remindOncePerDay().catch((error) => console.error("[reminders] failed", error));
  runReminders();
  const reminderTimer = setInterval(runReminders, 3_600_000);

  const shutdown = () => {
    clearInterval(outboxTimer);
    clearInterval(reminderTimer);
    shutdownServer();
  };
  process.on("SIGTERM", shutdown);
  process.on("SIGINT", shutdown);
}

function printDemoLogins(url: string) {
  const logins = [
    ["admin@dost.demo", "DOST admin"],
    ["reviewer@dost.demo", "DOST reviewer"],
    ["fuel@demo.vn", "business owner, fuel"],
    ["power@demo.vn", "business owner, electricity"],
    ["water@demo.vn", "business owner, water"],
    ["logistics@demo.vn", "business owner, logistics"],
    ["agri@demo.vn", "business owner, high-tech agriculture"],
    ["staff.fuel@demo.vn", "business member, fuel"],
  ];
  console.log(`\nDemo logins (password demo-pass-2026 for all) at ${url}/login`);
  for (const [email, role] of logins) console.log(`  ${email!.padEnd(22)} ${role}`);
  console.log(`Mail the portal would send is at ${url}/dev/outbox (as admin@dost.demo).\n`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
