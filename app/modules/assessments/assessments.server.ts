import { createHash } from "node:crypto";
import { type AssessmentStatus } from "@db/schema";
import { type BusinessScope } from "~/utils/auth.server";
import { type Queryable, db, nowIso } from "~/utils/db.server";
import { verifyPassword } from "~/utils/password.server";
import { type CheckedUpload, storeFile } from "~/utils/uploads.server";
import { recordAudit } from "~/modules/audit/audit.server";
import { vietnamDay } from "~/modules/i18n/format";
import { type ChecklistFile, type ChecklistSection } from "~/modules/content/schemas";
import { type LoadedItem, type Resolution, decideSave } from "./answer-versions";
import { CURRENT_CHECKLIST_VERSION, applicableSections, checklistFor } from "./checklist.server";
import { REGISTER_EVIDENCE, registerAnswer } from "./live-data";
import { registerFacts } from "./live-data.server";
import { type Answer, maturityLevel, scoreOverall, scoreSection, type ScoredItem } from "./scoring";

export type AssessmentRow = {
  id: number;
  businessId: number;
  checklistVersion: string;
  sectors: string[];
  status: AssessmentStatus;
  startedAt: string;
  updatedAt: string;
  updatedByName: string;
  submittedAt: string | null;
  score: number | null;
  maturityLevel: string | null;
};

/** Undefined for another business's assessment: the route answers 404. */
export async function getAssessment(scope: BusinessScope, assessmentId: number, q: Queryable = db()): Promise<AssessmentRow | undefined> {
  const row = await q
    .selectFrom("assessment")
    .innerJoin("user", "user.id", "assessment.updated_by")
    .where("assessment.business_id", "=", scope.businessId)
    .where("assessment.id", "=", assessmentId)
    .select([
      "assessment.id as id",
      "assessment.business_id as businessId",
      "assessment.checklist_version as checklistVersion",
      "assessment.sectors as sectors",
      "assessment.status as status",
      "assessment.started_at as startedAt",
      "assessment.updated_at as updatedAt",
      "user.full_name as updatedByName",
      "assessment.submitted_at as submittedAt",
      "assessment.score as score",
      "assessment.maturity_level as maturityLevel",
    ])
    .executeTakeFirst();
  return row && { ...row, sectors: JSON.parse(row.sectors) as string[] };
}

export function listAssessments(scope: BusinessScope) {
  return db()
    .selectFrom("assessment")
    .where("business_id", "=", scope.businessId)
    .select([
      "id",
      "status",
      "started_at as startedAt",
      "updated_at as updatedAt",
      "submitted_at as submittedAt",
      "score",
      "maturity_level as maturityLevel",
      "checklist_version as checklistVersion",
    ])
    .orderBy("started_at", "desc")
    .orderBy("id", "desc")
    .execute();
}

export type StartResult = { id: number; resumed: boolean };

/** One draft at a time: starting again while a draft is open takes you back to it. */
export async function startAssessment(scope: BusinessScope): Promise<StartResult> {
  return db()
    .transaction()
    .execute(async (tx) => {
      const draft = await tx
        .selectFrom("assessment")
        .where("business_id", "=", scope.businessId)
        .where("status", "=", "draft")
        .select("id")
        .executeTakeFirst();
      if (draft) return { id: draft.id, resumed: true };
      const sectors = await tx.selectFrom("business_sector").where("business_id", "=", scope.businessId).select("sector").execute();
      const now = nowIso();
      const created = await tx
        .insertInto("assessment")
        .values({
          business_id: scope.businessId,
          checklist_version: CURRENT_CHECKLIST_VERSION,
          sectors: JSON.stringify(sectors.map((s) => s.sector).sort()),
          status: "draft",
          started_by: scope.user.id,
          started_at: now,
          updated_by: scope.user.id,
          updated_at: now,
          submitted_by: null,
          submitted_at: null,
          score: null,
          maturity_level: null,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      // Items the instrument register can answer start answered from it, with the register as evidence.
      const facts = await registerFacts(scope, vietnamDay(), tx);
      const liveItems = applicableSections(checklistFor(CURRENT_CHECKLIST_VERSION), sectors.map((s) => s.sector))
        .flatMap((section) => section.items)
        .filter((item) => item.registerCheck);
      if (liveItems.length) {
        await tx
          .insertInto("assessment_answer")
          .values(
            liveItems.map((item) => ({
              assessment_id: created.id,
              item_key: item.key,
              answer: registerAnswer(item.registerCheck!, facts),
              note: "",
              evidence_url: REGISTER_EVIDENCE[item.registerCheck!],
              evidence_file_id: null,
              updated_by: scope.user.id,
              updated_at: now,
            })),
          )
          .execute();
      }
      await recordAudit(tx, {
        actorUserId: scope.user.id,
        businessId: scope.businessId,
        entity: "assessment",
        entityId: created.id,
        action: "start",
        detail: { checklistVersion: CURRENT_CHECKLIST_VERSION, fromRegister: liveItems.map((i) => i.key) },
      });
      return { id: created.id, resumed: false };
    });
}

export type StoredAnswer = {
  itemKey: string;
  answer: Answer | null;
  note: string;
  evidenceUrl: string | null;
  evidenceFileId: number | null;
  evidenceFileName: string | null;
  evidenceSha256: string | null;
  updatedAt: string;
  updatedBy: number;
  updatedByName: string;
  version: number;
};

/**
 * What a page showed of an answer, as a short digest: posted back with the form, it tells whether
 * the user changed the item (the evidence file is not part of it: a new file or its removal is
 * posted as such).
 */
export function answerFingerprint(answer: { answer: Answer | null; note: string; evidenceUrl: string | null } | undefined): string {
  const text = JSON.stringify([answer?.answer ?? "", answer?.note ?? "", answer?.evidenceUrl ?? ""]);
  return createHash("sha256").update(text).digest("hex").slice(0, 32);
}

export async function answersOf(assessmentId: number, q: Queryable = db()): Promise<Map<string, StoredAnswer>> {
  const rows = await q
    .selectFrom("assessment_answer")
    .innerJoin("user", "user.id", "assessment_answer.updated_by")
    .leftJoin("stored_file", "stored_file.id", "assessment_answer.evidence_file_id")
    .where("assessment_answer.assessment_id", "=", assessmentId)
    .select([
      "assessment_answer.item_key as itemKey",
      "assessment_answer.answer as answer",
      "assessment_answer.note as note",
      "assessment_answer.evidence_url as evidenceUrl",
      "assessment_answer.evidence_file_id as evidenceFileId",
      "stored_file.filename as evidenceFileName",
      "stored_file.sha256 as evidenceSha256",
      "assessment_answer.updated_at as updatedAt",
      "assessment_answer.updated_by as updatedBy",
      "user.full_name as updatedByName",
      "assessment_answer.version as version",
    ])
    .execute();
  return new Map(rows.map((r) => [r.itemKey, r]));
}

/** The checklist as this assessment sees it: its pinned version, filtered to its sectors. */
export function sectionsOf(assessment: Pick<AssessmentRow, "checklistVersion" | "sectors">): {
  checklist: ChecklistFile;
  sections: ChecklistSection[];
} {
  const checklist = checklistFor(assessment.checklistVersion);
  return { checklist, sections: applicableSections(checklist, assessment.sectors) };
}

export function scoredItems(sections: readonly ChecklistSection[], answers: ReadonlyMap<string, { answer: Answer | null }>): ScoredItem[] {
  return sections.flatMap((section) =>
    section.items.map((item) => ({
      key: item.key,
      sectionKey: section.key,
      weight: item.weight,
      answer: answers.get(item.key)?.answer ?? null,
    })),
  );
}

export function sectionProgress(sections: readonly ChecklistSection[], answers: ReadonlyMap<string, { answer: Answer | null }>) {
  const items = scoredItems(sections, answers);
  return sections.map((section) => scoreSection(section.key, items));
}

export type AnswerInput = {
  itemKey: string;
  answer: Answer | null;
  note: string;
  evidenceUrl: string | null;
  upload: CheckedUpload | null;
  removeFile: boolean;
  /**
   * What the user's page showed, and the choice made after a conflict. Without it (the demo seed,
   * scripts) the input is written as is; the section form always sends it.
   */
  loaded?: LoadedItem;
  resolution?: Resolution | null;
};

/** An item not written because someone else saved it after the user's page was loaded: theirs, to show. */
export type AnswerConflict = {
  itemKey: string;
  version: number;
  fingerprint: string;
  answer: Answer | null;
  note: string;
  evidenceUrl: string | null;
  evidenceFileName: string | null;
  updatedAt: string;
  updatedByName: string;
  /** The file the user chose for this item was not kept: the browser cannot send it again by itself. */
  fileDropped: boolean;
};

export type SaveResult = "saved" | "notFound" | "submitted" | { conflicts: AnswerConflict[] };

/**
 * Saves answers of one section (or one item, when saved as the user goes). Only items of this
 * assessment's checklist that apply to it are accepted; a submitted assessment is read-only. Only
 * items the user changed are written, and an item someone else saved after the user's page was
 * loaded is not: it comes back as a conflict, while the other items are saved.
 */
export async function saveAnswers(
  scope: BusinessScope,
  assessmentId: number,
  sectionKey: string,
  inputs: readonly AnswerInput[],
): Promise<SaveResult> {
  return db()
    .transaction()
    .execute(async (tx): Promise<SaveResult> => {
      const assessment = await getAssessment(scope, assessmentId, tx);
      if (!assessment) return "notFound";
      if (assessment.status !== "draft") return "submitted";
      const section = sectionsOf(assessment).sections.find((s) => s.key === sectionKey);
      if (!section) return "notFound";
      const allowed = new Set(section.items.map((i) => i.key));
      const existing = await answersOf(assessmentId, tx);
      const now = nowIso();
      const changed: string[] = [];
      const conflicted: AnswerInput[] = [];
      for (const input of inputs) {
        if (!allowed.has(input.itemKey)) continue;
        const before = existing.get(input.itemKey);
        const posted = answerFingerprint(input);
        let expected: number | null | "any" = "any";
        if (input.loaded) {
          const decision = decideSave({
            loaded: input.loaded,
            posted,
            fileChange: Boolean(input.upload) || (input.removeFile && before?.evidenceFileId != null),
            stored: before ? { version: before.version, fingerprint: answerFingerprint(before), updatedBy: before.updatedBy } : null,
            userId: scope.user.id,
            resolution: input.resolution ?? null,
          });
          if (decision.kind === "skip") continue;
          if (decision.kind === "conflict") {
            conflicted.push(input);
            continue;
          }
          expected = decision.expected;
        }
        let fileId = input.removeFile ? null : (before?.evidenceFileId ?? null);
        if (input.upload) fileId = await storeFile(tx, scope, input.upload);
        const same =
          before &&
          before.answer === input.answer &&
          before.note === input.note &&
          before.evidenceUrl === input.evidenceUrl &&
          before.evidenceFileId === fileId;
        if (same || (!before && input.answer === null && !input.note && !input.evidenceUrl && fileId === null)) continue;
        const values = {
          answer: input.answer,
          note: input.note,
          evidence_url: input.evidenceUrl,
          evidence_file_id: fileId,
          updated_by: scope.user.id,
          updated_at: now,
        };
        const written = await writeAnswer(tx, assessmentId, input.itemKey, values, expected);
        if (!written) {
          // Saved by someone else between our read and this write: theirs stays, and so does no file of ours.
          if (input.upload && fileId !== null) await tx.deleteFrom("stored_file").where("id", "=", fileId).execute();
          conflicted.push(input);
          continue;
        }
        changed.push(input.itemKey);
      }
      if (changed.length) {
        await tx.updateTable("assessment").set({ updated_by: scope.user.id, updated_at: now }).where("id", "=", assessmentId).execute();
        await recordAudit(tx, {
          actorUserId: scope.user.id,
          businessId: scope.businessId,
          entity: "assessment",
          entityId: assessmentId,
          action: "answer",
          detail: { section: sectionKey, items: changed },
        });
      }
      if (!conflicted.length) return "saved";
      const current = await answersOf(assessmentId, tx);
      return {
        conflicts: conflicted.map((input) => {
          const theirs = current.get(input.itemKey);
          return {
            itemKey: input.itemKey,
            version: theirs?.version ?? 0,
            fingerprint: answerFingerprint(theirs),
            answer: theirs?.answer ?? null,
            note: theirs?.note ?? "",
            evidenceUrl: theirs?.evidenceUrl ?? null,
            evidenceFileName: theirs?.evidenceFileName ?? null,
            updatedAt: theirs?.updatedAt ?? now,
            updatedByName: theirs?.updatedByName ?? "",
            fileDropped: Boolean(input.upload),
          };
        }),
      };
    });
}

type AnswerValues = {
  answer: Answer | null;
  note: string;
  evidence_url: string | null;
  evidence_file_id: number | null;
  updated_by: number;
  updated_at: string;
};

/**
 * One answer, written only if the stored version is still `expected` (null: still unanswered), the
 * compare inside the write itself so two saves at once cannot both pass it; "any" writes whatever
 * is stored (callers without a loaded version). False when nothing was written.
 */
export async function writeAnswer(q: Queryable, assessmentId: number, itemKey: string, values: AnswerValues, expected: number | null | "any"): Promise<boolean> {
  if (expected === "any") {
    await q
      .insertInto("assessment_answer")
      .values({ assessment_id: assessmentId, item_key: itemKey, ...values })
      .onConflict((oc) => oc.columns(["assessment_id", "item_key"]).doUpdateSet((eb) => ({ ...values, version: eb("assessment_answer.version", "+", 1) })))
      .execute();
    return true;
  }
  if (expected === null) {
    const inserted = await q
      .insertInto("assessment_answer")
      .values({ assessment_id: assessmentId, item_key: itemKey, ...values })
      .onConflict((oc) => oc.columns(["assessment_id", "item_key"]).doNothing())
      .executeTakeFirst();
    return Number(inserted.numInsertedOrUpdatedRows ?? 0) === 1;
  }
  const updated = await q
    .updateTable("assessment_answer")
    .set((eb) => ({ ...values, version: eb("version", "+", 1) }))
    .where("assessment_id", "=", assessmentId)
    .where("item_key", "=", itemKey)
    .where("version", "=", expected)
    .executeTakeFirst();
  return Number(updated.numUpdatedRows) === 1;
}

export type SubmitResult = { ok: true } | { ok: false; reason: "notFound" | "submitted" | "password" | "unanswered"; unanswered?: number };

/** Needs the user's password again: a submission is a statement to DOST and cannot be taken back. */
export async function submitAssessment(scope: BusinessScope, assessmentId: number, password: string): Promise<SubmitResult> {
  const user = await db().selectFrom("user").where("id", "=", scope.user.id).select("password_hash").executeTakeFirstOrThrow();
  const passwordOk = await verifyPassword(password, user.password_hash);
  return db()
    .transaction()
    .execute(async (tx): Promise<SubmitResult> => {
      const assessment = await getAssessment(scope, assessmentId, tx);
      if (!assessment) return { ok: false, reason: "notFound" };
      if (assessment.status !== "draft") return { ok: false, reason: "submitted" };
      if (!passwordOk) return { ok: false, reason: "password" };
      const { checklist, sections } = sectionsOf(assessment);
      const items = scoredItems(sections, await answersOf(assessmentId, tx));
      const unanswered = items.filter((i) => i.answer === null).length;
      if (unanswered) return { ok: false, reason: "unanswered", unanswered };
      const score = scoreOverall(items);
      const level = maturityLevel(checklist.maturityLevels, score);
      const now = nowIso();
      await tx
        .updateTable("assessment")
        .set({ status: "submitted", submitted_at: now, submitted_by: scope.user.id, score, maturity_level: level?.key ?? null })
        .where("id", "=", assessmentId)
        .execute();
      await recordAudit(tx, {
        actorUserId: scope.user.id,
        businessId: scope.businessId,
        entity: "assessment",
        entityId: assessmentId,
        action: "submit",
        detail: { score, maturityLevel: level?.key ?? null },
      });
      return { ok: true };
    });
}

/** The submitted assessment just before this one, to show what moved. */
export function previousSubmitted(scope: BusinessScope, before: AssessmentRow) {
  return db()
    .selectFrom("assessment")
    .where("business_id", "=", scope.businessId)
    .where("status", "=", "submitted")
    .where("id", "!=", before.id)
    .where("started_at", "<", before.startedAt)
    .select(["id", "checklist_version as checklistVersion", "sectors", "submitted_at as submittedAt", "score"])
    .orderBy("started_at", "desc")
    .limit(1)
    .executeTakeFirst();
}
