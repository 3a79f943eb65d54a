import checklistV1 from "@content/checklist/510-v1.json";
import { type ChecklistFile, ChecklistFileSchema, type ChecklistItem, type ChecklistSection } from "~/modules/content/schemas";

// Every version stays loadable: an assessment is read with the checklist it was started on.
const checklists = new Map<string, ChecklistFile>(
  [checklistV1].map((json) => {
    const file = ChecklistFileSchema.parse(json);
    return [file.version, file];
  }),
);

export const CURRENT_CHECKLIST_VERSION = "510-v1";

export function checklistFor(version: string): ChecklistFile {
  const checklist = checklists.get(version);
  if (!checklist) throw new Error(`unknown checklist version ${version}`);
  return checklist;
}

export function itemApplies(item: ChecklistItem, sectors: readonly string[]): boolean {
  return !item.sectors || item.sectors.some((s) => sectors.includes(s));
}

/** The sections with only the items that apply to these sectors; sections left empty are dropped. */
export function applicableSections(checklist: ChecklistFile, sectors: readonly string[]): ChecklistSection[] {
  return checklist.sections
    .map((section) => ({ ...section, items: section.items.filter((item) => itemApplies(item, sectors)) }))
    .filter((section) => section.items.length > 0);
}
