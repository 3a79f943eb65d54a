import { type ReactNode, useEffect, useId, useRef } from "react";
import { useTranslation } from "react-i18next";
import { type FieldErrors } from "~/utils/forms";
import { useRefusalCount } from "./validated-form";

/** Translates an error key; keys carry their namespace or default to "accounts". */
function useErrorText() {
  const { t } = useTranslation();
  return (key: string | undefined, values?: Record<string, string>) =>
    key ? t(key.includes(":") ? key : `accounts:${key}`, values) : undefined;
}

export function ErrorSummary({
  errors,
  labels,
  values,
}: {
  errors: FieldErrors | undefined;
  labels: Record<string, string>;
  /** Interpolation values for the messages, e.g. the minutes to wait. */
  values?: Record<string, string>;
}) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const summary = useRef<HTMLDivElement>(null);
  const refusals = useRefusalCount();
  const focusedFor = useRef(0);
  // Inside a ValidatedForm the summary waits for a submission; elsewhere it shows whenever there are errors.
  const shown = Boolean(errors && Object.keys(errors).length) && refusals !== 0;
  // Keyboard and screen-reader users start from the list of problems, once per refused submission
  // (the summary may render a moment after the refusal is counted).
  useEffect(() => {
    if (shown && refusals !== null && refusals > focusedFor.current) {
      focusedFor.current = refusals;
      summary.current?.focus();
    }
  }, [shown, refusals]);
  if (!errors || !shown) return null;
  // In the order of the form: the labels are listed as the fields appear; form-wide errors first.
  const order = (field: string) => (field in labels ? Object.keys(labels).indexOf(field) : -1);
  const entries = Object.entries(errors).sort(([a], [b]) => order(a) - order(b));
  return (
    // Focusable and announced, so keyboard and screen-reader users land on what went wrong.
    <div ref={summary} id="error-summary" className="error-summary" role="alert" aria-labelledby="error-summary-title" tabIndex={-1}>
      <h2 id="error-summary-title">{t("form.errorSummaryTitle")}</h2>
      <ul>
        {entries.map(([field, key]) => (
          <li key={field}>
            <a href={`#field-${field}`}>{labels[field] ? `${labels[field]}: ${errorText(key, values)}` : errorText(key, values)}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}

/**
 * The label (or legend), hint and error of one field, tied to the control by aria-describedby.
 * Errors sit above the control, as the GOV.UK pattern does, so they are read before it.
 */
function FieldFrame({
  name,
  label,
  hint,
  error,
  group = false,
  children,
}: {
  name: string;
  label: string;
  hint?: ReactNode;
  error?: string;
  group?: boolean;
  children: (describedBy: string | undefined) => ReactNode;
}) {
  const hintId = useId();
  const errorText = useErrorText();
  const errorId = `${name}-error`;
  const describedBy = [hint ? hintId : null, error ? errorId : null].filter(Boolean).join(" ") || undefined;
  const messages = (
    <>
      {hint ? (
        <p className="field__hint" id={hintId}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p className="field__error" id={errorId}>
          {errorText(error)}
        </p>
      ) : null}
    </>
  );
  const className = `field${group ? " choices" : ""}${error ? " field--error" : ""}`;
  if (group) {
    return (
      <fieldset className={className} id={`field-${name}`} aria-describedby={describedBy} tabIndex={-1}>
        <legend>{label}</legend>
        {messages}
        {children(undefined)}
      </fieldset>
    );
  }
  return (
    <div className={className}>
      <label htmlFor={`field-${name}`}>{label}</label>
      {messages}
      {children(describedBy)}
    </div>
  );
}

type InputProps = {
  name: string;
  label: string;
  hint?: ReactNode;
  error?: string;
  defaultValue?: string;
  type?: "text" | "email" | "password" | "tel" | "number" | "date" | "url";
  autoComplete?: string;
  required?: boolean;
  inputMode?: "numeric" | "text" | "tel" | "email";
  width?: "full" | "medium" | "short";
};

export function TextField({ name, label, hint, error, type = "text", width = "full", ...rest }: InputProps) {
  // A refused password is never shown again: the field starts empty after each refusal.
  const refusals = useRefusalCount();
  return (
    <FieldFrame name={name} label={label} hint={hint} error={error}>
      {(describedBy) => (
        <input
          key={type === "password" ? `${name}-${refusals}` : name}
          id={`field-${name}`}
          name={name}
          type={type}
          className={`input input--${width}`}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
          defaultValue={rest.defaultValue}
          autoComplete={rest.autoComplete}
          required={rest.required}
          inputMode={rest.inputMode}
        />
      )}
    </FieldFrame>
  );
}

export function TextArea({ name, label, hint, error, defaultValue, rows = 5 }: Omit<InputProps, "type" | "width"> & { rows?: number }) {
  return (
    <FieldFrame name={name} label={label} hint={hint} error={error}>
      {(describedBy) => (
        <textarea
          id={`field-${name}`}
          name={name}
          rows={rows}
          className="input input--full"
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
          defaultValue={defaultValue}
        />
      )}
    </FieldFrame>
  );
}

/** A file input; the browser never refills one, so a refused form asks for the file again. */
export function FileField({ name, label, hint, error, accept, multiple = false }: { name: string; label: string; hint?: ReactNode; error?: string; accept: string; multiple?: boolean }) {
  return (
    <FieldFrame name={name} label={label} hint={hint} error={error}>
      {(describedBy) => (
        <input
          id={`field-${name}`}
          name={name}
          type="file"
          accept={accept}
          multiple={multiple}
          className="input-file"
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
        />
      )}
    </FieldFrame>
  );
}

export type Option = { value: string; label: string };

export function SelectField({
  name,
  label,
  options,
  error,
  hint,
  defaultValue,
  placeholder,
}: {
  name: string;
  label: string;
  options: Option[];
  error?: string;
  hint?: ReactNode;
  defaultValue?: string;
  placeholder?: string;
}) {
  return (
    <FieldFrame name={name} label={label} hint={hint} error={error}>
      {(describedBy) => (
        <select
          id={`field-${name}`}
          name={name}
          className="input input--full"
          defaultValue={defaultValue ?? ""}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
        >
          {placeholder ? <option value="">{placeholder}</option> : null}
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </FieldFrame>
  );
}

export function CheckboxGroup({
  name,
  legend,
  options,
  error,
  hint,
  defaultValues = [],
  type = "checkbox",
}: {
  name: string;
  legend: string;
  options: Option[];
  error?: string;
  hint?: ReactNode;
  defaultValues?: string[];
  type?: "checkbox" | "radio";
}) {
  return (
    <FieldFrame name={name} label={legend} hint={hint} error={error} group>
      {() => (
        <div className="choices__list">
          {options.map((o) => (
            <label key={o.value} className="choice">
              <input
                      type={type}
                name={name}
                value={o.value}
                defaultChecked={defaultValues.includes(o.value)}
              />
              <span>{o.label}</span>
            </label>
          ))}
        </div>
      )}
    </FieldFrame>
  );
}

/** The string value a failed submission sent back, for refilling a field. */
export function kept(values: Record<string, string | string[]> | undefined, name: string, fallback = ""): string {
  const value = values?.[name];
  return typeof value === "string" ? value : fallback;
}

export function keptList(values: Record<string, string | string[]> | undefined, name: string, fallback: string[] = []) {
  const value = values?.[name];
  return Array.isArray(value) ? value : fallback;
}
