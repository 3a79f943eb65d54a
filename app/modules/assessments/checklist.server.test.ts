import { expect, test } from "vitest";
import { applicableSections, checklistFor, CURRENT_CHECKLIST_VERSION } from "./checklist.server";

const checklist = checklistFor(CURRENT_CHECKLIST_VERSION);
const keysFor = (sectors: string[]) => applicableSections(checklist, sectors).flatMap((s) => s.items.map((i) => i.key));

test("a fuel retailer sees fuel items and no water items; a water utility the reverse", () => {
  const sectorItems = (sector: string) =>
    checklist.sections.flatMap((s) => s.items).filter((i) => i.sectors?.includes(sector)).map((i) => i.key);
  const only = (sector: string) =>
    checklist.sections.flatMap((s) => s.items).filter((i) => i.sectors?.length === 1 && i.sectors[0] === sector).map((i) => i.key);
  const fuel = keysFor(["fuel"]);
  const water = keysFor(["water"]);
  expect(sectorItems("fuel").every((k) => fuel.includes(k))).toBe(true);
  expect(only("water").length).toBeGreaterThan(0);
  expect(only("water").some((k) => fuel.includes(k))).toBe(false);
  expect(sectorItems("water").every((k) => water.includes(k))).toBe(true);
  expect(only("fuel").some((k) => water.includes(k))).toBe(false);
});

test("items for everyone apply to every sector, and a business in two sectors sees both sets", () => {
  const general = checklist.sections.flatMap((s) => s.items).filter((i) => !i.sectors).map((i) => i.key);
  expect(general.every((k) => keysFor(["other"]).includes(k))).toBe(true);
  const both = keysFor(["fuel", "water"]);
  expect(both.length).toBeGreaterThan(keysFor(["fuel"]).length);
});

test("an unknown version is an error, not a silent fallback", () => {
  expect(() => checklistFor("510-v0")).toThrow(/unknown checklist version/);
});
