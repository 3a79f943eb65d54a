import catalogueJson from "@content/catalogue/instrument-types.json";
import { CatalogueFileSchema, type InstrumentType } from "~/modules/content/schemas";

// The shipped catalogue; DOST corrections will be layered over it, the file stays the baseline.
export const catalogue = CatalogueFileSchema.parse(catalogueJson);
const byId = new Map(catalogue.types.map((t) => [t.id, t]));

export function instrumentType(id: string): InstrumentType | undefined {
  return byId.get(id);
}

export const instrumentTypeIds = catalogue.types.map((t) => t.id);

type TypeOption = { value: string; label: string; group: number };

// The catalogue is fixed: sorted once per language (localeCompare with a locale builds a collator
// on every comparison).
const typeOptionsByLanguage = new Map<string, readonly TypeOption[]>();

export function typeOptions(language: string): TypeOption[] {
  const lng = language === "en" ? "en" : "vi";
  let options = typeOptionsByLanguage.get(lng);
  if (!options) {
    const collator = new Intl.Collator(lng);
    options = catalogue.types
      .map((t) => ({ value: t.id, label: lng === "en" ? t.name.en : t.name.vi, group: t.group }))
      .sort((a, b) => collator.compare(a.label, b.label));
    typeOptionsByLanguage.set(lng, options);
  }
  return [...options];
}

export function typeName(id: string, language: string): string {
  const type = byId.get(id);
  return type ? (language === "en" ? type.name.en : type.name.vi) : id;
}
