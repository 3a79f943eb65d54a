import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorSummary, SelectField, TextField, kept } from "~/components/form";
import { SubmitButton, ValidatedForm, useValidatedForm } from "~/components/validated-form";
import { can } from "~/modules/accounts/permissions";
import { addCalendarDay, calendarYearDetail, markYearEntered, removeCalendarDay } from "~/modules/holidays/calendar.server";
import { CalendarDaySchema, MarkEnteredSchema, calendarYearParam } from "~/modules/holidays/rules";
import { formatDate } from "~/modules/i18n/format";
import { i18nServer } from "~/modules/i18n/i18next.server";
import { notFound, requireDostScope } from "~/utils/auth.server";
import { failure, formValues, parseForm } from "~/utils/forms";
import { setFlash } from "~/utils/session.server";
import { readForm } from "~/utils/read-form.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

/** 0 = Monday … 6 = Sunday, for the weekday shown beside each date. */
function weekdayOf(day: string): number {
  return (new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const scope = await requireDostScope(request);
  const year = calendarYearParam(params.year);
  if (year === null) throw notFound();
  const t = await i18nServer.getFixedT(request, "dost");
  const detail = await calendarYearDetail(year);
  return {
    title: `${t("holidays.yearTitle", { year })} — ${t("common:shell.brand")}`,
    isAdmin: can(scope.user.role, "dost:admin"),
    detail: { ...detail, days: detail.days.map((d) => ({ ...d, weekday: weekdayOf(d.date) })) },
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const scope = await requireDostScope(request, "dost:admin");
  const year = calendarYearParam(params.year);
  if (year === null) throw notFound();
  const formData = await readForm(request);
  const intent = String(formData.get("intent") ?? "");
  const done = async (message: string) =>
    redirect(`/dost/legal/holidays/${year}`, { headers: { "Set-Cookie": await setFlash(request, { kind: "success", message }) } });

  if (intent === "add") {
    const parsed = parseForm(CalendarDaySchema, formData);
    if (!parsed.ok) return data({ ...parsed, intent }, { status: 400 });
    const result = await addCalendarDay(scope, year, parsed.data);
    if (!result.ok) return data({ ...failure(result.errors, formValues(formData)), intent }, { status: 400 });
    return done("dost:holidays.added");
  }
  if (intent === "remove") {
    const removed = await removeCalendarDay(scope, year, String(formData.get("date") ?? ""));
    if (!removed) throw notFound();
    return done("dost:holidays.removed");
  }
  if (intent === "enter") {
    const parsed = parseForm(MarkEnteredSchema, formData);
    if (!parsed.ok) return data({ ...parsed, intent }, { status: 400 });
    await markYearEntered(scope, year, parsed.data.source);
    return done("dost:holidays.entered");
  }
  throw notFound();
}

export default function HolidayYearPage() {
  const { t } = useTranslation("dost");
  const { detail, isAdmin } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const addErrors = actionData?.intent === "add" ? actionData.errors : undefined;
  const enterErrors = actionData?.intent === "enter" ? actionData.errors : undefined;
  const addForm = useValidatedForm(CalendarDaySchema, addErrors);
  const enterForm = useValidatedForm(MarkEnteredSchema, enterErrors);
  const addLabels = { date: t("holidays.form.date"), kind: t("holidays.form.kind"), nameVi: t("holidays.form.nameVi"), nameEn: t("holidays.form.nameEn") };
  const enterLabels = { source: t("holidays.form.source") };
  const values = actionData?.values;
  return (
    <>
      <p>
        <Link to="/dost/legal/holidays" className="back-link">
          {t("holidays.back")}
        </Link>
      </p>
      <h1>{t("holidays.yearTitle", { year: detail.year })}</h1>
      <p>
        <span className={`tag ${detail.status === "entered" ? "tag--green" : detail.status === "provisional" ? "tag--amber" : "tag--red"}`}>
          {t(`holidays.status.${detail.status}`)}
        </span>{" "}
        {detail.status === "entered" ? t("holidays.enteredLead") : t("holidays.notEnteredLead", { year: detail.year })}
      </p>
      {detail.status === "missing" ? <p>{t("holidays.missingLead")}</p> : null}
      {detail.source ? (
        <p>
          <strong>{t("holidays.form.source")}:</strong> {detail.source}
          {detail.enteredAt ? <span className="field__hint"> {t("holidays.enteredBy", { name: detail.enteredBy ?? "—", date: formatDate(detail.enteredAt) })}</span> : null}
        </p>
      ) : null}

      <h2>{t("holidays.daysTitle")}</h2>
      {detail.days.length ? (
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">{t("holidays.daysCaption", { year: detail.year })}</caption>
            <thead>
              <tr>
                <th scope="col">{t("holidays.colDate")}</th>
                <th scope="col">{t("holidays.colKind")}</th>
                <th scope="col">{t("holidays.colName")}</th>
                {isAdmin ? (
                  <th scope="col">
                    <span className="visually-hidden">{t("holidays.colActions")}</span>
                  </th>
                ) : null}
              </tr>
            </thead>
            <tbody>
              {detail.days.map((d) => (
                <tr key={d.date}>
                  <td data-label={t("holidays.colDate")}>
                    {formatDate(d.date)} <span className="field__hint">{t(`holidays.weekday.${d.weekday}`)}</span>
                  </td>
                  <td data-label={t("holidays.colKind")}>{t(`holidays.kind.${d.kind}`)}</td>
                  <td data-label={t("holidays.colName")}>
                    <span lang="vi">{d.nameVi}</span>
                    {d.nameEn && d.nameEn !== d.nameVi ? (
                      <span className="field__hint" lang="en">
                        {" "}
                        · {d.nameEn}
                      </span>
                    ) : null}
                  </td>
                  {isAdmin ? (
                    <td data-label={t("holidays.colActions")}>
                      <Form method="post">
                        <input type="hidden" name="intent" value="remove" />
                        <input type="hidden" name="date" value={d.date} />
                        <button type="submit" className="button button--secondary button--small">
                          {t("holidays.remove")}
                          <span className="visually-hidden"> {formatDate(d.date)}</span>
                        </button>
                      </Form>
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <div className="empty-state">
          <p>{t("holidays.noDays")}</p>
        </div>
      )}

      {isAdmin ? (
        <>
          <section aria-labelledby="add-day-title">
            <h2 id="add-day-title">{t("holidays.addTitle")}</h2>
            <p>{t("holidays.addLead")}</p>
            <ValidatedForm form={addForm} className="stack">
              <ErrorSummary errors={addForm.errors} labels={addLabels} />
              <input type="hidden" name="intent" value="add" />
              <TextField
                name="date"
                type="date"
                label={addLabels.date}
                hint={t("holidays.form.dateHint", { year: detail.year })}
                error={addForm.errors.date}
                defaultValue={actionData?.intent === "add" ? kept(values, "date") : ""}
                width="short"
              />
              <SelectField
                name="kind"
                label={addLabels.kind}
                hint={t("holidays.form.kindHint")}
                error={addForm.errors.kind}
                defaultValue={actionData?.intent === "add" ? kept(values, "kind", "holiday") : "holiday"}
                options={[
                  { value: "holiday", label: t("holidays.kind.holiday") },
                  { value: "working", label: t("holidays.kind.working") },
                ]}
              />
              <TextField name="nameVi" label={addLabels.nameVi} hint={t("holidays.form.nameViHint")} error={addForm.errors.nameVi} defaultValue={actionData?.intent === "add" ? kept(values, "nameVi") : ""} />
              <TextField name="nameEn" label={addLabels.nameEn} hint={t("holidays.form.nameEnHint")} error={addForm.errors.nameEn} defaultValue={actionData?.intent === "add" ? kept(values, "nameEn") : ""} />
              <SubmitButton>{t("holidays.add")}</SubmitButton>
            </ValidatedForm>
          </section>
          <section aria-labelledby="enter-title">
            <h2 id="enter-title">{detail.status === "entered" ? t("holidays.updateSourceTitle") : t("holidays.enterTitle")}</h2>
            <p>{t("holidays.enterLead")}</p>
            <ValidatedForm form={enterForm} className="stack">
              <ErrorSummary errors={enterForm.errors} labels={enterLabels} />
              <input type="hidden" name="intent" value="enter" />
              <TextField
                name="source"
                label={enterLabels.source}
                hint={t("holidays.form.sourceHint")}
                error={enterForm.errors.source}
                defaultValue={actionData?.intent === "enter" ? kept(values, "source") : detail.source}
              />
              <SubmitButton>{detail.status === "entered" ? t("holidays.updateSource") : t("holidays.markEntered")}</SubmitButton>
            </ValidatedForm>
          </section>
        </>
      ) : null}
    </>
  );
}
