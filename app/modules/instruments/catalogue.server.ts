// The instrument-type catalogue now lives in the database, kept by DOST (app/modules/legal).
export { legalCatalogue } from "~/modules/legal/catalogue.server";
export type { Catalogue, CatalogueType, TypeOption } from "~/modules/legal/catalogue.server";
