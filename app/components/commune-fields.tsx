import { useTranslation } from "react-i18next";
import { type UnitOption } from "~/modules/admin-units/rules";
import { type FieldErrors, type FormValues } from "~/utils/forms";
import { SelectField, TextField, kept } from "./form";

/**
 * Ward/commune of Cần Thơ from the list, or typed in when the list lacks it. The list is DOST's
 * (in the database): the page's loader hands it in as `units` (communeOptions).
 */
export function CommuneFields({
  units,
  errors,
  values,
  defaults,
}: {
  units: readonly UnitOption[];
  errors: FieldErrors;
  values: FormValues | undefined;
  defaults?: { communeId: string | null; communeOther: string | null };
}) {
  const { t } = useTranslation("accounts");
  const defaultId = defaults ? (defaults.communeId ?? (defaults.communeOther ? "other" : "")) : "";
  const options = [...units, { value: "other", label: t("fields.communeNotListed") }];
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
