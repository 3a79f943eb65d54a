import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { describe, expect, test } from "vitest";
import { type JobStatus, jobFinished, jobStatus } from "./jobs";
import { ownerGone } from "./jobs.server";
import { locateWorkerEntry } from "./pool.server";

const ROOT = fileURLToPath(new URL("../../..", import.meta.url));
// A process that has exited: its pid is free (until the system reuses it, which takes a while).
const deadPid = spawnSync(process.execPath, ["-e", "process.exit(0)"]).pid!;

describe("jobStatus", () => {
  const now = Date.parse("2026-12-04T10:00:00Z");
  const ago = (seconds: number) => new Date(now - seconds * 1000).toISOString();
  test.each<[string, JobStatus, string | null, string, JobStatus]>([
    ["queued, heartbeat fresh", "queued", null, ago(5), "queued"],
    ["running, heartbeat fresh", "running", null, ago(59), "running"],
    ["running, its process gone a while", "running", null, ago(61), "failed"],
    ["queued, its process gone a while", "queued", null, ago(600), "failed"],
    ["done long ago", "done", ago(3_600), ago(3_600), "done"],
    ["failed", "failed", ago(10), ago(10), "failed"],
  ])("%s", (_name, status, finishedAt, heartbeatAt, expected) => {
    expect(jobStatus({ status, finishedAt, heartbeatAt }, now, 60_000)).toBe(expected);
  });

  test("only done and failed are finished", () => {
    expect((["queued", "running", "done", "failed"] as const).map(jobFinished)).toEqual([false, false, true, true]);
  });
});

describe("ownerGone", () => {
  const host = hostname();
  const self = `${host}:${process.pid}:abc`;
  test.each([
    ["this process", self, false],
    ["a process on another machine (cannot be checked; its heartbeat will tell)", `other-host:1:abc`, false],
    ["a live process here (the test runner's parent)", `${host}:${process.ppid}:x`, false],
    ["an earlier process with this process's pid (a restart)", `${host}:${process.pid}:older`, true],
    ["a process here that has exited", `${host}:${deadPid}:x`, true],
  ])("%s", (_name, owner, gone) => {
    expect(ownerGone(owner, self)).toBe(gone);
  });
});

describe("the worker's first file", () => {
  test("is found from the sources and from the Vite build's place (build/server/index.js)", () => {
    const fromSources = locateWorkerEntry(pathToFileURL(join(ROOT, "app/modules/jobs/pool.server.ts")).href);
    const fromBuild = locateWorkerEntry(pathToFileURL(join(ROOT, "build/server/index.js")).href);
    expect(fromSources).toEqual({ entry: join(ROOT, "app/modules/jobs/worker-entry.mjs"), tsconfig: join(ROOT, "tsconfig.json") });
    expect(fromBuild).toEqual(fromSources);
    expect(existsSync(fromSources.entry) && existsSync(fromSources.tsconfig)).toBe(true);
  });
});
