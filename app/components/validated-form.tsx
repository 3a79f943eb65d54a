import { Form, useLocation, useNavigation } from "@remix-run/react";
import { type ChangeEvent, type FocusEvent, type FormEvent, type ReactNode, createContext, useContext, useState } from "react";
import { type z } from "zod";
import { type FieldErrors, formErrorMap, formValues } from "~/utils/forms";

/** Refused submissions so far, or null outside a ValidatedForm (then the summary always shows). */
const RefusalContext = createContext<number | null>(null);
export const useRefusalCount = () => useContext(RefusalContext);

/**
 * Instant feedback from the action's own zod schema, run on the form's own FormData: the browser
 * checks exactly what the server will receive, and the server stays the judge. A field is checked
 * once the user leaves it; the error summary appears only after a submission is refused.
 */
export function useValidatedForm(schema: z.ZodTypeAny, serverErrors: FieldErrors | undefined, arrays: readonly string[] = []) {
  // A fresh form after a successful save (the action redirected: a new location, no errors), so
  // saved values are not resubmitted. A refused submission keeps the form, and what was typed in it.
  const location = useLocation();
  const [formKey, setFormKey] = useState(location.key);
  if (formKey !== location.key && !serverErrors) setFormKey(location.key);

  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set());
  const [attempted, setAttempted] = useState(false);
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const [refusals, setRefusals] = useState(serverErrors && Object.keys(serverErrors).length ? 1 : 0);

  // A server verdict on a field (say, "tax code already registered") holds until the user edits it;
  // each new verdict counts as a refusal, so the summary takes focus again.
  const [verdict, setVerdict] = useState({ errors: serverErrors, edited: new Set<string>() as ReadonlySet<string> });
  if (verdict.errors !== serverErrors) {
    setVerdict({ errors: serverErrors, edited: new Set() });
    if (serverErrors && Object.keys(serverErrors).length) setRefusals(refusals + 1);
  }

  const check = (form: HTMLFormElement): FieldErrors => {
    const result = schema.safeParse(formValues(new FormData(form), arrays), { errorMap: formErrorMap });
    const found: FieldErrors = {};
    if (!result.success) for (const issue of result.error.issues) found[String(issue.path[0] ?? "form")] ??= issue.message;
    return found;
  };

  const errors: FieldErrors = {};
  for (const [name, message] of Object.entries(serverErrors ?? {})) {
    if (verdict.errors === serverErrors && !verdict.edited.has(name)) errors[name] = message;
  }
  for (const [name, message] of Object.entries(clientErrors)) {
    if (attempted || touched.has(name)) errors[name] = message;
  }

  // Form events bubble up from the field that changed.
  const fieldOf = (event: { target: EventTarget }) => event.target as unknown as HTMLInputElement;
  const fieldName = (event: { target: EventTarget }) => fieldOf(event).name || null;
  const handlers = {
    onBlur: (event: FocusEvent<HTMLFormElement>) => {
      const name = fieldName(event);
      if (!name || fieldOf(event).type === "submit") return;
      setTouched((names) => (names.has(name) ? names : new Set(names).add(name)));
      setClientErrors(check(event.currentTarget));
    },
    onChange: (event: ChangeEvent<HTMLFormElement>) => {
      const name = fieldName(event);
      if (!name) return;
      if (!verdict.edited.has(name)) setVerdict({ errors: verdict.errors, edited: new Set(verdict.edited).add(name) });
      if (attempted || touched.has(name)) setClientErrors(check(event.currentTarget));
    },
    onSubmit: (event: FormEvent<HTMLFormElement>) => {
      const found = check(event.currentTarget);
      setAttempted(true);
      setClientErrors(found);
      if (Object.keys(found).length) {
        event.preventDefault(); // Remix's <Form> then does not submit
        setRefusals((n) => n + 1);
      }
    },
  };
  return { errors, handlers, refusals, formKey };
}

export function ValidatedForm({
  form,
  children,
  className,
  action,
  encType,
}: {
  form: ReturnType<typeof useValidatedForm>;
  children: ReactNode;
  className?: string;
  action?: string;
  encType?: "multipart/form-data";
}) {
  return (
    <RefusalContext.Provider value={form.refusals}>
      <Form key={form.formKey} method="post" noValidate className={className} action={action} encType={encType} {...form.handlers}>
        {children}
      </Form>
    </RefusalContext.Provider>
  );
}

export function SubmitButton({
  children,
  className = "button",
  name,
  value,
}: {
  children: ReactNode;
  className?: string;
  name?: string;
  value?: string;
}) {
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  return (
    <button type="submit" className={className} name={name} value={value} aria-disabled={busy || undefined} disabled={busy}>
      {children}
    </button>
  );
}
