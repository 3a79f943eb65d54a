import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatNumber } from "~/modules/i18n/format";

export type SectionScoreRow = { key: string; number: number; title: string; score: number | null; answered: number; total: number; previousDelta?: number | null };

export function Delta({ value }: { value: number | null | undefined }) {
  const { t, i18n } = useTranslation("assessments");
  if (value === null || value === undefined || value === 0) return null;
  const points = formatNumber(Math.abs(value), i18n.language);
  return <span className={`delta ${value > 0 ? "delta--up" : "delta--down"}`}>{value > 0 ? t("result.up", { points }) : t("result.down", { points })}</span>;
}

/** Score per checklist part: the business's result page (with links and changes) and DOST's view of it. */
export function SectionScoresTable({ sections, hrefOf, caption }: { sections: readonly SectionScoreRow[]; hrefOf?: (sectionKey: string) => string; caption?: string }) {
  const { t, i18n } = useTranslation("assessments");
  const percent = (value: number) => `${formatNumber(value, i18n.language)}%`;
  return (
    <div className="table-wrap">
      <table className="table">
        <caption className="visually-hidden">{caption ?? t("result.bySection")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("result.colSection")}</th>
            <th scope="col">{t("result.colScore")}</th>
            <th scope="col">{t("result.colAnswered")}</th>
          </tr>
        </thead>
        <tbody>
          {sections.map((section) => (
            <tr key={section.key}>
              <td data-label={t("result.colSection")}>
                {hrefOf ? (
                  <Link to={hrefOf(section.key)}>
                    {section.number}. {section.title}
                  </Link>
                ) : (
                  <>
                    {section.number}. {section.title}
                  </>
                )}
              </td>
              <td data-label={t("result.colScore")}>
                {section.score === null ? (
                  t("result.notApplicable")
                ) : (
                  <span className="score-cell">
                    <meter min={0} max={100} low={40} high={85} optimum={100} value={section.score} aria-hidden="true" />
                    {percent(section.score)} <Delta value={section.previousDelta} />
                  </span>
                )}
              </td>
              <td data-label={t("result.colAnswered")}>
                {section.answered}/{section.total}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
