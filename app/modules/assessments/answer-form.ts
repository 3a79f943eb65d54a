import { ANSWERS, type Answer } from "./scoring";

// Field names of one checklist item in the section form: "answer:<item key>", "note:<item key>", ...
export const fieldName = (field: "answer" | "note" | "link" | "file" | "removeFile", itemKey: string) => `${field}:${itemKey}`;

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
