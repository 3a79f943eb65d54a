// The documents the portal relies on, what it takes from each and how sure we are: the public
// "legal basis" page. Content, not code: content/legal/sources.json.
import sourcesJson from "@content/legal/sources.json";
import { z } from "zod";
import { LocalizedTextSchema } from "~/modules/content/schemas";

export const LegalSourcesFileSchema = z.object({
  checkedOn: z.string().date(),
  research: z.string(),
  notices: z.array(LocalizedTextSchema),
  documents: z
    .array(
      z.object({
        id: z.string().regex(/^[a-z0-9-]+$/),
        title: LocalizedTextSchema,
        dates: LocalizedTextSchema,
        takes: LocalizedTextSchema,
        where: LocalizedTextSchema,
        basis: z.enum(["confirmed", "secondary", "inferred"]),
      }),
    )
    .min(1)
    .refine((docs) => new Set(docs.map((d) => d.id)).size === docs.length, "document ids must be unique"),
});

export const legalSources = LegalSourcesFileSchema.parse(sourcesJson);
