import { z } from "zod";

export type FieldErrors = Record<string, string>;
export type FormValues = Record<string, string | string[]>;

/** What an action returns when input is refused: error keys per field and the input, to refill the form. */
export type FormFailure = { ok: false; errors: FieldErrors; values: FormValues };

/** FormData -> plain object; fields listed in `arrays` keep every value (checkbox groups). */
export function formValues(formData: FormData, arrays: readonly string[] = []): FormValues {
  const values: FormValues = {};
  for (const key of new Set(formData.keys())) {
    if (arrays.includes(key)) values[key] = formData.getAll(key).map(String);
    else values[key] = String(formData.get(key) ?? "");
  }
  for (const key of arrays) values[key] ??= [];
  return values;
}

/** Issues without their own message become translation keys too, never zod's English text. */
export const formErrorMap: z.ZodErrorMap = (issue, ctx) => {
  // A message the schema set itself (required_error and the like) is already a key: keep it.
  if (/^(\w+:)?errors\./.test(ctx.defaultError)) return { message: ctx.defaultError };
  if (issue.code === z.ZodIssueCode.invalid_type && (issue.received === "undefined" || issue.received === "null")) {
    return { message: "errors.required" };
  }
  return { message: "errors.invalid" };
};

const SECRET_FIELDS = ["password", "passwordConfirm", "currentPassword"];

export function parseForm<S extends z.ZodTypeAny>(
  schema: S,
  formData: FormData,
  arrays: readonly string[] = [],
): { ok: true; data: z.infer<S> } | FormFailure {
  const values = formValues(formData, arrays);
  const result = schema.safeParse(values, { errorMap: formErrorMap });
  if (result.success) return { ok: true, data: result.data };
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) errors[String(issue.path[0] ?? "form")] ??= issue.message;
  return failure(errors, values);
}

/** Passwords never travel back to the page. */
export function failure(errors: FieldErrors, values: FormValues): FormFailure {
  const kept = Object.fromEntries(Object.entries(values).filter(([key]) => !SECRET_FIELDS.includes(key)));
  return { ok: false, errors, values: kept };
}
