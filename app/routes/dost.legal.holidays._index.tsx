import { type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CalendarWarning } from "~/components/holiday-parts";
import { can } from "~/modules/accounts/permissions";
import { currentHolidayCalendar, listCalendarYears } from "~/modules/holidays/calendar.server";
import { calendarYearsToEnter } from "~/modules/holidays/rules";
import { formatDate, vietnamDay } from "~/modules/i18n/format";
import { i18nServer } from "~/modules/i18n/i18next.server";
import { requireDostScope } from "~/utils/auth.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

// DOST reviewers read the calendar; only admins change it (the year page's action).
export async function loader({ request }: LoaderFunctionArgs) {
  const scope = await requireDostScope(request);
  const t = await i18nServer.getFixedT(request, "dost");
  const today = vietnamDay();
  const [years, calendar] = await Promise.all([listCalendarYears(today), currentHolidayCalendar()]);
  const isAdmin = can(scope.user.role, "dost:admin");
  return {
    title: `${t("holidays.title")} — ${t("common:shell.brand")}`,
    years,
    isAdmin,
    toEnter: isAdmin ? calendarYearsToEnter(calendar, today) : [],
  };
}

export default function HolidayYearsPage() {
  const { t } = useTranslation("dost");
  const { years, isAdmin, toEnter } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>{t("holidays.title")}</h1>
      <p className="lead">{t("holidays.lead")}</p>
      <CalendarWarning years={toEnter} linkYears={false} />
      <div className="table-wrap">
        <table className="table">
          <caption className="visually-hidden">{t("holidays.tableCaption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("holidays.colYear")}</th>
              <th scope="col">{t("holidays.colStatus")}</th>
              <th scope="col">{t("holidays.colDays")}</th>
              <th scope="col">{t("holidays.colSource")}</th>
            </tr>
          </thead>
          <tbody>
            {years.map((y) => (
              <tr key={y.year}>
                <td data-label={t("holidays.colYear")}>
                  <Link to={`/dost/legal/holidays/${y.year}`}>{t("holidays.yearLink", { year: y.year })}</Link>
                </td>
                <td data-label={t("holidays.colStatus")}>
                  <span className={`tag ${y.status === "entered" ? "tag--green" : y.status === "provisional" ? "tag--amber" : "tag--red"}`}>{t(`holidays.status.${y.status}`)}</span>
                </td>
                <td data-label={t("holidays.colDays")}>
                  {t("holidays.holidayCount", { count: y.holidays })}
                  {y.workingDays ? ` · ${t("holidays.workingCount", { count: y.workingDays })}` : ""}
                </td>
                <td data-label={t("holidays.colSource")}>
                  {y.status === "missing" ? t("holidays.missingSource") : y.source || "—"}
                  {y.enteredAt ? <span className="field__hint"> {t("holidays.enteredBy", { name: y.enteredBy ?? "—", date: formatDate(y.enteredAt) })}</span> : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {isAdmin ? <p>{t("holidays.howToAdd")}</p> : <p>{t("holidays.readOnly")}</p>}
    </>
  );
}
