import catalogueJson from "@content/catalogue/instrument-types.json";
import { CatalogueFileSchema, type InstrumentType } from "~/modules/content/schemas";

// The shipped catalogue; DOST corrections will be layered over it, the file stays the baseline.
export const catalogue = CatalogueFileSchema.parse(catalogueJson);
const byId = new Map(catalogue.types.map((t) => [t.id, t]));

export function instrumentType(id: string): InstrumentType | undefined {
  return byId.get(id);
}

export const instrumentTypeIds = catalogue.types.map((t) => t.id);
