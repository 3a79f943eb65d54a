import { z } from "zod";
import { ownershipTypeIds, sectorIds } from "~/modules/content/content";
import { hasControlCharacters } from "~/utils/text";
import { checkTaxCode } from "./tax-code";

// Messages are translation keys (namespace "accounts"), shown beside the field and in the summary.
const required = (key = "errors.required") => z.string().trim().min(1, key);
/** A required name or address: one line, no control characters (they would break calendar feeds and mail). */
const oneLine = (max: number) =>
  required().pipe(
    z
      .string()
      .max(max, "errors.tooLong")
      .refine((v) => !hasControlCharacters(v), "errors.controlCharacters"),
  );

export const emailField = z
  .string()
  .trim()
  .min(1, "errors.required")
  .max(254, "errors.email")
  .email("errors.email")
  .transform((v) => v.toLowerCase());

export const newPasswordField = z.string().min(10, "errors.passwordShort").max(200, "errors.passwordLong");

export const phoneField = z
  .string()
  .trim()
  .min(1, "errors.required")
  .transform((v) => v.replace(/[\s.()-]/g, ""))
  .refine((v) => /^(\+84|0)\d{8,10}$/.test(v), "errors.phone");

export const taxCodeField = z
  .string()
  .trim()
  .min(1, "errors.required")
  .transform((value, ctx) => {
    const checked = checkTaxCode(value);
    if (checked.ok) return checked.value;
    ctx.addIssue({ code: z.ZodIssueCode.custom, message: `errors.taxCode.${checked.problem}` });
    return z.NEVER;
  });

/**
 * A commune from the list, or "other" with its name typed in. The list is DOST's, in the database:
 * this schema (shared with the browser) checks the shape; the action checks the id against the
 * list in use (communeChoiceErrors in app/modules/admin-units/units.server.ts).
 */
const communeFields = {
  communeId: z.string({ required_error: "errors.commune" }).regex(/^(other|[a-z0-9_-]{1,80})$/, "errors.commune"),
  communeOther: z
    .string()
    .trim()
    .max(120)
    .refine((v) => !hasControlCharacters(v), "errors.controlCharacters")
    .default(""),
};
function communeTypedWhenOther(value: { communeId: string; communeOther: string }, ctx: z.RefinementCtx) {
  if (value.communeId === "other" && !value.communeOther) {
    ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["communeOther"], message: "errors.communeOther" });
  }
}

const businessProfileFields = {
  legalName: oneLine(200),
  ownership: z.string({ required_error: "errors.ownership", invalid_type_error: "errors.ownership" }).refine((v) => ownershipTypeIds.includes(v), "errors.ownership"),
  sectors: z
    .array(z.string(), { required_error: "errors.sectors", invalid_type_error: "errors.sectors" })
    .min(1, "errors.sectors")
    .refine((list) => list.every((s) => sectorIds.includes(s)), "errors.sectors"),
  ...communeFields,
  streetAddress: oneLine(300),
  contactName: oneLine(120),
  phone: phoneField,
  contactEmail: emailField,
};

export const SignupSchema = z
  .object({
    ...businessProfileFields,
    taxCode: taxCodeField,
    password: newPasswordField,
    passwordConfirm: z.string(),
  })
  .superRefine((value, ctx) => {
    communeTypedWhenOther(value, ctx);
    // A 12-digit personal identification number is a tax code only for a household business or an
    // individual (Law 38/2019/QH14 Art. 35(7); Circular 86/2024/TT-BTC, from 1/7/2025).
    if (/^\d{12}$/.test(value.taxCode) && value.ownership !== "household") {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["taxCode"], message: "errors.taxCode.personalNeedsHousehold" });
    }
    if (value.password !== value.passwordConfirm) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["passwordConfirm"], message: "errors.passwordMismatch" });
    }
  });
export type SignupInput = z.infer<typeof SignupSchema>;

export const BusinessProfileSchema = z.object(businessProfileFields).superRefine(communeTypedWhenOther);
export type BusinessProfileInput = z.infer<typeof BusinessProfileSchema>;

export const SiteSchema = z
  .object({
    name: oneLine(200),
    ...communeFields,
    streetAddress: oneLine(300),
  })
  .superRefine(communeTypedWhenOther);
export type SiteInput = z.infer<typeof SiteSchema>;

export const LoginSchema = z.object({
  email: emailField,
  password: z.string().min(1, "errors.required"),
  redirectTo: z.string().optional(),
});

export const ForgotPasswordSchema = z.object({ email: emailField });

export const ResetPasswordSchema = z
  .object({ password: newPasswordField, passwordConfirm: z.string() })
  .refine((v) => v.password === v.passwordConfirm, { path: ["passwordConfirm"], message: "errors.passwordMismatch" });

export const InviteSchema = z.object({ email: emailField });

export const AcceptInviteSchema = z
  .object({
    fullName: oneLine(120),
    password: newPasswordField,
    passwordConfirm: z.string(),
  })
  .refine((v) => v.password === v.passwordConfirm, { path: ["passwordConfirm"], message: "errors.passwordMismatch" });

export const ChangePasswordSchema = z
  .object({ currentPassword: z.string().min(1, "errors.required"), password: newPasswordField, passwordConfirm: z.string() })
  .refine((v) => v.password === v.passwordConfirm, { path: ["passwordConfirm"], message: "errors.passwordMismatch" });
