import { z } from "zod";
import { VALIDITY, isoDate } from "~/utils/dates";

// Shapes of the provider form, for raw FormData strings; messages are keys of the "providers" namespace.
export const PROVIDER_KINDS = ["verification", "calibration", "testing"] as const;
export type ProviderKindValue = (typeof PROVIDER_KINDS)[number];
export const PROVIDER_ARRAYS = ["kinds", "instrumentTypes"] as const;

const text = (max: number) => z.string().trim().max(max, "providers:errors.tooLong");
const required = (max: number) => z.string().trim().min(1, "providers:errors.required").max(max, "providers:errors.tooLong");
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const WEB = /^https?:\/\/[^\s/]+\.[^\s]+$/i;

export const ProviderSchema = z
  .object({
    name: required(200),
    kinds: z
      .array(z.string())
      .default([])
      .refine((kinds) => kinds.length > 0 && kinds.every((k) => (PROVIDER_KINDS as readonly string[]).includes(k)), "providers:errors.kinds"),
    designationNo: text(100),
    accreditationNo: text(100),
    // Empty: no end date. A past one is kept: the directory shows the provider as lapsed.
    validUntil: isoDate({ ...VALIDITY, optional: true, invalidMessage: "providers:errors.date" }),
    scope: required(4000),
    // Checked against the catalogue on the server (the catalogue is server-side data).
    instrumentTypes: z.array(z.string()).default([]).refine((types) => types.length > 0, "providers:errors.types"),
    address: text(300),
    phone: text(50),
    email: text(200).refine((value) => value === "" || EMAIL.test(value), "providers:errors.email"),
    website: text(300).refine((value) => value === "" || WEB.test(value), "providers:errors.website"),
    isExample: z.string().optional(),
  })
  .superRefine((value, ctx) => {
    // A directory entry must say on what authority it works: a designation decision or an accreditation.
    if (!value.designationNo && !value.accreditationNo) {
      ctx.addIssue({ code: "custom", path: ["designationNo"], message: "providers:errors.number" });
    }
  });
export type ProviderForm = z.infer<typeof ProviderSchema>;
