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
  test("the list holds every unit the resolution created (31 wards, 72 communes), each with its own national code", () => {
    expect(file.units.filter((u) => u.kind === "ward")).toHaveLength(31);
    expect(file.units.filter((u) => u.kind === "commune")).toHaveLength(72);
    expect(file.complete).toBe(true);
    expect(file.effectiveFrom).toBe("2025-07-01");
    const codes = file.units.map((u) => u.code);
    expect(codes.every((c) => c && /^\d{5}$/.test(c))).toBe(true);
    expect(new Set(codes).size).toBe(codes.length);
  });
  test.each(["Tân Lộc", "Thạnh Phú", "Cù Lao Dung", "Trần Đề", "Lai Hòa", "Vĩnh Hải"])("%s, missing before, is listed", (name) => {
    expect(file.units.some((u) => u.name === name)).toBe(true);
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

  // The corrected cycles (docs/legal/research-catalogue.md §2–3): Circular 23/2013/TT-BKHCN Art. 4(1)
  // as amended by Circular 07/2019/TT-BKHCN, in force 1/1/2020 (codified as article 19.4.TT.3.4),
  // with the original circular's values from 15/11/2013 where a source gives them.
  const cycleOf = (id: string, day: string) => {
    const type = catalogue.types.find((t) => t.id === id);
    const rows = (type?.cycles ?? []).filter((c) => c.effectiveFrom <= day);
    return rows.at(-1)?.months;
  };
  test.each([
    ["electricity-meter-1-phase-induction", 60, 60],
    ["electricity-meter-1-phase-electronic", 72, 60],
    ["electricity-meter-3-phase-induction", 48, 24],
    ["electricity-meter-3-phase-electronic", 36, 24],
    ["gas-meter-lpg", 12, 12],
    ["gas-meter-industrial", 36, 36],
    ["gas-meter-domestic-small", 60, 60],
    ["gas-meter-domestic-large", 36, 36],
    ["spring-dial-scale", 24, 24],
    ["taximeter", 18, 12],
    ["speed-gun", 24, 12],
    ["fuel-dispenser", 12, 12],
    ["water-meter-mechanical", 60, 60],
    ["water-meter-electronic", 36, 36],
    ["tank-level-gauge", 12, 12],
    ["insulation-tester", 12, 12],
    ["earth-resistance-tester", 12, 12],
    ["refractometer", 12, 12],
    ["piston-pipette", 24, 24],
    ["temperature-humidity-logger", 24, 24],
    ["ph-meter", 12, 12],
    ["torque-wrench", 12, 12],
    ["crane-scale", 12, 12],
    ["belt-scale", 12, 12],
    ["axle-load-scale", 12, 12],
    ["enforcement-vehicle-scale", 24, 24],
    ["weight-class-e2", 24, 24],
    ["weight-class-f1-coarser", 12, 12],
    ["fixed-storage-tank", 60, 60],
    ["volume-measure", 24, 24],
    ["hydrometer", 24, 24],
    ["glass-thermometer", 24, 24],
    ["gas-concentration-meter-flue-gas", 12, 12],
    ["dust-meter-ambient", 12, 12],
    ["salt-moisture-meter", 12, 12],
  ] as const)("%s: %i months from 1/1/2020, %i before", (id, from2020, before) => {
    expect(cycleOf(id, "2026-12-04")).toBe(from2020);
    expect(cycleOf(id, "2019-12-31")).toBe(before);
  });

  test("EV-charger meters join the list on 15/10/2024 (Circular 03/2024), and have no cycle before", () => {
    expect(cycleOf("ev-charger-dc-energy-meter", "2024-10-15")).toBe(36);
    expect(cycleOf("ebike-charger-energy-meter", "2024-10-15")).toBe(60);
    expect(cycleOf("ev-charger-ac-energy-meter", "2024-10-14")).toBeUndefined();
  });

  test.each([
    "road-tank-truck", "analytical-balance", "technical-balance", "pressure-gauge", "grain-moisture-meter",
    "sound-level-meter", "blood-pressure-gauge", "electro-optical-distance-meter", "total-station",
    "levelling-instrument", "water-depth-meter", "underground-depth-meter", "vehicle-emission-analyser",
  ])("%s needs no type approval (the list shows \"-\")", (id) => {
    const type = catalogue.types.find((t) => t.id === id)!;
    for (const row of type.cycles) expect(row.controls ?? type.controls).not.toContain("typeApproval");
  });

  test("every row says where it comes from and how sure we are; values not read in the text say so", () => {
    for (const type of catalogue.types) {
      for (const row of type.cycles) {
        expect(row.document, type.id).toMatch(/Thông tư \d+\/\d{4}\/TT-BKHCN/);
        if (row.basis !== "confirmed") expect(row.note.length, `${type.id} ${row.effectiveFrom}`).toBeGreaterThan(20);
      }
    }
  });

  test("the generic meter types are retired in favour of the kinds the list distinguishes, and use the shorter cycle", () => {
    for (const id of ["gas-meter", "electricity-meter-1-phase", "electricity-meter-3-phase"]) {
      expect(catalogue.types.find((t) => t.id === id)?.retiredOn, id).toBeTruthy();
    }
    expect(cycleOf("electricity-meter-3-phase", "2026-12-04")).toBe(36);
    expect(cycleOf("gas-meter", "2026-12-04")).toBe(12);
  });

  test("the schema refuses a group-2 type without controls and cycles out of order", () => {
    const taximeter = catalogue.types.find((t) => t.id === "taximeter")!;
    const withoutControls = { ...taximeter, controls: [], cycles: taximeter.cycles.map((c) => ({ ...c, controls: [] })) };
    expect(CatalogueFileSchema.safeParse({ ...catalogue, types: [withoutControls] }).success).toBe(false);
    expect(CatalogueFileSchema.safeParse({ ...catalogue, types: [{ ...taximeter, cycles: [...taximeter.cycles].reverse() }] }).success).toBe(false);
    expect(CatalogueFileSchema.safeParse({ ...catalogue, types: [taximeter, taximeter] }).success).toBe(false);
  });
});
