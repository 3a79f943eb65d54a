import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";

/** The year filter of the dashboard and the report: a plain GET form, so it works without JavaScript. */
export function YearPicker({ year, years }: { year: number; years: readonly number[] }) {
  const { t } = useTranslation("reports");
  return (
    <Form method="get" className="filters" aria-label={t("overview.pickerLabel")}>
      <div className="field">
        <label htmlFor="year">{t("overview.year")}</label>
        <select id="year" name="year" className="input" defaultValue={String(year)}>
          {years.map((y) => (
            <option key={y} value={String(y)}>
              {y}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className="button">
        {t("overview.show")}
      </button>
    </Form>
  );
}
