import { spawnSync } from "node:child_process";
import { rmSync, writeFileSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { monitorEventLoopDelay } from "node:perf_hooks";
import ExcelJS from "exceljs";
import { sql } from "kysely";
import Papa from "papaparse";
import { describe, expect, test } from "vitest";
import { createSite } from "~/modules/accounts/businesses.server";
import { EXPORT_JOB_ROWS, LABEL_JOB_COUNT } from "~/modules/jobs/jobs";
import { jobsRunning } from "~/modules/jobs/jobs.server";
import { MAX_RUNNING, poolState, runInWorker } from "~/modules/jobs/pool.server";
import { loader as exportCsvLoader } from "~/routes/business.instruments.export[.csv]";
import { loader as exportXlsxLoader } from "~/routes/business.instruments.export[.xlsx]";
import { action as importAction } from "~/routes/business.instruments.import";
import { loader as labelsPdfLoader } from "~/routes/business.instruments.labels[.pdf]";
import { loader as jobDownloadLoader } from "~/routes/business.jobs.$jobId.download";
import { loader as jobLoader } from "~/routes/business.jobs.$jobId._index";
import { loader as jobsLoader } from "~/routes/business.jobs._index";
import { loader as healthz } from "~/routes/healthz";
import { db } from "~/utils/db.server";
import { TEST_ORIGIN, buildRequest, cookieFor, createBusinessWithOwner, run } from "../helpers";
import { bigCsv, registerRows, sheetXml, workbook } from "./big-files";

// Issue 12, point 4: a 50,000-instrument export or label PDF took ~9 s on the request thread, and
// a million-row workbook froze /healthz for 39 s. Large exports, label PDFs and import checks now
// run on worker threads; one per business at a time, MAX_RUNNING per process.

const SITE = "Kho tổng";
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A business with one site and `count` instruments (written in one statement: the commands would take minutes). */
async function businessWith(count: number) {
  const created = await createBusinessWithOwner();
  const scope = { kind: "business" as const, businessId: created.businessId, user: { id: created.ownerId } as never };
  const siteId = await createSite(scope, { name: SITE, communeId: "phuong-cai-khe", communeOther: "", streetAddress: "1 Đường Trần Phú" });
  await sql`
    WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${count})
    INSERT INTO instrument (business_id, site_id, type_id, tag, name, serial, manufacturer, model, range_min, range_max, unit, accuracy,
      purpose, status, own_interval_months, responsible_person, legal_due_on, own_due_on, next_due_on, due_rule, last_event_on,
      last_certificate_no, last_provider, public_token, created_at, updated_at)
    SELECT ${created.businessId}, ${siteId}, 'fuel-dispenser', printf('CD-%06d', i), 'Cột bơm ' || i, 'SN' || i, 'Tatsuno', 'NX', 0, 99.5,
      'L', '0,5', 'trade', 'in_service', NULL, 'Phòng Kỹ thuật', NULL, NULL, NULL, NULL, NULL, NULL, NULL,
      substr(lower(hex(randomblob(16))), 1, 22), '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'
    FROM n`.execute(db());
  return { ...created, scope, siteId, cookie: await cookieFor(created.ownerId) };
}

const jobIdOf = (location: string | null) => Number(/^\/business\/jobs\/(\d+)$/.exec(location ?? "")?.[1]);

type JobPage = { job: { status: string; progress: number; filename: string | null; error: string | null }; refreshSeconds: number };

async function jobPage(cookie: string, id: number): Promise<JobPage> {
  const page = await run(jobLoader, buildRequest(`/business/jobs/${id}`, { cookie }), { jobId: String(id) });
  expect(page.status).toBe(200);
  return page.data as JobPage;
}

/** Follows the job's page as a browser would until it is finished; returns every state seen. */
async function followJob(cookie: string, id: number) {
  const seen: JobPage[] = [];
  for (const deadline = Date.now() + 60_000; Date.now() < deadline; ) {
    const page = await jobPage(cookie, id);
    seen.push(page);
    if (page.job.status === "done" || page.job.status === "failed") return seen;
    await sleep(25);
  }
  throw new Error(`job ${id} did not finish`);
}

async function download(cookie: string, id: number): Promise<Response> {
  return (await jobDownloadLoader({ request: buildRequest(`/business/jobs/${id}/download`, { cookie }), params: { jobId: String(id) }, context: {} })) as Response;
}

const settled = () => Promise.all([...jobsRunning.values()]);

describe("exports and labels as jobs", () => {
  test(`an export of more than ${EXPORT_JOB_ROWS} rows: the page shows it being prepared, then a link to the file`, { timeout: 60_000 }, async () => {
    const { cookie } = await businessWith(EXPORT_JOB_ROWS + 1);
    const started = await run(exportXlsxLoader, buildRequest("/business/instruments/export.xlsx?sort=tag&dir=desc", { cookie }));
    expect(started.status).toBe(303);
    const id = jobIdOf(started.location);
    expect(id).toBeGreaterThan(0);

    const seen = await followJob(cookie, id);
    const before = seen.slice(0, -1);
    // "Preparing your file… n %" (or waiting its turn) until done; the page refreshes itself meanwhile.
    expect(before.length).toBeGreaterThan(0);
    for (const page of before) {
      expect(["queued", "running"]).toContain(page.job.status);
      expect(page.job.progress).toBeGreaterThanOrEqual(0);
      expect(page.job.progress).toBeLessThan(100);
      expect(page.refreshSeconds).toBeGreaterThan(0);
    }
    const last = seen.at(-1)!.job;
    expect(last).toMatchObject({ status: "done", progress: 100, error: null });
    expect(last.filename).toMatch(/^so-phuong-tien-do-\d{4}-\d{2}-\d{2}\.xlsx$/);

    const file = await download(cookie, id);
    expect(file.headers.get("Content-Type")).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    expect(file.headers.get("Content-Disposition")).toMatch(/^attachment; filename="so-phuong-tien-do-/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await file.arrayBuffer()) as ExcelJS.Buffer);
    const sheet = book.worksheets[0]!;
    expect(sheet.actualRowCount).toBe(EXPORT_JOB_ROWS + 2);
    expect(sheet.getRow(2).getCell(1).value).toBe(`CD-${String(EXPORT_JOB_ROWS + 1).padStart(6, "0")}`); // the list's order
    expect(sheet.getRow(2).getCell(9).value).toBe(99.5); // numbers stay numbers

    // The list of the business's files links to it.
    const list = await run(jobsLoader, buildRequest("/business/jobs", { cookie }));
    expect((list.data as { jobs: Array<{ id: number; status: string }> }).jobs).toEqual([expect.objectContaining({ id, status: "done" })]);
  });

  test(`up to ${EXPORT_JOB_ROWS} rows the file comes at once, as before`, async () => {
    const { cookie } = await businessWith(EXPORT_JOB_ROWS);
    const response = (await exportCsvLoader({ request: buildRequest("/business/instruments/export.csv", { cookie }), params: {}, context: {} })) as Response;
    expect(response.status).toBe(200);
    expect(Papa.parse((await response.text()).replace(/^\ufeff/, ""), { skipEmptyLines: true }).data).toHaveLength(EXPORT_JOB_ROWS + 1);
  });

  test(`a label PDF of more than ${LABEL_JOB_COUNT} labels is a job too; the PDF opens in the browser`, { timeout: 60_000 }, async () => {
    const { cookie } = await businessWith(LABEL_JOB_COUNT + 1);
    const started = await run(labelsPdfLoader, buildRequest("/business/instruments/labels.pdf?format=a4-70x37", { cookie }));
    expect(started.status).toBe(303);
    const id = jobIdOf(started.location);
    expect((await followJob(cookie, id)).at(-1)!.job.status).toBe("done");
    const file = await download(cookie, id);
    expect(file.headers.get("Content-Type")).toBe("application/pdf");
    expect(file.headers.get("Content-Disposition")).toMatch(/^inline; filename="tem-nhan-a4-70x37-/);
    expect(Buffer.from(await file.arrayBuffer()).subarray(0, 5).toString()).toBe("%PDF-");
  });

  test("another business's job is 404, its page and its file", { timeout: 60_000 }, async () => {
    const mine = await businessWith(EXPORT_JOB_ROWS + 1);
    const theirs = await businessWith(1);
    const id = jobIdOf((await run(exportCsvLoader, buildRequest("/business/instruments/export.csv", { cookie: mine.cookie }))).location);
    await followJob(mine.cookie, id);
    expect((await run(jobLoader, buildRequest(`/business/jobs/${id}`, { cookie: theirs.cookie }), { jobId: String(id) })).status).toBe(404);
    expect((await run(jobDownloadLoader, buildRequest(`/business/jobs/${id}/download`, { cookie: theirs.cookie }), { jobId: String(id) })).status).toBe(404);
    expect((await run(jobLoader, buildRequest(`/business/jobs/${id}`), { jobId: String(id) })).location).toMatch(/^\/login/);
  });
});

describe("how many run at once", () => {
  test("one heavy job per business: a second is refused with a reason, the same one asked again is the same job", { timeout: 60_000 }, async () => {
    const { cookie } = await businessWith(5_000);
    const first = await run(exportXlsxLoader, buildRequest("/business/instruments/export.xlsx", { cookie }));
    const id = jobIdOf(first.location);
    expect(id).toBeGreaterThan(0);

    // A second click on the same export: the same job.
    expect((await run(exportXlsxLoader, buildRequest("/business/instruments/export.xlsx", { cookie }))).location).toBe(`/business/jobs/${id}`);
    // Something else while it runs: refused, and the page says what is running.
    const labels = await run(labelsPdfLoader, buildRequest("/business/instruments/labels.pdf", { cookie }));
    expect(labels.location).toBe(`/business/jobs?busy=${id}`);
    const page = await run(jobsLoader, buildRequest(`/business/jobs?busy=${id}`, { cookie }));
    expect((page.data as { busy: unknown }).busy).toMatchObject({ kind: "xlsx", finished: false });
    // A large import too, beside the file field.
    const form = new FormData();
    form.append("file", new File([new Uint8Array(workbook(sheetXml(registerRows(10, SITE))))], "big.xlsx"));
    const upload = await run(importAction, new Request(`${TEST_ORIGIN}/business/instruments/import`, { method: "POST", body: form, headers: { Cookie: cookie, Origin: TEST_ORIGIN } }));
    expect(upload.status).toBe(409);
    expect(upload.data).toMatchObject({ errors: { file: "imports:busy.upload" } });

    // Once it has finished, the next one starts.
    expect((await followJob(cookie, id)).at(-1)!.job.status).toBe("done");
    const next = await run(exportCsvLoader, buildRequest("/business/instruments/export.csv", { cookie }));
    expect(jobIdOf(next.location)).toBeGreaterThan(id);
    await settled();
  });

  test(`at most ${MAX_RUNNING} run at once in a process; the others wait their turn`, { timeout: 90_000 }, async () => {
    const businesses = await Promise.all([businessWith(3_000), businessWith(3_000), businessWith(3_000)]);
    const ids: number[] = [];
    for (const b of businesses) ids.push(jobIdOf((await run(exportXlsxLoader, buildRequest("/business/instruments/export.xlsx", { cookie: b.cookie }))).location));
    let mostRunning = 0;
    let sawWaiting = false;
    let sawQueuedRow = false;
    const all = settled();
    let finished = false;
    void all.then(() => (finished = true));
    while (!finished) {
      const state = poolState();
      mostRunning = Math.max(mostRunning, state.running);
      if (state.waiting > 0) sawWaiting = true;
      const rows = await db().selectFrom("background_job").where("id", "in", ids).select(["status"]).execute();
      if (rows.filter((r) => r.status === "running").length === MAX_RUNNING && rows.some((r) => r.status === "queued")) sawQueuedRow = true;
      await sleep(5);
    }
    expect(mostRunning).toBe(MAX_RUNNING);
    expect(sawWaiting).toBe(true);
    expect(sawQueuedRow).toBe(true);
    const statuses = await db().selectFrom("background_job").where("id", "in", ids).select(["status"]).execute();
    expect(statuses.map((r) => r.status)).toEqual(["done", "done", "done"]);
  });
});

describe("a task's limits", () => {
  test("a task that runs too long is stopped with its thread, and the next one gets a fresh thread", { timeout: 60_000 }, async () => {
    const { scope } = await businessWith(0);
    const path = join(tmpdir(), `portal-jobs-test-${process.pid}.csv`);
    writeFileSync(path, bigCsv(20_000, SITE));
    try {
      const threads = poolState().threads;
      const slow = runInWorker("import.check", { scope, path, today: "2026-12-04" }, { timeoutMs: 1 });
      await expect(slow).rejects.toMatchObject({ name: "TaskFailed", reason: "timeout" });
      await sleep(200);
      expect(poolState()).toMatchObject({ running: 0, waiting: 0 });
      expect(poolState().threads).toBeLessThanOrEqual(threads);
      expect(await runInWorker("import.check", { scope, path, today: "2026-12-04" })).toEqual({ ok: true });
    } finally {
      rmSync(path, { force: true });
    }
  });
});

describe("a stopped server", () => {
  test("a job left unfinished by a process that has stopped does not hold the business: it shows as failed and a new one starts", { timeout: 60_000 }, async () => {
    const { cookie, businessId, ownerId } = await businessWith(EXPORT_JOB_ROWS + 1);
    // As a server killed in the middle of an export leaves it: unfinished, heartbeat still fresh.
    const dead = spawnSync(process.execPath, ["-e", "process.exit(0)"]).pid!;
    const now = new Date().toISOString();
    const left = await db()
      .insertInto("background_job")
      .values({ business_id: businessId, kind: "export.csv", params: "{}", status: "running", error: null, filename: null, content_type: null, result: null, requested_by: ownerId, created_at: now, started_at: now, finished_at: null, heartbeat_at: now, owner: `${hostname()}:${dead}:x` })
      .returning("id")
      .executeTakeFirstOrThrow();
    expect((await jobPage(cookie, left.id)).job).toMatchObject({ status: "failed", error: "imports:jobs.lost" });
    const started = await run(exportXlsxLoader, buildRequest("/business/instruments/export.xlsx", { cookie }));
    const id = jobIdOf(started.location);
    expect(id).toBeGreaterThan(left.id);
    expect((await followJob(cookie, id)).at(-1)!.job.status).toBe("done");
  });
});

describe("the server keeps answering", () => {
  test("while a large workbook is checked, /healthz answers and the event loop is never held", { timeout: 60_000 }, async () => {
    const { cookie } = await businessWith(1);
    const bytes = workbook(sheetXml(registerRows(45_000, SITE)));
    const form = new FormData();
    form.append("file", new File([new Uint8Array(bytes)], "so-lon.xlsx"));
    const request = new Request(`${TEST_ORIGIN}/business/instruments/import`, { method: "POST", body: form, headers: { Cookie: cookie, Origin: TEST_ORIGIN } });

    const delay = monitorEventLoopDelay({ resolution: 10 });
    const health: number[] = [];
    let checking = true;
    const probe = (async () => {
      while (checking) {
        const t0 = performance.now();
        expect((await healthz()).status).toBe(200);
        health.push(performance.now() - t0);
        await sleep(10);
      }
    })();
    delay.enable();
    const started = performance.now();
    const uploaded = await run(importAction, request);
    const took = performance.now() - started;
    delay.disable();
    checking = false;
    await probe;

    expect(uploaded.status, JSON.stringify(uploaded.data)).toBe(302);
    // The check was real work (a second or more)…
    expect(took).toBeGreaterThan(800);
    // …yet the event loop was never held for long, and the health check answered throughout.
    expect(delay.max / 1e6).toBeLessThan(300);
    expect(health.length).toBeGreaterThan(10);
    expect(Math.max(...health)).toBeLessThan(300);
  });
});
