import { type InstrumentStatus } from "@db/schema";
import { type DueFilter, type InstrumentFilter, type SortKey } from "./instruments.server";

// The register list, its exports and its labels read the same query string, so "export what I
// see" always means the same rows. Anything unknown is ignored, never an error: these are links.

export const REGISTER_PAGE_SIZE = 50;

const STATUS_VALUES: readonly InstrumentStatus[] = ["in_service", "out_of_service", "quarantined", "retired"];
const DUE_VALUES: readonly DueFilter[] = ["overdue", "due30", "due60", "due90", "unknown", "inDate"];
const SORT_VALUES: readonly SortKey[] = ["tag", "name", "due", "site", "type"];

const oneOf = <T extends string>(values: readonly T[], value: string | null): T | null =>
  value !== null && (values as readonly string[]).includes(value) ? (value as T) : null;

const positiveInt = (value: string | null, max: number): number | null => {
  if (!value || !/^\d{1,9}$/.test(value.trim())) return null;
  const n = Number(value.trim());
  return n >= 1 && n <= max ? n : null;
};

/**
 * `?q=&site=&type=&status=&due=&sort=&dir=&page=` → the filter of listInstruments. `today` is
 * taken so that callers pass the same Vietnam day to the parser and to the query it feeds; no
 * parameter depends on it yet.
 */
export function parseRegisterFilter(params: URLSearchParams, _today: string): InstrumentFilter {
  const type = params.get("type")?.trim() ?? "";
  return {
    query: (params.get("q") ?? "").trim().slice(0, 100),
    siteId: positiveInt(params.get("site"), 2_147_483_647),
    // Catalogue ids are lower-case words with hyphens; anything else cannot match a type.
    typeId: /^[a-z0-9][a-z0-9-]{0,63}$/.test(type) ? type : null,
    status: oneOf(STATUS_VALUES, params.get("status")),
    due: oneOf(DUE_VALUES, params.get("due")),
    sort: oneOf(SORT_VALUES, params.get("sort")) ?? "tag",
    descending: params.get("dir") === "desc",
    page: positiveInt(params.get("page"), 1_000_000) ?? 1,
    pageSize: REGISTER_PAGE_SIZE,
  };
}

/** The query string of a filter without its page: for export and label links ("?q=…&site=…"). */
export function registerFilterSearch(filter: InstrumentFilter): string {
  const params = new URLSearchParams();
  if (filter.query) params.set("q", filter.query);
  if (filter.siteId) params.set("site", String(filter.siteId));
  if (filter.typeId) params.set("type", filter.typeId);
  if (filter.status) params.set("status", filter.status);
  if (filter.due) params.set("due", filter.due);
  if (filter.sort !== "tag") params.set("sort", filter.sort);
  if (filter.descending) params.set("dir", "desc");
  return params.toString();
}
