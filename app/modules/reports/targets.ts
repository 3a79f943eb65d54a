import planJson from "@content/plan/plan-155-targets.json";
import { type PlanTarget, type PlanTargetsFile, PlanTargetsFileSchema } from "~/modules/content/schemas";

// Plan 155/KH-UBND sets its targets per phase, never per year: a year shows what it added to its
// phase's total, and only a phase can meet a target.

// Parsed once at import: a malformed plan file stops the app at start, not mid-request.
export const planTargets: PlanTargetsFile = PlanTargetsFileSchema.parse(planJson);

export type PlanPhase = PlanTargetsFile["phases"][number];
export type PhaseId = PlanPhase["id"];

export function phaseYears(phase: PlanPhase): { from: number; to: number } {
  return { from: Number(phase.from.slice(0, 4)), to: Number(phase.to.slice(0, 4)) };
}

/** The phase a year belongs to, or null before the plan began or after it ended. */
export function phaseOf(year: number, plan: PlanTargetsFile = planTargets): PlanPhase | null {
  return (
    plan.phases.find((phase) => {
      const { from, to } = phaseYears(phase);
      return year >= from && year <= to;
    }) ?? null
  );
}

/** The years whose data a report for `year` needs: from the plan's first year (or `year`, if earlier) to `year`. */
export function yearsNeeded(year: number, plan: PlanTargetsFile = planTargets): { from: number; to: number } {
  const first = Math.min(...plan.phases.map((phase) => phaseYears(phase).from));
  return { from: Math.min(first, year), to: year };
}

/** Per target id, the count of each year; a year missing from the map counted nothing. */
export type YearCounts = Record<string, Readonly<Record<number, number>>>;

export type PhaseProgress = {
  phaseId: PhaseId;
  target: number;
  /** The phase's years up to the selected one (inclusive); none when the phase starts later. */
  yearsCounted: number[];
  count: number;
  /** Count over target, 0–100+ with one decimal: 120 means 20 % beyond the target. */
  percent: number;
  met: boolean;
};

export type TargetProgress = {
  id: string;
  source: PlanTarget["source"];
  activityKind: PlanTarget["activityKind"] | null;
  year: {
    count: number;
    /** The phase the year belongs to; null outside the plan. */
    phaseId: PhaseId | null;
    /** The year's count over its phase's target: what the year contributed. Null outside the plan. */
    percentOfPhaseTarget: number | null;
  };
  phases: PhaseProgress[];
};

export function percentOf(count: number, target: number): number {
  return Math.round((count / target) * 1000) / 10;
}

function countIn(counts: YearCounts, targetId: string, year: number): number {
  return counts[targetId]?.[year] ?? 0;
}

/**
 * Progress of every target for the selected year and for each phase. A phase's total adds only its
 * own years, and only up to the selected year: 2025 counts in phase 1 alone, and a report for 2027
 * shows phase 2 as 2026 + 2027. A phase that ended before the year shows its final total.
 */
export function targetProgress(counts: YearCounts, year: number, plan: PlanTargetsFile = planTargets): TargetProgress[] {
  const yearPhase = phaseOf(year, plan);
  return plan.targets.map((target) => {
    const yearCount = countIn(counts, target.id, year);
    const phases = plan.phases.map((phase): PhaseProgress => {
      const { from, to } = phaseYears(phase);
      const yearsCounted: number[] = [];
      for (let y = from; y <= Math.min(to, year); y++) yearsCounted.push(y);
      const count = yearsCounted.reduce((sum, y) => sum + countIn(counts, target.id, y), 0);
      const goal = target.values[phase.id];
      return { phaseId: phase.id, target: goal, yearsCounted, count, percent: percentOf(count, goal), met: count >= goal };
    });
    return {
      id: target.id,
      source: target.source,
      activityKind: target.activityKind ?? null,
      year: {
        count: yearCount,
        phaseId: yearPhase?.id ?? null,
        percentOfPhaseTarget: yearPhase ? percentOf(yearCount, target.values[yearPhase.id]) : null,
      },
      phases,
    };
  });
}

/**
 * The phase a page shows first: the selected year's, else the last one that began (a year after the
 * plan shows phase 2's final total), else the first.
 */
export function focusPhase(year: number, plan: PlanTargetsFile = planTargets): PlanPhase {
  const own = phaseOf(year, plan);
  if (own) return own;
  const begun = plan.phases.filter((phase) => phaseYears(phase).from <= year);
  return begun[begun.length - 1] ?? plan.phases[0]!;
}

export function planTarget(id: string, plan: PlanTargetsFile = planTargets): PlanTarget | undefined {
  return plan.targets.find((target) => target.id === id);
}

export function planPhase(id: PhaseId, plan: PlanTargetsFile = planTargets): PlanPhase {
  return plan.phases.find((phase) => phase.id === id)!;
}
