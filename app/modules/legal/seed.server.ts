// The shipped catalogue file is the legal content's initial state: copied into the database once,
// when its tables are empty, right after migrations (db/connection.ts migrateToLatest), wherever
// migrations run — the server, `npm run db:migrate`, the scripts, the tests' template database.
import catalogueJson from "@content/catalogue/instrument-types.json";
import { type z } from "zod";
import { CatalogueFileSchema } from "~/modules/content/schemas";
import { vietnamDay } from "~/modules/i18n/format";
import { controlsFromList } from "./rules";
import { type Q, loadCatalogue, recomputeSchedules } from "./store.server";

type CatalogueFile = z.infer<typeof CatalogueFileSchema>;

/** The rows the file stands for: one per type, one per cycle entry. */
export function rowsOfFile(file: CatalogueFile, now: string) {
  const types = file.types.map((type) => ({
    id: type.id,
    name_vi: type.name.vi,
    name_en: type.name.en,
    quantity_vi: type.quantity.vi,
    quantity_en: type.quantity.en,
    unit: type.unit,
    sectors: JSON.stringify(type.sectors),
    recommended_calibration_months: type.recommendedCalibrationMonths,
    list_item: type.listItem ?? null,
    retired_at: type.retiredOn ? `${type.retiredOn}T00:00:00.000Z` : null,
    created_at: now,
    created_by: null,
    updated_at: now,
    updated_by: null,
  }));
  const controls = file.types.flatMap((type) =>
    type.cycles.map((row) => ({
      type_id: type.id,
      effective_from: row.effectiveFrom,
      listed: row.listed ? (1 as const) : (0 as const),
      controls: JSON.stringify(controlsFromList(row.listed ? (row.controls ?? type.controls) : [])),
      cycle_months: row.listed ? row.months : null,
      document: row.document,
      article: row.article,
      item: row.item || (row.listed ? (type.listItem ?? "") : ""),
      basis: row.basis,
      note: row.note,
      created_by: null,
      created_at: now,
      retracted_at: null,
      retracted_by: null,
      retract_reason: null,
    })),
  );
  return { types, controls };
}

const CHUNK = 200;

/**
 * Inserts the file's types and rows when the catalogue tables are empty, then recomputes every
 * instrument's stored schedule once with them (a deployment that had dates from the older,
 * type-only rules gets corrected ones). Does nothing when the tables hold anything: from then on
 * DOST keeps the content in the portal. One transaction.
 */
export async function seedLegalContent(db: Q, today: string = vietnamDay()): Promise<{ seeded: boolean; recomputed: number }> {
  const any = await db.selectFrom("instrument_type").select("id").limit(1).executeTakeFirst();
  if (any) return { seeded: false, recomputed: 0 };
  const file = CatalogueFileSchema.parse(catalogueJson);
  const { types, controls } = rowsOfFile(file, new Date().toISOString());
  return db.transaction().execute(async (tx) => {
    // Another process may have seeded between the check and this transaction.
    if (await tx.selectFrom("instrument_type").select("id").limit(1).executeTakeFirst()) return { seeded: false, recomputed: 0 };
    for (let i = 0; i < types.length; i += CHUNK) await tx.insertInto("instrument_type").values(types.slice(i, i + CHUNK)).execute();
    for (let i = 0; i < controls.length; i += CHUNK) await tx.insertInto("legal_control").values(controls.slice(i, i + CHUNK)).execute();
    const catalogue = await loadCatalogue(tx, today);
    const changes = await recomputeSchedules(tx, catalogue, "all", { write: true });
    return { seeded: true, recomputed: changes.length };
  });
}
