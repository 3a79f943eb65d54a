/**
 * `npm run bench`: loads each key page as its logged-in user against the production build on a
 * large database, and the same pages' loaders + React render in a bare node:http handler, then
 * prints requests/s and p50/p95/p99 latency and writes them as JSON.
 *
 *   npm run build && npm run bench -- [--duration 10] [--connections 10] [--database data/bench.db]
 *
 * A missing database is filled first with `seed:large` (10,000 businesses, 200,000 instruments).
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import SQLite from "better-sqlite3";
import { BENCH_USERS, type BenchUser, benchPages } from "./bench-pages";

const { values: args } = parseArgs({
  options: {
    duration: { type: "string", default: "10" },
    connections: { type: "string", default: "10" },
    database: { type: "string", default: "data/bench.db" },
    out: { type: "string", default: "bench-results" },
  },
});
const DURATION = Number(args.duration);
const CONNECTIONS = Number(args.connections);
const DATABASE = resolve(args.database!);
const PASSWORD = "demo-pass-2026";

function run(command: string, commandArgs: string[], env: Record<string, string> = {}) {
  const result = spawnSync(command, commandArgs, { stdio: "inherit", env: { ...process.env, ...env } });
  if (result.status !== 0) throw new Error(`${command} ${commandArgs.join(" ")} failed`);
}

function start(script: string, env: Record<string, string>): ChildProcess {
  const child = spawn("npx", ["tsx", script], { env: { ...process.env, ...env }, stdio: ["ignore", "ignore", "inherit"], detached: true });
  return child;
}

function stop(child: ChildProcess) {
  if (child.pid) {
    try {
      process.kill(-child.pid, "SIGTERM");
    } catch {
      // already gone
    }
  }
}

async function waitFor(url: string, timeoutMs = 60_000) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    try {
      const response = await fetch(url);
      if (response.status < 500) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`${url} did not answer within ${timeoutMs / 1000} s`);
}

async function login(origin: string, email: string): Promise<string> {
  const response = await fetch(`${origin}/login`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: origin },
    body: new URLSearchParams({ email, password: PASSWORD }),
  });
  const cookies = response.headers.getSetCookie().map((c) => c.split(";")[0]);
  if (response.status !== 302 || !cookies.length) throw new Error(`login as ${email} failed (${response.status})`);
  return cookies.join("; ");
}

type Measure = { requestsPerSecond: number; p50: number; p95: number; p99: number; errors: number; non2xx: number; requests: number };

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return Math.round(sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]! * 10) / 10;
}

/** autocannon for one URL; latencies from every response, so p95 is exact rather than interpolated. */
async function measure(url: string, cookie: string): Promise<Measure> {
  // A short warm-up, so the first requests' compilation and cold caches are not measured.
  await autocannon({ url, connections: CONNECTIONS, duration: 2, headers: { cookie } });
  const latencies: number[] = [];
  const result = await new Promise<autocannon.Result>((done, fail) => {
    const instance = autocannon({ url, connections: CONNECTIONS, duration: DURATION, headers: { cookie } }, (error, finished) => (error ? fail(error) : done(finished)));
    instance.on("response", (_client, _status, _bytes, responseTime) => latencies.push(responseTime));
  });
  latencies.sort((a, b) => a - b);
  return {
    requestsPerSecond: Math.round(result.requests.average),
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    requests: result.requests.total,
  };
}

async function main() {
  if (!existsSync("build/server/index.js")) run("npm", ["run", "build"]);
  if (!existsSync(DATABASE)) run("npx", ["tsx", "db/seed-large.ts"], { DATABASE_PATH: DATABASE });

  const sqlite = new SQLite(DATABASE, { readonly: true });
  const counts = {
    businesses: (sqlite.prepare("select count(*) as n from business").get() as { n: number }).n,
    instruments: (sqlite.prepare("select count(*) as n from instrument").get() as { n: number }).n,
  };
  // The chain's instrument with the longest history: the heaviest detail page.
  const instrument = sqlite
    .prepare(
      `select instrument.id as id from instrument join user on user.business_id = instrument.business_id
       where user.email = ? order by (select count(*) from instrument_event e where e.instrument_id = instrument.id) desc limit 1`,
    )
    .get(BENCH_USERS.business) as { id: number };
  sqlite.close();
  const year = new Date().getFullYear();
  const pages = benchPages(instrument.id, year);

  const appPort = 3390;
  const basePort = 3391;
  const env = {
    DATABASE_PATH: DATABASE,
    NODE_ENV: "production",
    SESSION_SECRET: "bench-session-secret-not-for-production-0123456789",
    PUBLIC_URL: `http://localhost:${appPort}`,
  };
  const app = start("server.ts", { ...env, PORT: String(appPort) });
  const baseline = start("scripts/bench-baseline.ts", { ...env, PORT: String(basePort), BENCH_PAGES: JSON.stringify(pages) });
  try {
    const origin = `http://localhost:${appPort}`;
    await waitFor(`${origin}/healthz`);
    await waitFor(`http://localhost:${basePort}/999`);
    const cookies: Record<BenchUser, string> = { business: await login(origin, BENCH_USERS.business), dost: await login(origin, BENCH_USERS.dost) };

    console.log(`\n${counts.businesses.toLocaleString("en")} businesses, ${counts.instruments.toLocaleString("en")} instruments; ${CONNECTIONS} connections, ${DURATION} s per page.\n`);
    const rows: Array<{ page: string; path: string; full: Measure; baseline: Measure; ratioP50: number }> = [];
    for (const [index, page] of pages.entries()) {
      process.stdout.write(`${page.name}… `);
      const full = await measure(`${origin}${page.path}`, cookies[page.user]);
      const floor = await measure(`http://localhost:${basePort}/${index}`, cookies[page.user]);
      rows.push({ page: page.name, path: page.path, full, baseline: floor, ratioP50: Math.round((full.p50 / Math.max(floor.p50, 0.1)) * 10) / 10 });
      console.log(`p95 ${full.p95} ms`);
    }

    const header = ["page", "req/s", "p50 ms", "p95 ms", "p99 ms", "errors", "bare req/s", "bare p50", "bare p95", "full/bare p50"];
    const table = rows.map((r) => [
      r.page,
      String(r.full.requestsPerSecond),
      String(r.full.p50),
      String(r.full.p95),
      String(r.full.p99),
      String(r.full.errors + r.full.non2xx),
      String(r.baseline.requestsPerSecond),
      String(r.baseline.p50),
      String(r.baseline.p95),
      `${r.ratioP50}×`,
    ]);
    const widths = header.map((h, i) => Math.max(h.length, ...table.map((row) => row[i]!.length)));
    const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(" | ")} |`;
    console.log(`\n${line(header)}\n|${widths.map((w) => "-".repeat(w + 2)).join("|")}|\n${table.map(line).join("\n")}\n`);

    mkdirSync(args.out!, { recursive: true });
    const file = `${args.out}/bench-${new Date().toISOString().replace(/[:.]/g, "-")}.json`;
    const machine = { cpus: cpus().length, cpuModel: cpus()[0]?.model ?? "", memoryGb: Math.round(totalmem() / 1e9), node: process.version };
    writeFileSync(file, `${JSON.stringify({ at: new Date().toISOString(), machine, counts, connections: CONNECTIONS, durationSeconds: DURATION, rows }, null, 2)}\n`);
    console.log(`Written to ${file}`);
    const slow = rows.filter((r) => r.full.p95 >= 50);
    if (slow.length) console.log(`Over the 50 ms p95 bar: ${slow.map((r) => r.page).join(", ")}`);
  } finally {
    stop(app);
    stop(baseline);
  }
}

await main();
