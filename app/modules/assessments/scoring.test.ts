import { describe, expect, test } from "vitest";
import { type Answer, compareAnswers, maturityLevel, rankGaps, scoreOverall, scoreSection, type ScoredItem } from "./scoring";

const item = (key: string, weight: number, answer: Answer | null, sectionKey = "s"): ScoredItem => ({ key, sectionKey, weight, answer });

describe("scoreSection", () => {
  test("yes counts fully, partly half, no nothing, weighted", () => {
    const items = [item("a", 3, "yes"), item("b", 2, "partly"), item("c", 1, "no")];
    // (3 + 1 + 0) / 6
    expect(scoreSection("s", items)).toMatchObject({ score: 66.7, applicable: 3, answered: 3, total: 3, status: "done" });
  });
  test("not applicable leaves the denominator", () => {
    expect(scoreSection("s", [item("a", 3, "yes"), item("b", 3, "na")]).score).toBe(100);
  });
  test("a section where everything is not applicable has no score, and is done", () => {
    expect(scoreSection("s", [item("a", 2, "na"), item("b", 1, "na")])).toMatchObject({ score: null, applicable: 0, status: "done" });
  });
  test("an empty section has no score and has not started", () => {
    expect(scoreSection("s", [])).toMatchObject({ score: null, total: 0, status: "notStarted" });
  });
  test("unanswered items count as not met, never as fine", () => {
    expect(scoreSection("s", [item("a", 1, "yes"), item("b", 1, null)])).toMatchObject({ score: 50, answered: 1, status: "inProgress" });
  });
  test("nothing answered yet", () => {
    expect(scoreSection("s", [item("a", 1, null)])).toMatchObject({ score: 0, status: "notStarted" });
  });
  test("only the section's own items count", () => {
    expect(scoreSection("s", [item("a", 1, "yes"), item("x", 5, "no", "other")]).score).toBe(100);
  });
});

describe("scoreOverall", () => {
  test("weighs items, not sections", () => {
    const items = [item("a", 1, "yes", "one"), item("b", 1, "no", "two"), item("c", 1, "no", "two")];
    expect(scoreOverall(items)).toBe(33.3);
  });
  test("all not applicable gives no score", () => {
    expect(scoreOverall([item("a", 1, "na")])).toBeNull();
  });
  test("no items gives no score", () => {
    expect(scoreOverall([])).toBeNull();
  });
});

describe("rankGaps", () => {
  test("ranks by weight times shortfall", () => {
    const gaps = rankGaps([item("met", 3, "yes"), item("half", 3, "partly"), item("light", 1, "no"), item("heavy", 3, "no"), item("skip", 3, "na")]);
    expect(gaps.map((g) => [g.key, g.priority])).toEqual([
      ["heavy", 3],
      ["half", 1.5],
      ["light", 1],
    ]);
  });
  test("an unanswered item is a gap", () => {
    expect(rankGaps([item("open", 2, null)]).map((g) => g.key)).toEqual(["open"]);
  });
  test("ties keep the checklist order", () => {
    expect(rankGaps([item("first", 2, "no"), item("second", 2, "no")]).map((g) => g.key)).toEqual(["first", "second"]);
  });
  test("all met or not applicable: no gaps", () => {
    expect(rankGaps([item("a", 1, "yes"), item("b", 1, "na")])).toEqual([]);
  });
});

describe("maturityLevel", () => {
  const levels = [
    { key: "initial", minScore: 0 },
    { key: "developing", minScore: 40 },
    { key: "established", minScore: 70 },
    { key: "leading", minScore: 90 },
  ];
  test.each([
    { score: 0, level: "initial" },
    { score: 39.9, level: "initial" },
    { score: 40, level: "developing" },
    { score: 89.9, level: "established" },
    { score: 100, level: "leading" },
  ])("$score is $level", ({ score, level }) => {
    expect(maturityLevel(levels, score)?.key).toBe(level);
  });
  test("no score, no level", () => {
    expect(maturityLevel(levels, null)).toBeNull();
  });
});

describe("compareAnswers", () => {
  test("reports what improved and what got worse, ignoring N/A and new items", () => {
    const previous = new Map<string, Answer | null>([["a", "no"], ["b", "yes"], ["c", "na"], ["d", null]]);
    const current = new Map<string, Answer | null>([["a", "partly"], ["b", "no"], ["c", "no"], ["d", "yes"], ["e", "yes"]]);
    expect(compareAnswers(previous, current)).toEqual([
      { key: "a", from: "no", to: "partly", direction: "better" },
      { key: "b", from: "yes", to: "no", direction: "worse" },
      { key: "d", from: null, to: "yes", direction: "better" },
    ]);
  });
});
