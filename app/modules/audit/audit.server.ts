import { type Queryable, nowIso } from "~/utils/db.server";

export type AuditEntry = {
  actorUserId: number | null;
  businessId: number | null;
  entity: string;
  entityId: string | number;
  action: string;
  detail?: Record<string, unknown>;
};

/** Call inside the command's transaction, so the change and its record land together. */
export async function recordAudit(tx: Queryable, entry: AuditEntry): Promise<void> {
  await tx
    .insertInto("audit_log")
    .values({
      at: nowIso(),
      actor_user_id: entry.actorUserId,
      business_id: entry.businessId,
      entity: entry.entity,
      entity_id: String(entry.entityId),
      action: entry.action,
      detail: entry.detail ? JSON.stringify(entry.detail) : null,
    })
    .execute();
}
