import { redirect } from "@remix-run/node";
import { type BackgroundJobKind } from "@db/schema";
import { type FileTask, startFileJob } from "~/modules/jobs/jobs.server";
import { type TaskInput } from "~/modules/jobs/tasks";
import { type BusinessScope } from "~/utils/auth.server";
import { type InstrumentFilter, listInstruments } from "./instruments.server";

// A large export or label PDF is made as a job (see jobs.server.ts): the link answers with the
// job's page, which shows its progress and then a link to the file. Small ones are answered at
// once by their routes (EXPORT_JOB_ROWS, LABEL_JOB_COUNT in jobs.ts).

/** How many instruments an export of this filter holds (the register's own count). */
export async function countForExport(scope: BusinessScope, filter: InstrumentFilter, today: string): Promise<number> {
  return (await listInstruments(scope, { ...filter, page: 1, pageSize: 1 }, today)).total;
}

async function startAndShow(scope: BusinessScope, kind: BackgroundJobKind, params: Record<string, unknown>, task: FileTask): Promise<Response> {
  const started = await startFileJob(scope, kind, params, task);
  if (started.ok) return redirect(`/business/jobs/${started.id}`, 303);
  return redirect(`/business/jobs?busy=${started.busy.id}`, 303);
}

/** Starts the register's export as a job and answers with its page (or the page of the job already running). */
export function startExportJob(scope: BusinessScope, format: "csv" | "xlsx", input: Omit<TaskInput<"export.register">, "scope" | "format">): Promise<Response> {
  const { filter, language } = input;
  // The same export asked for again (a second click) is the same job, not a refusal.
  const params = { format, language, filter: { ...filter, page: 1, pageSize: 0 } };
  return startAndShow(scope, format === "csv" ? "export.csv" : "export.xlsx", params, {
    name: "export.register",
    input: { ...input, scope, format },
  });
}

/** Starts a label PDF as a job and answers with its page. */
export function startLabelsJob(scope: BusinessScope, input: Omit<TaskInput<"labels.pdf">, "scope">): Promise<Response> {
  const { selection, format, outline, skip, language } = input;
  return startAndShow(scope, "labels.pdf", { selection, format, outline, skip, language }, { name: "labels.pdf", input: { ...input, scope } });
}
