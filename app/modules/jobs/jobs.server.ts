import { hostname } from "node:os";
import { type BackgroundJobKind } from "@db/schema";
import { type BusinessScope } from "~/utils/auth.server";
import { db, nowIso } from "~/utils/db.server";
import { type JobStatus, jobStatus } from "./jobs";
import { TaskFailed, runInWorker } from "./pool.server";
import { type MadeFile, type TaskInput } from "./tasks";

// Jobs that run off the request path, one row each in background_job (decision: a row in the
// database rather than memory, because the server runs several processes and any of them may
// answer the next request; the work itself runs on a worker thread of the process that took the
// request, see pool.server.ts).
//
// One unfinished job per business, whatever its kind and whichever process asks: the database
// refuses a second (a partial unique index), so a business cannot fill the server with exports.
// The process running a job renews its heartbeat; a job whose process died is shown as failed.

/** A heartbeat older than this: the process that ran the job is gone. */
export const STALE_MS = 60_000;
const HEARTBEAT_MS = 10_000;
/** Finished jobs (and their files) are kept this long, and at most KEEP_FINISHED per business. */
export const KEEP_FINISHED_MS = 24 * 3_600_000;
export const KEEP_FINISHED = 5;
/** A file job may run this long before its thread is stopped. */
const FILE_JOB_TIMEOUT_MS = 5 * 60_000;
/** Progress is written at most this often. */
const PROGRESS_EVERY_MS = 500;

// ---- Heartbeats of the jobs this process holds ----

/** This process, as written in the rows of its jobs: host, pid and when it started (a pid is reused). */
const OWNER = `${hostname()}:${process.pid}:${Date.now().toString(36)}`;

/** Is the process that wrote `owner` known to be gone? Only a process on this machine can be checked. */
export function ownerGone(owner: string, self = OWNER): boolean {
  if (owner === self) return false;
  const [host, pid] = owner.split(":");
  const [selfHost, selfPid] = self.split(":");
  if (host !== selfHost) return false;
  // This pid is this process now: the job's writer was an earlier process with the same pid.
  if (pid === selfPid) return true;
  try {
    process.kill(Number(pid), 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "ESRCH";
  }
}

const held = new Set<number>();
let heartbeat: NodeJS.Timeout | null = null;

function hold(id: number): void {
  held.add(id);
  if (heartbeat) return;
  heartbeat = setInterval(() => {
    if (!held.size) {
      clearInterval(heartbeat!);
      heartbeat = null;
      return;
    }
    void db()
      .updateTable("background_job")
      .set({ heartbeat_at: nowIso() })
      .where("id", "in", [...held])
      .execute()
      .catch((error) => console.error("[jobs] heartbeat failed", error));
  }, HEARTBEAT_MS);
  heartbeat.unref();
}

function letGo(id: number): void {
  held.delete(id);
}

// ---- Claiming the business's one place ----

const msAgo = (ms: number) => new Date(Date.now() - ms).toISOString();

/** Jobs whose process stopped sending heartbeats are failed; old finished jobs and their files go. */
async function tidy(businessId: number): Promise<void> {
  const now = nowIso();
  const unfinished = await db().selectFrom("background_job").where("finished_at", "is", null).select(["id", "owner", "heartbeat_at as heartbeatAt"]).execute();
  const lost = unfinished.filter((job) => job.heartbeatAt < msAgo(STALE_MS) || ownerGone(job.owner)).map((job) => job.id);
  if (lost.length) {
    await db()
      .updateTable("background_job")
      .set({ status: "failed", error: "imports:jobs.lost", finished_at: now, result: null })
      .where("id", "in", lost)
      .where("finished_at", "is", null)
      .execute();
  }
  await db().deleteFrom("background_job").where("finished_at", "<", msAgo(KEEP_FINISHED_MS)).execute();
  await db()
    .deleteFrom("background_job")
    .where("business_id", "=", businessId)
    .where("finished_at", "is not", null)
    .where("id", "not in", (eb) =>
      eb
        .selectFrom("background_job")
        .where("business_id", "=", businessId)
        .where("finished_at", "is not", null)
        .select("id")
        .orderBy("id", "desc")
        .limit(KEEP_FINISHED),
    )
    .execute();
}

export type JobClaim = { ok: true; id: number } | { ok: false; busy: JobView };

/** Writes the job's row if the business has no unfinished one; otherwise names the one it has. */
async function claim(scope: BusinessScope, kind: BackgroundJobKind, params: unknown, status: "queued" | "running"): Promise<JobClaim> {
  await tidy(scope.businessId);
  const now = nowIso();
  const row = await db()
    .insertInto("background_job")
    .values({
      business_id: scope.businessId,
      kind,
      params: JSON.stringify(params),
      status,
      error: null,
      filename: null,
      content_type: null,
      result: null,
      requested_by: scope.user.id,
      created_at: now,
      started_at: status === "running" ? now : null,
      finished_at: null,
      heartbeat_at: now,
      owner: OWNER,
    })
    // The partial unique index (one unfinished job per business) is the only one that can conflict.
    .onConflict((oc) => oc.doNothing())
    .returning("id")
    .executeTakeFirst();
  if (row) {
    hold(row.id);
    return { ok: true, id: row.id };
  }
  const busy = await unfinishedJob(scope);
  // The other job finished in between: try once more.
  if (!busy) return claim(scope, kind, params, status);
  return { ok: false, busy };
}

// ---- Reading ----

export type JobView = {
  id: number;
  kind: BackgroundJobKind;
  params: string;
  status: JobStatus;
  progress: number;
  error: string | null;
  filename: string | null;
  contentType: string | null;
  createdAt: string;
  finishedAt: string | null;
  requestedBy: number;
};

const VIEW_COLUMNS = [
  "id",
  "kind",
  "params",
  "status",
  "progress",
  "error",
  "filename",
  "content_type as contentType",
  "created_at as createdAt",
  "finished_at as finishedAt",
  "heartbeat_at as heartbeatAt",
  "owner",
  "requested_by as requestedBy",
] as const;

type JobRow = Omit<JobView, "status"> & { status: JobStatus; heartbeatAt: string; owner: string };

function view(row: JobRow): JobView {
  const { heartbeatAt, owner, ...rest } = row;
  // A job whose process is gone reads as if its heartbeat had stopped long ago.
  const heartbeat = !row.finishedAt && ownerGone(owner) ? new Date(0).toISOString() : heartbeatAt;
  const status = jobStatus({ status: row.status, finishedAt: row.finishedAt, heartbeatAt: heartbeat }, Date.now(), STALE_MS);
  return { ...rest, status, error: status === "failed" && !rest.error ? "imports:jobs.lost" : rest.error };
}

/** A job of this business; undefined for another business's (the page answers 404). */
export async function jobOf(scope: BusinessScope, id: number): Promise<JobView | undefined> {
  const row = await db().selectFrom("background_job").where("business_id", "=", scope.businessId).where("id", "=", id).select(VIEW_COLUMNS).executeTakeFirst();
  return row && view(row);
}

/** The business's unfinished job, if any. */
export async function unfinishedJob(scope: BusinessScope): Promise<JobView | undefined> {
  const row = await db()
    .selectFrom("background_job")
    .where("business_id", "=", scope.businessId)
    .where("finished_at", "is", null)
    .select(VIEW_COLUMNS)
    .executeTakeFirst();
  return row && view(row);
}

/** The business's export and label jobs, newest first (finished ones are kept a day, five at most). */
export async function recentJobs(scope: BusinessScope): Promise<JobView[]> {
  const rows = await db()
    .selectFrom("background_job")
    .where("business_id", "=", scope.businessId)
    .where("kind", "!=", "import.check")
    .select(VIEW_COLUMNS)
    .orderBy("id", "desc")
    .limit(KEEP_FINISHED + 1)
    .execute();
  return rows.map(view);
}

/** A finished job's file, for download; undefined unless it is this business's and done. */
export async function jobFile(scope: BusinessScope, id: number) {
  const row = await db()
    .selectFrom("background_job")
    .where("business_id", "=", scope.businessId)
    .where("id", "=", id)
    .where("status", "=", "done")
    .where("result", "is not", null)
    .select(["filename", "content_type as contentType", "result", "kind"])
    .executeTakeFirst();
  if (!row?.result || !row.filename || !row.contentType) return undefined;
  return { filename: row.filename, contentType: row.contentType, bytes: row.result, kind: row.kind };
}

// ---- File jobs: exports and label PDFs ----

export type FileTask = { name: "export.register"; input: TaskInput<"export.register"> } | { name: "labels.pdf"; input: TaskInput<"labels.pdf"> };

/**
 * Starts a job that makes a file: its row now, the work on a worker thread of this process (after
 * the jobs already waiting here). Refused while the business has another unfinished job.
 */
export async function startFileJob(scope: BusinessScope, kind: BackgroundJobKind, params: unknown, task: FileTask): Promise<JobClaim> {
  const claimed = await claim(scope, kind, params, "queued");
  if (!claimed.ok) {
    // The same file asked for again while it is being made (a second click): that job, not a refusal.
    if (claimed.busy.kind === kind && claimed.busy.params === JSON.stringify(params)) return { ok: true, id: claimed.busy.id };
    return claimed;
  }
  void runFileJob(claimed.id, task);
  return claimed;
}

/** Resolves when the job has finished (tests). */
export const jobsRunning = new Map<number, Promise<void>>();

function runFileJob(id: number, task: FileTask): Promise<void> {
  let lastWrite = 0;
  let lastPercent = -1;
  const progress = (percent: number) => {
    const now = Date.now();
    const value = Math.max(0, Math.min(99, Math.floor(percent)));
    if (value === lastPercent || now - lastWrite < PROGRESS_EVERY_MS) return;
    lastWrite = now;
    lastPercent = value;
    void db().updateTable("background_job").set({ progress: value, heartbeat_at: nowIso() }).where("id", "=", id).execute().catch(() => {});
  };
  const run = (async () => {
    try {
      const output = (await runInWorker(task.name, task.input as never, {
        timeoutMs: FILE_JOB_TIMEOUT_MS,
        onStart: () =>
          void db().updateTable("background_job").set({ status: "running", started_at: nowIso(), heartbeat_at: nowIso() }).where("id", "=", id).execute().catch(() => {}),
        onProgress: progress,
      })) as MadeFile;
      await db()
        .updateTable("background_job")
        .set({
          status: "done",
          progress: 100,
          result: Buffer.from(output.bytes.buffer, output.bytes.byteOffset, output.bytes.byteLength),
          filename: output.filename,
          content_type: output.contentType,
          finished_at: nowIso(),
          heartbeat_at: nowIso(),
        })
        .where("id", "=", id)
        .execute();
    } catch (error) {
      console.error(`[jobs] job ${id} (${task.name}) failed:`, error instanceof Error ? error.message : error);
      const reason = error instanceof TaskFailed && error.reason === "timeout" ? "imports:jobs.timeout" : "imports:jobs.failed";
      await db()
        .updateTable("background_job")
        .set({ status: "failed", error: reason, finished_at: nowIso(), heartbeat_at: nowIso() })
        .where("id", "=", id)
        .execute()
        .catch((e) => console.error("[jobs] could not record the failure", e));
    } finally {
      letGo(id);
      jobsRunning.delete(id);
    }
  })();
  jobsRunning.set(id, run);
  return run;
}

// ---- Work done while the request waits: import checks ----

/**
 * Runs `work` holding the business's one place (a row of kind import.check that any process can
 * see), and gives the place back after. When the place is taken by the same work (`params` equal:
 * a double-clicked confirm of the same file), waits for it to finish and then runs, so the second
 * request sees what the first did; when it is taken by anything else, answers busy.
 */
export async function withBusinessSlot<T>(
  scope: BusinessScope,
  params: Record<string, unknown>,
  work: () => Promise<T>,
  { waitForSameMs = 120_000 }: { waitForSameMs?: number } = {},
): Promise<{ ok: true; value: T } | { ok: false; busy: JobView }> {
  const deadline = Date.now() + waitForSameMs;
  for (;;) {
    const claimed = await claim(scope, "import.check", params, "running");
    if (claimed.ok) {
      try {
        return { ok: true, value: await work() };
      } finally {
        letGo(claimed.id);
        await db().deleteFrom("background_job").where("id", "=", claimed.id).execute();
      }
    }
    const same = claimed.busy.kind === "import.check" && claimed.busy.params === JSON.stringify(params);
    if (!same || Date.now() > deadline) return claimed;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
