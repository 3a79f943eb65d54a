import { recordAudit } from "~/modules/audit/audit.server";
import { type DostScope } from "~/utils/auth.server";
import { type Queryable, db, nowIso } from "~/utils/db.server";
import { DEFAULT_SLA_WORKING_DAYS } from "./workflow";

const SLA_KEY = "request_sla_working_days";

/** The service-level target in working days for new requests; each request keeps the one it was given. */
export async function getSlaDays(q: Queryable = db()): Promise<number> {
  const row = await q.selectFrom("app_setting").where("key", "=", SLA_KEY).select("value").executeTakeFirst();
  const days = Number(row?.value);
  return Number.isInteger(days) && days > 0 ? days : DEFAULT_SLA_WORKING_DAYS;
}

export async function setSlaDays(scope: DostScope, days: number): Promise<void> {
  await db()
    .transaction()
    .execute(async (tx) => {
      const before = await getSlaDays(tx);
      await tx
        .insertInto("app_setting")
        .values({ key: SLA_KEY, value: String(days), updated_by: scope.user.id, updated_at: nowIso() })
        .onConflict((oc) => oc.column("key").doUpdateSet({ value: String(days), updated_by: scope.user.id, updated_at: nowIso() }))
        .execute();
      await recordAudit(tx, { actorUserId: scope.user.id, businessId: null, entity: "app_setting", entityId: SLA_KEY, action: "update", detail: { from: before, to: days } });
    });
}
