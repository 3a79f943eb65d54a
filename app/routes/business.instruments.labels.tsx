import { type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatDate, formatNumber, vietnamDay } from "~/modules/i18n/format";
import { i18nServer } from "~/modules/i18n/i18next.server";
import { MAX_LABELS, labelInstrumentsByFilter, labelInstrumentsByIds, labelSelection } from "~/modules/instruments/labels-pdf.server";
import { LABEL_JOB_COUNT } from "~/modules/jobs/jobs";
import { notFound, requireBusinessScope } from "~/utils/auth.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

// The register's query string (see register-filter.ts), passed on as it came.
const FILTER_PARAMS = ["q", "site", "type", "status", "due", "sort", "dir"] as const;
const PREVIEW_ROWS = 50;

export async function loader({ request }: LoaderFunctionArgs) {
  const scope = await requireBusinessScope(request);
  const params = new URL(request.url).searchParams;
  const selection = labelSelection(params, vietnamDay());
  if (!selection) throw notFound();
  const t = await i18nServer.getFixedT(request, "reminders");
  const title = `${t("labels.title")} — ${t("common:shell.brand")}`;
  const maxLabels = MAX_LABELS;
  // More labels than this are drawn as a background job (its page shows progress, then the PDF).
  const jobAbove = LABEL_JOB_COUNT;

  if (selection.kind === "ids") {
    if (selection.ids.length > MAX_LABELS) return { title, maxLabels, jobAbove, mode: "ids" as const, total: selection.ids.length, tooMany: true, preview: [], pass: [] };
    const labels = await labelInstrumentsByIds(scope, selection.ids);
    if (!labels) throw notFound();
    return {
      title,
      maxLabels,
      jobAbove,
      mode: "ids" as const,
      total: labels.length,
      tooMany: false,
      preview: labels.slice(0, PREVIEW_ROWS).map(({ id, tag, name, nextDueOn }) => ({ id, tag, name, nextDueOn })),
      pass: [["ids", selection.ids.join(",")]] as Array<[string, string]>,
    };
  }
  const { total, labels } = await labelInstrumentsByFilter(scope, selection.filter, vietnamDay());
  return {
    title,
    maxLabels,
    jobAbove,
    mode: FILTER_PARAMS.some((p) => params.get(p)) ? ("filter" as const) : ("all" as const),
    total,
    tooMany: total > MAX_LABELS,
    preview: labels.slice(0, PREVIEW_ROWS).map(({ id, tag, name, nextDueOn }) => ({ id, tag, name, nextDueOn })),
    // The same selection goes on to the PDF: the register's filter as it was shown.
    pass: FILTER_PARAMS.flatMap((p) => (params.get(p) ? [[p, params.get(p)!] as [string, string]] : [])),
  };
}

export default function LabelsPage() {
  const { t, i18n } = useTranslation("reminders");
  const { t: ti } = useTranslation("imports");
  const { maxLabels, jobAbove, mode, total, tooMany, preview, pass } = useLoaderData<typeof loader>();
  const count = formatNumber(total, i18n.language);
  return (
    <>
      <p className="back-link">
        <Link to="/business/instruments">{t("labels.back")}</Link>
      </p>
      <h1>{t("labels.title")}</h1>
      <p className="lead">{t("labels.lead")}</p>
      <p>{t(`labels.selection.${mode}`, { number: count })}</p>

      {total === 0 ? (
        <p className="empty-state">{t("labels.none")}</p>
      ) : tooMany ? (
        <p className="panel panel--warning" role="alert">
          {t("labels.tooMany", { max: formatNumber(maxLabels, i18n.language), number: count })}
        </p>
      ) : (
        <form method="get" action="/business/instruments/labels.pdf" className="panel">
          {pass.map(([name, value]) => (
            <input key={name} type="hidden" name={name} value={value} />
          ))}
          <fieldset className="field">
            <legend>{t("labels.format")}</legend>
            <label className="choice">
              <input type="radio" name="format" value="a4-70x37" defaultChecked aria-describedby="format-a4-hint" />
              <span>
                {t("labels.formats.a4")}
                <span id="format-a4-hint" className="field__hint">
                  <br />
                  {t("labels.formats.a4Hint")}
                </span>
              </span>
            </label>
            <label className="choice">
              <input type="radio" name="format" value="single-50x30" aria-describedby="format-single-hint" />
              <span>
                {t("labels.formats.single")}
                <span id="format-single-hint" className="field__hint">
                  <br />
                  {t("labels.formats.singleHint")}
                </span>
              </span>
            </label>
          </fieldset>
          <div className="field">
            <label htmlFor="field-skip">{t("labels.skip")}</label>
            <p id="field-skip-hint" className="field__hint">
              {t("labels.skipHint")}
            </p>
            <input id="field-skip" name="skip" type="number" min={0} max={23} defaultValue={0} inputMode="numeric" className="input input--short" aria-describedby="field-skip-hint" />
          </div>
          <div className="field">
            <label className="choice">
              <input type="checkbox" name="outline" value="1" />
              <span>{t("labels.outline")}</span>
            </label>
          </div>
          <p className="field__hint">{t("labels.printNote")}</p>
          {total > jobAbove ? <p className="field__hint">{ti("jobs.labelsNote", { number: formatNumber(jobAbove, i18n.language) })}</p> : null}
          <button type="submit" className="button">
            {t("labels.download")}
          </button>
        </form>
      )}

      {preview.length ? (
        <div className="table-wrap">
          <table className="table">
            <caption>{t("labels.previewCaption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("labels.columns.tag")}</th>
                <th scope="col">{t("labels.columns.name")}</th>
                <th scope="col">{t("labels.columns.due")}</th>
              </tr>
            </thead>
            <tbody>
              {preview.map((row) => (
                <tr key={row.id}>
                  <td data-label={t("labels.columns.tag")}>
                    <Link to={`/business/instruments/${row.id}`}>{row.tag}</Link>
                  </td>
                  <td data-label={t("labels.columns.name")}>{row.name}</td>
                  <td data-label={t("labels.columns.due")}>{row.nextDueOn ? formatDate(row.nextDueOn) : t("labels.pdfNoDue")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {preview.length < total && !tooMany ? <p className="meta-line">{t("labels.previewMore", { number: formatNumber(total - preview.length, i18n.language) })}</p> : null}
    </>
  );
}
