import { useId } from "react";
import { useTranslation } from "react-i18next";
import { formatDate } from "~/modules/i18n/format";
import { type Validity } from "~/modules/providers/validity";
import { type FieldErrors, type FormValues } from "~/utils/forms";
import { CheckboxGroup, TextArea, TextField, kept, keptList } from "./form";

type Kind = "verification" | "calibration" | "testing";

/** A directory entry as the loaders send it: type names in the page's language, validity on today. */
export type ProviderView = {
  id: number;
  name: string;
  kinds: Kind[];
  designationNo: string;
  accreditationNo: string;
  validUntil: string | null;
  validity: Validity;
  scope: string;
  types: Array<{ id: string; name: string }>;
  address: string;
  phone: string;
  email: string;
  website: string;
  isExample: boolean;
  active: boolean;
};

export type ProviderSuggestionView = { id: number; name: string; kinds: Kind[]; isExample: boolean };

/** Kinds, the example badge and a lapsed or lapsing authority, as tags. */
export function ProviderTags({ provider }: { provider: Pick<ProviderView, "kinds" | "isExample" | "validity" | "active"> }) {
  const { t } = useTranslation("providers");
  const tags = [
    ...provider.kinds.map((kind) => ({ text: t(`kind.${kind}`), className: "tag--blue" })),
    ...(provider.validity === "expired" ? [{ text: t("validity.expiredTag"), className: "tag--red" }] : []),
    ...(provider.validity === "expiring" ? [{ text: t("validity.expiringTag"), className: "tag--amber" }] : []),
    ...(provider.isExample ? [{ text: t("example"), className: "tag--amber" }] : []),
    ...(provider.active ? [] : [{ text: t("admin.inactive"), className: "tag--grey" }]),
  ];
  return (
    <p>
      {tags.map((tag, i) => (
        <span key={tag.text}>
          {i ? " " : null}
          <span className={`tag ${tag.className}`}>{tag.text}</span>
        </span>
      ))}
    </p>
  );
}

export function validityText(t: (key: string, values?: Record<string, string>) => string, provider: Pick<ProviderView, "validity" | "validUntil">) {
  return t(`validity.${provider.validity}`, { date: formatDate(provider.validUntil) });
}

/** What a business needs to choose and contact a provider: authority, validity, scope, types, contact. */
export function ProviderFacts({ provider, highlightType }: { provider: ProviderView; highlightType?: string | null }) {
  const { t } = useTranslation("providers");
  const contact = [provider.address, provider.phone, provider.email, provider.website].some(Boolean);
  return (
    <dl className="summary-list summary-list--compact">
      {provider.designationNo ? (
        <div>
          <dt>{t("fields.designationNo")}</dt>
          <dd>{provider.designationNo}</dd>
        </div>
      ) : null}
      {provider.accreditationNo ? (
        <div>
          <dt>{t("fields.accreditationNo")}</dt>
          <dd>{provider.accreditationNo}</dd>
        </div>
      ) : null}
      <div>
        <dt>{t("fields.validUntil")}</dt>
        <dd className={provider.validity === "expired" ? "field__error" : undefined}>{validityText(t, provider)}</dd>
      </div>
      <div>
        <dt>{t("fields.scope")}</dt>
        <dd className="prewrap">{provider.scope}</dd>
      </div>
      <div>
        <dt>{t("fields.instrumentTypes")}</dt>
        <dd>
          {provider.types.map((type, i) => (
            <span key={type.id}>
              {i ? "; " : null}
              {type.id === highlightType ? <strong>{type.name}</strong> : type.name}
            </span>
          ))}
        </dd>
      </div>
      {contact ? (
        <div>
          <dt>{t("fields.contact")}</dt>
          <dd>
            {provider.address ? <div>{provider.address}</div> : null}
            {provider.phone ? (
              <div>
                {t("fields.phone")}: <a href={`tel:${provider.phone.replace(/[^\d+]/g, "")}`}>{provider.phone}</a>
              </div>
            ) : null}
            {provider.email ? (
              <div>
                {t("fields.email")}: <a href={`mailto:${provider.email}`}>{provider.email}</a>
              </div>
            ) : null}
            {provider.website ? (
              <div>
                {t("fields.website")}:{" "}
                <a href={provider.website} rel="noopener noreferrer external">
                  {provider.website.replace(/^https?:\/\//, "")}
                </a>
              </div>
            ) : null}
          </dd>
        </div>
      ) : null}
    </dl>
  );
}

/**
 * The free-text "provider" field of the event and approval forms, with the directory's matching
 * providers offered as a <datalist> (native, so it works without JavaScript). Any other name may
 * still be typed: an in-house laboratory, a provider not yet in the directory.
 */
export function ProviderSuggestField({
  name,
  label,
  hint,
  error,
  defaultValue,
  suggestions,
}: {
  name: string;
  label: string;
  hint?: string;
  error?: string;
  defaultValue?: string;
  suggestions: ProviderSuggestionView[];
}) {
  const { t } = useTranslation();
  const hintId = useId();
  const listId = `${name}-directory`;
  const errorId = `${name}-error`;
  const fullHint = [hint, suggestions.length ? t("providers:suggest.hint", { count: suggestions.length }) : t("providers:suggest.none")]
    .filter(Boolean)
    .join(" ");
  const describedBy = [hintId, error ? errorId : null].filter(Boolean).join(" ");
  return (
    <div className={`field${error ? " field--error" : ""}`}>
      <label htmlFor={`field-${name}`}>{label}</label>
      <p className="field__hint" id={hintId}>
        {fullHint}
      </p>
      {error ? (
        <p className="field__error" id={errorId}>
          {t(error.includes(":") ? error : `accounts:${error}`)}
        </p>
      ) : null}
      <input
        id={`field-${name}`}
        name={name}
        type="text"
        className="input input--full"
        list={suggestions.length ? listId : undefined}
        autoComplete="off"
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        defaultValue={defaultValue}
      />
      {suggestions.length ? (
        <datalist id={listId}>
          {suggestions.map((s) => (
            <option
              key={s.id}
              value={s.name}
              label={[s.kinds.map((k) => t(`providers:kind.${k}`)).join(", "), s.isExample ? t("providers:exampleShort") : ""].filter(Boolean).join(" · ")}
            />
          ))}
        </datalist>
      ) : null}
    </div>
  );
}

export const PROVIDER_FIELD_KEYS = [
  "name",
  "kinds",
  "designationNo",
  "accreditationNo",
  "validUntil",
  "scope",
  "instrumentTypes",
  "address",
  "phone",
  "email",
  "website",
  "isExample",
] as const;

export function providerLabels(t: (key: string) => string): Record<string, string> {
  return Object.fromEntries(PROVIDER_FIELD_KEYS.map((k) => [k, t(`providers:fields.${k}`)]));
}

export type ProviderDefaults = {
  name: string;
  kinds: string[];
  designationNo: string;
  accreditationNo: string;
  validUntil: string;
  scope: string;
  instrumentTypes: string[];
  address: string;
  phone: string;
  email: string;
  website: string;
  isExample: boolean;
};

/** The admin's form fields for one provider, shared by "add" and "edit". */
export function ProviderFields({
  errors,
  values,
  defaults,
  typeOptions,
}: {
  errors: FieldErrors;
  values: FormValues | undefined;
  defaults?: ProviderDefaults;
  typeOptions: Array<{ value: string; label: string; group: number }>;
}) {
  const { t } = useTranslation("providers");
  const labels = providerLabels(t);
  const chosenTypes = new Set(keptList(values, "instrumentTypes", defaults?.instrumentTypes ?? []));
  // A refused form sends back only what was ticked: no "isExample" means unticked.
  const exampleChecked = values ? kept(values, "isExample") === "1" : Boolean(defaults?.isExample);
  const typesError = errors.instrumentTypes;
  return (
    <>
      <TextField name="name" label={labels.name!} hint={t("fields.nameHint")} error={errors.name} defaultValue={kept(values, "name", defaults?.name)} />
      <CheckboxGroup
        name="kinds"
        legend={labels.kinds!}
        options={(["verification", "calibration", "testing"] as const).map((k) => ({ value: k, label: t(`kindLong.${k}`) }))}
        error={errors.kinds}
        defaultValues={keptList(values, "kinds", defaults?.kinds ?? [])}
      />
      <TextField
        name="designationNo"
        label={labels.designationNo!}
        hint={t("fields.designationNoHint")}
        error={errors.designationNo}
        defaultValue={kept(values, "designationNo", defaults?.designationNo)}
        width="medium"
      />
      <TextField
        name="accreditationNo"
        label={labels.accreditationNo!}
        hint={t("fields.accreditationNoHint")}
        error={errors.accreditationNo}
        defaultValue={kept(values, "accreditationNo", defaults?.accreditationNo)}
        width="medium"
      />
      <TextField
        name="validUntil"
        type="date"
        label={labels.validUntil!}
        hint={t("fields.validUntilHint")}
        error={errors.validUntil}
        defaultValue={kept(values, "validUntil", defaults?.validUntil)}
        width="medium"
      />
      <TextArea name="scope" label={labels.scope!} hint={t("fields.scopeHint")} error={errors.scope} defaultValue={kept(values, "scope", defaults?.scope)} rows={4} />
      <fieldset
        className={`field choices${typesError ? " field--error" : ""}`}
        id="field-instrumentTypes"
        tabIndex={-1}
        aria-describedby={typesError ? "instrumentTypes-hint instrumentTypes-error" : "instrumentTypes-hint"}
      >
        <legend>{labels.instrumentTypes}</legend>
        <p className="field__hint" id="instrumentTypes-hint">
          {t("fields.instrumentTypesHint")}
        </p>
        {typesError ? (
          <p className="field__error" id="instrumentTypes-error">
            {t(typesError)}
          </p>
        ) : null}
        {[2, 1].map((group) => (
          <fieldset key={group} className="field choices">
            <legend>{t(`instruments:group.${group}`)}</legend>
            <div className="choices__list">
              {typeOptions
                .filter((o) => o.group === group)
                .map((o) => (
                  <label key={o.value} className="choice">
                    <input type="checkbox" name="instrumentTypes" value={o.value} defaultChecked={chosenTypes.has(o.value)} />
                    <span>{o.label}</span>
                  </label>
                ))}
            </div>
          </fieldset>
        ))}
      </fieldset>
      <TextField name="address" label={labels.address!} error={errors.address} defaultValue={kept(values, "address", defaults?.address)} />
      <TextField name="phone" type="tel" label={labels.phone!} error={errors.phone} defaultValue={kept(values, "phone", defaults?.phone)} width="medium" />
      <TextField name="email" type="email" label={labels.email!} error={errors.email} defaultValue={kept(values, "email", defaults?.email)} width="medium" />
      <TextField
        name="website"
        type="url"
        label={labels.website!}
        hint={t("fields.websiteHint")}
        error={errors.website}
        defaultValue={kept(values, "website", defaults?.website)}
      />
      <CheckboxGroup
        name="isExample"
        legend={labels.isExample!}
        options={[{ value: "1", label: t("fields.isExampleOption") }]}
        hint={t("fields.isExampleHint")}
        defaultValues={exampleChecked ? ["1"] : []}
      />
    </>
  );
}
