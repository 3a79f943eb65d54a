import { sql } from "kysely";
import { vietnamDay } from "~/modules/i18n/format";
import { type Queryable, db } from "~/utils/db.server";
import { type Catalogue } from "./catalogue";
import { loadCatalogue } from "./store.server";

export type { Catalogue, CatalogueType, TypeOption } from "./catalogue";

// The catalogue is read on most pages and changes a few times a year: it is kept in memory and
// checked with one query over its own small tables (about a hundred rows), so writes elsewhere do
// not throw it away, and a change made by another worker or script is seen on the next request.
let kept: { stamp: string; catalogue: Promise<Catalogue> } | null = null;

async function stampOf(q: Queryable): Promise<string> {
  const { rows } = await sql<{ stamp: string }>`select
      (select count(*) || '|' || coalesce(max(id), 0) || '|' || coalesce(max(retracted_at), '') from legal_control) || '|' ||
      (select count(*) || '|' || coalesce(max(updated_at), '') from instrument_type) as stamp`.execute(q);
  return rows[0]?.stamp ?? "";
}

/**
 * The legal catalogue for `today` (Vietnamese date). Inside a transaction it is read afresh on
 * that transaction and not kept: the transaction may change it and then roll back, and a query on
 * the shared connection would wait for the transaction to end.
 */
export async function legalCatalogue(q: Queryable = db(), today: string = vietnamDay()): Promise<Catalogue> {
  if (q.isTransaction) return loadCatalogue(q, today);
  const stamp = `${await stampOf(q)}|${today}`;
  if (kept?.stamp === stamp) return kept.catalogue;
  const catalogue = loadCatalogue(q, today);
  kept = { stamp, catalogue };
  catalogue.catch(() => {
    if (kept?.catalogue === catalogue) kept = null;
  });
  return catalogue;
}
