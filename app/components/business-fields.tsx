import { type TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { type UnitOption } from "~/modules/admin-units/rules";
import { localize, sectorsFile } from "~/modules/content/content";
import { type FieldErrors, type FormValues } from "~/utils/forms";
import { CommuneFields } from "./commune-fields";
import { CheckboxGroup, TextField, kept, keptList } from "./form";

export type BusinessDefaults = {
  legalName: string;
  ownership: string;
  sectors: string[];
  communeId: string | null;
  communeOther: string | null;
  streetAddress: string;
  contactName: string;
  phone: string;
  contactEmail: string;
};

/** Field labels in the order the fields appear, for the error summary. */
export function businessFieldLabels(t: TFunction) {
  return {
    legalName: t("accounts:fields.legalName"),
    taxCode: t("accounts:fields.taxCode"),
    ownership: t("accounts:fields.ownership"),
    sectors: t("accounts:fields.sectors"),
    communeId: t("accounts:fields.commune"),
    communeOther: t("accounts:fields.communeOther"),
    streetAddress: t("accounts:fields.streetAddress"),
    contactName: t("accounts:fields.contactName"),
    phone: t("accounts:fields.phone"),
    contactEmail: t("accounts:fields.contactEmail"),
  };
}

type Props = { errors: FieldErrors; values: FormValues | undefined; defaults?: BusinessDefaults };

/** Ownership and priority sectors: the two choices DOST reports by. */
export function OwnershipAndSectors({ errors, values, defaults }: Props) {
  const { t, i18n } = useTranslation("accounts");
  return (
    <>
      <CheckboxGroup
        type="radio"
        name="ownership"
        legend={t("fields.ownership")}
        options={sectorsFile.ownershipTypes.map((o) => ({ value: o.id, label: localize(o.name, i18n.language) }))}
        error={errors.ownership}
        defaultValues={[kept(values, "ownership", defaults?.ownership ?? "")]}
      />
      <CheckboxGroup
        name="sectors"
        legend={t("fields.sectors")}
        hint={t("fields.sectorsHint")}
        options={sectorsFile.sectors.map((s) => ({ value: s.id, label: localize(s.name, i18n.language) }))}
        error={errors.sectors}
        defaultValues={keptList(values, "sectors", defaults?.sectors ?? [])}
      />
    </>
  );
}

export function BusinessAddress({ units, errors, values, defaults }: Props & { units: readonly UnitOption[] }) {
  const { t } = useTranslation("accounts");
  return (
    <>
      <CommuneFields units={units} errors={errors} values={values} defaults={defaults} />
      <TextField
        name="streetAddress"
        label={t("fields.streetAddress")}
        hint={t("fields.streetAddressHint")}
        error={errors.streetAddress}
        defaultValue={kept(values, "streetAddress", defaults?.streetAddress ?? "")}
        autoComplete="street-address"
      />
    </>
  );
}

export function BusinessContact({ errors, values, defaults, emailHint }: Props & { emailHint: string }) {
  const { t } = useTranslation("accounts");
  return (
    <>
      <TextField
        name="contactName"
        label={t("fields.contactName")}
        error={errors.contactName}
        defaultValue={kept(values, "contactName", defaults?.contactName ?? "")}
        autoComplete="name"
      />
      <TextField
        name="phone"
        type="tel"
        label={t("fields.phone")}
        hint={t("fields.phoneHint")}
        error={errors.phone}
        defaultValue={kept(values, "phone", defaults?.phone ?? "")}
        autoComplete="tel"
        width="medium"
      />
      <TextField
        name="contactEmail"
        type="email"
        label={t("fields.contactEmail")}
        hint={emailHint}
        error={errors.contactEmail}
        defaultValue={kept(values, "contactEmail", defaults?.contactEmail ?? "")}
        autoComplete="email"
      />
    </>
  );
}
