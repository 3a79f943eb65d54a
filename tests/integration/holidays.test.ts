import { type Role } from "@db/schema";
import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { readHolidayCalendar } from "~/modules/holidays/calendar.server";
import { seedHolidayCalendar } from "~/modules/holidays/seed.server";
import { shippedCalendarYears } from "~/modules/holidays/shipped";
import { type RequestInput, createRequest } from "~/modules/requests/requests.server";
import { addWorkingDays } from "~/modules/requests/working-days";
import { loader as dostHomeLoader } from "~/routes/dost._index";
import { loader as receiptLoader } from "~/routes/business.requests.$requestId.receipt";
import { loader as receiptPdfLoader } from "~/routes/business.requests.$requestId.receipt[.pdf]";
import { loader as businessRequestLoader } from "~/routes/business.requests.$requestId._index";
import { action as yearAction, loader as yearLoader } from "~/routes/dost.legal.holidays.$year";
import { loader as yearsLoader } from "~/routes/dost.legal.holidays._index";
import { type BusinessScope } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { TEST_ORIGIN, auditRows, createBusinessWithOwner, createUser, requestAs, run, silenceOutboxLog } from "../helpers";

silenceOutboxLog();

/** Freezes "now" at this Vietnamese wall-clock time (the app's today is the day in Asia/Ho_Chi_Minh). */
function at(day: string, time = "09:00") {
  vi.setSystemTime(new Date(`${day}T${time}:00+07:00`));
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ["Date"] });
  at("2026-03-02");
});

afterEach(() => {
  vi.useRealTimers();
});

const users: Partial<Record<Role, number>> = {};
async function userId(role: Extract<Role, "dost_admin" | "dost_reviewer">): Promise<number> {
  users[role] ??= (await createUser(role, null)).id;
  return users[role]!;
}

async function calendarRows() {
  const [years, days] = await Promise.all([
    db().selectFrom("holiday_year").selectAll().orderBy("year").execute(),
    db().selectFrom("holiday_day").selectAll().orderBy("date").execute(),
  ]);
  return { years, days };
}

function dayForm(date: string, kind: "holiday" | "working" = "holiday", nameVi = "Tết Nguyên đán", nameEn = "Lunar New Year (Tết)") {
  return { intent: "add", date, kind, nameVi, nameEn };
}

async function post(role: Role | null, year: string, form: Record<string, string>, businessUserId?: number) {
  const id = role === "business_owner" ? businessUserId! : role ? await userId(role as "dost_admin" | "dost_reviewer") : null;
  return run(yearAction, await requestAs(id, `/dost/legal/holidays/${year}`, { method: "POST", form }), { year });
}

async function businessScope(): Promise<BusinessScope> {
  const business = await createBusinessWithOwner();
  return {
    kind: "business",
    businessId: business.businessId,
    user: { id: business.ownerId, email: business.email, fullName: business.input.contactName, role: "business_owner", businessId: business.businessId, businessName: business.input.legalName },
  };
}

const requestInput: RequestInput = {
  type: "other",
  title: "Hỗ trợ xây dựng chương trình",
  description: "Mô tả chi tiết yêu cầu hỗ trợ.",
  desiredOn: "",
  trainees: "",
  instrumentIds: [],
  origin: null,
};

async function submitOn(scope: BusinessScope, day: string) {
  at(day);
  const created = await createRequest(scope, requestInput, [], { submit: true, origin: TEST_ORIGIN });
  if (!created.ok) throw new Error(JSON.stringify(created.errors));
  return db().selectFrom("support_request").where("id", "=", created.id).select(["id", "appointment_on", "deadline_on"]).executeTakeFirstOrThrow();
}

describe("the calendar's initial content", () => {
  test("after migrations the tables hold the shipped file: announced years entered, 2027 provisional", async () => {
    const { years, days } = await calendarRows();
    const shipped = shippedCalendarYears();
    expect(years.map((y) => [y.year, y.status])).toEqual(shipped.map((y) => [y.year, y.status]));
    expect(years.map((y) => [y.year, y.status])).toEqual([
      [2025, "entered"],
      [2026, "entered"],
      [2027, "provisional"],
    ]);
    expect(days.length).toBe(shipped.reduce((n, y) => n + y.days.length, 0));
    expect(days.find((d) => d.date === "2026-01-10")).toMatchObject({ kind: "working", year: 2026 });
    expect(days.find((d) => d.date === "2026-11-24")).toMatchObject({ kind: "holiday", name_vi: "Ngày Văn hóa Việt Nam" });
  });

  test("seeding again changes nothing; on empty tables it puts the same content back", async () => {
    const before = await calendarRows();
    expect(await seedHolidayCalendar(db())).toEqual({ seeded: false });
    expect(await calendarRows()).toEqual(before);

    await db().deleteFrom("holiday_day").execute();
    await db().deleteFrom("holiday_year").execute();
    expect(await seedHolidayCalendar(db())).toEqual({ seeded: true });
    const after = await calendarRows();
    const strip = <T extends { updated_at?: string; created_at?: string }>(rows: T[]) => rows.map(({ updated_at: _u, created_at: _c, ...rest }) => rest);
    expect(strip(after.years)).toEqual(strip(before.years));
    expect(strip(after.days)).toEqual(strip(before.days));
  });
});

describe("DOST admins keep the calendar", () => {
  test("an admin adds Tết 2028 and an appointment counted across it moves; each change is audited", async () => {
    const scope = await businessScope();
    const before = await submitOn(scope, "2028-01-21");
    const calendarBefore = await readHolidayCalendar(db());
    expect(before.appointment_on).toBe(addWorkingDays(calendarBefore, "2028-01-21", 10));
    expect(before.appointment_on).toBe("2028-02-04");

    at("2027-11-20");
    for (const date of ["2028-01-24", "2028-01-25", "2028-01-26", "2028-01-27", "2028-01-28"]) {
      const added = await post("dost_admin", "2028", dayForm(date));
      expect(added.status, date).toBe(302);
      expect(added.location).toBe("/dost/legal/holidays/2028");
    }
    // The first change kept the year's fixed-date days: New Year's Day in lieu stays off.
    const { years, days } = await calendarRows();
    expect(years.find((y) => y.year === 2028)).toMatchObject({ status: "provisional" });
    expect(days.filter((d) => d.year === 2028).map((d) => d.date)).toEqual([
      "2028-01-03",
      "2028-01-24",
      "2028-01-25",
      "2028-01-26",
      "2028-01-27",
      "2028-01-28",
      "2028-05-01",
      "2028-05-02",
      "2028-09-04",
      "2028-11-24",
    ]);

    const after = await submitOn(scope, "2028-01-21");
    expect(after.appointment_on).toBe("2028-02-11");
    expect(after.deadline_on).toBe("2028-02-11");

    const audits = await auditRows(null, { entity: "holiday_day", action: "add" });
    expect(audits.filter((a) => a.detail?.year === 2028).map((a) => a.entity_id)).toEqual(["2028-01-24", "2028-01-25", "2028-01-26", "2028-01-27", "2028-01-28"]);
    expect(audits.at(-1)).toMatchObject({ actor_user_id: await userId("dost_admin"), detail: { year: 2028, kind: "holiday", nameVi: "Tết Nguyên đán" } });
    expect(await auditRows(null, { entity: "holiday_year", action: "create" })).toEqual([expect.objectContaining({ entity_id: "2028" })]);

    // Removing a day gives it back as a working day, audited.
    const removed = await post("dost_admin", "2028", { intent: "remove", date: "2028-01-28" });
    expect(removed.status).toBe(302);
    expect(addWorkingDays(await readHolidayCalendar(db()), "2028-01-27", 1)).toBe("2028-01-28");
    expect(await auditRows(null, { entity: "holiday_day", action: "remove" })).toEqual([expect.objectContaining({ entity_id: "2028-01-28" })]);
  });

  test.each([
    ["the same date twice", dayForm("2026-01-01"), "dost:holidays.errors.duplicate"],
    ["a date in another year", dayForm("2027-01-04"), "dost:holidays.errors.otherYear"],
    ["a working day that is not a weekend", dayForm("2026-03-04", "working", "Làm bù"), "dost:holidays.errors.workingOnWeekday"],
    ["a holiday on a weekend", dayForm("2026-03-07"), "dost:holidays.errors.holidayOnWeekend"],
    ["an impossible date", dayForm("2026-02-30"), "dost:holidays.errors.dateInvalid"],
    ["an impossible date typed day first", dayForm("31/04/2026"), "dost:holidays.errors.dateInvalid"],
    ["no date", dayForm(""), "dost:holidays.errors.dateRequired"],
  ])("refused with a message, nothing changed: %s", async (_what, form, message) => {
    const before = await calendarRows();
    const audits = (await auditRows(null)).length;
    const refused = await post("dost_admin", "2026", form);
    expect(refused.status).toBe(400);
    expect(refused.data).toMatchObject({ ok: false, intent: "add", errors: { date: message }, values: { date: form.date, nameVi: form.nameVi } });
    expect(await calendarRows()).toEqual(before);
    expect((await auditRows(null)).length).toBe(audits);
  });

  test("a Vietnamese name is required, and marking a year entered needs its source document", async () => {
    const before = await calendarRows();
    expect((await post("dost_admin", "2026", dayForm("2026-03-04", "holiday", " "))).data).toMatchObject({ errors: { nameVi: "dost:holidays.errors.nameVi" } });
    expect((await post("dost_admin", "2027", { intent: "enter", source: "" })).data).toMatchObject({ intent: "enter", errors: { source: "dost:holidays.errors.source" } });
    expect(await calendarRows()).toEqual(before);
  });

  test("reviewers read the calendar but cannot change it; business users get 404 everywhere", async () => {
    const reviewer = await userId("dost_reviewer");
    const list = await run(yearsLoader, await requestAs(reviewer, "/dost/legal/holidays"));
    expect(list.status).toBe(200);
    expect(list.data).toMatchObject({ isAdmin: false, toEnter: [] });
    expect((list.data as { years: { year: number }[] }).years.map((y) => y.year)).toEqual(expect.arrayContaining([2025, 2026, 2027]));
    const year = await run(yearLoader, await requestAs(reviewer, "/dost/legal/holidays/2026"), { year: "2026" });
    expect(year.data).toMatchObject({ isAdmin: false, detail: { year: 2026, status: "entered" } });

    const before = await calendarRows();
    const forms: Record<string, string>[] = [dayForm("2026-03-04"), { intent: "remove", date: "2026-01-01" }, { intent: "enter", source: "Thông báo 1/TB-BNV" }];
    for (const form of forms) {
      expect((await post("dost_reviewer", "2026", form)).status).toBe(404);
    }
    const business = await createBusinessWithOwner();
    expect((await run(yearsLoader, await requestAs(business.ownerId, "/dost/legal/holidays"))).status).toBe(404);
    expect((await run(yearLoader, await requestAs(business.ownerId, "/dost/legal/holidays/2026"), { year: "2026" })).status).toBe(404);
    expect((await post("business_owner", "2026", dayForm("2026-03-04"), business.ownerId)).status).toBe(404);
    expect((await run(yearLoader, await requestAs(null, "/dost/legal/holidays/2026"), { year: "2026" })).status).not.toBe(200);
    expect(await calendarRows()).toEqual(before);
  });

  test("a year that is not a calendar year is 404", async () => {
    const admin = await userId("dost_admin");
    for (const year of ["1999", "20266", "abcd"]) expect((await run(yearLoader, await requestAs(admin, `/dost/legal/holidays/${year}`), { year })).status).toBe(404);
  });
});

describe("a year without an entered calendar is never silently wrong", () => {
  test("a receipt and request page whose appointment falls in such a year say provisional, until DOST enters it", async () => {
    const scope = await businessScope();
    const request = await submitOn(scope, "2029-03-01");
    const receiptOf = async () => {
      const loaded = await run(receiptLoader, await requestAs(scope.user.id, `/business/requests/${request.id}/receipt`), { requestId: String(request.id) });
      return (loaded.data as { receipt: { provisionalYears: number[] } }).receipt.provisionalYears;
    };
    expect(await receiptOf()).toEqual([2029]);
    const page = await run(businessRequestLoader, await requestAs(scope.user.id, `/business/requests/${request.id}`), { requestId: String(request.id) });
    expect(page.data).toMatchObject({ provisionalYears: [2029] });
    // The PDF carries the same note (its text is compressed; that it renders with it is what is checked here).
    const pdf = await run(receiptPdfLoader, await requestAs(scope.user.id, `/business/requests/${request.id}/receipt.pdf`), { requestId: String(request.id) });
    expect(pdf).toMatchObject({ status: 200 });
    expect(pdf.headers.get("Content-Type")).toBe("application/pdf");

    expect((await post("dost_admin", "2029", { intent: "enter", source: "Thông báo số 1/TB-BNV ngày 15/10/2028 của Bộ Nội vụ" })).status).toBe(302);
    expect(await receiptOf()).toEqual([]);
    expect(await calendarRows().then((r) => r.years.find((y) => y.year === 2029))).toMatchObject({
      status: "entered",
      source: "Thông báo số 1/TB-BNV ngày 15/10/2028 của Bộ Nội vụ",
      entered_by: await userId("dost_admin"),
    });
    expect(await auditRows(null, { entity: "holiday_year", action: "markEntered" })).toEqual([expect.objectContaining({ entity_id: "2029" })]);
  });

  test("a receipt in an entered year does not", async () => {
    const scope = await businessScope();
    const request = await submitOn(scope, "2026-03-02");
    const loaded = await run(receiptLoader, await requestAs(scope.user.id, `/business/requests/${request.id}/receipt`), { requestId: String(request.id) });
    expect(loaded.data).toMatchObject({ receipt: { provisionalYears: [] } });
  });

  test("from 1 October DOST admins see a warning on their home page until next year's calendar is entered", async () => {
    const admin = await userId("dost_admin");
    const reviewer = await userId("dost_reviewer");
    const homeFor = async (id: number) => ((await run(dostHomeLoader, await requestAs(id, "/dost"))).data as { holidayYears: number[] }).holidayYears;
    const listFor = async (id: number) => ((await run(yearsLoader, await requestAs(id, "/dost/legal/holidays"))).data as { toEnter: number[] }).toEnter;
    // 2030 is not kept at all; 2031 neither.
    expect((await post("dost_admin", "2030", { intent: "enter", source: "Thông báo số 2/TB-BNV ngày 10/10/2029 của Bộ Nội vụ" })).status).toBe(302);
    at("2030-09-30");
    expect(await homeFor(admin)).toEqual([]);
    at("2030-10-01");
    expect(await homeFor(admin)).toEqual([2031]);
    expect(await listFor(admin)).toEqual([2031]);
    expect(await homeFor(reviewer)).toEqual([]);
    expect((await post("dost_admin", "2031", dayForm("2031-01-23", "holiday"))).status).toBe(302);
    expect(await homeFor(admin)).toEqual([2031]);
    expect((await post("dost_admin", "2031", { intent: "enter", source: "Thông báo số 3/TB-BNV ngày 20/10/2030 của Bộ Nội vụ" })).status).toBe(302);
    expect(await homeFor(admin)).toEqual([]);
  });
});
