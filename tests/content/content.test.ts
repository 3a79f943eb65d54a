import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import {
  AdminUnitsFileSchema,
  CatalogueFileSchema,
  ChecklistFileSchema,
  SectorsFileSchema,
  TranslationTreeSchema,
  type TranslationTree,
} from "~/modules/content/schemas";

const contentDir = join(process.cwd(), "content");
const readJson = (path: string) => JSON.parse(readFileSync(join(contentDir, path), "utf8")) as unknown;

describe("sectors and ownership types", () => {
  const file = SectorsFileSchema.parse(readJson("sectors.json"));
  test("ids are unique", () => {
    expect(new Set(file.sectors.map((s) => s.id)).size).toBe(file.sectors.length);
    expect(new Set(file.ownershipTypes.map((o) => o.id)).size).toBe(file.ownershipTypes.length);
  });
  test("the city plan's priority sectors are all there", () => {
    const ids = file.sectors.map((s) => s.id);
    for (const id of ["fuel", "electricity", "water", "transport", "logistics", "hitech_agriculture", "other"]) {
      expect(ids).toContain(id);
    }
  });
});

describe("Cần Thơ wards and communes", () => {
  const file = AdminUnitsFileSchema.parse(readJson("admin-units/can-tho-2025.json"));
  test("ids and names are unique within each kind", () => {
    expect(new Set(file.units.map((u) => u.id)).size).toBe(file.units.length);
    const names = file.units.map((u) => `${u.kind}:${u.name}`);
    expect(new Set(names).size).toBe(names.length);
  });
  test("the list holds no more units than the resolution created (31 wards, 72 communes)", () => {
    expect(file.units.filter((u) => u.kind === "ward").length).toBeLessThanOrEqual(31);
    expect(file.units.filter((u) => u.kind === "commune").length).toBeLessThanOrEqual(72);
    expect(file.effectiveFrom).toBe("2025-07-01");
  });
});

/** Keys of a translation tree, with i18next's plural suffixes folded into the base key. */
function keysOf(tree: TranslationTree, prefix = ""): string[] {
  return Object.entries(tree).flatMap(([key, value]) => {
    const path = `${prefix}${key.replace(/_(zero|one|two|few|many|other)$/, "")}`;
    return typeof value === "string" ? [path] : keysOf(value, `${path}.`);
  });
}

function interpolations(tree: TranslationTree, prefix = ""): Map<string, string> {
  const found = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = `${prefix}${key.replace(/_(zero|one|two|few|many|other)$/, "")}`;
    if (typeof value === "string") {
      const names = [...value.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
      found.set(path, [...new Set([...(found.get(path)?.split(",").filter(Boolean) ?? []), ...names])].sort().join(","));
    } else {
      for (const [k, v] of interpolations(value, `${path}.`)) found.set(k, v);
    }
  }
  return found;
}

describe("UI translations", () => {
  const namespaces = readdirSync(join(contentDir, "locales/vi")).filter((f) => f.endsWith(".json"));
  test("both languages have the same files", () => {
    expect(readdirSync(join(contentDir, "locales/en")).filter((f) => f.endsWith(".json")).sort()).toEqual(namespaces.sort());
  });
  test.each(namespaces)("%s has the same keys and placeholders in Vietnamese and English", (file) => {
    const vi = TranslationTreeSchema.parse(readJson(`locales/vi/${file}`));
    const en = TranslationTreeSchema.parse(readJson(`locales/en/${file}`));
    const viKeys = [...new Set(keysOf(vi))].sort();
    const enKeys = [...new Set(keysOf(en))].sort();
    expect(enKeys.filter((k) => !viKeys.includes(k)), "keys only in English").toEqual([]);
    expect(viKeys.filter((k) => !enKeys.includes(k)), "keys only in Vietnamese").toEqual([]);
    expect(Object.fromEntries(interpolations(en))).toEqual(Object.fromEntries(interpolations(vi)));
  });
});

describe("510 checklist", () => {
  const checklistFiles = readdirSync(join(contentDir, "checklist")).filter((f) => f.endsWith(".json"));
  const sectorIds = SectorsFileSchema.parse(readJson("sectors.json")).sectors.map((s) => s.id);

  test.each(checklistFiles)("%s follows the schema: unique keys, both languages, positive weights, known sectors", (file) => {
    const checklist = ChecklistFileSchema.parse(readJson(`checklist/${file}`));
    expect(file).toBe(`${checklist.version}.json`);
    const items = checklist.sections.flatMap((s) => s.items);
    for (const item of items) {
      for (const sector of item.sectors ?? []) expect(sectorIds, `${item.key} names sector ${sector}`).toContain(sector);
    }
  });

  test("the current checklist has at least 40 items, with sector items for each priority sector", () => {
    const checklist = ChecklistFileSchema.parse(readJson("checklist/510-v1.json"));
    const items = checklist.sections.flatMap((s) => s.items);
    expect(items.length).toBeGreaterThanOrEqual(40);
    const forSector = (...sectors: string[]) => items.filter((i) => i.sectors?.some((s) => sectors.includes(s))).length;
    expect(forSector("fuel")).toBeGreaterThanOrEqual(2);
    expect(forSector("electricity")).toBeGreaterThanOrEqual(2);
    expect(forSector("water")).toBeGreaterThanOrEqual(2);
    expect(forSector("transport", "logistics")).toBeGreaterThanOrEqual(2);
    expect(forSector("hitech_agriculture")).toBeGreaterThanOrEqual(2);
  });

  test("the schema refuses duplicate keys, missing translations and zero weights", () => {
    const checklist = ChecklistFileSchema.parse(readJson("checklist/510-v1.json"));
    const [section] = checklist.sections;
    const [first] = section!.items;
    const duplicate = { ...checklist, sections: [{ ...section!, items: [first!, first!] }] };
    expect(ChecklistFileSchema.safeParse(duplicate).success).toBe(false);
    const untranslated = { ...checklist, sections: [{ ...section!, items: [{ ...first!, question: { vi: first!.question.vi, en: "" } }] }] };
    expect(ChecklistFileSchema.safeParse(untranslated).success).toBe(false);
    const weightless = { ...checklist, sections: [{ ...section!, items: [{ ...first!, weight: 0 }] }] };
    expect(ChecklistFileSchema.safeParse(weightless).success).toBe(false);
  });
});

describe("instrument-type catalogue", () => {
  const catalogue = CatalogueFileSchema.parse(readJson("catalogue/instrument-types.json"));
  const sectorIds = SectorsFileSchema.parse(readJson("sectors.json")).sectors.map((s) => s.id);

  test("every type names known sectors, and group-2 types carry a legal cycle with its source", () => {
    for (const type of catalogue.types) {
      for (const sector of type.sectors) expect(sectorIds, `${type.id} names ${sector}`).toContain(sector);
      if (type.group === 2) for (const cycle of type.cycles) expect(cycle.source.length).toBeGreaterThan(5);
    }
    expect(catalogue.types.filter((t) => t.group === 2).length).toBeGreaterThan(20);
    expect(catalogue.types.filter((t) => t.group === 1).length).toBeGreaterThan(10);
  });

  test("the taximeter's cycle went from 12 to 18 months on 15/10/2024", () => {
    const taximeter = catalogue.types.find((t) => t.id === "taximeter")!;
    expect(taximeter.cycles.map((c) => [c.months, c.effectiveFrom])).toEqual([
      [12, "2020-01-01"],
      [18, "2024-10-15"],
    ]);
  });

  test("the schema refuses a group-2 type without controls and cycles out of order", () => {
    const taximeter = catalogue.types.find((t) => t.id === "taximeter")!;
    expect(CatalogueFileSchema.safeParse({ ...catalogue, types: [{ ...taximeter, controls: [] }] }).success).toBe(false);
    expect(CatalogueFileSchema.safeParse({ ...catalogue, types: [{ ...taximeter, cycles: [...taximeter.cycles].reverse() }] }).success).toBe(false);
    expect(CatalogueFileSchema.safeParse({ ...catalogue, types: [taximeter, taximeter] }).success).toBe(false);
  });
});
