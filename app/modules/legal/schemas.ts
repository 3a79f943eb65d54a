import { z } from "zod";
import { CONTROL_KEYS, type ControlRowInput, controlsFromList } from "./rules";

// The DOST legal-catalogue forms, for raw FormData strings; messages are keys of the "catalogue" namespace.
const text = (max: number) => z.string().trim().max(max, "catalogue:errors.tooLong");
const required = (max: number) => z.string().trim().min(1, "catalogue:errors.required").max(max, "catalogue:errors.tooLong");

export const ControlRowSchema = z.object({
  effectiveFrom: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "catalogue:errors.date"),
  listed: z.enum(["1", "0"], { errorMap: () => ({ message: "catalogue:errors.listed" }) }),
  controls: z.array(z.enum(CONTROL_KEYS, { errorMap: () => ({ message: "catalogue:errors.controls" }) })).default([]),
  // Whole months or empty (no periodic verification); the range is checked with the rest in validateControlRow.
  cycleMonths: z.string().trim().regex(/^\d{0,6}$/, "catalogue:errors.cycleRange"),
  document: z.string().trim().min(1, "catalogue:errors.document").max(300, "catalogue:errors.tooLong"),
  article: text(200),
  item: text(200),
  basis: z.enum(["confirmed", "secondary", "inferred"], { errorMap: () => ({ message: "catalogue:errors.basis" }) }),
  note: text(2000),
});
export const CONTROL_ROW_ARRAYS = ["controls"] as const;

export function toControlRowInput(data: z.infer<typeof ControlRowSchema>): ControlRowInput {
  return {
    effectiveFrom: data.effectiveFrom,
    listed: data.listed === "1",
    controls: controlsFromList(data.listed === "1" ? data.controls : []),
    cycleMonths: data.cycleMonths ? Number(data.cycleMonths) : null,
    document: data.document,
    article: data.article,
    item: data.item,
    basis: data.basis,
    note: data.note,
  };
}

const months = z.string().transform((value, ctx) => {
  if (!value.trim()) return null;
  const n = Number(value.trim());
  if (!Number.isInteger(n) || n < 1 || n > 120) {
    ctx.addIssue({ code: "custom", message: "catalogue:errors.months" });
    return z.NEVER;
  }
  return n;
});

export const NewTypeSchema = z.object({
  // "new" and "holidays" are pages under /dost/legal: a type of that id could not be reached.
  id: z
    .string()
    .trim()
    .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "catalogue:errors.id")
    .max(60, "catalogue:errors.tooLong")
    .refine((id) => !["new", "holidays"].includes(id), "catalogue:errors.idTaken"),
  nameVi: required(200),
  nameEn: required(200),
  quantityVi: text(100),
  quantityEn: text(100),
  unit: text(20),
  sectors: z.array(z.string()).default([]),
  recommendedMonths: months,
  listItem: text(20),
});
export type NewTypeInput = z.infer<typeof NewTypeSchema>;

export const RenameTypeSchema = z.object({ nameVi: required(200), nameEn: required(200), listItem: text(20) });
export type RenameTypeInput = z.infer<typeof RenameTypeSchema>;

export const RetractSchema = z.object({
  rowId: z.string().regex(/^\d+$/, "catalogue:errors.row").transform(Number),
  reason: required(1000),
});
