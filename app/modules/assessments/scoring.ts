// Scoring of a 510 self-assessment. Our own scheme, based on the 510 guidance (no official one is
// published): yes = 1, partly = 0.5, no = 0; "not applicable" leaves the denominator; an item not
// yet answered counts as not met, since an unknown is never taken as fine.

export const ANSWERS = ["yes", "partly", "no", "na"] as const;
export type Answer = (typeof ANSWERS)[number];

const VALUE: Record<Exclude<Answer, "na">, number> = { yes: 1, partly: 0.5, no: 0 };

export type ScoredItem = { key: string; sectionKey: string; weight: number; answer: Answer | null };

export type SectionScore = {
  sectionKey: string;
  /** 0–100, or null when every item is not applicable (or the section has none). */
  score: number | null;
  applicable: number;
  answered: number;
  total: number;
  status: "notStarted" | "inProgress" | "done";
};

export type Gap = { key: string; sectionKey: string; weight: number; answer: Answer | null; priority: number };

function value(answer: Answer | null): number {
  return answer === null || answer === "na" ? 0 : VALUE[answer];
}

function percent(earned: number, possible: number): number | null {
  return possible === 0 ? null : Math.round((earned / possible) * 1000) / 10;
}

export function scoreSection(sectionKey: string, items: readonly ScoredItem[]): SectionScore {
  const own = items.filter((i) => i.sectionKey === sectionKey);
  const counted = own.filter((i) => i.answer !== "na");
  const possible = counted.reduce((sum, i) => sum + i.weight, 0);
  const earned = counted.reduce((sum, i) => sum + i.weight * value(i.answer), 0);
  const answered = own.filter((i) => i.answer !== null).length;
  const status = answered === 0 ? "notStarted" : answered === own.length ? "done" : "inProgress";
  return { sectionKey, score: percent(earned, possible), applicable: counted.length, answered, total: own.length, status };
}

/** Overall score weighs every item, so a long section counts for more than a short one. */
export function scoreOverall(items: readonly ScoredItem[]): number | null {
  const counted = items.filter((i) => i.answer !== "na");
  const possible = counted.reduce((sum, i) => sum + i.weight, 0);
  return percent(
    counted.reduce((sum, i) => sum + i.weight * value(i.answer), 0),
    possible,
  );
}

/** What to fix first: weight × shortfall, highest first; ties keep the checklist's order. */
export function rankGaps(items: readonly ScoredItem[]): Gap[] {
  return items
    .map((item, order) => ({ item, order, priority: item.answer === "na" ? 0 : item.weight * (1 - value(item.answer)) }))
    .filter(({ priority }) => priority > 0)
    .sort((a, b) => b.priority - a.priority || a.order - b.order)
    .map(({ item, priority }) => ({ ...item, priority }));
}

export type MaturityLevel = { key: string; minScore: number };

export function maturityLevel<L extends MaturityLevel>(levels: readonly L[], score: number | null): L | null {
  if (score === null) return null;
  return [...levels].reverse().find((level) => score >= level.minScore) ?? null;
}

export type Change = { key: string; from: Answer | null; to: Answer | null; direction: "better" | "worse" };

/** Items whose answer moved between two assessments (N/A on either side is no movement). */
export function compareAnswers(
  previous: ReadonlyMap<string, Answer | null>,
  current: ReadonlyMap<string, Answer | null>,
): Change[] {
  const changes: Change[] = [];
  for (const [key, to] of current) {
    if (!previous.has(key)) continue;
    const from = previous.get(key) ?? null;
    if (from === "na" || to === "na") continue;
    const delta = value(to) - value(from);
    if (delta !== 0) changes.push({ key, from, to, direction: delta > 0 ? "better" : "worse" });
  }
  return changes;
}
