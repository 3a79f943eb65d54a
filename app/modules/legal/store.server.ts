// Reading the legal catalogue and recomputing stored schedules, on whatever connection or
// transaction the caller holds. Nothing here imports ~/utils/db.server: the seed step runs on the
// connection that migrations opened (db/connection.ts), before the app's own exists.
import { type Kysely, type Selectable } from "kysely";
import { type Database, type InstrumentPurpose, type InstrumentStatus, type InstrumentTypeTable, type LegalControlTable } from "@db/schema";
import { computeSchedule, type ScheduleEvent, storedSchedule } from "~/modules/instruments/schedule";
import { type Catalogue, type TypeRecord, buildCatalogue } from "./catalogue";
import { type LegalControl, parseControls } from "./rules";

export type Q = Kysely<Database>;

export function typeRecordOf(row: Selectable<InstrumentTypeTable>): TypeRecord {
  return {
    id: row.id,
    name: { vi: row.name_vi, en: row.name_en },
    quantity: { vi: row.quantity_vi, en: row.quantity_en },
    unit: row.unit,
    sectors: JSON.parse(row.sectors) as string[],
    recommendedCalibrationMonths: row.recommended_calibration_months,
    listItem: row.list_item,
    retiredAt: row.retired_at,
  };
}

export function controlOf(row: Selectable<LegalControlTable>): LegalControl {
  return {
    id: row.id,
    typeId: row.type_id,
    effectiveFrom: row.effective_from,
    listed: row.listed === 1,
    controls: parseControls(row.controls),
    cycleMonths: row.cycle_months,
    document: row.document,
    article: row.article,
    item: row.item,
    basis: row.basis,
    note: row.note,
    createdAt: row.created_at,
    createdBy: row.created_by,
    retractedAt: row.retracted_at,
    retractedBy: row.retracted_by,
    retractReason: row.retract_reason,
  };
}

export async function loadCatalogueRows(q: Q): Promise<{ types: TypeRecord[]; rows: LegalControl[] }> {
  const [types, rows] = await Promise.all([
    q.selectFrom("instrument_type").selectAll().orderBy("id").execute(),
    q.selectFrom("legal_control").selectAll().orderBy("type_id").orderBy("effective_from").orderBy("id").execute(),
  ]);
  return { types: types.map(typeRecordOf), rows: rows.map(controlOf) };
}

export async function loadCatalogue(q: Q, today: string): Promise<Catalogue> {
  const { types, rows } = await loadCatalogueRows(q);
  return buildCatalogue(types, rows, today);
}

type StoredColumns = ReturnType<typeof storedSchedule>;

export type ScheduleChange = {
  instrumentId: number;
  businessId: number;
  typeId: string;
  tag: string;
  before: { nextDueOn: string | null; legalDueOn: string | null; status: InstrumentStatus };
  after: StoredColumns;
};

const COMPARED = ["status", "legal_due_on", "own_due_on", "next_due_on", "due_rule", "last_event_on", "last_certificate_no", "last_provider"] as const;

/**
 * Recomputes the schedules of the instruments of some types (or of every instrument) with the
 * given catalogue, in memory, and returns those whose stored columns would change. Two queries
 * whatever the number of instruments; `write` stores the changes on `q` (call it inside the
 * command's transaction).
 */
export async function recomputeSchedules(q: Q, catalogue: Catalogue, scope: { typeIds: readonly string[] } | "all", options: { write: boolean }): Promise<ScheduleChange[]> {
  if (scope !== "all" && !scope.typeIds.length) return [];
  let instrumentQuery = q
    .selectFrom("instrument")
    .select([
      "id",
      "business_id",
      "type_id",
      "tag",
      "purpose",
      "own_interval_months",
      "status",
      "legal_due_on",
      "own_due_on",
      "next_due_on",
      "due_rule",
      "last_event_on",
      "last_certificate_no",
      "last_provider",
    ]);
  let eventQuery = q
    .selectFrom("instrument_event")
    .innerJoin("instrument", "instrument.id", "instrument_event.instrument_id")
    .select([
      "instrument_event.instrument_id as instrumentId",
      "instrument_event.id as id",
      "instrument_event.kind as kind",
      "instrument_event.performed_on as performedOn",
      "instrument_event.result as result",
      "instrument_event.override_due_on as overrideDueOn",
      "instrument_event.notes as notes",
      "instrument_event.supersedes_event_id as supersedesEventId",
      "instrument_event.provider as provider",
      "instrument_event.certificate_no as certificateNo",
    ]);
  if (scope !== "all") {
    instrumentQuery = instrumentQuery.where("type_id", "in", scope.typeIds);
    eventQuery = eventQuery.where("instrument.type_id", "in", scope.typeIds);
  }
  const [instruments, events] = await Promise.all([instrumentQuery.execute(), eventQuery.execute()]);
  const eventsOf = new Map<number, ScheduleEvent[]>();
  for (const { instrumentId, ...event } of events) {
    const list = eventsOf.get(instrumentId);
    if (list) list.push(event);
    else eventsOf.set(instrumentId, [event]);
  }
  const changes: ScheduleChange[] = [];
  for (const instrument of instruments) {
    const schedule = computeSchedule({
      ...catalogue.legalInput(instrument.type_id, instrument.purpose as InstrumentPurpose),
      ownIntervalMonths: instrument.own_interval_months,
      events: eventsOf.get(instrument.id) ?? [],
    });
    const after = storedSchedule(schedule, instrument.status);
    if (COMPARED.every((k) => after[k] === instrument[k])) continue;
    changes.push({
      instrumentId: instrument.id,
      businessId: instrument.business_id,
      typeId: instrument.type_id,
      tag: instrument.tag,
      before: { nextDueOn: instrument.next_due_on, legalDueOn: instrument.legal_due_on, status: instrument.status },
      after,
    });
  }
  if (options.write) {
    for (const change of changes) await q.updateTable("instrument").set(change.after).where("id", "=", change.instrumentId).execute();
  }
  return changes;
}
