import { useTranslation } from "react-i18next";
import { type UnitOption } from "~/modules/admin-units/rules";
import { type FieldErrors, type FormValues } from "~/utils/forms";
import { CommuneFields } from "./commune-fields";
import { ErrorSummary, TextField, kept } from "./form";

export type SiteDefaults = { name: string; communeId: string | null; communeOther: string | null; streetAddress: string };

/** The fields of a site, shared by "add a site" and "edit a site". */
export function SiteFields({
  units,
  errors,
  values,
  defaults,
}: {
  units: readonly UnitOption[];
  errors: FieldErrors;
  values: FormValues | undefined;
  defaults?: SiteDefaults;
}) {
  const { t } = useTranslation("accounts");
  const labels = {
    name: t("fields.siteName"),
    communeId: t("fields.commune"),
    communeOther: t("fields.communeOther"),
    streetAddress: t("fields.streetAddress"),
  };
  return (
    <>
      <ErrorSummary errors={errors} labels={labels} />
      <TextField
        name="name"
        label={labels.name}
        hint={t("fields.siteNameHint")}
        error={errors.name}
        defaultValue={kept(values, "name", defaults?.name ?? "")}
      />
      <CommuneFields units={units} errors={errors} values={values} defaults={defaults} />
      <TextField
        name="streetAddress"
        label={labels.streetAddress}
        error={errors.streetAddress}
        defaultValue={kept(values, "streetAddress", defaults?.streetAddress ?? "")}
      />
    </>
  );
}
