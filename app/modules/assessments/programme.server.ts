// The business's own measurement assurance programme, drafted from one self-assessment. Its parts
// follow the structure of a programme in the Decision 510/QĐ-BKHCN guidance as read in
// shared/domain/facts.md §1.4 (a secondary reading: the document says it is not an official form).
import { type BusinessScope } from "~/utils/auth.server";
import { getOwnBusiness, listSites } from "~/modules/accounts/businesses.server";
import { listMembers } from "~/modules/accounts/members.server";
import { loadCommuneLabels } from "~/modules/admin-units/units.server";
import { adminUnitsFile, communeLabel, localize, sectorName } from "~/modules/content/content";
import { type ChecklistSection } from "~/modules/content/schemas";
import { type Language } from "~/modules/i18n/config";
import { formatDate, formatNumber, vietnamDay } from "~/modules/i18n/format";
import { i18nServer } from "~/modules/i18n/i18next.server";
import { legalCatalogue } from "~/modules/legal/catalogue.server";
import { citation } from "~/modules/legal/rules";
import { registerByType } from "~/modules/instruments/instruments.server";
import { answersOf, getAssessment, scoredItems, sectionsOf, type StoredAnswer } from "./assessments.server";
import { monthsToClose, programmePeriod, reviewSchedule, taskTargetDate } from "./programme";
import { type Answer, maturityLevel, rankGaps, scoreOverall } from "./scoring";

/** A table cell: one line, or several lines shown one under another. */
export type Cell = string | string[];

export type ProgrammeBlock =
  | { kind: "paragraph"; text: string }
  | { kind: "subheading"; text: string }
  | { kind: "facts"; rows: Array<{ label: string; value: string }> }
  | { kind: "list"; items: string[] }
  | { kind: "note"; title: string; text: string }
  /** Widths are percentages of the text width (used by the PDF; the page lets the browser decide). */
  | { kind: "table"; columns: Array<{ label: string; width: number }>; rows: Cell[][] };

export type ProgrammeSection = { key: string; number: number; title: string; blocks: ProgrammeBlock[] };

export type ProgrammeDocument = {
  language: Language;
  assessmentId: number;
  fileName: string;
  pageTitle: string;
  docTitle: string;
  businessName: string;
  programmeName: string;
  periodLine: string;
  status: string;
  basis: { title: string; text: string; form: string };
  currentState: { title: string; paragraphs: string[] };
  sections: ProgrammeSection[];
  approval: {
    title: string;
    place: string;
    /** `name` null: left blank, to be written by hand when signing. */
    signers: Array<{ role: string; position: string | null; hint: string; name: string | null }>;
  };
  labels: { back: string; download: string; printHint: string; generated: string; page: string };
};

// Which checklist sections feed which part of the programme, as the "current state" under it.
const CHECKLIST_SECTIONS_OF = {
  responsibilities: ["organisation"],
  instruments: ["instruments"],
  traceability: ["legal-control", "traceability"],
  methods: ["methods", "environment", "quality-of-results"],
  people: ["people"],
  records: ["records"],
  review: ["improvement"],
  objectives: ["setup"],
} as const;

/** The draft programme, all texts in `language`; null when the assessment is not this business's. */
export async function buildProgramme(scope: BusinessScope, assessmentId: number, language: Language): Promise<ProgrammeDocument | null> {
  const assessment = await getAssessment(scope, assessmentId);
  if (!assessment) return null;
  const [business, sites, members, answers, t, register, catalogue] = await Promise.all([
    getOwnBusiness(scope),
    listSites(scope),
    listMembers(scope),
    answersOf(assessmentId),
    i18nServer.getFixedT(language, "programme"),
    registerByType(scope, vietnamDay()),
    legalCatalogue(),
  ]);
  await loadCommuneLabels(); // DOST's current names for the addresses below
  // Group 2 needs a listed type and a legal purpose: a type counts as group 2 here when any of its instruments is.
  const groupOf = (r: { typeId: string; legalPurpose: number }) => (catalogue.type(r.typeId)?.group === 2 && r.legalPurpose > 0 ? 2 : 1);
  if (!business) return null;

  const lng = language;
  const { checklist, sections } = sectionsOf(assessment);
  const items = scoredItems(sections, answers);
  const startedOn = vietnamDay(new Date(assessment.startedAt));
  const submittedOn = assessment.submittedAt ? vietnamDay(new Date(assessment.submittedAt)) : null;
  const period = programmePeriod(startedOn, submittedOn);
  const schedule = reviewSchedule(period.start);
  const today = vietnamDay();
  const d = formatDate;

  const answerLabel = (answer: Answer | null) => t(`answers.${answer ?? "none"}`);
  const itemByKey = new Map(sections.flatMap((s) => s.items.map((item) => [item.key, { item, section: s }] as const)));

  const currentAnswers = (keys: readonly string[]): ProgrammeBlock[] => {
    const chosen = keys.map((key) => sections.find((s) => s.key === key)).filter((s): s is ChecklistSection => !!s);
    return chosen.flatMap((section): ProgrammeBlock[] => [
      { kind: "subheading", text: `${t("currentAnswers")}: ${localize(section.title, lng)}` },
      answerTable(section, answers),
    ]);
  };
  const answerTable = (section: ChecklistSection, stored: ReadonlyMap<string, StoredAnswer>): ProgrammeBlock => {
    const rows = section.items.map((item, i) => {
      const answer = stored.get(item.key);
      return [String(i + 1), localize(item.question, lng), answerLabel(answer?.answer ?? null), answer?.note ?? ""];
    });
    // A column of empty notes only takes room from the questions.
    const withNotes = rows.some((row) => row[3]);
    return {
      kind: "table",
      columns: [
        { label: t("columns.number"), width: 6 },
        { label: t("columns.item"), width: withNotes ? 52 : 78 },
        { label: t("columns.answer"), width: 16 },
        ...(withNotes ? [{ label: t("columns.note"), width: 26 }] : []),
      ],
      rows: withNotes ? rows : rows.map((row) => row.slice(0, 3)),
    };
  };

  // Current state
  const score = assessment.status === "submitted" && assessment.score !== null ? assessment.score : scoreOverall(items);
  const level = maturityLevel(checklist.maturityLevels, score);
  const gaps = rankGaps(items);
  const unanswered = items.filter((i) => i.answer === null).length;
  const stateDate = d(submittedOn ?? vietnamDay(new Date(assessment.updatedAt)));
  const currentState = [
    score === null || !level
      ? t("currentState.noScore", { date: stateDate })
      : t("currentState.score", {
          date: stateDate,
          score: formatNumber(score, lng),
          level: localize(level.name, lng),
          meaning: localize(level.meaning, lng),
        }),
    ...(assessment.status === "draft" ? [t("currentState.draftScore")] : []),
    t("currentState.gaps", { gaps: gaps.length, unanswered }),
  ];

  const address = [business.streetAddress, communeLabel(business.communeId, business.communeOther, lng), localize(adminUnitsFile.province.name, lng)]
    .filter(Boolean)
    .join(", ");
  const siteAddress = (site: (typeof sites)[number]) =>
    [site.streetAddress, communeLabel(site.communeId, site.communeOther, lng)].filter(Boolean).join(", ");

  // 9. Objectives and tasks: every gap, most urgent first.
  const tasks = gaps.map((gap, i) => {
    const found = itemByKey.get(gap.key)!;
    return {
      months: monthsToClose(gap.priority),
      row: [
        String(i + 1),
        localize(found.item.action, lng),
        [localize(found.section.title, lng), answerLabel(gap.answer)],
        business.contactName,
        d(taskTargetDate(period.start, gap.priority)),
      ] as Cell[],
    };
  });
  const countDue = (months: number) => tasks.filter((task) => task.months === months).length;
  const dueAt = (months: number) => d(schedule.find((r) => r.months === months)!.due);
  const specific = [
    ...(countDue(3) ? [t("objectives.high", { count: countDue(3), date: dueAt(3) })] : []),
    ...(countDue(6) ? [t("objectives.medium", { count: countDue(6), date: dueAt(6) })] : []),
    ...(countDue(12) ? [t("objectives.low", { count: countDue(12), date: dueAt(12) })] : []),
    t("objectives.noOverdue"),
    t("objectives.reassess", { date: dueAt(12) }),
  ];

  const sectionsOut: Array<Omit<ProgrammeSection, "number">> = [
    {
      key: "scope",
      title: t("scope.title"),
      blocks: [
        {
          kind: "facts",
          rows: [
            { label: t("scope.business"), value: business.legalName },
            { label: t("scope.taxCode"), value: business.taxCode },
            { label: t("scope.address"), value: address },
            { label: t("scope.sectors"), value: assessment.sectors.map((s) => sectorName(s, lng)).join(", ") },
            { label: t("scope.period"), value: t("scope.periodValue", { start: d(period.start), end: d(period.end) }) },
          ],
        },
        { kind: "paragraph", text: t("scope.covers") },
        { kind: "subheading", text: t("scope.sites") },
        {
          kind: "table",
          columns: [
            { label: t("columns.number"), width: 6 },
            { label: t("columns.site"), width: 44 },
            { label: t("columns.address"), width: 50 },
          ],
          rows: sites.map((site, i) => [String(i + 1), site.name, siteAddress(site)]),
        },
      ],
    },
    {
      key: "responsibilities",
      title: t("responsibilities.title"),
      blocks: [
        {
          kind: "paragraph",
          text: t("responsibilities.inCharge", { name: business.contactName, phone: business.phone, email: business.contactEmail }),
        },
        { kind: "subheading", text: t("responsibilities.members") },
        {
          kind: "table",
          columns: [
            { label: t("columns.number"), width: 6 },
            { label: t("columns.name"), width: 34 },
            { label: t("columns.email"), width: 32 },
            { label: t("columns.role"), width: 28 },
          ],
          rows: members.map((m, i) => [String(i + 1), m.fullName, m.email, t(`responsibilities.roles.${m.role}`)]),
        },
        { kind: "paragraph", text: t("responsibilities.approver") },
        ...currentAnswers(CHECKLIST_SECTIONS_OF.responsibilities),
      ],
    },
    {
      key: "instruments",
      title: t("instruments.title"),
      blocks: [
        ...(register.length
          ? ([
              { kind: "paragraph", text: t("instruments.fromRegister", { count: register.reduce((n, r) => n + r.count, 0), date: d(today) }) },
              {
                kind: "table",
                columns: [
                  { label: t("columns.number"), width: 6 },
                  { label: t("instruments.type"), width: 38 },
                  { label: t("instruments.group"), width: 16 },
                  { label: t("instruments.count"), width: 12 },
                  { label: t("instruments.overdue"), width: 14 },
                  { label: t("instruments.unknown"), width: 14 },
                ],
                rows: register.map((r, i) => {
                  const type = catalogue.type(r.typeId);
                  return [String(i + 1), type ? localize(type.name, lng) : r.typeId, t(`instruments.group${groupOf(r)}`), String(r.count), String(r.overdue), String(r.unknown)];
                }),
              },
            ] satisfies ProgrammeBlock[])
          : // No instrument recorded yet: say so rather than list anything.
            ([{ kind: "note", title: t("instruments.noRegisterTitle"), text: t("instruments.noRegister") }] satisfies ProgrammeBlock[])),
        ...currentAnswers(CHECKLIST_SECTIONS_OF.instruments),
      ],
    },
    {
      key: "traceability",
      title: t("traceability.title"),
      blocks: [
        { kind: "subheading", text: t("traceability.what") },
        { kind: "list", items: [t("traceability.whatGroup2"), t("traceability.whatOthers")] },
        { kind: "subheading", text: t("traceability.where") },
        { kind: "paragraph", text: t("traceability.whereText") },
        { kind: "subheading", text: t("traceability.howOften") },
        { kind: "paragraph", text: t("traceability.howOftenText") },
        ...(register.length
          ? ([
              { kind: "subheading", text: t("traceability.plan") },
              {
                kind: "table",
                columns: [
                  { label: t("instruments.type"), width: 34 },
                  { label: t("traceability.how"), width: 30 },
                  { label: t("traceability.by"), width: 22 },
                  { label: t("traceability.next"), width: 14 },
                ],
                rows: register.map((r) => {
                  const type = catalogue.type(r.typeId);
                  const row = groupOf(r) === 2 ? (type?.current ?? null) : null;
                  const how = row?.cycleMonths
                    ? t("traceability.legalCycle", { months: row.cycleMonths, source: citation(row) })
                    : r.ownInterval
                      ? t("traceability.ownCycle", { months: r.ownInterval })
                      : t("traceability.noCycle");
                  return [type ? localize(type.name, lng) : r.typeId, how, r.provider ?? "—", r.earliestDue ? d(r.earliestDue) : "—"];
                }),
              },
            ] satisfies ProgrammeBlock[])
          : []),
        ...currentAnswers(CHECKLIST_SECTIONS_OF.traceability),
      ],
    },
    {
      key: "methods",
      title: t("methods.title"),
      blocks: [{ kind: "paragraph", text: t("methods.text") }, ...currentAnswers(CHECKLIST_SECTIONS_OF.methods)],
    },
    {
      key: "people",
      title: t("people.title"),
      blocks: [{ kind: "paragraph", text: t("people.text") }, ...currentAnswers(CHECKLIST_SECTIONS_OF.people)],
    },
    {
      key: "records",
      title: t("records.title"),
      blocks: [
        { kind: "paragraph", text: t("records.intro") },
        {
          kind: "list",
          items: (["register", "certificates", "data", "maintenance", "training", "reviews"] as const).map((k) => t(`records.list.${k}`)),
        },
        { kind: "paragraph", text: t("records.portal") },
        ...currentAnswers(CHECKLIST_SECTIONS_OF.records),
      ],
    },
    {
      key: "review",
      title: t("review.title"),
      blocks: [
        { kind: "paragraph", text: t("review.intro", { start: d(period.start) }) },
        {
          kind: "table",
          columns: [
            { label: t("columns.review"), width: 20 },
            { label: t("columns.due"), width: 14 },
            { label: t("columns.reviewContent"), width: 44 },
            { label: t("columns.lead"), width: 22 },
          ],
          rows: schedule.map((point, i) => [
            point.kind === "yearly" ? t("review.yearly") : t("review.quarterly", { n: i + 1 }),
            d(point.due),
            t(point.kind === "yearly" ? "review.year" : `review.q${i + 1}`),
            point.kind === "yearly" ? t("review.headOfBusiness") : business.contactName,
          ]),
        },
        { kind: "paragraph", text: t("review.report") },
        ...currentAnswers(CHECKLIST_SECTIONS_OF.review),
      ],
    },
    {
      key: "objectives",
      title: t("objectives.title"),
      blocks: [
        { kind: "subheading", text: t("objectives.general") },
        { kind: "paragraph", text: t("objectives.generalText") },
        { kind: "subheading", text: t("objectives.specific") },
        { kind: "list", items: specific },
        { kind: "subheading", text: t("objectives.tasks") },
        ...(tasks.length
          ? ([
              { kind: "paragraph", text: t("objectives.tasksIntro") },
              {
                kind: "table",
                columns: [
                  { label: t("columns.number"), width: 6 },
                  { label: t("columns.task"), width: 46 },
                  { label: t("columns.basedOn"), width: 18 },
                  { label: t("columns.responsible"), width: 15 },
                  { label: t("columns.due"), width: 15 },
                ],
                rows: tasks.map((task) => task.row),
              },
            ] satisfies ProgrammeBlock[])
          : ([{ kind: "paragraph", text: t("objectives.noTasks") }] satisfies ProgrammeBlock[])),
        { kind: "subheading", text: t("objectives.solutions") },
        {
          kind: "list",
          items: (["organisation", "cooperation", "communication"] as const).map((k) => t(`objectives.solutionList.${k}`)),
        },
        { kind: "subheading", text: t("objectives.budget") },
        { kind: "paragraph", text: t("objectives.budgetText") },
        ...currentAnswers(CHECKLIST_SECTIONS_OF.objectives),
      ],
    },
  ];

  const businessName = business.legalName;
  return {
    language,
    assessmentId,
    fileName: `chuong-trinh-dbdl-${business.taxCode}-${period.start}.pdf`,
    pageTitle: t("pageTitle", { business: businessName }),
    docTitle: t("docTitle"),
    businessName,
    programmeName: t("programmeName", { business: businessName, start: d(period.start), end: d(period.end) }),
    periodLine: t("periodLine", { start: d(period.start), end: d(period.end) }),
    status:
      assessment.status === "submitted"
        ? t("status.submitted", { today: d(today), submitted: d(submittedOn) })
        : t("status.draft", { today: d(today), updated: d(assessment.updatedAt) }),
    basis: { title: t("basis.title"), text: localize(checklist.basis, lng), form: t("basis.form") },
    currentState: { title: t("currentState.title"), paragraphs: currentState },
    sections: sectionsOut.map((section, i) => ({ ...section, number: i + 1 })),
    approval: {
      title: t("approval.title"),
      place: t("approval.place"),
      signers: [
        { role: t("approval.preparedBy"), position: null, hint: t("approval.signHint"), name: business.contactName },
        { role: t("approval.approvedBy"), position: t("approval.approverRole"), hint: t("approval.signSealHint"), name: null },
      ],
    },
    labels: {
      back: t("actions.back"),
      download: t("actions.download"),
      printHint: t("actions.printHint"),
      generated: t("pdf.generated", { date: d(today) }),
      page: t("pdf.page", { page: "{page}", pages: "{pages}" }),
    },
  };
}
