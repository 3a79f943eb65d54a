import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { type LegalReason } from "~/modules/legal/rules";
import { formatDate } from "~/modules/i18n/format";

type ControlRow = {
  listed: boolean;
  cycleMonths: number | null;
  document: string;
  article: string;
  item: string;
  effectiveFrom: string;
  basis: "confirmed" | "secondary" | "inferred";
  note: string;
};

/** "Group 2: on the list, item 43, used for trade" — why an instrument is or is not under legal control. */
export function useLegalReason() {
  const { t } = useTranslation("catalogue");
  return (reason: LegalReason) => {
    switch (reason.key) {
      case "group2":
      case "listedOtherPurpose": {
        const use = t(`use.${reason.purpose}`);
        return reason.item ? t(`status.${reason.key}`, { item: reason.item, use }) : t(`status.${reason.key}NoItem`, { use });
      }
      case "removed":
        return t("status.removed", { date: formatDate(reason.since) });
      default:
        return t("status.notListed");
    }
  };
}

/** The instrument page's account of its legal control: the reason, the row it rests on, the note, the legal basis. */
export function LegalStatusPanel({ typeId, legal }: { typeId: string; legal: { group: 1 | 2; reason: LegalReason; row: ControlRow | null } }) {
  const { t } = useTranslation("catalogue");
  const reasonText = useLegalReason();
  const { row } = legal;
  return (
    <section aria-labelledby="legal-status">
      <h2 id="legal-status">{t("status.title")}</h2>
      <p>
        <strong>{reasonText(legal.reason)}</strong>
      </p>
      <p>{legal.group === 2 ? t("status.lawGroup2") : t("status.lawGroup1")}</p>
      {row ? (
        <dl className="summary-list">
          <div>
            <dt>{t("status.source")}</dt>
            <dd>{[row.document, row.article, row.item].filter(Boolean).join(" · ")}</dd>
          </div>
          <div>
            <dt>{t("status.effectiveFrom")}</dt>
            <dd>{formatDate(row.effectiveFrom)}</dd>
          </div>
          {row.listed ? (
            <div>
              <dt>{t("status.cycle")}</dt>
              <dd>{row.cycleMonths ? t("status.cycleMonths", { count: row.cycleMonths }) : t("status.noPeriodic")}</dd>
            </div>
          ) : null}
          <div>
            <dt>{t("status.basis")}</dt>
            <dd>
              <span className={`tag ${row.basis === "confirmed" ? "tag--green" : "tag--amber"}`}>{t(`basis.${row.basis}`)}</span>
            </dd>
          </div>
        </dl>
      ) : null}
      {row?.note ? (
        <div className="panel panel--warning">
          <p>
            <strong>{t("status.note")}:</strong> {row.note}
          </p>
        </div>
      ) : null}
      <p className="field__hint">{t("status.changePurpose")}</p>
      <p>
        <Link to={`/legal#type-${typeId}`}>{t("status.basisLink")}</Link>
      </p>
    </section>
  );
}
