import { describe, expect, test } from "vitest";
import { PlanTargetsFileSchema } from "~/modules/content/schemas";
import { type YearCounts, focusPhase, percentOf, phaseOf, planTargets, targetProgress, yearsNeeded } from "./targets";

const byId = (counts: YearCounts, year: number) => Object.fromEntries(targetProgress(counts, year).map((p) => [p.id, p]));

describe("the plan file", () => {
  test("is the city plan's: phase 1 2021–2025 with 20/2/2/120/5, phase 2 2026–2030 with 30/3/3/150/5", () => {
    expect(planTargets.phases.map((p) => [p.id, p.from, p.to])).toEqual([
      ["phase1", "2021-01-01", "2025-12-31"],
      ["phase2", "2026-01-01", "2030-12-31"],
    ]);
    expect(Object.fromEntries(planTargets.targets.map((t) => [t.id, [t.values.phase1, t.values.phase2]]))).toEqual({
      engagements: [20, 30],
      serviceOrganisations: [2, 3],
      laboratories: [2, 3],
      peopleTrained: [120, 150],
      standards: [5, 5],
    });
  });

  test("each activity target names its kind; engagements come from the portal", () => {
    expect(planTargets.targets.map((t) => [t.id, t.source, t.activityKind ?? null])).toEqual([
      ["engagements", "portal", null],
      ["serviceOrganisations", "activities", "serviceOrganisation"],
      ["laboratories", "activities", "laboratory"],
      ["peopleTrained", "activities", "training"],
      ["standards", "activities", "standard"],
    ]);
  });

  test("overlapping phases are refused", () => {
    const broken = { ...planTargets, phases: [planTargets.phases[0], { ...planTargets.phases[1], from: "2025-01-01" }] };
    expect(PlanTargetsFileSchema.safeParse(broken).success).toBe(false);
  });
});

describe("phaseOf", () => {
  test.each([
    { year: 2020, phase: null },
    { year: 2021, phase: "phase1" },
    { year: 2025, phase: "phase1" },
    { year: 2026, phase: "phase2" },
    { year: 2030, phase: "phase2" },
    { year: 2031, phase: null },
  ])("$year is in $phase", ({ year, phase }) => {
    expect(phaseOf(year)?.id ?? null).toBe(phase);
  });
});

describe("focusPhase: the phase a page shows first", () => {
  test.each([
    { year: 2019, phase: "phase1" },
    { year: 2024, phase: "phase1" },
    { year: 2026, phase: "phase2" },
    { year: 2032, phase: "phase2" },
  ])("$year shows $phase", ({ year, phase }) => {
    expect(focusPhase(year).id).toBe(phase);
  });
});

describe("yearsNeeded", () => {
  test("from the plan's first year to the selected one", () => {
    expect(yearsNeeded(2027)).toEqual({ from: 2021, to: 2027 });
  });
  test("a year before the plan needs only itself onwards", () => {
    expect(yearsNeeded(2019)).toEqual({ from: 2019, to: 2019 });
  });
});

describe("percentOf", () => {
  test.each([
    { count: 0, target: 30, percent: 0 },
    { count: 10, target: 30, percent: 33.3 },
    { count: 2, target: 3, percent: 66.7 },
    { count: 36, target: 30, percent: 120 },
  ])("$count of $target is $percent %", ({ count, target, percent }) => {
    expect(percentOf(count, target)).toBe(percent);
  });
});

describe("targetProgress", () => {
  const counts: YearCounts = {
    engagements: { 2021: 3, 2024: 8, 2025: 12, 2026: 10, 2027: 7 },
    peopleTrained: { 2025: 40, 2026: 150 },
    laboratories: { 2026: 1 },
  };

  test("the year's count is its share of its own phase's target", () => {
    const p = byId(counts, 2026);
    expect(p.engagements!.year).toEqual({ count: 10, phaseId: "phase2", percentOfPhaseTarget: 33.3 });
    expect(p.peopleTrained!.year).toEqual({ count: 150, phaseId: "phase2", percentOfPhaseTarget: 100 });
  });

  test("2025 closes phase 1: its counts go to phase 1 only, and phase 2 has not started", () => {
    const [phase1, phase2] = byId(counts, 2025).engagements!.phases;
    expect(phase1).toEqual({ phaseId: "phase1", target: 20, yearsCounted: [2021, 2022, 2023, 2024, 2025], count: 23, percent: 115, met: true });
    expect(phase2).toEqual({ phaseId: "phase2", target: 30, yearsCounted: [], count: 0, percent: 0, met: false });
  });

  test("2026 opens phase 2: phase 1 keeps its final total, phase 2 counts 2026 alone", () => {
    const [phase1, phase2] = byId(counts, 2026).engagements!.phases;
    expect(phase1!.count).toBe(23);
    expect(phase1!.yearsCounted).toEqual([2021, 2022, 2023, 2024, 2025]);
    expect(phase2).toEqual({ phaseId: "phase2", target: 30, yearsCounted: [2026], count: 10, percent: 33.3, met: false });
  });

  test("a phase counts its years up to the selected year, not later ones", () => {
    const early = byId(counts, 2024).engagements!.phases[0]!;
    expect(early).toMatchObject({ yearsCounted: [2021, 2022, 2023, 2024], count: 11, percent: 55, met: false });
    const later = byId(counts, 2027).engagements!.phases[1]!;
    expect(later).toMatchObject({ yearsCounted: [2026, 2027], count: 17 });
  });

  test("met means at least the target: exactly 150 people meets 150", () => {
    const [phase1, phase2] = byId(counts, 2026).peopleTrained!.phases;
    expect(phase1).toMatchObject({ count: 40, target: 120, met: false });
    expect(phase2).toMatchObject({ count: 150, target: 150, percent: 100, met: true });
  });

  test("a year with no data counts zero, and the phase total is what came before", () => {
    const p = byId(counts, 2028);
    expect(p.engagements!.year).toEqual({ count: 0, phaseId: "phase2", percentOfPhaseTarget: 0 });
    expect(p.engagements!.phases[1]).toMatchObject({ count: 17, yearsCounted: [2026, 2027, 2028] });
    expect(p.standards!.year.count).toBe(0);
    expect(p.standards!.phases.map((ph) => ph.count)).toEqual([0, 0]);
  });

  test("a target with no counts at all is zero everywhere and not met", () => {
    const p = byId({}, 2026).serviceOrganisations!;
    expect(p.year.count).toBe(0);
    expect(p.phases.map((ph) => [ph.count, ph.met])).toEqual([
      [0, false],
      [0, false],
    ]);
  });

  test("a year before the plan: no phase, no share, both phases at zero", () => {
    const p = byId({ engagements: { 2020: 5 } }, 2020).engagements!;
    expect(p.year).toEqual({ count: 5, phaseId: null, percentOfPhaseTarget: null });
    expect(p.phases.map((ph) => ph.yearsCounted)).toEqual([[], []]);
    expect(p.phases.map((ph) => ph.count)).toEqual([0, 0]);
  });

  test("a year after the plan: no phase, and both phases show their final totals", () => {
    const p = byId({ engagements: { 2025: 4, 2030: 6, 2031: 9 } }, 2031).engagements!;
    expect(p.year).toEqual({ count: 9, phaseId: null, percentOfPhaseTarget: null });
    expect(p.phases.map((ph) => [ph.count, ph.yearsCounted.at(-1)])).toEqual([
      [4, 2025],
      [6, 2030],
    ]);
  });

  test("every target of the plan is reported, in the plan's order, with its source", () => {
    const all = targetProgress(counts, 2026);
    expect(all.map((p) => p.id)).toEqual(planTargets.targets.map((t) => t.id));
    expect(all.find((p) => p.id === "peopleTrained")).toMatchObject({ source: "activities", activityKind: "training" });
  });
});
