import { describe, expect, test } from "vitest";
import { decideSave } from "./answer-versions";

const ME = 1;
const COLLEAGUE = 2;
const stored = (version: number, fingerprint: string, updatedBy = COLLEAGUE) => ({ version, fingerprint, updatedBy });
const base = { fileChange: false, userId: ME, resolution: null };

describe("decideSave", () => {
  test.each([
    ["unchanged on this page: skipped, whatever is stored now", { loaded: { version: 1, fingerprint: "a" }, posted: "a", stored: stored(5, "z") }, { kind: "skip" }],
    ["changed, nobody saved since: written over the loaded version", { loaded: { version: 3, fingerprint: "a" }, posted: "b", stored: stored(3, "a") }, { kind: "write", expected: 3 }],
    ["changed, no answer stored yet: inserted", { loaded: { version: 0, fingerprint: "empty" }, posted: "b", stored: null }, { kind: "write", expected: null }],
    ["changed, a colleague saved since: conflict", { loaded: { version: 3, fingerprint: "a" }, posted: "b", stored: stored(4, "c") }, { kind: "conflict" }],
    ["changed, a colleague answered an empty item since: conflict", { loaded: { version: 0, fingerprint: "empty" }, posted: "b", stored: stored(1, "c") }, { kind: "conflict" }],
    ["changed to what a colleague saved since: nothing to write", { loaded: { version: 3, fingerprint: "a" }, posted: "c", stored: stored(4, "c") }, { kind: "skip" }],
    ["newer by the same user: written", { loaded: { version: 3, fingerprint: "a" }, posted: "b", stored: stored(4, "c", ME) }, { kind: "write", expected: 4 }],
    ["no loaded state posted: counts as changed and stale", { loaded: { version: 0, fingerprint: null }, posted: "b", stored: stored(1, "c") }, { kind: "conflict" }],
  ] as const)("%s", (_, input, expected) => {
    expect(decideSave({ ...base, ...input })).toEqual(expected);
  });

  test("a new file is a change even when the text is the same", () => {
    expect(decideSave({ ...base, fileChange: true, loaded: { version: 2, fingerprint: "a" }, posted: "a", stored: stored(2, "a") })).toEqual({ kind: "write", expected: 2 });
    expect(decideSave({ ...base, fileChange: true, loaded: { version: 2, fingerprint: "a" }, posted: "a", stored: stored(3, "a") })).toEqual({ kind: "conflict" });
  });

  test("after a conflict: keep theirs writes nothing, keep mine writes over the version shown, no choice stays a conflict", () => {
    const shown = { loaded: { version: 3, fingerprint: "a" }, posted: "b", stored: stored(4, "c") };
    expect(decideSave({ ...base, ...shown, resolution: { newer: 4, keep: "theirs" } })).toEqual({ kind: "skip" });
    expect(decideSave({ ...base, ...shown, resolution: { newer: 4, keep: "mine" } })).toEqual({ kind: "write", expected: 4 });
    expect(decideSave({ ...base, ...shown, resolution: { newer: 4, keep: null } })).toEqual({ kind: "conflict" });
    // Someone saved yet again while the user was choosing: shown again, with the newest answer.
    expect(decideSave({ ...base, ...shown, stored: stored(5, "d"), resolution: { newer: 4, keep: "mine" } })).toEqual({ kind: "conflict" });
  });
});
