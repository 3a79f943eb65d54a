import catalogueJson from "@content/catalogue/instrument-types.json";
import { CatalogueFileSchema, type InstrumentType } from "~/modules/content/schemas";

// The shipped catalogue; DOST corrections will be layered over it, the file stays the baseline.
export const catalogue = CatalogueFileSchema.parse(catalogueJson);
const byId = new Map(catalogue.types.map((t) => [t.id, t]));

export function instrumentType(id: string): InstrumentType | undefined {
  return byId.get(id);
}

export const instrumentTypeIds = catalogue.types.map((t) => t.id);

export function typeOptions(language: string) {
  return catalogue.types
    .map((t) => ({ value: t.id, label: language === "en" ? t.name.en : t.name.vi, group: t.group }))
    .sort((a, b) => a.label.localeCompare(b.label, language === "en" ? "en" : "vi"));
}

export function typeName(id: string, language: string): string {
  const type = byId.get(id);
  return type ? (language === "en" ? type.name.en : type.name.vi) : id;
}
