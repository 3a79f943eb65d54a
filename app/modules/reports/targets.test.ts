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

  // The plan's own words (Kế hoạch 155/KH-UBND, section II), which the portal quotes beside each target.
  test.each([
    { id: "engagements", phase: "phase1", section: "II.1.c", words: ["kiểm định, hiệu chuẩn, thử nghiệm", "xây dựng phương pháp đo cho ít nhất 20 lượt doanh nghiệp, tổ chức"] },
    { id: "engagements", phase: "phase2", section: "II.2.c", words: ["kiểm định, hiệu chuẩn, thử nghiệm", "xây dựng phương pháp đo cho ít nhất 30 lượt doanh nghiệp"] },
    { id: "serviceOrganisations", phase: "phase1", section: "II.1.c", words: ["ít nhất 02 tổ chức kiểm định, hiệu chuẩn, thử nghiệm"] },
    { id: "serviceOrganisations", phase: "phase2", section: "II.2.c", words: ["ít nhất 03 tổ chức kiểm định, hiệu chuẩn, thử nghiệm"] },
    { id: "laboratories", phase: "phase1", section: "II.1.d", words: ["ít nhất 02 phòng thí nghiệm được công nhận"] },
    { id: "laboratories", phase: "phase2", section: "II.2.d", words: ["ít nhất 03 phòng thí nghiệm được công nhận"] },
    { id: "peopleTrained", phase: "phase1", section: "II.1.b", words: ["ít nhất 120 lượt người"] },
    { id: "peopleTrained", phase: "phase2", section: "II.2.b", words: ["ít nhất 150 lượt người"] },
    { id: "standards", phase: "phase1", section: "II.1.a", words: ["Phát triển được ít nhất 05 chuẩn đo lường, phương tiện đo"] },
    { id: "standards", phase: "phase2", section: "II.2.a", words: ["Hỗ trợ và khuyến khích xã hội hóa ít nhất 05 chuẩn đo lường, phương tiện đo"] },
  ] as const)("$id in $phase quotes section $section", ({ id, phase, section, words }) => {
    const quote = planTargets.targets.find((t) => t.id === id)!.planText[phase];
    expect(quote.section).toBe(section);
    for (const word of words) expect(quote.vi).toContain(word);
  });

  test("the engagements count no self-assessment: the counting says so and the reading is labelled apart", () => {
    const engagements = planTargets.targets.find((t) => t.id === "engagements")!;
    expect(engagements.counting.vi).toContain("Bản tự đánh giá");
    expect(engagements.counting.vi).toMatch(/không được tính/);
    expect(engagements.counting.en).toMatch(/self-assessment[^.]*does not count/);
    // How a "lượt" is counted is the portal's reading, not the plan's: it lives in the interpretation only.
    expect(engagements.counting.vi).not.toContain("một lượt");
    expect(engagements.interpretation?.vi).toContain("Mỗi yêu cầu hoàn thành là một lượt");
  });

  test("the standards target is named per phase as the plan words it: developed, then socialised", () => {
    const standards = planTargets.targets.find((t) => t.id === "standards")!;
    expect(standards.phaseNames?.phase1.vi).toMatch(/được phát triển$/);
    expect(standards.phaseNames?.phase2.vi).toMatch(/xã hội hóa$/);
  });

  test("a plan quote without its section, or a section that is not the plan's numbering, is refused", () => {
    const [first, ...rest] = planTargets.targets;
    const withQuote = (quote: unknown) => ({ ...planTargets, targets: [{ ...first!, planText: { ...first!.planText, phase1: quote } }, ...rest] });
    expect(PlanTargetsFileSchema.safeParse(withQuote({ vi: first!.planText.phase1.vi, en: first!.planText.phase1.en })).success).toBe(false);
    expect(PlanTargetsFileSchema.safeParse(withQuote({ ...first!.planText.phase1, section: "2.1.c" })).success).toBe(false);
    expect(PlanTargetsFileSchema.safeParse(withQuote(first!.planText.phase1)).success).toBe(true);
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
