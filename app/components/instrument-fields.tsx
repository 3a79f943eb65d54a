import { useTranslation } from "react-i18next";
import { type InstrumentForm } from "~/modules/instruments/schemas";
import { type FieldErrors, type FormValues } from "~/utils/forms";
import { SelectField, TextField, kept } from "./form";

type Option = { value: string; label: string };

export function instrumentLabels(t: (key: string) => string) {
  const keys = [
    "tag",
    "name",
    "typeId",
    "siteId",
    "serial",
    "manufacturer",
    "model",
    "rangeMin",
    "rangeMax",
    "unit",
    "accuracy",
    "purpose",
    "status",
    "ownIntervalMonths",
    "responsiblePerson",
  ];
  return Object.fromEntries(keys.map((k) => [k, t(`instruments:fields.${k}`)]));
}

/** The fields of an instrument, shared by "add" and "edit". */
export function InstrumentFields({
  errors,
  values,
  defaults,
  sites,
  types,
}: {
  errors: FieldErrors;
  values: FormValues | undefined;
  defaults?: InstrumentForm;
  sites: Option[];
  types: Array<Option & { group: number }>;
}) {
  const { t } = useTranslation("instruments");
  const labels = instrumentLabels(t);
  const num = (v: number | null | undefined) => (v === null || v === undefined ? "" : String(v));
  const groups = [2, 1].map((group) => ({ group, options: types.filter((type) => type.group === group) }));
  return (
    <>
      <TextField name="tag" label={labels.tag!} hint={t("fields.tagHint")} error={errors.tag} defaultValue={kept(values, "tag", defaults?.tag)} width="medium" />
      <TextField name="name" label={labels.name!} error={errors.name} defaultValue={kept(values, "name", defaults?.name)} />
      <div className={`field${errors.typeId ? " field--error" : ""}`}>
        <label htmlFor="field-typeId">{labels.typeId}</label>
        <p className="field__hint" id="typeId-hint">
          {t("fields.typeIdHint")}
        </p>
        {errors.typeId ? (
          <p className="field__error" id="typeId-error">
            {t(errors.typeId)}
          </p>
        ) : null}
        <select
          id="field-typeId"
          name="typeId"
          className="input input--full"
          defaultValue={kept(values, "typeId", defaults?.typeId ?? "")}
          aria-invalid={errors.typeId ? true : undefined}
          aria-describedby={errors.typeId ? "typeId-hint typeId-error" : "typeId-hint"}
        >
          <option value="">{t("fields.choose")}</option>
          {groups.map(({ group, options }) => (
            <optgroup key={group} label={t(`listGroup.${group}`)}>
              {options.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
      </div>
      <SelectField
        name="siteId"
        label={labels.siteId!}
        options={sites}
        placeholder={t("fields.choose")}
        error={errors.siteId}
        defaultValue={kept(values, "siteId", defaults ? String(defaults.siteId) : sites.length === 1 ? sites[0]!.value : "")}
      />
      <div className="field-row">
        <TextField name="serial" label={labels.serial!} error={errors.serial} defaultValue={kept(values, "serial", defaults?.serial)} />
        <TextField name="manufacturer" label={labels.manufacturer!} error={errors.manufacturer} defaultValue={kept(values, "manufacturer", defaults?.manufacturer)} />
        <TextField name="model" label={labels.model!} error={errors.model} defaultValue={kept(values, "model", defaults?.model)} />
      </div>
      <div className="field-row">
        <TextField name="rangeMin" label={labels.rangeMin!} error={errors.rangeMin} defaultValue={kept(values, "rangeMin", num(defaults?.rangeMin))} inputMode="text" />
        <TextField name="rangeMax" label={labels.rangeMax!} error={errors.rangeMax} defaultValue={kept(values, "rangeMax", num(defaults?.rangeMax))} inputMode="text" />
        <TextField name="unit" label={labels.unit!} error={errors.unit} defaultValue={kept(values, "unit", defaults?.unit)} />
      </div>
      <TextField name="accuracy" label={labels.accuracy!} hint={t("fields.accuracyHint")} error={errors.accuracy} defaultValue={kept(values, "accuracy", defaults?.accuracy)} width="medium" />
      <SelectField
        name="purpose"
        label={labels.purpose!}
        hint={t("fields.purposeHint")}
        options={["trade", "safety", "health", "environment", "official", "process", "quality"].map((p) => ({ value: p, label: t(`purpose.${p}`) }))}
        error={errors.purpose}
        defaultValue={kept(values, "purpose", defaults?.purpose ?? "trade")}
      />
      <SelectField
        name="status"
        label={labels.status!}
        options={["in_service", "out_of_service", "quarantined", "retired"].map((s) => ({ value: s, label: t(`status.${s}`) }))}
        error={errors.status}
        defaultValue={kept(values, "status", defaults?.status ?? "in_service")}
      />
      <TextField
        name="ownIntervalMonths"
        label={labels.ownIntervalMonths!}
        hint={t("fields.ownIntervalHint")}
        error={errors.ownIntervalMonths}
        defaultValue={kept(values, "ownIntervalMonths", num(defaults?.ownIntervalMonths))}
        inputMode="numeric"
        width="short"
      />
      <TextField name="responsiblePerson" label={labels.responsiblePerson!} error={errors.responsiblePerson} defaultValue={kept(values, "responsiblePerson", defaults?.responsiblePerson)} />
    </>
  );
}
