/**
 * Whether one posted checklist item may be written. Two members can have the same section open:
 * each item's form carries the version it was loaded with and a fingerprint of the answer, note and
 * link it showed, so a save writes only what this user changed and never what someone else saved
 * after this page was loaded.
 */

/** What the page showed: version 0 is "no answer yet"; a null fingerprint counts as changed. */
export type LoadedItem = { version: number; fingerprint: string | null };

/** The item as stored now, or null when nobody has answered it. */
export type StoredItem = { version: number; fingerprint: string; updatedBy: number } | null;

/**
 * After a refused save the page shows both answers and asks which to keep: `newer` is the version
 * shown as "theirs", `keep` the user's choice (null when not chosen yet).
 */
export type Resolution = { newer: number; keep: "mine" | "theirs" | null };

export type SaveDecision =
  | { kind: "skip" }
  /** `expected` is the stored version the write must still find (null: insert, nobody has answered). */
  | { kind: "write"; expected: number | null }
  | { kind: "conflict" };

export function decideSave({
  loaded,
  posted,
  fileChange,
  stored,
  userId,
  resolution,
}: {
  loaded: LoadedItem;
  /** Fingerprint of the answer, note and link as posted. */
  posted: string;
  /** A new file, or the stored one removed. */
  fileChange: boolean;
  stored: StoredItem;
  userId: number;
  resolution: Resolution | null;
}): SaveDecision {
  let base = loaded;
  if (resolution) {
    if (resolution.keep === "theirs") return { kind: "skip" };
    if (resolution.keep === null) return { kind: "conflict" };
    // "Keep mine", having seen theirs: written over that version, and no other.
    base = { version: resolution.newer, fingerprint: null };
  }
  if (!fileChange && base.fingerprint === posted) return { kind: "skip" }; // untouched on this page
  if (!stored) return { kind: "write", expected: null };
  if (!fileChange && stored.fingerprint === posted) return { kind: "skip" }; // already so, whoever wrote it
  // Newer by this same user (another tab, or a save-as-you-go still in flight) is not someone else's work.
  if (stored.version === base.version || stored.updatedBy === userId) return { kind: "write", expected: stored.version };
  return { kind: "conflict" };
}
