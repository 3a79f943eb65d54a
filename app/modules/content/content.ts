import adminUnitsJson from "@content/admin-units/can-tho-2025.json";
import sectorsJson from "@content/sectors.json";
import { unitLabel } from "~/modules/admin-units/rules";
import { AdminUnitsFileSchema, type LocalizedText, SectorsFileSchema } from "./schemas";

// Parsed once at import: a malformed content file stops the app at start, not mid-request.
export const sectorsFile = SectorsFileSchema.parse(sectorsJson);
export const adminUnitsFile = AdminUnitsFileSchema.parse(adminUnitsJson);

export const sectorIds = sectorsFile.sectors.map((s) => s.id);
export const ownershipTypeIds = sectorsFile.ownershipTypes.map((o) => o.id);
/** The shipped file's ids only: forms and filters check against DOST's list (app/modules/admin-units/units.server.ts). */
export const communeIds = adminUnitsFile.units.map((u) => u.id);
// The shipped units, then whatever the server last read from the list DOST keeps (admin_unit,
// app/modules/admin-units/units.server.ts): an id once known keeps its label, retired or not.
const unitsById = new Map<string, { kind: "ward" | "commune"; name: string }>(adminUnitsFile.units.map((u) => [u.id, u]));

/** Called by the server whenever it reads the database's list, so labels follow renames and additions. */
export function rememberAdminUnits(units: readonly { id: string; kind: "ward" | "commune"; name: string }[]): void {
  for (const u of units) unitsById.set(u.id, { kind: u.kind, name: u.name });
}

export type Locale = "vi" | "en";

export function localize(text: LocalizedText, locale: string): string {
  return locale === "en" ? text.en : text.vi;
}

export function sectorName(id: string, locale: string): string {
  const sector = sectorsFile.sectors.find((s) => s.id === id);
  return sector ? localize(sector.name, locale) : id;
}

export function ownershipName(id: string, locale: string): string {
  const type = sectorsFile.ownershipTypes.find((o) => o.id === id);
  return type ? localize(type.name, locale) : id;
}

/** "Phường Ninh Kiều" / "Ninh Kiều Ward"; a typed name is shown as the business wrote it. */
export function communeLabel(id: string | null, typedName: string | null, locale: string): string {
  if (!id) return typedName ?? "";
  const unit = unitsById.get(id);
  if (!unit) return typedName ?? id;
  return unitLabel(unit, locale);
}
