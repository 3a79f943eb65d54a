import { useTranslation } from "react-i18next";
import { formatDate } from "~/modules/i18n/format";
import { REQUEST_TYPES } from "~/modules/requests/workflow";
import { ACCEPT_ATTRIBUTE } from "~/utils/uploads";
import { type FieldErrors, type FormValues } from "~/utils/forms";
import { CheckboxGroup, FileField, TextArea, TextField, kept, keptList } from "./form";

export type RequestDefaults = { type: string; title: string; description: string; desiredOn: string; trainees: string; instrumentIds: string[] };
export type InstrumentChoice = { id: number; tag: string; name: string; siteName: string; nextDueOn: string | null; status: string };

export function requestLabels(t: (key: string) => string): Record<string, string> {
  return {
    type: t("form.type"),
    title: t("form.title"),
    description: t("form.description"),
    desiredOn: t("form.desiredOn"),
    trainees: t("form.trainees"),
    instrumentIds: t("form.instruments"),
    attachments: t("form.attachments"),
  };
}

export function RequestFields({
  errors,
  values,
  defaults,
  instruments,
  instrumentTotal,
}: {
  errors: FieldErrors;
  values: FormValues | undefined;
  defaults: RequestDefaults;
  instruments: readonly InstrumentChoice[];
  instrumentTotal: number;
}) {
  const { t } = useTranslation("requests");
  const labels = requestLabels(t);
  const chosen = new Set(keptList(values, "instrumentIds", defaults.instrumentIds));
  return (
    <>
      <CheckboxGroup
        type="radio"
        name="type"
        legend={labels.type!}
        options={REQUEST_TYPES.map((type) => ({ value: type, label: `${t(`type.${type}`)} — ${t(`typeHint.${type}`)}` }))}
        error={errors.type}
        defaultValues={[kept(values, "type", defaults.type)]}
      />
      <TextField name="title" label={labels.title!} hint={t("form.titleHint")} error={errors.title} defaultValue={kept(values, "title", defaults.title)} />
      <TextArea name="description" label={labels.description!} hint={t("form.descriptionHint")} error={errors.description} defaultValue={kept(values, "description", defaults.description)} rows={6} />
      <div className="field-row">
        <TextField name="desiredOn" type="date" label={labels.desiredOn!} hint={t("form.desiredOnHint")} error={errors.desiredOn} defaultValue={kept(values, "desiredOn", defaults.desiredOn)} width="medium" />
        <TextField name="trainees" type="number" inputMode="numeric" label={labels.trainees!} hint={t("form.traineesHint")} error={errors.trainees} defaultValue={kept(values, "trainees", defaults.trainees)} width="short" />
      </div>
      <fieldset className={`field${errors.instrumentIds ? " field--error" : ""}`} id="field-instrumentIds" tabIndex={-1} aria-describedby="instrumentIds-hint">
        <legend>{labels.instrumentIds}</legend>
        <p className="field__hint" id="instrumentIds-hint">
          {t("form.instrumentsHint")}
        </p>
        {errors.instrumentIds ? <p className="field__error">{t(errors.instrumentIds)}</p> : null}
        {instruments.length ? (
          <div className="table-wrap picker">
            <table className="table table--compact">
              <caption className="visually-hidden">{t("form.instrumentsTable")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("form.colChoose")}</th>
                  <th scope="col">{t("form.colTag")}</th>
                  <th scope="col">{t("form.colName")}</th>
                  <th scope="col">{t("form.colSite")}</th>
                  <th scope="col">{t("form.colDue")}</th>
                </tr>
              </thead>
              <tbody>
                {instruments.map((i) => (
                  <tr key={i.id}>
                    <td data-label={t("form.colChoose")}>
                      <input type="checkbox" name="instrumentIds" value={String(i.id)} id={`instrument-${i.id}`} defaultChecked={chosen.has(String(i.id))} />
                    </td>
                    <td data-label={t("form.colTag")}>
                      <label htmlFor={`instrument-${i.id}`}>{i.tag}</label>
                    </td>
                    <td data-label={t("form.colName")}>{i.name}</td>
                    <td data-label={t("form.colSite")}>{i.siteName}</td>
                    <td data-label={t("form.colDue")}>{i.nextDueOn ? formatDate(i.nextDueOn) : "—"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p>{t("form.noInstruments")}</p>
        )}
        {instrumentTotal > instruments.length ? <p className="field__hint">{t("form.instrumentsLimited", { shown: instruments.length, total: instrumentTotal })}</p> : null}
      </fieldset>
      <FileField name="attachments" label={labels.attachments!} hint={t("form.attachmentsHint")} error={errors.attachments} accept={ACCEPT_ATTRIBUTE} multiple />
    </>
  );
}
