import { type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ClockTag, StateTag } from "~/components/request-parts";
import { formatDate, formatDateTime, vietnamDay } from "~/modules/i18n/format";
import { currentHolidayCalendar } from "~/modules/holidays/calendar.server";
import { i18nServer } from "~/modules/i18n/i18next.server";
import { clockInputOf, listBusinessRequests } from "~/modules/requests/queries.server";
import { clockOf } from "~/modules/requests/workflow";
import { requireBusinessScope } from "~/utils/auth.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export async function loader({ request }: LoaderFunctionArgs) {
  const scope = await requireBusinessScope(request);
  const t = await i18nServer.getFixedT(request, "requests");
  const today = vietnamDay();
  const requests = await listBusinessRequests(scope);
  const calendar = await currentHolidayCalendar();
  return {
    title: `${t("list.title")} — ${t("common:shell.brand")}`,
    requests: requests.map((r) => ({ ...r, clock: clockOf(calendar, clockInputOf(r), today) })),
  };
}

export default function BusinessRequestsPage() {
  const { t } = useTranslation("requests");
  const { requests } = useLoaderData<typeof loader>();
  const waiting = requests.filter((r) => r.state === "needs_information").length;
  return (
    <>
      <h1>{t("list.title")}</h1>
      <p className="lead">{t("list.lead")}</p>
      <p>
        <Link to="/business/requests/new" className="button">
          {t("list.new")}
        </Link>
      </p>
      {waiting ? <p className="flash flash--error">{t("list.waiting", { count: waiting })}</p> : null}
      {requests.length ? (
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">{t("list.tableCaption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("list.colCode")}</th>
                <th scope="col">{t("list.colTitle")}</th>
                <th scope="col">{t("list.colState")}</th>
                <th scope="col">{t("list.colAppointment")}</th>
                <th scope="col">{t("list.colUpdated")}</th>
              </tr>
            </thead>
            <tbody>
              {requests.map((r) => (
                <tr key={r.id}>
                  <td data-label={t("list.colCode")}>
                    <Link to={`/business/requests/${r.id}`}>{r.code ?? t("list.noCode")}</Link>
                  </td>
                  <td data-label={t("list.colTitle")}>
                    {r.title}
                    <div className="field__hint">{t(`type.${r.type}`)}</div>
                  </td>
                  <td data-label={t("list.colState")}>
                    <StateTag state={r.state} /> <ClockTag clock={r.clock} />
                  </td>
                  <td data-label={t("list.colAppointment")}>{r.appointmentOn ? formatDate(r.appointmentOn) : "—"}</td>
                  <td data-label={t("list.colUpdated")}>{formatDateTime(r.updatedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <div className="empty-state">
          <p>{t("list.empty")}</p>
        </div>
      )}
    </>
  );
}
