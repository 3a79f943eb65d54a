import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { type FromWorker, type TaskInput, type TaskName, type TaskOutput, type ToWorker } from "./tasks";

// Heavy work (reading a big import file, writing a big export or label PDF) runs in worker threads,
// so the process's event loop keeps answering pages while it runs. At most MAX_RUNNING tasks run
// at once in a process (each on its own thread); the others wait here in order. A thread is kept
// for a while after its task, since an import is checked three times in a row (upload, preview,
// confirm) and starting a thread costs about a second (loading the app's modules); a thread whose
// task failed, ran too long or ran out of memory is thrown away.

/** Heavy tasks running at once in this process; more wait. PORTAL_JOB_CONCURRENCY overrides. */
export const MAX_RUNNING = Math.max(1, Number(process.env.PORTAL_JOB_CONCURRENCY) || 2);
/** A thread with nothing to do this long is stopped. */
const IDLE_MS = 30_000;
/** A task's heap: a file crafted to balloon in memory stops the thread, not the server. */
const HEAP_MB = 768;
/** The longest a task may run before its thread is stopped. */
export const DEFAULT_TASK_TIMEOUT_MS = 5 * 60_000;

/** The task could not finish: its thread failed, ran out of memory or took too long. */
export class TaskFailed extends Error {
  constructor(
    message: string,
    readonly reason: "failed" | "timeout" | "memory",
  ) {
    super(message);
    this.name = "TaskFailed";
  }
}

/**
 * The worker's first file, found from this module's place whether it runs from the sources
 * (tsx, Vitest, Vite's dev server) or from the Vite build (build/server/index.js): both sit under
 * the project root, which holds the sources (`npm start` runs server.ts from them too).
 */
export function locateWorkerEntry(moduleUrl: string = import.meta.url): { entry: string; tsconfig: string } {
  let dir = dirname(fileURLToPath(moduleUrl));
  for (let i = 0; i < 8; i++) {
    const entry = join(dir, "app/modules/jobs/worker-entry.mjs");
    if (existsSync(entry)) return { entry, tsconfig: join(dir, "tsconfig.json") };
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  throw new Error(`The job worker (app/modules/jobs/worker-entry.mjs) was not found above ${fileURLToPath(moduleUrl)}`);
}

type Running = {
  id: number;
  onProgress: (percent: number) => void;
  resolve: (output: unknown) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
};

type Thread = { worker: Worker; task: Running | null; idleTimer: NodeJS.Timeout | null; gone: boolean };

let nextTaskId = 1;
let running = 0;
const waiting: Array<() => void> = [];
const idle: Thread[] = [];
const threads = new Set<Thread>();

function spawn(): Thread {
  const { entry, tsconfig } = locateWorkerEntry();
  const worker = new Worker(entry, {
    workerData: { tsconfig },
    // The entry registers tsx itself; the main thread's flags (tsx's own, Vitest's) stay out.
    execArgv: [],
    resourceLimits: { maxOldGenerationSizeMb: HEAP_MB },
  });
  const thread: Thread = { worker, task: null, idleTimer: null, gone: false };
  threads.add(thread);
  const fail = (error: TaskFailed) => {
    const task = thread.task;
    thread.task = null;
    if (task) {
      clearTimeout(task.timer);
      task.reject(error);
    }
  };
  worker.on("message", (message: FromWorker) => {
    const task = thread.task;
    if (!task || message.id !== task.id) return;
    if (message.type === "progress") return task.onProgress(message.percent);
    clearTimeout(task.timer);
    thread.task = null;
    if (message.type === "done") task.resolve(message.output);
    else task.reject(new TaskFailed(message.message, "failed"));
  });
  worker.on("error", (error: Error & { code?: string }) => {
    const memory = error.code === "ERR_WORKER_OUT_OF_MEMORY";
    fail(new TaskFailed(error.message, memory ? "memory" : "failed"));
  });
  worker.on("exit", () => {
    thread.gone = true;
    threads.delete(thread);
    const at = idle.indexOf(thread);
    if (at >= 0) idle.splice(at, 1);
    if (thread.idleTimer) clearTimeout(thread.idleTimer);
    fail(new TaskFailed("the worker thread stopped", "failed"));
  });
  return thread;
}

function takeThread(): Thread {
  for (;;) {
    const thread = idle.pop();
    if (!thread) return spawn();
    if (thread.gone) continue;
    if (thread.idleTimer) clearTimeout(thread.idleTimer);
    thread.idleTimer = null;
    return thread;
  }
}

function giveBack(thread: Thread, healthy: boolean): void {
  if (!healthy || thread.gone) {
    void thread.worker.terminate();
    return;
  }
  thread.idleTimer = setTimeout(() => {
    const at = idle.indexOf(thread);
    if (at >= 0) idle.splice(at, 1);
    void thread.worker.terminate();
  }, IDLE_MS);
  thread.idleTimer.unref();
  // An idle thread must not keep a script (or a test run) alive.
  thread.worker.unref();
  idle.push(thread);
}

async function acquire(): Promise<void> {
  if (running < MAX_RUNNING) {
    running += 1;
    return;
  }
  await new Promise<void>((resolve) => waiting.push(resolve));
}

function release(): void {
  const next = waiting.shift();
  if (next) next();
  else running -= 1;
}

/**
 * Runs a task on a worker thread once a place is free in this process; `onQueued` is told when it
 * has to wait. Rejects with TaskFailed when the thread fails, runs out of memory or takes too long.
 */
export async function runInWorker<N extends TaskName>(
  name: N,
  input: TaskInput<N>,
  options: { onProgress?: (percent: number) => void; onStart?: () => void; timeoutMs?: number } = {},
): Promise<TaskOutput<N>> {
  await acquire();
  let thread: Thread | null = null;
  let healthy = false;
  try {
    options.onStart?.();
    thread = takeThread();
    thread.worker.ref();
    const current = thread;
    const output = await new Promise<unknown>((resolve, reject) => {
      const id = nextTaskId++;
      const timer = setTimeout(() => {
        current.task = null;
        reject(new TaskFailed(`${name} took longer than ${options.timeoutMs ?? DEFAULT_TASK_TIMEOUT_MS} ms`, "timeout"));
      }, options.timeoutMs ?? DEFAULT_TASK_TIMEOUT_MS);
      current.task = { id, onProgress: options.onProgress ?? (() => {}), resolve, reject, timer };
      current.worker.postMessage({ id, name, input } satisfies ToWorker);
    });
    healthy = true;
    return output as TaskOutput<N>;
  } finally {
    if (thread) giveBack(thread, healthy);
    release();
  }
}

/** For tests and the log: tasks running and waiting in this process, and live threads. */
export function poolState() {
  return { running, waiting: waiting.length, threads: threads.size, idle: idle.length, max: MAX_RUNNING };
}

/** Stops every thread (tests; a server stopping). */
export async function stopAllWorkers(): Promise<void> {
  await Promise.all([...threads].map((t) => t.worker.terminate()));
}
