import { z } from "zod";

export const LocalizedTextSchema = z.object({
  vi: z.string().min(1),
  en: z.string().min(1),
});
export type LocalizedText = z.infer<typeof LocalizedTextSchema>;

const slugId = z.string().regex(/^[a-z0-9_-]+$/, "ids are lower-case slugs");

export const SectorsFileSchema = z.object({
  source: z.string().min(3),
  sectors: z.array(z.object({ id: slugId, name: LocalizedTextSchema })).min(1),
  ownershipTypes: z.array(z.object({ id: slugId, name: LocalizedTextSchema })).min(1),
});

export const AdminUnitsFileSchema = z.object({
  province: z.object({ id: slugId, name: LocalizedTextSchema }),
  effectiveFrom: z.string().date(),
  source: z.string().min(3),
  complete: z.boolean(),
  note: z.string(),
  units: z
    .array(z.object({ id: slugId, kind: z.enum(["ward", "commune"]), name: z.string().min(1) }))
    .min(1),
});

/** A translation file: nested objects of non-empty strings. */
export type TranslationTree = { [key: string]: string | TranslationTree };
export const TranslationTreeSchema: z.ZodType<TranslationTree> = z.lazy(() =>
  z.record(z.union([z.string().min(1), TranslationTreeSchema])),
);
