import { zodResolver } from "@hookform/resolvers/zod";
import { Form, useNavigation, useSubmit } from "@remix-run/react";
import { type FormEvent, type ReactNode, createContext, useContext, useState } from "react";
import { type UseFormRegisterReturn, useForm } from "react-hook-form";
import { type z } from "zod";
import { type FieldErrors, formErrorMap } from "~/utils/forms";

type Registration = (name: string) => UseFormRegisterReturn | Record<string, never>;
const RegistrationContext = createContext<Registration>(() => ({}));
const RefusalContext = createContext(0);

/** Changes each time a submission is refused, so the error summary can take focus. */
export const useRefusalCount = () => useContext(RefusalContext);

/** Inputs inside a ValidatedForm report to react-hook-form; elsewhere this is a no-op. */
export const useFieldRegistration = (name: string) => useContext(RegistrationContext)(name);

/**
 * A Remix <Form> that checks itself with the action's own zod schema as the user goes.
 * When valid it submits the form element itself, so the action receives exactly the fields a
 * browser without JavaScript would send; the server stays the judge either way.
 */
export function useValidatedForm(schema: z.ZodTypeAny, serverErrors: FieldErrors | undefined) {
  const form = useForm({
    resolver: zodResolver(schema, { errorMap: formErrorMap }),
    mode: "onTouched",
    shouldFocusError: false, // the error summary takes focus instead, as after a server round trip
  });
  const submit = useSubmit();
  const { touchedFields, isSubmitted, errors: clientErrors } = form.formState;

  // A server verdict on a field (say, "tax code already registered") holds until the user edits it.
  const [edited, setEdited] = useState({ source: serverErrors, names: new Set<string>() });
  const editedNames = edited.source === serverErrors ? edited.names : new Set<string>();
  if (edited.source !== serverErrors) setEdited({ source: serverErrors, names: editedNames });

  const errors: FieldErrors = {};
  for (const [name, message] of Object.entries(serverErrors ?? {})) {
    if (!editedNames.has(name)) errors[name] = message;
  }
  for (const [name, error] of Object.entries(clientErrors)) {
    const checkedHere = isSubmitted || name in touchedFields;
    if (checkedHere && typeof error?.message === "string") errors[name] = error.message;
  }

  const register: Registration = (name) => {
    const registration = form.register(name);
    return {
      ...registration,
      onChange: (event) => {
        if (!editedNames.has(name)) setEdited({ source: serverErrors, names: new Set(editedNames).add(name) });
        return registration.onChange(event);
      },
    };
  };

  // Counts refused submissions, in the browser or by the server; the error summary takes focus on each.
  const [refusals, setRefusals] = useState(0);
  const [answered, setAnswered] = useState(serverErrors);
  if (answered !== serverErrors) {
    setAnswered(serverErrors);
    if (serverErrors && Object.keys(serverErrors).length) setRefusals(refusals + 1);
  }

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    // The button that was pressed, so its name and value (e.g. intent=save-next) go along.
    const submitter = (event.nativeEvent as SubmitEvent).submitter;
    const element = submitter instanceof HTMLButtonElement || submitter instanceof HTMLInputElement ? submitter : event.currentTarget;
    void form.handleSubmit(
      () => submit(element),
      () => setRefusals((n) => n + 1),
    )(event);
  };
  return { errors, register, onSubmit, refusals };
}

export function ValidatedForm({
  register,
  onSubmit,
  refusals,
  children,
  className,
  action,
  encType,
}: {
  register: Registration;
  onSubmit: (event: FormEvent<HTMLFormElement>) => void;
  refusals: number;
  encType?: "multipart/form-data";
  children: ReactNode;
  className?: string;
  action?: string;
}) {
  return (
    <RegistrationContext.Provider value={register}>
      <RefusalContext.Provider value={refusals}>
        <Form method="post" noValidate onSubmit={onSubmit} className={className} action={action} encType={encType}>
          {children}
        </Form>
      </RefusalContext.Provider>
    </RegistrationContext.Provider>
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
