// Rules of the background jobs, without the database: when a file is made as a job rather than at
// once, and what state a job row is in.

/**
 * Exports of more rows than this are made as a job (a page with progress and a link when ready);
 * smaller ones are answered at once. 2,000 rows as .xlsx take about a quarter of a second here;
 * 50,000 took 3.5 s on the request's thread before.
 */
export const EXPORT_JOB_ROWS = 2_000;
/**
 * Label PDFs of more labels than this are made as a job: each label is a QR code drawn as vectors,
 * about 3 ms apiece here, so 100 labels (five A4 sheets) take about a third of a second; 1,000
 * took 3 s on the request's thread before.
 */
export const LABEL_JOB_COUNT = 100;

export type JobStatus = "queued" | "running" | "done" | "failed";

/**
 * The state a job row is in: as written, except that an unfinished job whose process stopped
 * renewing its heartbeat has failed (the process stopped or crashed; nobody will finish it).
 */
export function jobStatus(row: { status: JobStatus; finishedAt: string | null; heartbeatAt: string }, now: number, staleMs: number): JobStatus {
  if (row.finishedAt) return row.status === "done" ? "done" : "failed";
  if (Date.parse(row.heartbeatAt) < now - staleMs) return "failed";
  return row.status === "running" ? "running" : "queued";
}

/** A finished job is over, either way; the page stops refreshing. */
export function jobFinished(status: JobStatus): boolean {
  return status === "done" || status === "failed";
}
