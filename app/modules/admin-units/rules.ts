import { z } from "zod";
import { hasControlCharacters } from "~/utils/text";

// The wards and communes DOST keeps (the shipped file is the initial content). Pure rules, used by
// the server and, for the shape of the admin form, in the browser too.

export type AdminUnitKind = "ward" | "commune";

export type AdminUnit = {
  id: string;
  code: string | null;
  kind: AdminUnitKind;
  name: string;
  retired: boolean;
};

/** An option of the ward/commune select: what a page's loader hands the form. */
export type UnitOption = { value: string; label: string };

/** "Phường Ninh Kiều" / "Ninh Kiều Ward". */
export function unitLabel(unit: { kind: AdminUnitKind; name: string }, locale: string): string {
  if (locale === "en") return `${unit.name} ${unit.kind === "ward" ? "Ward" : "Commune"}`;
  return `${unit.kind === "ward" ? "Phường" : "Xã"} ${unit.name}`;
}

/** The units offered for a new sign-up, profile or site: not retired, wards first, then by name. */
export function unitOptions(units: readonly AdminUnit[], locale: string, keep?: string | null): UnitOption[] {
  const collator = new Intl.Collator("vi");
  return units
    .filter((u) => !u.retired || u.id === keep)
    .sort((a, b) => (a.kind === b.kind ? collator.compare(a.name, b.name) : a.kind === "ward" ? -1 : 1))
    .map((u) => ({ value: u.id, label: unitLabel(u, locale) }));
}

/**
 * May a form name this unit? Any unit in use, or the retired one the record already names (a
 * business whose ward was merged away can still save its profile unchanged).
 */
export function isOfferedUnit(units: readonly AdminUnit[], id: string, keep?: string | null): boolean {
  const unit = units.find((u) => u.id === id);
  return Boolean(unit && (!unit.retired || unit.id === keep));
}

/** Case, accents' composition and spacing do not make a different name. */
export function sameUnitName(a: string, b: string): boolean {
  const fold = (s: string) => s.normalize("NFC").trim().replace(/\s+/g, " ").toLocaleLowerCase("vi");
  return fold(a) === fold(b);
}

/** "phuong-ninh-kieu": the id style of the shipped file, made unique against `taken`. */
export function unitIdFor(kind: AdminUnitKind, name: string, taken: ReadonlySet<string>): string {
  const slug = `${kind === "ward" ? "phuong" : "xa"} ${name}`
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[đĐ]/g, "d")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  if (!taken.has(slug)) return slug;
  let n = 2;
  while (taken.has(`${slug}-${n}`)) n += 1;
  return `${slug}-${n}`;
}

// Messages are keys of the "catalogue" namespace.
const KIND_PREFIX = /^(phường|xã)\s/iu;

/** The admin's add/edit form, for raw FormData strings. */
export const AdminUnitFormSchema = z.object({
  kind: z.enum(["ward", "commune"], { errorMap: () => ({ message: "catalogue:errors.unitKind" }) }),
  name: z
    .string()
    .transform((v) => v.normalize("NFC").trim())
    .pipe(
      z
        .string()
        .min(1, "catalogue:errors.unitName")
        .max(80, "catalogue:errors.tooLong")
        .refine((v) => !hasControlCharacters(v), "catalogue:errors.unitName")
        // "Phường" / "Xã" come from the kind: typed in too, the label would read "Phường Phường …".
        .refine((v) => !KIND_PREFIX.test(v), "catalogue:errors.unitNamePrefix")
        .transform((v) => v.replace(/\s+/g, " ")),
    ),
  code: z
    .string()
    .trim()
    .default("")
    .refine((v) => v === "" || /^\d{5}$/.test(v), "catalogue:errors.unitCode"),
});
export type AdminUnitInput = z.infer<typeof AdminUnitFormSchema>;

/**
 * What stops an add (selfId undefined) or an edit: a name another unit of the same kind in use
 * already has, or a code another unit in use holds. Retired units give up both (a merged unit often
 * keeps the old name or code). Null when the change may be saved.
 */
export function unitConflicts(units: readonly AdminUnit[], input: AdminUnitInput, selfId?: string): Record<string, string> | null {
  const others = units.filter((u) => u.id !== selfId && !u.retired);
  const errors: Record<string, string> = {};
  if (others.some((u) => u.kind === input.kind && sameUnitName(u.name, input.name))) errors.name = "catalogue:errors.unitNameTaken";
  if (input.code && others.some((u) => u.code === input.code)) errors.code = "catalogue:errors.unitCodeTaken";
  return Object.keys(errors).length ? errors : null;
}
