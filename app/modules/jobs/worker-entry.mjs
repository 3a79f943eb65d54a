// The first file a job worker thread runs (see pool.server.ts). Plain JavaScript, so that Node can
// load it before anything else: it teaches this thread to load the portal's TypeScript with tsx
// (as `npm start` and `npm run dev` do for server.ts, whatever the main thread runs on: tsx, the
// Vite build or Vitest), with the project's path aliases, then starts taking tasks.
import { workerData } from "node:worker_threads";
import { register } from "tsx/esm/api";

register({ tsconfig: workerData.tsconfig });
await import("./worker.server.ts");
