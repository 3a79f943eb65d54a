import { parentPort } from "node:worker_threads";
import { type FromWorker, type ToWorker } from "./tasks";
import { runTask } from "./tasks.server";

// The loop of a job worker thread (started by worker-entry.mjs): one task at a time, its progress
// and its answer posted back; a file's bytes are moved to the main thread, not copied.

const port = parentPort;
if (!port) throw new Error("worker.server.ts runs only in a worker thread (see pool.server.ts)");

const post = (message: FromWorker, transfer: ArrayBuffer[] = []) => port.postMessage(message, transfer);

port.on("message", async ({ id, name, input }: ToWorker) => {
  let lastPercent = -1;
  const progress = (percent: number) => {
    const value = Math.floor(percent);
    if (value === lastPercent) return;
    lastPercent = value;
    post({ id, type: "progress", percent: value });
  };
  try {
    const output = await runTask(name, input as never, progress);
    const bytes = (output as { bytes?: unknown } | null)?.bytes;
    post({ id, type: "done", output }, bytes instanceof Uint8Array ? [bytes.buffer as ArrayBuffer] : []);
  } catch (error) {
    post({ id, type: "failed", message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  }
});
