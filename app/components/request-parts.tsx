import { useTranslation } from "react-i18next";
import { formatDate, formatDateTime } from "~/modules/i18n/format";
import type { RequestEntry } from "~/modules/requests/queries.server";
import { type Clock, type RequestState } from "~/modules/requests/workflow";

const STATE_TAG: Record<RequestState, string> = {
  draft: "tag--grey",
  submitted: "tag--amber",
  in_review: "tag--blue",
  needs_information: "tag--red",
  answered: "tag--amber",
  approved: "tag--green",
  rejected: "tag--grey",
  completed: "tag--green",
  withdrawn: "tag--grey",
};

export function StateTag({ state }: { state: RequestState }) {
  const { t } = useTranslation("requests");
  return <span className={`tag ${STATE_TAG[state]}`}>{t(`state.${state}`)}</span>;
}

/** Working days left or late, waiting for the business, or how the decision met the deadline. */
export function ClockTag({ clock }: { clock: Clock }) {
  const { t } = useTranslation("requests");
  if (clock.kind === "none") return null;
  if (clock.kind === "waiting") return <span className="tag tag--grey">{t("clock.waiting")}</span>;
  if (clock.kind === "running") {
    if (clock.late) return <span className="tag tag--red">{t("clock.late", { count: -clock.left })}</span>;
    const text = clock.left === 0 ? t("clock.leftToday") : t("clock.left", { count: clock.left });
    return <span className={`tag ${clock.dueSoon ? "tag--amber" : "tag--grey"}`}>{text}</span>;
  }
  if (!clock.timeliness) return null;
  const label = { early: "clock.early", onTime: "clock.onTime", late: "clock.lateDone" }[clock.timeliness];
  return <span className={`tag ${clock.timeliness === "late" ? "tag--red" : "tag--green"}`}>{t(label)}</span>;
}

type FileLink = { id: number; filename: string; sizeBytes: number };

export function FileList({ files, hrefOf }: { files: readonly FileLink[]; hrefOf: (id: number) => string }) {
  if (!files.length) return null;
  return (
    <ul className="plain-list">
      {files.map((f) => (
        <li key={f.id}>
          <a href={hrefOf(f.id)}>{f.filename}</a> <span className="field__hint">({Math.max(1, Math.round(f.sizeBytes / 1024))} KB)</span>
        </li>
      ))}
    </ul>
  );
}

function entryTitle(entry: RequestEntry, t: (key: string, values?: Record<string, unknown>) => string): string {
  const data = entry.data as { action?: string; appointmentOn?: string; from?: string; to?: string; assigneeName?: string | null };
  if (entry.kind === "message") return t("entry.message");
  if (entry.kind === "note") return t("entry.note");
  if (entry.kind === "assign") return data.assigneeName ? t("entry.assign", { name: data.assigneeName }) : t("entry.unassign");
  if (entry.kind === "reschedule") return t("entry.reschedule", { from: formatDate(data.from), to: formatDate(data.to) });
  if (data.action === "submit") return t("entry.submit", { date: formatDate(data.appointmentOn) });
  return t(`entry.${data.action ?? "message"}`);
}

/** Every step, message and (for DOST) internal note, oldest first, with who and when. */
export function Timeline({ entries, hrefOf }: { entries: readonly RequestEntry[]; hrefOf: (id: number) => string }) {
  const { t } = useTranslation("requests");
  return (
    <ol className="event-list timeline">
      {entries.map((entry) => {
        const data = entry.data as {
          items?: string[];
          appointmentOn?: string;
          action?: string;
          provider?: string;
          planOn?: string;
          instruments?: Array<{ instrumentId: number; tag?: string; result: string; certificateNo: string }>;
        };
        return (
          <li key={entry.id} className={`event${entry.internal ? " event--internal" : ""}${entry.actorIsDost ? " event--dost" : ""}`}>
            <p className="event__title">
              <strong>{entryTitle(entry, t)}</strong>
              {entry.internal && entry.kind !== "note" ? <span className="tag tag--amber">{t("entry.internal")}</span> : null}
            </p>
            <p className="meta-line">
              {entry.actorName}
              {entry.actorIsDost ? ` (${t("detail.dost")})` : ""} · <time dateTime={entry.at}>{formatDateTime(entry.at)}</time>
            </p>
            {data.action === "approve" && data.provider ? (
              <p>
                {t("detail.planProvider")}: {data.provider} · {t("detail.planOn")}: {formatDate(data.planOn)}
              </p>
            ) : null}
            {data.items?.length ? (
              <>
                <p>{t("entry.missing")}:</p>
                <ol>
                  {data.items.map((item, i) => (
                    <li key={i}>{item}</li>
                  ))}
                </ol>
              </>
            ) : null}
            {entry.body ? <p className="prewrap">{entry.body}</p> : null}
            {data.action === "answer" && data.appointmentOn ? <p>{t("entry.answerDate", { date: formatDate(data.appointmentOn) })}</p> : null}
            <FileList files={entry.files} hrefOf={hrefOf} />
          </li>
        );
      })}
    </ol>
  );
}
