import { type BusinessScope } from "~/utils/auth.server";
import { localize } from "~/modules/content/content";
import { answersOf, type AssessmentRow, previousSubmitted, scoredItems, sectionProgress, sectionsOf } from "./assessments.server";
import { applicableSections, checklistFor } from "./checklist.server";
import { type Answer, compareAnswers, maturityLevel, rankGaps, scoreOverall, scoreSection } from "./scoring";

/** Everything the result page shows, localised: scores, level, ranked gaps and what moved since last time. */
export async function assessmentResult(scope: BusinessScope, assessment: AssessmentRow, language: string) {
  const { checklist, sections } = sectionsOf(assessment);
  const answers = await answersOf(assessment.id);
  const items = scoredItems(sections, answers);
  const overall = assessment.status === "submitted" ? assessment.score : scoreOverall(items);
  const level = maturityLevel(checklist.maturityLevels, overall);
  const progress = sectionProgress(sections, answers);
  const itemIndex = new Map(
    sections.flatMap((section, s) => section.items.map((item, i) => [item.key, { item, section, number: `${s + 1}.${i + 1}` }] as const)),
  );

  const previous = await previousSubmitted(scope, assessment);
  let comparison = null;
  if (previous) {
    const previousSections = applicableSections(checklistFor(previous.checklistVersion), JSON.parse(previous.sectors) as string[]);
    const previousAnswers = await answersOf(previous.id);
    const previousItems = scoredItems(previousSections, previousAnswers);
    const changes = compareAnswers(
      new Map(previousItems.map((i) => [i.key, i.answer] as const)),
      new Map(items.map((i) => [i.key, i.answer] as const)),
    );
    comparison = {
      submittedAt: previous.submittedAt,
      score: previous.score,
      delta: overall !== null && previous.score !== null ? Math.round((overall - previous.score) * 10) / 10 : null,
      sections: sections.map((section) => {
        const before = scoreSection(section.key, previousItems).score;
        const now = progress.find((p) => p.sectionKey === section.key)?.score ?? null;
        return { key: section.key, before, delta: before !== null && now !== null ? Math.round((now - before) * 10) / 10 : null };
      }),
      changes: changes.flatMap((change) => {
        const found = itemIndex.get(change.key);
        return found ? [{ ...change, number: found.number, question: localize(found.item.question, language) }] : [];
      }),
    };
  }

  return {
    overall,
    unanswered: items.filter((i) => i.answer === null).length,
    level: level && { key: level.key, name: localize(level.name, language), meaning: localize(level.meaning, language) },
    levels: checklist.maturityLevels.map((l) => ({ key: l.key, minScore: l.minScore, name: localize(l.name, language) })),
    basis: localize(checklist.basis, language),
    sections: sections.map((section, i) => ({
      key: section.key,
      number: i + 1,
      title: localize(section.title, language),
      ...progress[i]!,
      previousDelta: comparison?.sections.find((s) => s.key === section.key)?.delta ?? null,
    })),
    gaps: rankGaps(items).map((gap) => {
      const { item, section, number } = itemIndex.get(gap.key)!;
      return {
        key: gap.key,
        number,
        priority: gap.priority,
        weight: gap.weight,
        answer: gap.answer as Answer | null,
        sectionTitle: localize(section.title, language),
        question: localize(item.question, language),
        action: localize(item.action, language),
      };
    }),
    comparison,
  };
}
