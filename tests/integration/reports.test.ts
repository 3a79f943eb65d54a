import ExcelJS from "exceljs";
import { type ActivityKind, type RequestState, type RequestType } from "@db/schema";
import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import { cityFigures, engagedBusinesses, vietnamYearStart } from "~/modules/reports/figures.server";
import { annualReport } from "~/modules/reports/report.server";
import { reportSections } from "~/modules/reports/report-tables";
import { yearPeriod } from "~/modules/requests/statistics";
import { requestStatistics } from "~/modules/requests/statistics.server";
import { type DostScope } from "~/utils/auth.server";
import { db, nowIso } from "~/utils/db.server";
import { loader as overviewLoader } from "~/routes/dost.overview";
import { loader as reportLoader } from "~/routes/dost.report";
import { loader as pdfLoader } from "~/routes/dost.report[.pdf]";
import { loader as xlsxLoader } from "~/routes/dost.report[.xlsx]";
import { createBusinessWithOwner, createUser, requestAs, run } from "../helpers";

// A small city, seeded row by row with exact dates, and the figures it must give for 2026. "Today"
// is 15 January 2027 in Vietnam, so 2026 is a closed year and the Vietnamese new year (17:00 UTC on
// 31 December) separates rows that UTC would put in the same year.

const TODAY = "2027-01-15";
/** An instant at this Vietnamese wall-clock time. */
const vn = (day: string, time = "10:00") => new Date(`${day}T${time}:00+07:00`).toISOString();

type World = Awaited<ReturnType<typeof seedWorld>>;
let world: World;
let scope: DostScope;

async function business(sectors: string[], ownership: string, createdAt: string, commune: string | null) {
  const created = await createBusinessWithOwner({ sectors, ownership, communeId: commune ?? "phuong-ninh-kieu" });
  await db()
    .updateTable("business")
    .set({ created_at: createdAt, commune_id: commune, commune_other: commune ? null : "Ấp Mới" })
    .where("id", "=", created.businessId)
    .execute();
  const site = await db().selectFrom("site").where("business_id", "=", created.businessId).select("id").executeTakeFirstOrThrow();
  return { ...created, siteId: site.id };
}

async function assessment(businessId: number, userId: number, startedAt: string, submittedAt: string | null, score: number | null) {
  await db()
    .insertInto("assessment")
    .values({
      business_id: businessId,
      checklist_version: "510-v1",
      sectors: "[]",
      status: submittedAt ? "submitted" : "draft",
      started_by: userId,
      started_at: startedAt,
      updated_by: userId,
      updated_at: submittedAt ?? startedAt,
      submitted_by: submittedAt ? userId : null,
      submitted_at: submittedAt,
      score,
      maturity_level: null,
    })
    .execute();
}

let tag = 0;
async function instrument(b: { businessId: number; siteId: number }, status: "in_service" | "retired", nextDueOn: string | null) {
  tag += 1;
  await db()
    .insertInto("instrument")
    .values({
      business_id: b.businessId,
      site_id: b.siteId,
      type_id: "fuel-dispenser",
      tag: `T-${tag}`,
      name: `Cột đo ${tag}`,
      purpose: "trade",
      status,
      own_interval_months: null,
      public_token: `token-${tag}-${Math.random()}`,
      legal_due_on: nextDueOn,
      own_due_on: null,
      next_due_on: nextDueOn,
      due_rule: null,
      last_event_on: null,
      last_certificate_no: null,
      last_provider: null,
      range_min: null,
      range_max: null,
      created_at: nowIso(),
      updated_at: nowIso(),
    })
    .execute();
}

let requestNumber = 0;
async function supportRequest(
  businessId: number,
  userId: number,
  type: RequestType,
  state: RequestState,
  dates: { submittedOn?: string; decidedOn?: string; completedAt?: string } = {},
) {
  requestNumber += 1;
  await db()
    .insertInto("support_request")
    .values({
      business_id: businessId,
      code: dates.submittedOn ? `HT-2026-${String(requestNumber).padStart(6, "0")}` : null,
      type,
      state,
      title: `Yêu cầu ${type}`,
      desired_on: null,
      trainees: null,
      origin: null,
      assessment_id: null,
      assessment_item: null,
      created_by: userId,
      created_at: nowIso(),
      updated_at: nowIso(),
      submitted_at: dates.submittedOn ? vn(dates.submittedOn) : null,
      submitted_on: dates.submittedOn ?? null,
      sla_days: dates.submittedOn ? 10 : null,
      deadline_on: dates.submittedOn ? dates.submittedOn.replace(/-\d\d$/, "-28") : null,
      appointment_on: null,
      paused_since: null,
      assignee_id: null,
      decided_at: dates.decidedOn ? vn(dates.decidedOn) : null,
      decided_on: dates.decidedOn ?? null,
      plan_provider: null,
      plan_on: null,
      plan_note: null,
      reject_reason: null,
      completed_at: dates.completedAt ?? null,
      outcome: dates.completedAt ? "Đã thực hiện" : null,
      closed_at: dates.completedAt ?? null,
    })
    .execute();
}

async function activity(kind: ActivityKind, heldOn: string, quantity: number, userId: number, title = `Hoạt động ${kind} ${heldOn}`) {
  await db()
    .insertInto("programme_activity")
    .values({ kind, held_on: heldOn, title, quantity, provider_id: null, created_by: userId, created_at: nowIso(), updated_by: userId, updated_at: nowIso() })
    .execute();
}

async function seedWorld() {
  const reviewer = await createUser("dost_reviewer", null);
  // A: fuel, registered 2025. B: water, 2026. C: fuel + water, 23:30 on 31/12/2026 in Vietnam, a
  // commune typed by hand. D: water, 00:30 on 1/1/2027 in Vietnam (still 2026 in UTC).
  const a = await business(["fuel"], "private", vn("2025-03-01"), "phuong-ninh-kieu");
  const b = await business(["water"], "foreign", vn("2026-02-10"), "phuong-cai-khe");
  const c = await business(["fuel", "water"], "state", vn("2026-12-31", "23:30"), null);
  const d = await business(["water"], "private", vn("2027-01-01", "00:30"), "phuong-cai-khe");

  await assessment(a.businessId, a.ownerId, vn("2025-04-01"), vn("2025-05-01"), 40);
  await assessment(a.businessId, a.ownerId, vn("2026-02-20"), vn("2026-03-01"), 60);
  await assessment(b.businessId, b.ownerId, vn("2026-06-01"), null, null);
  await assessment(c.businessId, c.ownerId, vn("2026-06-15"), vn("2026-07-01"), 70);
  // Submitted half an hour into 2027 in Vietnam: a 2027 engagement, not C's score for 2026.
  await assessment(c.businessId, c.ownerId, vn("2026-12-01"), vn("2027-01-01", "00:30"), 90);

  await instrument(a, "in_service", "2026-12-01"); // overdue
  await instrument(a, "in_service", "2027-06-01"); // in date
  await instrument(a, "in_service", null); // unknown
  await instrument(a, "retired", "2020-01-01"); // out of the schedule
  await instrument(b, "in_service", TODAY); // due today: still in date
  await instrument(b, "in_service", "2027-01-14"); // overdue
  await instrument(c, "in_service", "2028-01-01"); // in date
  await instrument(d, "in_service", null); // unknown; compliance is today's, D counts

  await supportRequest(a.businessId, a.ownerId, "calibration", "completed", {
    submittedOn: "2026-03-02",
    decidedOn: "2026-03-05",
    completedAt: vn("2026-04-01"),
  });
  // Completed at 01:00 on 1/1/2027 in Vietnam: B's engagement is 2027's.
  await supportRequest(b.businessId, b.ownerId, "verification", "completed", {
    submittedOn: "2026-05-04",
    decidedOn: "2026-05-08",
    completedAt: vn("2027-01-01", "01:00"),
  });
  // Training and an approved-but-not-completed method request are not engagements.
  await supportRequest(b.businessId, b.ownerId, "training", "completed", { submittedOn: "2026-06-01", decidedOn: "2026-06-03", completedAt: vn("2026-06-10") });
  await supportRequest(b.businessId, b.ownerId, "method", "approved", { submittedOn: "2026-08-03", decidedOn: "2026-08-05" });
  await supportRequest(a.businessId, a.ownerId, "testing", "completed", { submittedOn: "2025-08-04", decidedOn: "2025-08-06", completedAt: vn("2025-09-01") });
  await supportRequest(a.businessId, a.ownerId, "programme", "draft");
  // Submitted and decided in 2025, completed in 2026: C's method development is a 2026 engagement;
  // B's completed help with the programme is not one (Plan 155 counts verification, calibration,
  // testing and method development), nor is C's 2027 self-assessment.
  await supportRequest(c.businessId, c.ownerId, "method", "completed", { submittedOn: "2025-12-01", decidedOn: "2025-12-03", completedAt: vn("2026-02-02") });
  await supportRequest(b.businessId, b.ownerId, "programme", "completed", { submittedOn: "2025-11-03", decidedOn: "2025-11-05", completedAt: vn("2026-03-02") });
  // A second engagement of A in 2026: each completed request is one "lượt".
  await supportRequest(a.businessId, a.ownerId, "verification", "completed", { submittedOn: "2025-10-01", decidedOn: "2025-10-03", completedAt: vn("2026-05-04") });

  await activity("training", "2025-11-20", 40, reviewer.id);
  await activity("training", "2026-03-10", 25, reviewer.id, "Tập huấn đo lường cho doanh nghiệp xăng dầu");
  await activity("training", "2026-09-10", 30, reviewer.id);
  await activity("standard", "2026-05-05", 2, reviewer.id);
  await activity("laboratory", "2026-12-31", 1, reviewer.id);
  await activity("serviceOrganisation", "2027-01-05", 1, reviewer.id);

  return { reviewer, a, b, c, d };
}

beforeAll(async () => {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(new Date(vn(TODAY, "09:00")));
  world = await seedWorld();
  scope = {
    kind: "dost",
    user: { id: world.reviewer.id, email: world.reviewer.email, fullName: "Người dùng", role: "dost_reviewer", businessId: null, businessName: null },
  };
});

afterAll(() => {
  vi.useRealTimers();
});

describe("the city's figures for 2026", () => {
  test("Vietnam's year starts at 17:00 UTC on 31 December", () => {
    expect(vietnamYearStart(2027)).toBe("2026-12-31T17:00:00.000Z");
  });

  test("businesses registered by the end of the year, by sector, ownership and ward", async () => {
    const { businesses } = await cityFigures(scope, 2026, TODAY);
    expect(businesses.total).toBe(3);
    expect(businesses.newInYear).toBe(2);
    const bySector = Object.fromEntries(businesses.bySector.map((s) => [s.sector, s.count]));
    expect(bySector).toMatchObject({ fuel: 2, water: 2, electricity: 0 });
    expect(Object.fromEntries(businesses.byOwnership.map((o) => [o.ownership, o.count]))).toEqual({ private: 1, foreign: 1, state: 1 });
    expect(businesses.byWard).toEqual(
      expect.arrayContaining([
        { communeId: "phuong-ninh-kieu", count: 1 },
        { communeId: "phuong-cai-khe", count: 1 },
        { communeId: null, count: 1 },
      ]),
    );
    expect(businesses.byWard).toHaveLength(3);
  });

  test("assessments started and submitted in the year; each business's latest score at the year's end", async () => {
    const { assessments } = await cityFigures(scope, 2026, TODAY);
    expect(assessments).toMatchObject({ startedInYear: 4, submittedInYear: 2, businessesSubmittedInYear: 2, businessesWithScore: 2, averageLatestScore: 65 });
    const bySector = Object.fromEntries(assessments.bySector.map((s) => [s.sector, [s.businesses, s.averageScore]]));
    expect(bySector.fuel).toEqual([2, 65]);
    expect(bySector.water).toEqual([1, 70]);
    expect(bySector.coal).toEqual([0, null]);
  });

  test("instrument compliance is today's, per sector (a two-sector business counts in both) and in total (once)", async () => {
    const { compliance } = await cityFigures(scope, 2026, TODAY);
    expect(compliance.total).toEqual({ inService: 7, overdue: 2, unknown: 2, inDate: 3, share: 42.9 });
    const fuel = compliance.bySector.find((s) => s.sector === "fuel");
    const water = compliance.bySector.find((s) => s.sector === "water");
    expect(fuel).toEqual({ sector: "fuel", inService: 4, overdue: 1, unknown: 1, inDate: 2, share: 50 });
    expect(water).toEqual({ sector: "water", inService: 4, overdue: 1, unknown: 1, inDate: 2, share: 50 });
    expect(compliance.bySector.find((s) => s.sector === "coal")?.share).toBeNull();
  });

  test("requests by today's state, and the one-stop statistics and median from the statistics module", async () => {
    const { requests } = await cityFigures(scope, 2026, TODAY);
    expect(Object.fromEntries(requests.byState.map((s) => [s.state, s.count]))).toEqual({ completed: 3, approved: 1 });
    expect(requests.submittedInYear).toBe(4);
    const statistics = await requestStatistics(yearPeriod(2026), TODAY);
    expect(requests.statistics).toEqual(statistics);
    expect(requests.statistics.total.received).toBe(4);
    expect(requests.medianDaysToDecision).toBe(statistics.total.medianDaysToDecision);
    expect(requests.medianDaysToDecision).not.toBeNull();
  });

  test("activities of the year by kind (training counts attendees) and listed by date", async () => {
    const { activities } = await cityFigures(scope, 2026, TODAY);
    expect(activities.byKind).toEqual([
      { kind: "training", activities: 2, quantity: 55 },
      { kind: "standard", activities: 1, quantity: 2 },
      { kind: "laboratory", activities: 1, quantity: 1 },
      { kind: "serviceOrganisation", activities: 0, quantity: 0 },
    ]);
    expect(activities.list.map((a) => [a.heldOn, a.kind])).toEqual([
      ["2026-03-10", "training"],
      ["2026-05-05", "standard"],
      ["2026-09-10", "training"],
      ["2026-12-31", "laboratory"],
    ]);
  });

  test("engagements: each completed verification, calibration, testing or method request, nothing else, in Vietnam's year", async () => {
    const { targets, engagements: inYear } = await cityFigures(scope, 2026, TODAY);
    // 2025: A (testing). 2026: A (calibration, verification), C (method). Not B (programme help,
    // training) and no self-assessment: A's and C's submitted ones add nothing.
    expect(targets.countsByYear.engagements).toEqual({ 2025: 1, 2026: 3 });
    const engagements = targets.progress.find((p) => p.id === "engagements")!;
    expect(engagements.year).toEqual({ count: 3, phaseId: "phase2", percentOfPhaseTarget: 10 });
    expect(engagements.phases.map((p) => [p.phaseId, p.count, p.target, p.met])).toEqual([
      ["phase1", 1, 20, false],
      ["phase2", 3, 30, false],
    ]);
    expect(inYear).toEqual({
      total: 3,
      businesses: 2,
      byType: [
        { type: "verification", count: 1 },
        { type: "calibration", count: 1 },
        { type: "testing", count: 0 },
        { type: "method", count: 1 },
      ],
    });
    const next = await cityFigures(scope, 2027, TODAY);
    // 2027: B's verification, just after midnight in Vietnam; C's self-assessment then is not an engagement.
    expect(next.targets.countsByYear.engagements).toEqual({ 2025: 1, 2026: 3, 2027: 1 });
    expect(next.targets.progress.find((p) => p.id === "engagements")!.phases[1]!.count).toBe(4);
  });

  test("activity targets add quantities per phase; 2025 stays in phase 1", async () => {
    const { targets } = await cityFigures(scope, 2026, TODAY);
    const byId = Object.fromEntries(targets.progress.map((p) => [p.id, p]));
    expect(byId.peopleTrained!.year.count).toBe(55);
    expect(byId.peopleTrained!.phases.map((p) => p.count)).toEqual([40, 55]);
    expect(byId.standards!.phases[1]!.count).toBe(2);
    expect(byId.laboratories!.phases[1]!.count).toBe(1);
    expect(byId.serviceOrganisations!.phases[1]!.count).toBe(0);
    expect(targets.focusPhaseId).toBe("phase2");
    expect(targets.years).toEqual([2021, 2022, 2023, 2024, 2025, 2026]);
  });

  test("the businesses engaged, listed with how, match the count", async () => {
    const engaged = await engagedBusinesses(scope, 2026);
    expect(engaged.map((b) => b.id).sort()).toEqual([world.a.businessId, world.c.businessId].sort());
    const a = engaged.find((b) => b.id === world.a.businessId)!;
    expect(a).toMatchObject({ sectors: ["fuel"] });
    expect(a.requestsCompleted).toEqual(
      expect.arrayContaining([
        { type: "calibration", count: 1 },
        { type: "verification", count: 1 },
      ]),
    );
    expect(a.requestsCompleted).toHaveLength(2);
    const c = engaged.find((b) => b.id === world.c.businessId)!;
    expect(c).toMatchObject({ sectors: ["fuel", "water"], requestsCompleted: [{ type: "method", count: 1 }] });
    expect(a).not.toHaveProperty("assessmentsSubmitted");
  });

  test("the page's list can stop early; the files' list is whole", async () => {
    const first = await engagedBusinesses(scope, 2026, 1);
    expect(first).toHaveLength(1);
    const partial = await annualReport(scope, 2026, TODAY, 1);
    expect(partial.engagedComplete).toBe(false);
    const table = reportSections(partial, (key, options) => `${key}${options ? JSON.stringify(options) : ""}`, "vi").find((s) => s.key === "engaged")!
      .tables[0]!;
    expect(table.rows).toHaveLength(1);
    expect(table.title).toContain('"count":2');
    expect(table.note).toContain("report.engagedPartial");
    expect(table.title).toContain('"engagements":3');
    expect(table.note).toContain('report.engagedByType{"list":"requests:type.verification: 1; requests:type.calibration: 1; requests:type.testing: 0; requests:type.method: 1","method":1}');
    expect((await annualReport(scope, 2026, TODAY)).engagedComplete).toBe(true);
  });

  test("a year with nothing in it gives zeros, not errors", async () => {
    const figures = await cityFigures(scope, 2022, TODAY);
    expect(figures.businesses.total).toBe(0);
    expect(figures.assessments.averageLatestScore).toBeNull();
    expect(figures.requests.byState).toEqual([]);
    expect(figures.requests.medianDaysToDecision).toBeNull();
    expect(figures.targets.focusPhaseId).toBe("phase1");
  });

  test("a change in the database shows at once (the figures are only reused while nothing changed)", async () => {
    const before = await cityFigures(scope, 2026, TODAY);
    expect(await cityFigures(scope, 2026, TODAY)).toBe(before);
    await activity("standard", "2026-06-06", 3, world.reviewer.id);
    const after = await cityFigures(scope, 2026, TODAY);
    expect(after.activities.byKind.find((k) => k.kind === "standard")).toEqual({ kind: "standard", activities: 2, quantity: 5 });
    await db().deleteFrom("programme_activity").where("held_on", "=", "2026-06-06").execute();
    expect((await cityFigures(scope, 2026, TODAY)).activities.byKind.find((k) => k.kind === "standard")?.quantity).toBe(2);
  });
});

describe("the dashboard, the report and its files", () => {
  test("the dashboard and the report show the same figures for the year", async () => {
    const overview = await run(overviewLoader, await requestAs(world.reviewer.id, "/dost/overview?year=2026"));
    const report = await run(reportLoader, await requestAs(world.reviewer.id, "/dost/report?year=2026"));
    expect(overview.status).toBe(200);
    expect(report.status).toBe(200);
    const fromOverview = (overview.data as { figures: unknown }).figures;
    const fromReport = (report.data as { report: { figures: unknown; engaged: Array<{ id: number }> } }).report;
    expect(fromReport.figures).toEqual(fromOverview);
    expect(fromOverview).toEqual(await cityFigures(scope, 2026, TODAY));
    expect(fromReport.engaged).toHaveLength(2);
  });

  test("a year outside the plan or in the future falls back to this year", async () => {
    const overview = await run(overviewLoader, await requestAs(world.reviewer.id, "/dost/overview?year=2031"));
    expect((overview.data as { figures: { year: number } }).figures.year).toBe(2027);
  });

  test("the workbook: Vietnamese sheet names, bold headers, numbers as numbers equal to the figures", async () => {
    const response = (await xlsxLoader({ request: await requestAs(world.reviewer.id, "/dost/report.xlsx?year=2026"), params: {}, context: {} })) as Response;
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    expect(response.headers.get("Content-Disposition")).toContain("bao-cao-ke-hoach-155-2026.xlsx");
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await response.arrayBuffer());
    const names = workbook.worksheets.map((sheet) => sheet.name);
    expect(names).toEqual([
      "Tổng hợp",
      "Chỉ tiêu kế hoạch",
      "Chỉ tiêu theo năm",
      "Giai đoạn 1 (tham khảo)",
      "Cách tính chỉ tiêu",
      "Hoạt động theo loại",
      "Hoạt động trong năm",
      "Doanh nghiệp tham gia",
      "Doanh nghiệp theo lĩnh vực",
      "Doanh nghiệp theo loại hình",
      "Doanh nghiệp theo phường, xã",
      "Tự đánh giá theo lĩnh vực",
      "Yêu cầu theo loại (một cửa)",
      "Yêu cầu theo trạng thái",
      "Phương tiện đo theo lĩnh vực",
    ]);
    for (const name of names) expect(name.length).toBeLessThanOrEqual(31);

    const figures = await cityFigures(scope, 2026, TODAY);
    const rowsOf = (name: string) => {
      const sheet = workbook.getWorksheet(name)!;
      expect(sheet.getRow(1).font?.bold, `${name} header is bold`).toBe(true);
      for (const column of sheet.columns) expect(column.width, `${name} column widths`).toBeGreaterThanOrEqual(6);
      const rows: unknown[][] = [];
      sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
      return rows;
    };

    const targets = rowsOf("Chỉ tiêu kế hoạch");
    expect(targets[0]).toEqual([
      "Chỉ tiêu",
      "Đơn vị tính",
      "Chỉ tiêu giai đoạn",
      "Kết quả năm 2026",
      "Lũy kế giai đoạn đến hết năm 2026",
      "Tỷ lệ so với chỉ tiêu (%)",
      "Đánh giá",
    ]);
    const trained = targets.find((row) => String(row[0]).startsWith("Lượt người được bồi dưỡng"))!;
    expect(trained.slice(2)).toEqual([150, 55, 55, 36.7, "Chưa đạt"]);
    const engagementsRow = targets.find((row) => String(row[0]).startsWith("Lượt doanh nghiệp"))!;
    const engagements = figures.targets.progress.find((p) => p.id === "engagements")!;
    expect(engagementsRow.slice(2, 6)).toEqual([30, engagements.year.count, engagements.phases[1]!.count, engagements.phases[1]!.percent]);

    const byYear = rowsOf("Chỉ tiêu theo năm");
    expect(byYear[0]!.slice(1)).toEqual(["2021", "2022", "2023", "2024", "2025", "2026"]);
    expect(byYear.find((row) => String(row[0]).startsWith("Lượt doanh nghiệp"))!.slice(1)).toEqual([0, 0, 0, 0, 1, 3]);

    const sectors = rowsOf("Doanh nghiệp theo lĩnh vực");
    expect(sectors.find((row) => row[0] === "Xăng dầu")?.[1]).toBe(2);

    const compliance = rowsOf("Phương tiện đo theo lĩnh vực");
    expect(compliance.find((row) => row[0] === "Tất cả phương tiện đo")).toEqual(["Tất cả phương tiện đo", 7, 3, 2, 2, 42.9]);

    const activities = rowsOf("Hoạt động trong năm");
    expect(activities).toHaveLength(1 + figures.activities.list.length);
    expect(activities[1]![0]).toBeInstanceOf(Date);
    expect((activities[1]![0] as Date).toISOString().slice(0, 10)).toBe("2026-03-10");
    expect(activities[1]![4]).toBe(25);

    const summary = rowsOf("Tổng hợp");
    for (const row of summary.slice(1)) expect(["number", "undefined"]).toContain(typeof row[1]);
    expect(summary[1]![1]).toBe(figures.businesses.total);

    const engaged = rowsOf("Doanh nghiệp tham gia");
    // The header, two businesses, and the note with the count of each type of engagement.
    expect(engaged).toHaveLength(1 + 2 + 1);
    expect(engaged[1]![0]).toBe(1);
    expect(String(engaged[3]![0])).toMatch(/^Số lượt theo loại yêu cầu: Kiểm định[^:]*: 1; Hiệu chuẩn[^:]*: 1; Thử nghiệm[^:]*: 0; Xây dựng phương pháp đo[^:]*: 1\. Nếu đọc đúng câu chữ mục II .* là 1 lượt\.$/);

    // Each target with the plan's own words for the phase shown, the count, and the portal's reading
    // in a column of its own, labelled as such.
    const counting = rowsOf("Cách tính chỉ tiêu");
    expect(counting[0]).toEqual(["Chỉ tiêu", "Lời văn của Kế hoạch (Giai đoạn 2 (2026–2030))", "Cách tính", "Cách hiểu của Cổng"]);
    const engagementCounting = counting.find((row) => String(row[0]).startsWith("Lượt doanh nghiệp"))!;
    expect(engagementCounting[1]).toMatch(/^II\.2\.c: «Triển khai Chương trình đảm bảo đo lường .*xây dựng phương pháp đo cho ít nhất 30 lượt doanh nghiệp/);
    expect(engagementCounting[2]).toContain("Bản tự đánh giá");
    expect(engagementCounting[3]).toContain("Mỗi yêu cầu hoàn thành là một lượt");
    // Phase 2 "socialises" standards; phase 1 "developed" them.
    expect(targets.find((row) => String(row[0]).startsWith("Chuẩn đo lường"))![0]).toBe("Chuẩn đo lường, phương tiện đo được hỗ trợ, khuyến khích xã hội hóa");
    expect(rowsOf("Giai đoạn 1 (tham khảo)").find((row) => String(row[0]).startsWith("Chuẩn đo lường"))![0]).toBe("Chuẩn đo lường, phương tiện đo được phát triển");
    expect(counting.find((row) => String(row[0]).startsWith("Chuẩn đo lường"))![1]).toMatch(/^II\.2\.a: «Hỗ trợ và khuyến khích xã hội hóa ít nhất 05/);
  });

  test("the PDF is a PDF", async () => {
    const response = (await pdfLoader({ request: await requestAs(world.reviewer.id, "/dost/report.pdf?year=2026"), params: {}, context: {} })) as Response;
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("application/pdf");
    const bytes = Buffer.from(await response.arrayBuffer());
    expect(bytes.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    expect(bytes.length).toBeGreaterThan(10_000);
  });

  test.each([
    ["/dost/overview", overviewLoader],
    ["/dost/report", reportLoader],
    ["/dost/report.xlsx", xlsxLoader],
    ["/dost/report.pdf", pdfLoader],
  ] as const)("a business user gets 404 on %s", async (path, loader) => {
    const outcome = await run(loader, await requestAs(world.a.ownerId, `${path}?year=2026`));
    expect(outcome.status).toBe(404);
  });

  test("without a login the report is a redirect to the login page", async () => {
    const outcome = await run(reportLoader, await requestAs(null, "/dost/report?year=2026"));
    expect(outcome.status).toBe(302);
    expect(outcome.location).toContain("/login");
  });
});
