import { AsyncLocalStorage } from "node:async_hooks";
import { rm, rmSync } from "node:fs";

// Uploaded files wait on disk while the action that read them runs; they go once its response is
// done. server.ts opens a scope per request (limitRequestBodies), and the parser files its temporary
// folder there. The store lives on globalThis because server.ts and the app build each bundle their
// own copy of this module.

type Scope = { dirs: string[] };

const STORE = Symbol.for("measurement-assurance-portal.temp-files");
const globals = globalThis as unknown as Record<symbol, AsyncLocalStorage<Scope> | undefined>;
const storage = (globals[STORE] ??= new AsyncLocalStorage<Scope>());

const remove = (dir: string) => rm(dir, { recursive: true, force: true }, () => {});

/** Runs `next` (the rest of the request) in a scope whose temporary folders go when `res` closes. */
export function scopeTempFiles(res: { once(event: "close", listener: () => void): unknown }, next: () => void): void {
  const scope: Scope = { dirs: [] };
  res.once("close", () => scope.dirs.splice(0).forEach(remove));
  storage.run(scope, next);
}

// Outside a request scope (tests, scripts) nothing says when the request is over: such folders go
// after a while, or when the process exits.
const ORPHAN_LIFETIME_MS = 10 * 60_000;
const orphans = new Set<string>();
let exitHooked = false;

/** Removes `dir` once the current request's response is done. */
export function removeAfterRequest(dir: string): void {
  const scope = storage.getStore();
  if (scope) {
    scope.dirs.push(dir);
    return;
  }
  orphans.add(dir);
  if (!exitHooked) {
    exitHooked = true;
    process.once("exit", () => orphans.forEach((d) => rmSync(d, { recursive: true, force: true })));
  }
  setTimeout(() => {
    orphans.delete(dir);
    remove(dir);
  }, ORPHAN_LIFETIME_MS).unref();
}
