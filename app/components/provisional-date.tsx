import { useTranslation } from "react-i18next";

/** Beside a promised date counted across a year whose holiday calendar DOST has not entered. */
export function ProvisionalDateNote({ years }: { years: readonly number[] }) {
  const { t } = useTranslation("requests");
  if (!years.length) return null;
  return (
    <p className="provisional-note" data-testid="provisional-date">
      {t("provisional.note", { years: years.join(", "), count: years.length })}
    </p>
  );
}
