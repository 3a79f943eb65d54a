import { z } from "zod";
import { communeIds, ownershipTypeIds, sectorIds } from "~/modules/content/content";
import { checkTaxCode } from "./tax-code";

// Messages are translation keys (namespace "accounts"), shown beside the field and in the summary.
const required = (key = "errors.required") => z.string().trim().min(1, key);

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

/** A commune from the list, or "other" with its name typed in (the list is not yet complete). */
const communeFields = {
  communeId: z.string({ required_error: "errors.commune" }).refine((v) => v === "other" || communeIds.includes(v), "errors.commune"),
  communeOther: z.string().trim().max(120).default(""),
};
function communeTypedWhenOther(value: { communeId: string; communeOther: string }, ctx: z.RefinementCtx) {
  if (value.communeId === "other" && !value.communeOther) {
    ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["communeOther"], message: "errors.communeOther" });
  }
}

const businessProfileFields = {
  legalName: required().pipe(z.string().max(200, "errors.tooLong")),
  ownership: z.string({ required_error: "errors.ownership", invalid_type_error: "errors.ownership" }).refine((v) => ownershipTypeIds.includes(v), "errors.ownership"),
  sectors: z
    .array(z.string(), { required_error: "errors.sectors", invalid_type_error: "errors.sectors" })
    .min(1, "errors.sectors")
    .refine((list) => list.every((s) => sectorIds.includes(s)), "errors.sectors"),
  ...communeFields,
  streetAddress: required().pipe(z.string().max(300, "errors.tooLong")),
  contactName: required().pipe(z.string().max(120, "errors.tooLong")),
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
    if (value.password !== value.passwordConfirm) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["passwordConfirm"], message: "errors.passwordMismatch" });
    }
  });
export type SignupInput = z.infer<typeof SignupSchema>;

export const BusinessProfileSchema = z.object(businessProfileFields).superRefine(communeTypedWhenOther);
export type BusinessProfileInput = z.infer<typeof BusinessProfileSchema>;

export const SiteSchema = z
  .object({
    name: required().pipe(z.string().max(200, "errors.tooLong")),
    ...communeFields,
    streetAddress: required().pipe(z.string().max(300, "errors.tooLong")),
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
    fullName: required().pipe(z.string().max(120, "errors.tooLong")),
    password: newPasswordField,
    passwordConfirm: z.string(),
  })
  .refine((v) => v.password === v.passwordConfirm, { path: ["passwordConfirm"], message: "errors.passwordMismatch" });

export const ChangePasswordSchema = z
  .object({ currentPassword: z.string().min(1, "errors.required"), password: newPasswordField, passwordConfirm: z.string() })
  .refine((v) => v.password === v.passwordConfirm, { path: ["passwordConfirm"], message: "errors.passwordMismatch" });
