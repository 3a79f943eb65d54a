import { useTranslation } from "react-i18next";
import { formatDate } from "~/modules/i18n/format";
import { type DueState } from "~/modules/instruments/due-dates";

const TAG: Record<DueState, string> = {
  unknown: "tag--red",
  overdue: "tag--red",
  due30: "tag--amber",
  due60: "tag--amber",
  due90: "tag--grey",
  inDate: "tag--green",
};

export function DueTag({ state, status }: { state: DueState; status: string }) {
  const { t } = useTranslation("instruments");
  if (status !== "in_service") return <span className={`tag ${status === "quarantined" ? "tag--red" : "tag--grey"}`}>{t(`status.${status}`)}</span>;
  return <span className={`tag ${TAG[state]}`}>{t(`due.${state}`)}</span>;
}

type Rule =
  | { kind: "legal"; from: string; months: number; source: string }
  | { kind: "own"; from: string; months: number }
  | { kind: "override"; dueOn: string; reason: string };

/** "12/03/2027 = verified 12/03/2026 + 12 months, legal cycle, Circular 03/2024": which rule made the date. */
export function DueExplanation({ dueOn, rule }: { dueOn: string | null; rule: string | null }) {
  const { t } = useTranslation("instruments");
  if (!dueOn || !rule) return <>{t("rule.none")}</>;
  const parsed = JSON.parse(rule) as Rule;
  if (parsed.kind === "legal") {
    return <>{t("rule.legal", { due: formatDate(dueOn), from: formatDate(parsed.from), months: parsed.months, source: parsed.source })}</>;
  }
  if (parsed.kind === "own") return <>{t("rule.own", { due: formatDate(dueOn), from: formatDate(parsed.from), months: parsed.months })}</>;
  return <>{t("rule.override", { due: formatDate(dueOn), reason: parsed.reason })}</>;
}

/** The due date with its state, as a register row shows it. */
export function DueCell({ dueOn, state, status }: { dueOn: string | null; state: DueState; status: string }) {
  return (
    <span className="due-cell">
      {dueOn ? formatDate(dueOn) : "—"} <DueTag state={state} status={status} />
    </span>
  );
}
