import { type LoadedItem, type Resolution } from "./answer-versions";
import { ANSWERS, type Answer } from "./scoring";

export type ItemField = "answer" | "note" | "link" | "file" | "removeFile" | "version" | "loaded" | "newer" | "keep";

// Field names of one checklist item in the section form: "answer:<item key>", "note:<item key>", ...
// "version" and "loaded" (hidden) say what the page showed; "newer" and "keep" come after a conflict.
export const fieldName = (field: ItemField, itemKey: string) => `${field}:${itemKey}`;

export const MAX_NOTE_LENGTH = 2000;

export type ParsedItem = { itemKey: string; answer: Answer | null; note: string; evidenceUrl: string | null; removeFile: boolean };

/** Reads and checks one item's fields; errors are translation keys by field name. */
export function parseItemFields(itemKey: string, read: (name: string) => string | null, errors: Record<string, string>): ParsedItem {
  const rawAnswer = read(fieldName("answer", itemKey)) ?? "";
  const answer = (ANSWERS as readonly string[]).includes(rawAnswer) ? (rawAnswer as Answer) : null;
  if (rawAnswer && !answer) errors[fieldName("answer", itemKey)] = "assessments:errors.answer";
  const note = (read(fieldName("note", itemKey)) ?? "").trim();
  if (note.length > MAX_NOTE_LENGTH) errors[fieldName("note", itemKey)] = "assessments:errors.noteTooLong";
  const link = (read(fieldName("link", itemKey)) ?? "").trim();
  let evidenceUrl: string | null = null;
  if (link) {
    if (isWebLink(link)) evidenceUrl = link;
    else errors[fieldName("link", itemKey)] = "assessments:errors.link";
  }
  return { itemKey, answer, note, evidenceUrl, removeFile: read(fieldName("removeFile", itemKey)) === "on" };
}

const VERSION = /^\d{1,9}$/;

/**
 * The version and fingerprint the item was loaded with, and the user's choice after a conflict.
 * A post without them (not from this page) counts as loaded before any answer and changed, so it can
 * never overwrite an answer someone else saved.
 */
export function readItemState(itemKey: string, read: (name: string) => string | null): { loaded: LoadedItem; resolution: Resolution | null } {
  const version = read(fieldName("version", itemKey)) ?? "";
  const fingerprint = read(fieldName("loaded", itemKey)) ?? "";
  const loaded: LoadedItem = VERSION.test(version) ? { version: Number(version), fingerprint: fingerprint || null } : { version: 0, fingerprint: null };
  const newer = read(fieldName("newer", itemKey)) ?? "";
  if (!VERSION.test(newer)) return { loaded, resolution: null };
  const keep = read(fieldName("keep", itemKey));
  return { loaded, resolution: { newer: Number(newer), keep: keep === "mine" || keep === "theirs" ? keep : null } };
}

/**
 * Evidence links are http(s) addresses or pages of this portal ("/business/schedule", which the
 * register fills in); "javascript:" and the like never reach a page.
 */
export function isWebLink(value: string): boolean {
  if (value.length > 500) return false;
  if (/^\/(?![/\\])[\w\-./?=&%]*$/.test(value)) return true;
  try {
    const url = new URL(value);
    return (url.protocol === "https:" || url.protocol === "http:") && Boolean(url.hostname);
  } catch {
    return false;
  }
}
