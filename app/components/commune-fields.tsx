import { useTranslation } from "react-i18next";
import { adminUnitsFile, communeLabel } from "~/modules/content/content";
import { type FieldErrors, type FormValues } from "~/utils/forms";
import { SelectField, TextField, kept } from "./form";

/** Ward/commune of Cần Thơ from the list, or typed in when the list lacks it. */
export function CommuneFields({
  errors,
  values,
  defaults,
}: {
  errors: FieldErrors;
  values: FormValues | undefined;
  defaults?: { communeId: string | null; communeOther: string | null };
}) {
  const { t, i18n } = useTranslation("accounts");
  const defaultId = defaults ? (defaults.communeId ?? (defaults.communeOther ? "other" : "")) : "";
  const options = [...adminUnitsFile.units]
    .sort((a, b) => (a.kind === b.kind ? a.name.localeCompare(b.name, "vi") : a.kind === "ward" ? -1 : 1))
    .map((u) => ({ value: u.id, label: communeLabel(u.id, null, i18n.language) }));
  options.push({ value: "other", label: t("fields.communeNotListed") });
  return (
    <div className="commune-fields">
      <SelectField
        name="communeId"
        label={t("fields.commune")}
        hint={t("fields.communeHint")}
        options={options}
        placeholder={t("fields.communePlaceholder")}
        error={errors.communeId}
        defaultValue={kept(values, "communeId", defaultId)}
      />
      <div className="commune-other">
        <TextField
        name="communeOther"
        label={t("fields.communeOther")}
        hint={t("fields.communeOtherHint")}
        error={errors.communeOther}
        defaultValue={kept(values, "communeOther", defaults?.communeOther ?? "")}
        />
      </div>
    </div>
  );
}
