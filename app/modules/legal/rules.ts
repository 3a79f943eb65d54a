// Rules of legal metrological control, as pure functions over the catalogue's effective-dated rows.
// Which instrument is "group 2" and which cycle applies are facts of law that change (2013, 2019,
// 2024, a new Law on Metrology expected late 2026): the values are data (the legal_control table),
// the rules below only read them.
import { type InstrumentPurpose, type LegalBasis } from "@db/schema";
import { type Cycle } from "~/modules/instruments/due-dates";
import { parseDay } from "~/utils/dates";

export type { LegalBasis };

export const CONTROL_KEYS = ["typeApproval", "initialVerification", "periodicVerification", "afterRepairVerification"] as const;
export type ControlKey = (typeof CONTROL_KEYS)[number];
export type Controls = Record<ControlKey, boolean>;

export const BASES: readonly LegalBasis[] = ["confirmed", "secondary", "inferred"];

/**
 * The first list of group-2 instruments, Circular 23/2013/TT-BKHCN, took effect on 15/11/2013:
 * no row of the catalogue can say anything about an earlier day.
 */
export const LIST_START = "2013-11-15";

/**
 * The longest cycle on any version of the list is 72 months (1-phase electronic electricity
 * meters). Ten years leaves room for a longer one in a future circular, while a value such as
 * 360 or 1,000 is almost surely a slip (days or a year typed as months) and is refused.
 */
export const MAX_CYCLE_MONTHS = 120;

/**
 * Law on Metrology 04/2011/QH13, Art. 16 (codified 19.4.LQ.16), clause 2: an instrument of a
 * listed type is group 2 when it is used to quantify goods or services in trade or payment, for
 * safety, public health, the environment, or in inspection, judicial assessment and other
 * official duties. Clause 1: research, process control and quality control make it group 1.
 */
export const LEGAL_PURPOSES: readonly InstrumentPurpose[] = ["trade", "safety", "health", "environment", "official"];
export const PURPOSES: readonly InstrumentPurpose[] = ["trade", "safety", "health", "environment", "official", "process", "quality"];

export function isLegalPurpose(purpose: InstrumentPurpose): boolean {
  return LEGAL_PURPOSES.includes(purpose);
}

export type LegalControl = {
  id: number;
  typeId: string;
  effectiveFrom: string;
  listed: boolean;
  controls: Controls;
  /** Null: no periodic verification (or not on the list). */
  cycleMonths: number | null;
  document: string;
  article: string;
  item: string;
  basis: LegalBasis;
  /** Shown to users, e.g. where sources disagree. */
  note: string;
  createdAt: string;
  createdBy: number | null;
  retractedAt: string | null;
  retractedBy: number | null;
  retractReason: string | null;
};

export const NO_CONTROLS: Controls = { typeApproval: false, initialVerification: false, periodicVerification: false, afterRepairVerification: false };

export function parseControls(json: string): Controls {
  const value = JSON.parse(json) as Partial<Controls>;
  return { ...NO_CONTROLS, ...Object.fromEntries(CONTROL_KEYS.map((k) => [k, value[k] === true])) };
}

export function controlsFromList(list: readonly string[]): Controls {
  return Object.fromEntries(CONTROL_KEYS.map((k) => [k, list.includes(k)])) as Controls;
}

export function controlList(controls: Controls): ControlKey[] {
  return CONTROL_KEYS.filter((k) => controls[k]);
}

/** Rows that count: not retracted, in effective order (the earlier id first on a tie, which validation prevents). */
export function activeRows<T extends Pick<LegalControl, "effectiveFrom" | "retractedAt" | "id">>(rows: readonly T[]): T[] {
  return rows.filter((r) => !r.retractedAt).sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom) || a.id - b.id);
}

/** The row in force on a day: the latest non-retracted row effective on or before it; null before the first. */
export function controlInForce<T extends Pick<LegalControl, "effectiveFrom" | "retractedAt" | "id">>(rows: readonly T[], day: string): T | null {
  let found: T | null = null;
  for (const row of activeRows(rows)) if (row.effectiveFrom <= day) found = row;
  return found;
}

/**
 * The periodic-verification cycle in force on a day (a verification is judged by the cycle in
 * force on the day it was done): null when the type was not on the list that day or the list
 * asked for no periodic verification.
 */
export function cycleInForce(rows: readonly LegalControl[], day: string): number | null {
  const row = controlInForce(rows, day);
  return row && row.listed ? row.cycleMonths : null;
}

/** "Thông tư 23/2013/TT-BKHCN · Điều 4 khoản 1 · mục 43": where a row's value comes from. */
export function citation(row: Pick<LegalControl, "document" | "article" | "item">): string {
  return [row.document, row.article, row.item].filter((part) => part.trim()).join(" · ");
}

export type LegalReason =
  /** On the list and used for a legally controlled purpose. */
  | { key: "group2"; item: string | null; purpose: InstrumentPurpose }
  /** On the list, but used for research, process or quality control. */
  | { key: "listedOtherPurpose"; item: string | null; purpose: InstrumentPurpose }
  /** Taken off the list by a row effective on `since`. */
  | { key: "removed"; since: string }
  | { key: "notListed" };

export type LegalStatus = { group: 1 | 2; reason: LegalReason };

/**
 * Group 1 or 2 for an instrument, from the catalogue row in force and the instrument's purpose
 * (Law on Metrology Art. 16): group 2 needs both the type on the list and a legal purpose.
 */
export function legalStatus(rowInForce: Pick<LegalControl, "listed" | "item" | "effectiveFrom"> | null, purpose: InstrumentPurpose, listItem: string | null = null): LegalStatus {
  if (!rowInForce) return { group: 1, reason: { key: "notListed" } };
  if (!rowInForce.listed) return { group: 1, reason: { key: "removed", since: rowInForce.effectiveFrom } };
  // The reason names the item number ("mục 43"); a row's own item text may already start with "mục".
  const item = listItem || rowInForce.item.replace(/^mục\s+/i, "").trim() || null;
  if (isLegalPurpose(purpose)) return { group: 2, reason: { key: "group2", item, purpose } };
  return { group: 1, reason: { key: "listedOtherPurpose", item, purpose } };
}

/**
 * What the schedule needs from the catalogue: the group today, and the cycles to judge each
 * verification by (a row off the list, or with no periodic verification, yields no legal date).
 */
export function scheduleLegalInput(rows: readonly LegalControl[], purpose: InstrumentPurpose, today: string, listItem: string | null = null): { group: 1 | 2; cycles: Cycle[] } {
  const status = legalStatus(controlInForce(rows, today), purpose, listItem);
  if (status.group === 1) return { group: 1, cycles: [] };
  return {
    group: 2,
    cycles: activeRows(rows).map((row) => ({
      months: row.listed ? row.cycleMonths : null,
      effectiveFrom: row.effectiveFrom,
      source: citation(row),
      basis: row.basis,
    })),
  };
}

// ---- Validation of an admin's new row ----

/** A row as an admin enters it: the stored row less what the portal adds (id, who, when, retraction). */
export type ControlRowInput = Pick<LegalControl, "effectiveFrom" | "listed" | "controls" | "cycleMonths" | "document" | "article" | "item" | "basis" | "note">;


/**
 * Checks a new row against the type's rows; returns translation keys per field, empty when it
 * may be saved. Refused: a cycle outside 1..MAX_CYCLE_MONTHS, a date before the first list
 * (LIST_START) or not a real day, a second row in force from the same day as a standing one
 * (two rows could not say which applies), no document, a cycle on a row off the list, and a
 * periodic verification without a cycle (or a cycle without one).
 */
export function validateControlRow(input: ControlRowInput, existing: readonly Pick<LegalControl, "effectiveFrom" | "retractedAt" | "id">[]): Record<string, string> {
  const errors: Record<string, string> = {};
  // The form sends <input type=date>'s ISO day; anything else, or a day that does not exist, is refused.
  if (parseDay(input.effectiveFrom) !== input.effectiveFrom) errors.effectiveFrom = "catalogue:errors.date";
  else if (input.effectiveFrom < LIST_START) errors.effectiveFrom = "catalogue:errors.beforeList";
  else if (activeRows(existing).some((r) => r.effectiveFrom === input.effectiveFrom)) errors.effectiveFrom = "catalogue:errors.sameDay";
  if (!input.document.trim()) errors.document = "catalogue:errors.document";
  if (!BASES.includes(input.basis)) errors.basis = "catalogue:errors.basis";
  if (input.cycleMonths !== null && (!Number.isInteger(input.cycleMonths) || input.cycleMonths < 1 || input.cycleMonths > MAX_CYCLE_MONTHS)) {
    errors.cycleMonths = "catalogue:errors.cycleRange";
  } else if (!input.listed) {
    if (input.cycleMonths !== null || controlList(input.controls).length) errors.cycleMonths = "catalogue:errors.unlistedHasControls";
  } else if (input.controls.periodicVerification && input.cycleMonths === null) {
    errors.cycleMonths = "catalogue:errors.cycleRequired";
  } else if (!input.controls.periodicVerification && input.cycleMonths !== null) {
    errors.cycleMonths = "catalogue:errors.cycleWithoutPeriodic";
  } else if (!controlList(input.controls).length) {
    errors.controls = "catalogue:errors.controls";
  }
  return errors;
}
