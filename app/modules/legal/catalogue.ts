// The legal catalogue as the pages use it: built from the instrument_type and legal_control rows
// for one day (the group of a type, "on the list today", depends on the day). Pure.
import { type InstrumentPurpose } from "@db/schema";
import { type LocalizedText } from "~/modules/content/schemas";
import { type Cycle } from "~/modules/instruments/due-dates";
import { type LegalControl, type LegalStatus, activeRows, citation, controlInForce, legalStatus, scheduleLegalInput } from "./rules";

export type CatalogueType = {
  id: string;
  name: LocalizedText;
  quantity: LocalizedText;
  unit: string;
  sectors: string[];
  recommendedCalibrationMonths: number | null;
  listItem: string | null;
  retiredAt: string | null;
  /** Every row, retracted ones included, in effective order. */
  rows: LegalControl[];
  /** The rows that count: not retracted, in effective order. */
  active: LegalControl[];
  /** The row in force on the catalogue's day, or null. */
  current: LegalControl | null;
  /** 2 when the type is on the list on the catalogue's day (whatever an instrument's purpose). */
  group: 1 | 2;
  /** The active rows as the schedule reads them (a row off the list, or with no periodic verification, has no months). */
  cycles: Cycle[];
};

/**
 * What an instrument's schedule needs of its type; the shipped file's types fit it too. The
 * instrument is group 2 when the type is listed and its purpose is one the law controls.
 */
export type TypeForSchedule = Pick<CatalogueType, "id" | "name" | "unit" | "group"> & { cycles: readonly Cycle[] };

export type TypeOption = { value: string; label: string; group: number };

export type Catalogue = {
  today: string;
  types: readonly CatalogueType[];
  type(id: string): CatalogueType | undefined;
  typeName(id: string, language: string): string;
  /**
   * Types a new instrument may use, sorted by name; `keep` adds retired types already in use (an
   * instrument's own type, a provider's scope), "all" keeps every type (filters of existing records).
   */
  typeOptions(language: string, keep?: string | readonly string[] | "all" | null): TypeOption[];
  /** Types on the list today. */
  listedTypeIds(): string[];
  /** The group and the cycles for an instrument's schedule. */
  legalInput(typeId: string, purpose: InstrumentPurpose): { group: 1 | 2; cycles: Cycle[] };
  /** Group 1 or 2 with its reason, and the row it rests on. */
  status(typeId: string, purpose: InstrumentPurpose): LegalStatus & { row: LegalControl | null };
};

export type TypeRecord = Omit<CatalogueType, "rows" | "active" | "current" | "group" | "cycles">;

export function buildCatalogue(typeRecords: readonly TypeRecord[], rows: readonly LegalControl[], today: string): Catalogue {
  const rowsByType = new Map<string, LegalControl[]>();
  for (const row of rows) rowsByType.set(row.typeId, [...(rowsByType.get(row.typeId) ?? []), row]);
  const types: CatalogueType[] = typeRecords.map((record) => {
    const own = (rowsByType.get(record.id) ?? []).sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom) || a.id - b.id);
    const current = controlInForce(own, today);
    const active = activeRows(own);
    const cycles = active.map((row) => ({ months: row.listed ? row.cycleMonths : null, effectiveFrom: row.effectiveFrom, source: citation(row), basis: row.basis }));
    return { ...record, rows: own, active, current, group: current?.listed ? 2 : 1, cycles };
  });
  const byId = new Map(types.map((t) => [t.id, t]));
  // Sorted once per language and catalogue: a collator per comparison is slow.
  const sorted = new Map<string, TypeOption[]>();
  const optionsFor = (language: string) => {
    const lng = language === "en" ? "en" : "vi";
    let options = sorted.get(lng);
    if (!options) {
      const collator = new Intl.Collator(lng);
      options = types
        .map((t) => ({ value: t.id, label: lng === "en" ? t.name.en : t.name.vi, group: t.group, retired: Boolean(t.retiredAt) }))
        .sort((a, b) => collator.compare(a.label, b.label))
        .map(({ retired, ...o }) => ({ ...o, retired }));
      sorted.set(lng, options);
    }
    return options as Array<TypeOption & { retired: boolean }>;
  };
  const noRows: LegalControl[] = [];
  return {
    today,
    types,
    type: (id) => byId.get(id),
    typeName: (id, language) => {
      const type = byId.get(id);
      return type ? (language === "en" ? type.name.en : type.name.vi) : id;
    },
    typeOptions: (language, keep = null) => {
      const kept = keep === "all" || keep === null ? null : new Set(typeof keep === "string" ? [keep] : keep);
      return optionsFor(language)
        .filter((o) => !o.retired || keep === "all" || kept?.has(o.value))
        .map(({ value, label, group }) => ({ value, label, group }));
    },
    listedTypeIds: () => types.filter((t) => t.group === 2).map((t) => t.id),
    legalInput: (typeId, purpose) => {
      const type = byId.get(typeId);
      return scheduleLegalInput(type?.rows ?? noRows, purpose, today, type?.listItem ?? null);
    },
    status: (typeId, purpose) => {
      const type = byId.get(typeId);
      const row = type?.current ?? null;
      return { ...legalStatus(row, purpose, type?.listItem ?? null), row };
    },
  };
}
