import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";

/** The reminder DOST admins see until this year's and, from 1 October, next year's calendar is entered. */
export function CalendarWarning({ years, linkYears = true }: { years: readonly number[]; linkYears?: boolean }) {
  const { t } = useTranslation("dost");
  if (!years.length) return null;
  return (
    <section className="panel panel--warning" aria-labelledby="holiday-warning-title" data-testid="holiday-warning">
      <h2 id="holiday-warning-title">{t("holidays.warning.title", { years: years.join(", "), count: years.length })}</h2>
      <p>{t("holidays.warning.body", { years: years.join(", "), count: years.length })}</p>
      <ul>
        {years.map((year) => (
          <li key={year}>
            <Link to={`/dost/legal/holidays/${year}`}>{t("holidays.warning.enter", { year })}</Link>
          </li>
        ))}
      </ul>
      {linkYears ? (
        <p>
          <Link to="/dost/legal/holidays">{t("holidays.warning.all")}</Link>
        </p>
      ) : null}
    </section>
  );
}
