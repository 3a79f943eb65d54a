import { createHash } from "node:crypto";
import { type RequestState, type RequestType, type Role } from "@db/schema";
import { afterEach, beforeAll, beforeEach, describe, expect, test, vi } from "vitest";
import { createInstrument, getInstrument } from "~/modules/instruments/instruments.server";
import { type QueueFilter, clockInputOf, dostRequestSummary, getRequestForBusiness, getRequestForDost, listBusinessRequests, queue, stateCounts } from "~/modules/requests/queries.server";
import {
  type RequestInput,
  answerRequest,
  approveRequest,
  askForInformation,
  assignRequest,
  completeRequest,
  createRequest,
  deleteDraft,
  postMessage,
  rejectRequest,
  rescheduleRequest,
  submitRequest,
  takeRequest,
  updateDraft,
  withdrawRequest,
} from "~/modules/requests/requests.server";
import type * as Notifications from "~/modules/requests/notifications.server";
import { RejectSchema } from "~/modules/requests/schemas";
import { getSlaDays, setSlaDays } from "~/modules/requests/settings.server";
import { clockOf } from "~/modules/requests/workflow";
import { addWorkingDays } from "~/modules/requests/working-days";
import { shippedHolidayCalendar } from "~/modules/holidays/shipped";
import { type BusinessScope, type DostScope } from "~/utils/auth.server";
import { type CheckedUpload } from "~/utils/uploads.server";
import { db } from "~/utils/db.server";
import { action as businessDetailAction, loader as businessDetailLoader } from "~/routes/business.requests.$requestId._index";
import { loader as businessListLoader } from "~/routes/business.requests._index";
import { loader as receiptLoader } from "~/routes/business.requests.$requestId.receipt";
import { action as newRequestAction } from "~/routes/business.requests.new";
import { action as dostDetailAction, loader as dostDetailLoader } from "~/routes/dost.requests.$requestId";
import { loader as dostFileLoader } from "~/routes/dost.requests.$requestId.files.$fileId";
import { loader as queueLoader } from "~/routes/dost.requests._index";
import { action as settingsAction } from "~/routes/dost.settings";
import { TEST_ORIGIN, cookieFor, createBusinessWithOwner, createUser, dispenserInput, outboxTo, requestAs, run, silenceOutboxLog } from "../helpers";

// The test database holds the shipped holiday calendar (seeded after migrations).
const CAL = shippedHolidayCalendar();

// Most cases go through the module functions the routes call; the last block drives the route
// loaders and actions themselves, the way a browser without JavaScript would.

// Lets one test make the notification fail part-way through a command, to prove the command is one transaction.
const mail = vi.hoisted(() => ({ failNext: false }));
vi.mock("~/modules/requests/notifications.server", async (importOriginal) => {
  const original = await importOriginal<typeof Notifications>();
  return {
    ...original,
    notify: async (...args: Parameters<typeof original.notify>) => {
      if (mail.failNext) {
        mail.failNext = false;
        throw new Error("mail queue unavailable");
      }
      return original.notify(...args);
    },
  };
});

silenceOutboxLog();

/** Freezes "now" at this Vietnamese wall-clock time (the app's today is the day in Asia/Ho_Chi_Minh). */
function at(day: string, time = "09:00") {
  vi.setSystemTime(new Date(`${day}T${time}:00+07:00`));
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ["Date"] });
  // Monday 2 March 2026: no public holiday in March, so the working days are plain weekdays.
  at("2026-03-02");
});

afterEach(() => {
  vi.useRealTimers();
});

async function dostUser(role: Extract<Role, "dost_reviewer" | "dost_admin"> = "dost_reviewer"): Promise<DostScope & { email: string }> {
  const user = await createUser(role, null);
  return { kind: "dost", email: user.email, user: { id: user.id, email: user.email, fullName: `Người dùng ${role}`, role, businessId: null, businessName: null } };
}

async function businessWithInstruments(overrides: Parameters<typeof createBusinessWithOwner>[0] = {}, tags: string[] = ["CD-01", "CD-02"]) {
  const business = await createBusinessWithOwner(overrides);
  const site = await db().selectFrom("site").where("business_id", "=", business.businessId).select("id").executeTakeFirstOrThrow();
  const scope: BusinessScope = {
    kind: "business",
    businessId: business.businessId,
    user: { id: business.ownerId, email: business.email, fullName: business.input.contactName, role: "business_owner", businessId: business.businessId, businessName: business.input.legalName },
  };
  const instrumentIds: number[] = [];
  for (const tag of tags) {
    const created = await createInstrument(scope, dispenserInput(site.id, tag));
    if (!created.ok) throw new Error(`instrument ${tag}: ${JSON.stringify(created.errors)}`);
    instrumentIds.push(created.id);
  }
  return { ...business, scope, instrumentIds };
}

function input(type: RequestType, overrides: Partial<RequestInput> = {}): RequestInput {
  return {
    type,
    title: `Yêu cầu ${type}`,
    description: "Mô tả chi tiết yêu cầu hỗ trợ.",
    desiredOn: "",
    trainees: type === "training" ? "12" : "",
    instrumentIds: [],
    origin: null,
    ...overrides,
  };
}

async function newRequest(scope: BusinessScope, type: RequestType = "other", overrides: Partial<RequestInput> = {}, submit = true): Promise<number> {
  const result = await createRequest(scope, input(type, overrides), [], { submit, origin: TEST_ORIGIN });
  if (!result.ok) throw new Error(`createRequest: ${JSON.stringify(result.errors)}`);
  return result.id;
}

function row(requestId: number) {
  return db().selectFrom("support_request").where("id", "=", requestId).selectAll().executeTakeFirstOrThrow();
}

/** The request row, its timeline and its audit rows: compare before and after to prove nothing changed. */
async function snapshot(requestId: number) {
  const [request, entries, audits] = await Promise.all([
    db().selectFrom("support_request").where("id", "=", requestId).selectAll().executeTakeFirst(),
    db().selectFrom("request_entry").where("request_id", "=", requestId).selectAll().orderBy("id").execute(),
    db().selectFrom("audit_log").where("entity", "=", "support_request").where("entity_id", "=", String(requestId)).selectAll().orderBy("id").execute(),
  ]);
  return { request, entries, audits };
}

/** Runs one command and checks it wrote exactly one timeline entry and one audit row for the request. */
async function expectOneStep(requestId: number, command: () => Promise<unknown>, expected: { action: string; from: RequestState; to: RequestState }) {
  const before = await snapshot(requestId);
  expect(await command()).toBe("done");
  const after = await snapshot(requestId);
  expect(after.entries).toHaveLength(before.entries.length + 1);
  expect(after.audits).toHaveLength(before.audits.length + 1);
  const entry = after.entries.at(-1)!;
  const audit = after.audits.at(-1)!;
  expect(entry).toMatchObject({ from_state: expected.from, to_state: expected.to, internal: 0 });
  expect(JSON.parse(entry.data!)).toMatchObject({ action: expected.action });
  expect(audit.action).toBe(expected.action);
  expect(after.request!.state).toBe(expected.to);
  return after;
}

function pdf(name: string): CheckedUpload {
  const bytes = Buffer.from(`%PDF-1.4\n% ${name}\n%%EOF\n`);
  return { filename: name, mimeType: "application/pdf", bytes, sha256: createHash("sha256").update(bytes).digest("hex") };
}

let reviewer: Awaited<ReturnType<typeof dostUser>>;
let colleague: Awaited<ReturnType<typeof dostUser>>;
let admin: Awaited<ReturnType<typeof dostUser>>;

beforeAll(async () => {
  reviewer = await dostUser();
  colleague = await dostUser();
  admin = await dostUser("dost_admin");
});

describe("drafts, submission, tracking codes and the appointment date", () => {
  test("codes are sequential per Vietnamese year and unique; a draft has none until it is submitted", async () => {
    const { scope } = await businessWithInstruments();
    // 23:30 on 31/12/2027 in Cần Thơ: still 2027 there.
    at("2027-12-31", "23:30");
    const last2027 = await newRequest(scope);
    // 00:30 on 01/01/2028 in Cần Thơ is 17:30 on 31/12/2027 UTC: the code and the day follow Vietnam.
    at("2028-01-01", "00:30");
    const first = await newRequest(scope);
    at("2028-01-03");
    const draft = await newRequest(scope, "other", {}, false);
    expect(await row(draft)).toMatchObject({ state: "draft", code: null, submitted_on: null, appointment_on: null, deadline_on: null });
    expect(await submitRequest(scope, draft, TEST_ORIGIN)).toBe("done");

    expect(await row(last2027)).toMatchObject({ code: "HT-2027-000001", submitted_on: "2027-12-31" });
    expect(await row(first)).toMatchObject({ code: "HT-2028-000001", submitted_on: "2028-01-01", appointment_on: addWorkingDays(CAL, "2028-01-01", 10) });
    expect(await row(draft)).toMatchObject({
      state: "submitted",
      code: "HT-2028-000002",
      submitted_on: "2028-01-03",
      sla_days: 10,
      deadline_on: addWorkingDays(CAL, "2028-01-03", 10),
      appointment_on: addWorkingDays(CAL, "2028-01-03", 10),
      paused_days: 0,
    });
    const codes = await db().selectFrom("support_request").where("code", "is not", null).select("code").execute();
    expect(new Set(codes.map((c) => c.code)).size).toBe(codes.length);
  });

  test("submitting sets the appointment 10 working days on and mails every reviewer, with the code in subject and body", async () => {
    const { scope, email } = await businessWithInstruments();
    const reviewerMails = (await outboxTo(reviewer.email)).length;
    const businessMails = (await outboxTo(email)).length;
    const id = await newRequest(scope, "verification", { instrumentIds: [] }, false);
    expect(await row(id)).toMatchObject({ state: "draft" });
    const submitted = await expectOneStep(id, () => submitRequest(scope, id, TEST_ORIGIN), { action: "submit", from: "draft", to: "submitted" });
    const request = submitted.request!;
    expect(request).toMatchObject({ submitted_on: "2026-03-02", sla_days: 10, deadline_on: "2026-03-16", appointment_on: "2026-03-16" });
    expect(request.code).toMatch(/^HT-2026-\d{6}$/);

    for (const address of [reviewer.email, colleague.email, admin.email]) {
      const mails = await outboxTo(address);
      const last = mails.at(-1)!;
      expect(last.subject).toContain(request.code!);
      expect(last.body_text).toContain(request.code!);
      expect(last.body_text).toContain("16/03/2026");
      expect(last.body_text).toContain(`${TEST_ORIGIN}/dost/requests/${id}`);
    }
    expect(await outboxTo(reviewer.email)).toHaveLength(reviewerMails + 1);
    // Nothing for the business to act on: no mail to it.
    expect(await outboxTo(email)).toHaveLength(businessMails);
  });

  test("a new SLA applies to requests submitted after it, never to those already running", async () => {
    const { scope } = await businessWithInstruments();
    const before = await newRequest(scope);
    try {
      await setSlaDays(admin, 5);
      expect(await getSlaDays()).toBe(5);
      const after = await newRequest(scope);
      expect(await row(after)).toMatchObject({ sla_days: 5, deadline_on: "2026-03-09", appointment_on: "2026-03-09" });
      expect(await row(before)).toMatchObject({ sla_days: 10, deadline_on: "2026-03-16", appointment_on: "2026-03-16" });
      const audit = await db().selectFrom("audit_log").where("entity", "=", "app_setting").selectAll().orderBy("id", "desc").executeTakeFirstOrThrow();
      expect(audit.actor_user_id).toBe(admin.user.id);
      expect(JSON.parse(audit.detail!)).toEqual({ from: 10, to: 5 });
    } finally {
      await setSlaDays(admin, 10);
    }
  });

  test("a draft can be changed and deleted by its business; once submitted it can be neither", async () => {
    const { scope, instrumentIds } = await businessWithInstruments();
    const id = await newRequest(scope, "other", {}, false);
    const updated = await updateDraft(scope, id, input("calibration", { title: "Hiệu chuẩn", instrumentIds }), [], { submit: false, origin: TEST_ORIGIN });
    expect(updated).toEqual({ ok: true, id });
    expect(await row(id)).toMatchObject({ type: "calibration", title: "Hiệu chuẩn", state: "draft" });
    const chosen = await db().selectFrom("support_request_instrument").where("request_id", "=", id).select("instrument_id").orderBy("instrument_id").execute();
    expect(chosen.map((c) => c.instrument_id)).toEqual(instrumentIds);

    const other = await newRequest(scope, "other", {}, false);
    expect(await deleteDraft(scope, other)).toBe(true);
    expect(await db().selectFrom("support_request").where("id", "=", other).select("id").executeTakeFirst()).toBeUndefined();

    expect(await submitRequest(scope, id, TEST_ORIGIN)).toBe("done");
    const frozen = await snapshot(id);
    expect(await updateDraft(scope, id, input("other"), [], { submit: false, origin: TEST_ORIGIN })).toEqual({ ok: false, errors: { form: "requests:errors.notDraft" } });
    expect(await deleteDraft(scope, id)).toBe(false);
    expect(await submitRequest(scope, id, TEST_ORIGIN)).toBe("notAllowed");
    expect(await snapshot(id)).toEqual(frozen);
  });
});

describe("each transition writes the change, one timeline entry and one audit row", () => {
  test("verification: take, ask, answer, approve, complete — the register gets a pass event on each instrument", async () => {
    const { scope, email, instrumentIds } = await businessWithInstruments();
    const id = await newRequest(scope, "verification", { instrumentIds });
    const code = (await row(id)).code!;

    // Take: the reviewer becomes the assignee.
    await expectOneStep(id, () => takeRequest(reviewer, id), { action: "take", from: "submitted", to: "in_review" });
    expect((await row(id)).assignee_id).toBe(reviewer.user.id);

    // An internal note first, to prove it stays out of the mail that follows.
    expect(await postMessage(reviewer, id, { body: "SECRET-NOTE: doanh nghiệp này từng bị xử phạt", internal: true, uploads: [] }, TEST_ORIGIN)).toBe("done");

    // Ask on Thursday 05/03, the last day to ask (the 3rd working day after 02/03): the clock stops.
    at("2026-03-05");
    const businessMails = (await outboxTo(email)).length;
    await expectOneStep(id, () => askForInformation(reviewer, id, { items: ["ITEM-ONE giấy chứng nhận cũ", "ITEM-TWO sơ đồ vị trí"], body: "ASK-BODY" }, TEST_ORIGIN), {
      action: "ask",
      from: "in_review",
      to: "needs_information",
    });
    expect(await row(id)).toMatchObject({ paused_since: "2026-03-05", appointment_on: "2026-03-16" });
    const askMails = (await outboxTo(email)).slice(businessMails);
    expect(askMails).toHaveLength(1);
    expect(askMails[0]!.subject).toContain(code);
    expect(askMails[0]!.body_text).toContain(code);
    expect(askMails[0]!.body_text).toContain(`${TEST_ORIGIN}/business/requests/${id}`);
    // The mail points to the page; what DOST wrote (and its internal notes) stays behind the login.
    for (const secret of ["SECRET-NOTE", "ITEM-ONE", "ITEM-TWO", "ASK-BODY"]) {
      expect(askMails[0]!.subject + askMails[0]!.body_text).not.toContain(secret);
    }
    expect(clockOf(CAL, clockInputOf(await detailFor(id)), "2026-03-09")).toEqual({ kind: "waiting", used: 3 });

    // Answer on Tuesday 10/03: the time limit counts again from the start, 10 working days from
    // 10/03 (Decree 61/2018 Art. 19(4) as the portal's rule); the 6 working days before it are set aside.
    at("2026-03-10");
    const reviewerMails = (await outboxTo(reviewer.email)).length;
    const colleagueMails = (await outboxTo(colleague.email)).length;
    const answered = await expectOneStep(id, () => answerRequest(scope, id, "Đã bổ sung đủ.", [pdf("bo-sung.pdf")], TEST_ORIGIN), {
      action: "answer",
      from: "needs_information",
      to: "answered",
    });
    expect(answered.request).toMatchObject({ paused_since: null, paused_days: 6, deadline_on: "2026-03-24", appointment_on: "2026-03-24" });
    expect(JSON.parse(answered.entries.at(-1)!.data!)).toMatchObject({ appointmentOn: "2026-03-24", deadlineOn: "2026-03-24", restartedOn: "2026-03-10" });
    expect((await outboxTo(reviewer.email)).at(-1)!.body_text).toContain("24/03/2026");
    // The answer's file hangs on its timeline entry.
    const answerFiles = (await getRequestForBusiness(scope, id))!.entries.at(-1)!.files;
    expect(answerFiles.map((f) => f.filename)).toEqual(["bo-sung.pdf"]);
    // The assignee is told; other reviewers are not.
    expect(await outboxTo(reviewer.email)).toHaveLength(reviewerMails + 1);
    expect(await outboxTo(colleague.email)).toHaveLength(colleagueMails);

    // Approve on Wednesday 11/03 with a plan.
    at("2026-03-11");
    const plan = { provider: "Trung tâm Kỹ thuật Tiêu chuẩn Đo lường Chất lượng Cần Thơ", planOn: "2026-03-20", note: "Mang theo sổ theo dõi." };
    const approved = await expectOneStep(id, () => approveRequest(reviewer, id, plan, TEST_ORIGIN), { action: "approve", from: "answered", to: "approved" });
    expect(approved.request).toMatchObject({ plan_provider: plan.provider, plan_on: "2026-03-20", plan_note: plan.note, decided_on: "2026-03-11" });
    const approvalMail = (await outboxTo(email)).at(-1)!;
    expect(approvalMail.subject).toContain(code);
    expect(approvalMail.body_text).toContain(plan.provider);
    expect(approvalMail.body_text).toContain("20/03/2026");

    // Complete on Friday 20/03: a pass on each instrument, one with its certificate.
    at("2026-03-20");
    const completed = await expectOneStep(
      id,
      () =>
        completeRequest(
          reviewer,
          id,
          {
            outcome: "Cả hai cột đo đạt yêu cầu.",
            performedOn: "2026-03-20",
            instruments: [
              { instrumentId: instrumentIds[0]!, result: "pass", certificateNo: "KĐ-2026-001", upload: pdf("gcn-cd-01.pdf") },
              { instrumentId: instrumentIds[1]!, result: "pass", certificateNo: "KĐ-2026-002", upload: null },
            ],
          },
          TEST_ORIGIN,
        ),
      { action: "complete", from: "approved", to: "completed" },
    );
    expect(completed.request).toMatchObject({ outcome: "Cả hai cột đo đạt yêu cầu." });
    expect(completed.request!.completed_at).not.toBeNull();
    expect(completed.request!.closed_at).not.toBeNull();
    for (const [i, instrumentId] of instrumentIds.entries()) {
      const instrument = (await getInstrument(scope, instrumentId))!;
      expect(instrument).toMatchObject({ nextDueOn: "2027-03-20", lastCertificateNo: `KĐ-2026-00${i + 1}` });
    }
    const events = await db().selectFrom("instrument_event").where("instrument_id", "in", instrumentIds).selectAll().orderBy("instrument_id").execute();
    expect(events).toHaveLength(2);
    expect(events.map((e) => [e.kind, e.result, e.performed_on, e.provider, e.notes])).toEqual([
      ["verification", "pass", "2026-03-20", plan.provider, code],
      ["verification", "pass", "2026-03-20", plan.provider, code],
    ]);
    expect(events[0]!.certificate_file_id).not.toBeNull();
    expect(events[1]!.certificate_file_id).toBeNull();
    const detail = (await getRequestForBusiness(scope, id))!;
    expect(detail.files.map((f) => f.id)).toContain(events[0]!.certificate_file_id);
    expect(detail.fileIds).toContain(events[0]!.certificate_file_id);
    const certificate = await db().selectFrom("stored_file").where("id", "=", events[0]!.certificate_file_id!).select(["business_id", "filename"]).executeTakeFirstOrThrow();
    expect(certificate).toEqual({ business_id: scope.businessId, filename: "gcn-cd-01.pdf" });
    // Decided on 11/03, restarted deadline 24/03.
    expect(clockOf(CAL, clockInputOf(detail), "2026-03-20")).toMatchObject({ kind: "stopped", timeliness: "early" });
    expect((await outboxTo(email)).at(-1)!.subject).toContain(code);
  });

  test("completion records events only for the request's own instruments, none for 'not done', and a fail quarantines", async () => {
    const { scope, instrumentIds } = await businessWithInstruments({}, ["HC-01", "HC-02", "HC-03", "HC-04"]);
    const [passed, notDone, failed, notChosen] = instrumentIds as [number, number, number, number];
    const id = await newRequest(scope, "calibration", { instrumentIds: [passed, notDone, failed] });
    await takeRequest(reviewer, id);
    await approveRequest(reviewer, id, { provider: "Phòng thí nghiệm", planOn: "2026-03-10", note: "" }, TEST_ORIGIN);
    at("2026-03-10");
    const line = (instrumentId: number, result: "pass" | "fail" | "notDone") => ({ instrumentId, result, certificateNo: "", upload: null });
    const done = await completeRequest(
      reviewer,
      id,
      { outcome: "Một cột không đạt.", performedOn: "2026-03-10", instruments: [line(passed, "pass"), line(notDone, "notDone"), line(failed, "fail"), line(notChosen, "pass")] },
      TEST_ORIGIN,
    );
    expect(done).toBe("done");
    const events = await db().selectFrom("instrument_event").where("instrument_id", "in", instrumentIds).select(["instrument_id", "kind", "result"]).orderBy("instrument_id").execute();
    expect(events).toEqual([
      { instrument_id: passed, kind: "calibration", result: "pass" },
      { instrument_id: failed, kind: "calibration", result: "fail" },
    ]);
    expect((await getInstrument(scope, failed))!.status).toBe("quarantined");
    expect((await getInstrument(scope, notChosen))!.lastEventOn).toBeNull();
    const entry = (await snapshot(id)).entries.at(-1)!;
    expect((JSON.parse(entry.data!) as { instruments: Array<{ instrumentId: number; result: string }> }).instruments.map((i) => [i.instrumentId, i.result])).toEqual([
      [passed, "pass"],
      [notDone, "notDone"],
      [failed, "fail"],
    ]);
  });

  test("completing without a performed date never stores an event without a date", async () => {
    const { scope, instrumentIds } = await businessWithInstruments();
    const id = await newRequest(scope, "verification", { instrumentIds: [instrumentIds[0]!] });
    await takeRequest(reviewer, id);
    await approveRequest(reviewer, id, { provider: "Trung tâm", planOn: "2026-03-10", note: "" }, TEST_ORIGIN);
    at("2026-03-10");
    await completeRequest(reviewer, id, { outcome: "Đạt", performedOn: "", instruments: [{ instrumentId: instrumentIds[0]!, result: "pass", certificateNo: "", upload: null }] }, TEST_ORIGIN);
    const events = await db().selectFrom("instrument_event").where("instrument_id", "=", instrumentIds[0]!).select("performed_on").execute();
    for (const event of events) expect(event.performed_on).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    if (events.length) expect((await getInstrument(scope, instrumentIds[0]!))!.nextDueOn).not.toBeNull();
  });

  test("information is asked for once: the answer restarts the time limit, and a second ask is refused", async () => {
    const { scope } = await businessWithInstruments();
    const id = await newRequest(scope);
    await takeRequest(reviewer, id);
    at("2026-03-03");
    expect(await askForInformation(reviewer, id, { items: ["Giấy phép"], body: "" }, TEST_ORIGIN)).toBe("done");
    at("2026-03-05");
    expect(await answerRequest(scope, id, "Đây.", [], TEST_ORIGIN)).toBe("done");
    // 10 working days from Thursday 05/03: Thursday 19/03; 03, 04 and 05 March are set aside.
    expect(await row(id)).toMatchObject({ state: "answered", paused_days: 3, deadline_on: "2026-03-19", appointment_on: "2026-03-19", paused_since: null });
    const before = await snapshot(id);
    expect(await askForInformation(reviewer, id, { items: ["Bản vẽ"], body: "" }, TEST_ORIGIN)).toBe("notAllowed");
    expect(await snapshot(id)).toEqual(before);
    // 02/03 to 10/03 is 6 working days, 3 of them before the restart.
    expect(clockOf(CAL, clockInputOf(await detailFor(id)), "2026-03-10")).toMatchObject({ kind: "running", used: 3, left: 7 });
  });

  test("information is asked for within 3 working days of the submission, not after", async () => {
    const { scope } = await businessWithInstruments();
    // Submitted Monday 02/03: the last day to ask is Thursday 05/03.
    const inTime = await newRequest(scope);
    const tooLate = await newRequest(scope);
    await takeRequest(reviewer, inTime);
    await takeRequest(reviewer, tooLate);
    at("2026-03-05");
    expect(await askForInformation(reviewer, inTime, { items: ["Giấy phép"], body: "" }, TEST_ORIGIN)).toBe("done");
    at("2026-03-06");
    const before = await snapshot(tooLate);
    expect(await askForInformation(reviewer, tooLate, { items: ["Giấy phép"], body: "" }, TEST_ORIGIN)).toBe("notAllowed");
    expect(await snapshot(tooLate)).toEqual(before);
    // DOST still decides it: approving or rejecting is what remains.
    expect(await rejectRequest(reviewer, tooLate, { reasonCode: "incomplete", reason: "Thiếu giấy phép; xin nộp lại yêu cầu mới." }, TEST_ORIGIN)).toBe("done");
  });

  test("reject after review: the reason is kept and the business is told", async () => {
    const { scope, email } = await businessWithInstruments();
    const id = await newRequest(scope, "investment");
    await expectOneStep(id, () => takeRequest(reviewer, id), { action: "take", from: "submitted", to: "in_review" });
    at("2026-03-04");
    const rejected = await expectOneStep(id, () => rejectRequest(reviewer, id, { reasonCode: "outOfScope", reason: "Ngoài phạm vi hỗ trợ năm nay." }, TEST_ORIGIN), {
      action: "reject",
      from: "in_review",
      to: "rejected",
    });
    expect(rejected.request).toMatchObject({ reject_reason: "Ngoài phạm vi hỗ trợ năm nay.", decided_on: "2026-03-04" });
    expect(rejected.request!.closed_at).not.toBeNull();
    expect(JSON.parse(rejected.entries.at(-1)!.data!)).toMatchObject({ reasonCode: "outOfScope" });
    expect((await outboxTo(email)).at(-1)!.subject).toContain(rejected.request!.code!);
  });

  test("RejectSchema: a reason code and a written reason are both required", () => {
    expect(RejectSchema.safeParse({ reasonCode: "other", reason: "Trùng với hồ sơ HT-2026-000001." }).success).toBe(true);
    const blank = RejectSchema.safeParse({ reasonCode: "other", reason: "   " });
    expect(blank.success).toBe(false);
    expect(blank.error!.flatten().fieldErrors).toEqual({ reason: ["requests:errors.required"] });
    const noCode = RejectSchema.safeParse({ reasonCode: "", reason: "Lý do" });
    expect(noCode.error!.flatten().fieldErrors).toEqual({ reasonCode: ["requests:errors.reason"] });
    expect(RejectSchema.safeParse({}).error!.flatten().fieldErrors).toHaveProperty("reason");
  });

  test("withdraw before a decision: straight after submitting, and while DOST waits for information", async () => {
    const { scope } = await businessWithInstruments();
    const fresh = await newRequest(scope);
    const reviewerMails = (await outboxTo(reviewer.email)).length;
    const withdrawn = await expectOneStep(fresh, () => withdrawRequest(scope, fresh, "Đã tự giải quyết.", TEST_ORIGIN), { action: "withdraw", from: "submitted", to: "withdrawn" });
    expect(withdrawn.request).toMatchObject({ decided_on: "2026-03-02" });
    expect(withdrawn.request!.closed_at).not.toBeNull();
    // No assignee yet: every reviewer hears of it.
    expect(await outboxTo(reviewer.email)).toHaveLength(reviewerMails + 1);

    const asked = await newRequest(scope);
    expect(await askForInformation(reviewer, asked, { items: ["Giấy phép"], body: "" }, TEST_ORIGIN)).toBe("done");
    at("2026-03-04");
    const after = await expectOneStep(asked, () => withdrawRequest(scope, asked, "Không cần nữa.", TEST_ORIGIN), { action: "withdraw", from: "needs_information", to: "withdrawn" });
    expect(after.request).toMatchObject({ paused_since: null, decided_on: "2026-03-04" });
    expect(clockOf(CAL, clockInputOf(await detailFor(asked)), "2026-03-04")).toMatchObject({ kind: "stopped", timeliness: null });
  });

  test("a request withdrawn while waiting for the business does not charge DOST with the waiting days", async () => {
    const { scope } = await businessWithInstruments();
    const id = await newRequest(scope);
    at("2026-03-03");
    expect(await askForInformation(reviewer, id, { items: ["Giấy phép"], body: "" }, TEST_ORIGIN)).toBe("done");
    // Withdrawn on 10/03: only 03/03 was DOST's; 04, 05, 06, 09 and 10 March were the business's.
    at("2026-03-10");
    expect(await withdrawRequest(scope, id, "Không cần nữa.", TEST_ORIGIN)).toBe("done");
    expect(clockOf(CAL, clockInputOf(await detailFor(id)), "2026-03-10")).toMatchObject({ kind: "stopped", used: 1 });
  });

  test("the change, its timeline entry, its audit row and its mail are one transaction", async () => {
    const { scope } = await businessWithInstruments();
    const id = await newRequest(scope);
    expect(await takeRequest(reviewer, id)).toBe("done");
    const before = await snapshot(id);
    const outboxBefore = await db().selectFrom("outbox").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
    mail.failNext = true;
    await expect(approveRequest(reviewer, id, { provider: "Trung tâm", planOn: "2026-03-20", note: "" }, TEST_ORIGIN)).rejects.toThrow("mail queue unavailable");
    expect(await snapshot(id)).toEqual(before);
    expect(await db().selectFrom("outbox").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow()).toEqual(outboxBefore);
    expect(await approveRequest(reviewer, id, { provider: "Trung tâm", planOn: "2026-03-20", note: "" }, TEST_ORIGIN)).toBe("done");
  });

  test("taking a request someone was already assigned to keeps that assignee", async () => {
    const { scope } = await businessWithInstruments();
    const id = await newRequest(scope);
    expect(await assignRequest(admin, id, colleague.user.id)).toBe("done");
    expect(await takeRequest(reviewer, id)).toBe("done");
    expect((await row(id)).assignee_id).toBe(colleague.user.id);
    expect(await assignRequest(admin, id, scope.user.id)).toBe("badAssignee");
    expect((await row(id)).assignee_id).toBe(colleague.user.id);
  });
});

/** What the detail pages read, for clockOf. */
async function detailFor(requestId: number) {
  const detail = await getRequestForDost(reviewer, requestId);
  if (!detail) throw new Error(`request ${requestId} not visible to DOST`);
  return detail;
}

describe("forbidden moves are refused and change nothing", () => {
  async function expectRefused(requestId: number, command: () => Promise<unknown>, outcome: "notAllowed" | "notFound" = "notAllowed") {
    const before = await snapshot(requestId);
    const outbox = await db().selectFrom("outbox").select((eb) => eb.fn.max("id").as("last")).executeTakeFirstOrThrow();
    expect(await command()).toBe(outcome);
    expect(await snapshot(requestId)).toEqual(before);
    expect(await db().selectFrom("outbox").select((eb) => eb.fn.max("id").as("last")).executeTakeFirstOrThrow()).toEqual(outbox);
  }

  test("no decision on a submitted request that nobody took; no second take", async () => {
    const { scope } = await businessWithInstruments();
    const id = await newRequest(scope);
    await expectRefused(id, () => approveRequest(reviewer, id, { provider: "Trung tâm", planOn: "2026-03-20", note: "" }, TEST_ORIGIN));
    await expectRefused(id, () => rejectRequest(reviewer, id, { reasonCode: "other", reason: "Lý do" }, TEST_ORIGIN));
    await expectRefused(id, () => completeRequest(reviewer, id, { outcome: "Xong", performedOn: "2026-03-02", instruments: [] }, TEST_ORIGIN));
    await expectRefused(id, () => answerRequest(scope, id, "Chưa ai hỏi", [], TEST_ORIGIN));
    expect(await takeRequest(reviewer, id)).toBe("done");
    await expectRefused(id, () => takeRequest(colleague, id));
    // Not asked: nothing to answer.
    await expectRefused(id, () => answerRequest(scope, id, "Chưa ai hỏi", [], TEST_ORIGIN));
  });

  test("after approval the business cannot withdraw; a rejected request cannot be completed; nothing leaves a closed request", async () => {
    const { scope } = await businessWithInstruments();
    const approved = await newRequest(scope);
    await takeRequest(reviewer, approved);
    expect(await approveRequest(reviewer, approved, { provider: "Trung tâm", planOn: "2026-03-20", note: "" }, TEST_ORIGIN)).toBe("done");
    await expectRefused(approved, () => withdrawRequest(scope, approved, "Muộn rồi", TEST_ORIGIN));
    await expectRefused(approved, () => askForInformation(reviewer, approved, { items: ["x"], body: "" }, TEST_ORIGIN));
    await expectRefused(approved, () => rejectRequest(reviewer, approved, { reasonCode: "other", reason: "Đổi ý" }, TEST_ORIGIN));

    const rejected = await newRequest(scope);
    await takeRequest(reviewer, rejected);
    expect(await rejectRequest(reviewer, rejected, { reasonCode: "duplicate", reason: "Trùng" }, TEST_ORIGIN)).toBe("done");
    await expectRefused(rejected, () => completeRequest(reviewer, rejected, { outcome: "Xong", performedOn: "2026-03-02", instruments: [] }, TEST_ORIGIN));
    await expectRefused(rejected, () => approveRequest(reviewer, rejected, { provider: "Trung tâm", planOn: "2026-03-20", note: "" }, TEST_ORIGIN));
    await expectRefused(rejected, () => withdrawRequest(scope, rejected, "Rút", TEST_ORIGIN));

    const withdrawn = await newRequest(scope);
    expect(await withdrawRequest(scope, withdrawn, "Rút", TEST_ORIGIN)).toBe("done");
    await expectRefused(withdrawn, () => takeRequest(reviewer, withdrawn));
    await expectRefused(withdrawn, () => withdrawRequest(scope, withdrawn, "Rút lần nữa", TEST_ORIGIN));
  });

  test("DOST cannot see or touch a draft: every command answers notFound", async () => {
    const { scope } = await businessWithInstruments();
    const draft = await newRequest(scope, "other", {}, false);
    expect(await getRequestForDost(reviewer, draft)).toBeUndefined();
    await expectRefused(draft, () => takeRequest(reviewer, draft), "notFound");
    await expectRefused(draft, () => askForInformation(reviewer, draft, { items: ["x"], body: "" }, TEST_ORIGIN), "notFound");
    await expectRefused(draft, () => approveRequest(reviewer, draft, { provider: "Trung tâm", planOn: "2026-03-20", note: "" }, TEST_ORIGIN), "notFound");
    await expectRefused(draft, () => rejectRequest(reviewer, draft, { reasonCode: "other", reason: "x" }, TEST_ORIGIN), "notFound");
    await expectRefused(draft, () => completeRequest(reviewer, draft, { outcome: "x", performedOn: "2026-03-02", instruments: [] }, TEST_ORIGIN), "notFound");
    await expectRefused(draft, () => rescheduleRequest(reviewer, draft, { appointmentOn: "2026-03-30", apology: "x" }, TEST_ORIGIN), "notFound");
    await expectRefused(draft, () => postMessage(reviewer, draft, { body: "x", internal: false, uploads: [] }, TEST_ORIGIN), "notFound");
    await expectRefused(draft, () => postMessage(reviewer, draft, { body: "x", internal: true, uploads: [] }, TEST_ORIGIN), "notFound");
    await expectRefused(draft, () => assignRequest(admin, draft, reviewer.user.id), "notFound");
    // The business itself has nobody to message yet.
    await expectRefused(draft, () => postMessage(scope, draft, { body: "x", internal: false, uploads: [] }, TEST_ORIGIN));
  });

  test("an apology with a new date: sent before the deadline, once; the deadline stays and a later decision is late", async () => {
    const { scope, email } = await businessWithInstruments();
    const id = await newRequest(scope);
    await takeRequest(reviewer, id);
    // Deadline Monday 16/03: the last day for the apology is Friday 13/03.
    at("2026-03-13");
    const businessMails = (await outboxTo(email)).length;
    const before = await snapshot(id);
    expect(await rescheduleRequest(reviewer, id, { appointmentOn: "2026-03-24", apology: "Xin lỗi vì chậm trễ." }, TEST_ORIGIN)).toBe("done");
    const after = await snapshot(id);
    expect(after.entries).toHaveLength(before.entries.length + 1);
    expect(after.audits).toHaveLength(before.audits.length + 1);
    expect(after.entries.at(-1)).toMatchObject({ kind: "reschedule", from_state: "in_review", to_state: "in_review", body: "Xin lỗi vì chậm trễ.", internal: 0 });
    expect(JSON.parse(after.entries.at(-1)!.data!)).toEqual({ action: "reschedule", from: "2026-03-16", to: "2026-03-24" });
    expect(after.audits.at(-1)!.action).toBe("reschedule");
    // The promised date moves; the deadline (and the timeliness measured against it) does not.
    expect(after.request).toMatchObject({ state: "in_review", appointment_on: "2026-03-24", deadline_on: "2026-03-16" });
    const apologyMail = (await outboxTo(email)).slice(businessMails);
    expect(apologyMail).toHaveLength(1);
    expect(apologyMail[0]!.body_text).toContain("24/03/2026");

    // Only once.
    await expectRefused(id, () => rescheduleRequest(reviewer, id, { appointmentOn: "2026-03-27", apology: "Xin lỗi lần nữa." }, TEST_ORIGIN));

    // Decided on 17/03, after the deadline though before the new date: late.
    at("2026-03-17");
    expect(await approveRequest(reviewer, id, { provider: "Trung tâm", planOn: "2026-03-30", note: "" }, TEST_ORIGIN)).toBe("done");
    expect(clockOf(CAL, clockInputOf(await detailFor(id)), "2026-03-17")).toMatchObject({ kind: "stopped", timeliness: "late" });
  });

  test("no apology on or after the deadline; past it the request is simply late and DOST still decides", async () => {
    const { scope } = await businessWithInstruments();
    const onDeadline = await newRequest(scope);
    const late = await newRequest(scope);
    await takeRequest(reviewer, onDeadline);
    await takeRequest(reviewer, late);
    at("2026-03-14");
    await expectRefused(onDeadline, () => rescheduleRequest(reviewer, onDeadline, { appointmentOn: "2026-03-24", apology: "Xin lỗi." }, TEST_ORIGIN));
    at("2026-03-16");
    await expectRefused(onDeadline, () => rescheduleRequest(reviewer, onDeadline, { appointmentOn: "2026-03-24", apology: "Xin lỗi." }, TEST_ORIGIN));
    at("2026-03-17");
    await expectRefused(late, () => rescheduleRequest(reviewer, late, { appointmentOn: "2026-03-24", apology: "Xin lỗi." }, TEST_ORIGIN));
    // No lock: the late request is decided as any other, and counts as late.
    expect(await rejectRequest(reviewer, late, { reasonCode: "other", reason: "Không đủ điều kiện." }, TEST_ORIGIN)).toBe("done");
    expect(clockOf(CAL, clockInputOf(await detailFor(late)), "2026-03-17")).toMatchObject({ kind: "stopped", timeliness: "late" });
  });

  test("the business can still withdraw a late request, and answer one that waits for it", async () => {
    const { scope } = await businessWithInstruments();
    const late = await newRequest(scope);
    const waiting = await newRequest(scope);
    expect(await askForInformation(reviewer, waiting, { items: ["Giấy phép"], body: "" }, TEST_ORIGIN)).toBe("done");
    at("2026-03-17");
    expect(await withdrawRequest(scope, late, "Không chờ được nữa.", TEST_ORIGIN)).toBe("done");
    // Asked 02/03, answered 17/03, past the first deadline: the time limit starts again, to 31/03.
    expect(await answerRequest(scope, waiting, "Đây ạ.", [], TEST_ORIGIN)).toBe("done");
    expect(await row(waiting)).toMatchObject({ state: "answered", appointment_on: "2026-03-31", deadline_on: "2026-03-31", paused_days: 11 });
    expect(await approveRequest(reviewer, waiting, { provider: "Trung tâm", planOn: "2026-03-30", note: "" }, TEST_ORIGIN)).toBe("done");
    expect(clockOf(CAL, clockInputOf(await detailFor(waiting)), "2026-03-17")).toMatchObject({ kind: "stopped", used: 0, timeliness: "early" });
  });

  test("a request from before these rules, asked several times, still loads, answers and is decided", async () => {
    const { scope, ownerId } = await businessWithInstruments();
    const id = await newRequest(scope);
    await takeRequest(reviewer, id);
    expect(await askForInformation(reviewer, id, { items: ["Giấy phép"], body: "" }, TEST_ORIGIN)).toBe("done");
    expect(await answerRequest(scope, id, "Đây.", [], TEST_ORIGIN)).toBe("done");
    // A second ask and a pause as the former rules wrote them, straight into the database.
    const entry = await db().selectFrom("request_entry").where("request_id", "=", id).where("to_state", "=", "needs_information").selectAll().executeTakeFirstOrThrow();
    const { id: _entryId, ...copy } = entry;
    await db().insertInto("request_entry").values({ ...copy, from_state: "answered" }).execute();
    await db().updateTable("support_request").set({ state: "needs_information", paused_since: "2026-03-03", paused_days: 1 }).where("id", "=", id).execute();
    at("2026-03-06");
    const params = { requestId: String(id) };
    const dostView = await run(dostDetailLoader, await requestAs(reviewer.user.id, `/dost/requests/${id}`), params);
    expect(dostView.status).toBe(200);
    expect(dataOf(dostView)).toMatchObject({ allowed: [], askBy: null });
    const businessView = await run(businessDetailLoader, await requestAs(ownerId, `/business/requests/${id}`), params);
    expect(dataOf(businessView).allowed).toEqual(expect.arrayContaining(["answer", "withdraw"]));
    expect(await answerRequest(scope, id, "Đây nữa.", [], TEST_ORIGIN)).toBe("done");
    // Restarted from Friday 06/03: 10 working days to Friday 20/03.
    expect(await row(id)).toMatchObject({ state: "answered", deadline_on: "2026-03-20", paused_days: 4 });
    expect(await askForInformation(reviewer, id, { items: ["x"], body: "" }, TEST_ORIGIN)).toBe("notAllowed");
    expect(await approveRequest(reviewer, id, { provider: "Trung tâm", planOn: "2026-03-30", note: "" }, TEST_ORIGIN)).toBe("done");
  });
});

describe("messages and internal notes", () => {
  test("a DOST note is in DOST's timeline only and mails no one; a business cannot write one", async () => {
    const { scope, email } = await businessWithInstruments();
    const id = await newRequest(scope);
    await takeRequest(reviewer, id);
    expect(await assignRequest(admin, id, colleague.user.id)).toBe("done");
    const businessMails = (await outboxTo(email)).length;
    const outboxCount = async () => Number((await db().selectFrom("outbox").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow()).n);
    const allMails = await outboxCount();

    expect(await postMessage(reviewer, id, { body: "NOTE-ONLY-DOST", internal: true, uploads: [pdf("noi-bo.pdf")] }, TEST_ORIGIN)).toBe("done");
    expect(await outboxCount()).toBe(allMails);
    const forDost = (await getRequestForDost(reviewer, id))!;
    const note = forDost.entries.find((e) => e.body === "NOTE-ONLY-DOST")!;
    expect(note).toMatchObject({ kind: "note", internal: true, actorIsDost: true, files: [] });
    const forBusiness = (await getRequestForBusiness(scope, id))!;
    expect(forBusiness.entries.map((e) => e.body)).not.toContain("NOTE-ONLY-DOST");
    // Who works on it is DOST's business too.
    expect(forDost.entries.some((e) => e.kind === "assign")).toBe(true);
    expect(forBusiness.entries.some((e) => e.kind === "assign" || e.internal)).toBe(false);
    // Internal notes carry no files: none was stored.
    expect(await db().selectFrom("stored_file").where("filename", "=", "noi-bo.pdf").select("id").execute()).toEqual([]);
    const noteAudit = await db().selectFrom("audit_log").where("entity", "=", "support_request").where("entity_id", "=", String(id)).select("action").orderBy("id", "desc").executeTakeFirstOrThrow();
    expect(noteAudit.action).toBe("note");

    // The business asks for an internal note and gets a plain message, which DOST's assignee hears of.
    const colleagueMails = (await outboxTo(colleague.email)).length;
    expect(await postMessage(scope, id, { body: "BUSINESS-TRIES-INTERNAL", internal: true, uploads: [] }, TEST_ORIGIN)).toBe("done");
    const stored = await db().selectFrom("request_entry").where("request_id", "=", id).where("body", "=", "BUSINESS-TRIES-INTERNAL").selectAll().executeTakeFirstOrThrow();
    expect(stored).toMatchObject({ kind: "message", internal: 0, actor_id: scope.user.id });
    expect((await getRequestForBusiness(scope, id))!.entries.map((e) => e.body)).toContain("BUSINESS-TRIES-INTERNAL");
    expect(await outboxTo(colleague.email)).toHaveLength(colleagueMails + 1);
    expect(await outboxTo(email)).toHaveLength(businessMails);

    // A plain DOST message does reach the business.
    expect(await postMessage(reviewer, id, { body: "Chúng tôi đang xem.", internal: false, uploads: [] }, TEST_ORIGIN)).toBe("done");
    const messages = (await outboxTo(email)).slice(businessMails);
    expect(messages).toHaveLength(1);
    expect(messages[0]!.body_text).not.toContain("NOTE-ONLY-DOST");
  });
});

describe("one business never reaches another's requests", () => {
  test("business B gets notFound for A's request and draft, and A's rows do not change", async () => {
    const a = await businessWithInstruments();
    const b = await businessWithInstruments();
    const asked = await newRequest(a.scope);
    await askForInformation(reviewer, asked, { items: ["Giấy phép"], body: "" }, TEST_ORIGIN);
    const draft = await newRequest(a.scope, "other", {}, false);
    const [askedBefore, draftBefore] = [await snapshot(asked), await snapshot(draft)];

    expect(await getRequestForBusiness(b.scope, asked)).toBeUndefined();
    expect(await getRequestForBusiness(b.scope, draft)).toBeUndefined();
    expect(await answerRequest(b.scope, asked, "Trả lời hộ", [pdf("x.pdf")], TEST_ORIGIN)).toBe("notFound");
    expect(await withdrawRequest(b.scope, asked, "Rút hộ", TEST_ORIGIN)).toBe("notFound");
    expect(await postMessage(b.scope, asked, { body: "Chào", internal: false, uploads: [] }, TEST_ORIGIN)).toBe("notFound");
    expect(await updateDraft(b.scope, draft, input("other", { title: "Sửa hộ" }), [], { submit: true, origin: TEST_ORIGIN })).toBeNull();
    expect(await deleteDraft(b.scope, draft)).toBe(false);
    expect(await submitRequest(b.scope, draft, TEST_ORIGIN)).toBe("notFound");
    expect((await listBusinessRequests(b.scope)).map((r) => r.id)).toEqual([]);
    expect(await snapshot(asked)).toEqual(askedBefore);
    expect(await snapshot(draft)).toEqual(draftBefore);
    expect(await db().selectFrom("stored_file").where("filename", "=", "x.pdf").select("id").execute()).toEqual([]);
  });

  test("a request cannot name another business's instrument, on creation or on a draft's update", async () => {
    const a = await businessWithInstruments();
    const b = await businessWithInstruments();
    const count = async () => (await listBusinessRequests(a.scope)).length;
    const before = await count();
    for (const instrumentIds of [[b.instrumentIds[0]!], [a.instrumentIds[0]!, b.instrumentIds[0]!]]) {
      for (const submit of [false, true]) {
        expect(await createRequest(a.scope, input("verification", { instrumentIds }), [], { submit, origin: TEST_ORIGIN })).toEqual({
          ok: false,
          errors: { instrumentIds: "requests:errors.instruments" },
        });
      }
    }
    expect(await count()).toBe(before);
    const draft = await newRequest(a.scope, "verification", { instrumentIds: [a.instrumentIds[0]!] }, false);
    expect(await updateDraft(a.scope, draft, input("verification", { instrumentIds: [b.instrumentIds[1]!] }), [], { submit: true, origin: TEST_ORIGIN })).toEqual({
      ok: false,
      errors: { instrumentIds: "requests:errors.instruments" },
    });
    expect(await row(draft)).toMatchObject({ state: "draft" });
    const chosen = await db().selectFrom("support_request_instrument").where("request_id", "=", draft).select("instrument_id").execute();
    expect(chosen).toEqual([{ instrument_id: a.instrumentIds[0]! }]);
  });

  test("drafts are invisible to DOST: not in the detail, the queue or the counts", async () => {
    const { scope } = await businessWithInstruments();
    const countsBefore = await stateCounts("2026-03-02");
    const draft = await newRequest(scope, "other", {}, false);
    expect(await getRequestForDost(reviewer, draft)).toBeUndefined();
    const all = await queue(reviewer, { ...QUEUE_DEFAULTS, state: "all" }, "2026-03-02");
    expect(all.items.map((i) => i.id)).not.toContain(draft);
    expect((await queue(reviewer, { ...QUEUE_DEFAULTS, state: "draft" }, "2026-03-02")).total).toBe(0);
    const countsAfter = await stateCounts("2026-03-02");
    expect(countsAfter).toEqual(countsBefore);
    expect(countsAfter.counts).not.toHaveProperty("draft");
  });
});

const QUEUE_DEFAULTS: QueueFilter = { state: "all", type: "", sector: "", commune: "", clock: "", olderThanDays: null, assignee: "", sort: "oldest", page: 1 };

describe("the DOST queue", () => {
  test("filters by state, type, sector, ward, assignee and clock, sorts late first, and counts per state", async () => {
    const today = "2026-03-02";
    const countsBefore = await stateCounts(today);
    // The only water business in this file, in Cái Khẽ: filtering on it isolates these requests.
    const w = await businessWithInstruments({ sectors: ["water"], communeId: "phuong-cai-khe" });
    const draft = await newRequest(w.scope, "other", {}, false);
    const waiting = await newRequest(w.scope, "verification", { instrumentIds: w.instrumentIds });
    const training = await newRequest(w.scope, "training");
    const late = await newRequest(w.scope, "other");
    const paused = await newRequest(w.scope, "method");
    const approved = await newRequest(w.scope, "programme");
    await takeRequest(reviewer, training);
    await takeRequest(colleague, late);
    await askForInformation(reviewer, paused, { items: ["Quy trình hiện tại"], body: "" }, TEST_ORIGIN);
    await takeRequest(reviewer, approved);
    await approveRequest(reviewer, approved, { provider: "Trung tâm", planOn: "2026-03-20", note: "" }, TEST_ORIGIN);
    await db().updateTable("support_request").set({ appointment_on: "2026-02-27" }).where("id", "=", late).execute();
    await db().updateTable("support_request").set({ appointment_on: "2026-03-03" }).where("id", "=", training).execute();

    const ids = async (filter: Partial<QueueFilter>, scope: DostScope = reviewer) =>
      (await queue(scope, { ...QUEUE_DEFAULTS, sector: "water", ...filter }, today)).items.map((i) => i.id);
    const mine = [waiting, training, late, paused, approved];

    expect(await ids({})).toEqual(mine);
    expect(await ids({})).not.toContain(draft);
    expect(await ids({ state: "open" })).toEqual(mine);
    expect(await ids({ state: "submitted" })).toEqual([waiting]);
    expect(await ids({ state: "in_review" })).toEqual([training, late]);
    expect(await ids({ state: "needs_information" })).toEqual([paused]);
    expect(await ids({ state: "approved" })).toEqual([approved]);
    expect(await ids({ state: "rejected" })).toEqual([]);
    expect(await ids({ type: "training" })).toEqual([training]);
    expect(await ids({ type: "verification" })).toEqual([waiting]);
    expect(await ids({ assignee: "me" })).toEqual([training, approved]);
    expect(await ids({ assignee: "me" }, colleague)).toEqual([late]);
    expect(await ids({ assignee: "none" })).toEqual([waiting, paused]);
    expect(await ids({ assignee: colleague.user.id })).toEqual([late]);
    expect(await ids({ clock: "late" })).toEqual([late]);
    expect(await ids({ clock: "dueSoon" })).toEqual([training]);
    expect(await ids({ clock: "waiting" })).toEqual([paused]);
    expect(await ids({ olderThanDays: 0 })).toEqual(mine);
    expect(await ids({ olderThanDays: 1 })).toEqual([]);
    expect(await ids({ sector: "", commune: "phuong-cai-khe" })).toEqual(mine);
    // Running clocks first, the latest promise first; then the rest.
    expect(await ids({ sort: "appointment" })).toEqual([late, training, waiting, paused, approved]);
    expect(await ids({ sort: "newest" })).toEqual([...mine].reverse());
    // Another sector does not see them.
    const fuel = await queue(reviewer, { ...QUEUE_DEFAULTS, sector: "fuel", state: "all" }, today);
    expect(fuel.items.map((i) => i.id)).not.toContain(waiting);
    expect((await queue(reviewer, { ...QUEUE_DEFAULTS, sector: "water" }, today)).total).toBe(5);

    const countsAfter = await stateCounts(today);
    const delta = Object.fromEntries(Object.entries(countsAfter.counts).map(([state, n]) => [state, n - countsBefore.counts[state as keyof typeof countsBefore.counts]]));
    expect(delta).toEqual({ submitted: 1, in_review: 2, needs_information: 1, answered: 0, approved: 1, rejected: 0, completed: 0, withdrawn: 0 });
    expect(countsAfter.late - countsBefore.late).toBe(1);
  });
});

/** A multipart POST as the browser sends the request forms (they carry files). */
async function multipartAs(userId: number, path: string, fields: Record<string, string | string[]>, files: Record<string, CheckedUpload> = {}) {
  const form = new FormData();
  for (const [key, value] of Object.entries(fields)) for (const v of Array.isArray(value) ? value : [value]) form.append(key, v);
  for (const [key, file] of Object.entries(files)) form.append(key, new File([new Uint8Array(file.bytes)], file.filename, { type: file.mimeType }));
  return new Request(`${TEST_ORIGIN}${path}`, { method: "POST", body: form, headers: { Cookie: await cookieFor(userId), Origin: TEST_ORIGIN } });
}

type LoaderData = Record<string, unknown> & { errors?: Record<string, string> };
const dataOf = (outcome: { data: unknown }) => outcome.data as LoaderData;

describe("through the routes", () => {
  test("a business files a verification request; DOST takes, asks, gets an answer, approves and completes it", async () => {
    const { scope, ownerId, instrumentIds } = await businessWithInstruments();
    const created = await run(
      newRequestAction,
      await multipartAs(ownerId, "/business/requests/new", {
        type: "verification",
        title: "Kiểm định hai cột đo",
        description: "Đến hạn kiểm định.",
        desiredOn: "",
        trainees: "",
        instrumentIds: instrumentIds.map(String),
        intent: "submit",
      }),
    );
    expect(created.status).toBe(302);
    const id = Number(/^\/business\/requests\/(\d+)\/receipt$/.exec(created.location!)![1]);
    expect(await row(id)).toMatchObject({ state: "submitted", appointment_on: "2026-03-16" });
    const receipt = await run(receiptLoader, await requestAs(ownerId, `/business/requests/${id}/receipt`), { requestId: String(id) });
    expect(receipt.status).toBe(200);
    const path = `/dost/requests/${id}`;
    const params = { requestId: String(id) };

    // A decision straight from "submitted" is refused with a flash, and nothing changes.
    const skipped = await run(dostDetailAction, await requestAs(reviewer.user.id, path, { form: { intent: "approve", provider: "Trung tâm", planOn: "2026-03-20", note: "" } }), params);
    expect(skipped).toMatchObject({ status: 302, location: path });
    expect((await row(id)).state).toBe("submitted");

    expect(await run(dostDetailAction, await requestAs(reviewer.user.id, path, { form: { intent: "take" } }), params)).toMatchObject({ status: 302, location: path });
    expect(await row(id)).toMatchObject({ state: "in_review", assignee_id: reviewer.user.id });

    const note = await run(dostDetailAction, await requestAs(reviewer.user.id, path, { form: { intent: "note", internalNote: "ROUTE-NOTE" } }), params);
    expect(note.status).toBe(302);

    const asked = await run(dostDetailAction, await requestAs(reviewer.user.id, path, { form: { intent: "ask", items: ["Sổ theo dõi", "", "Giấy chứng nhận cũ"], body: "" } }), params);
    expect(asked.status).toBe(302);
    const businessView = await run(businessDetailLoader, await requestAs(ownerId, `/business/requests/${id}`), params);
    expect(dataOf(businessView).ask).toMatchObject({ items: ["Sổ theo dõi", "Giấy chứng nhận cũ"] });
    expect(JSON.stringify(businessView.data)).not.toContain("ROUTE-NOTE");
    expect(dataOf(businessView).allowed).toEqual(expect.arrayContaining(["answer", "withdraw"]));
    const dostView = await run(dostDetailLoader, await requestAs(reviewer.user.id, path), params);
    expect(JSON.stringify(dostView.data)).toContain("ROUTE-NOTE");

    at("2026-03-04");
    const emptyAnswer = await run(businessDetailAction, await multipartAs(ownerId, `/business/requests/${id}`, { intent: "answer", body: " " }), params);
    expect(emptyAnswer.status).toBe(400);
    expect(dataOf(emptyAnswer).errors).toMatchObject({ body: "requests:errors.required" });
    const answered = await run(businessDetailAction, await multipartAs(ownerId, `/business/requests/${id}`, { intent: "answer", body: "Đã gửi." }, { attachments: pdf("so-theo-doi.pdf") }), params);
    expect(answered).toMatchObject({ status: 302, location: `/business/requests/${id}` });
    // Asked 02/03, answered 04/03: the time limit counts again from 04/03, to 18/03.
    expect(await row(id)).toMatchObject({ state: "answered", appointment_on: "2026-03-18", deadline_on: "2026-03-18", paused_days: 2 });

    const noReason = await run(dostDetailAction, await requestAs(reviewer.user.id, path, { form: { intent: "reject", reasonCode: "other", reason: "" } }), params);
    expect(noReason.status).toBe(400);
    expect(dataOf(noReason).errors).toMatchObject({ reason: "requests:errors.required" });
    expect((await row(id)).state).toBe("answered");

    const approved = await run(dostDetailAction, await requestAs(reviewer.user.id, path, { form: { intent: "approve", provider: "Trung tâm Kỹ thuật", planOn: "2026-03-12", note: "" } }), params);
    expect(approved.status).toBe(302);
    expect(await row(id)).toMatchObject({ state: "approved", plan_provider: "Trung tâm Kỹ thuật", plan_on: "2026-03-12" });

    at("2026-03-12");
    const lines = Object.fromEntries(instrumentIds.flatMap((i) => [[`result-${i}`, "pass"], [`certificateNo-${i}`, `KĐ-${i}`]]));
    const undated = await run(dostDetailAction, await multipartAs(reviewer.user.id, path, { intent: "complete", outcome: "Đạt", performedOn: "", ...lines }), params);
    expect(undated.status).toBe(400);
    expect(dataOf(undated).errors).toMatchObject({ performedOn: "requests:errors.required" });
    const completed = await run(
      dostDetailAction,
      await multipartAs(reviewer.user.id, path, { intent: "complete", outcome: "Đạt", performedOn: "2026-03-12", ...lines }, { [`certificate-${instrumentIds[0]}`]: pdf("gcn.pdf") }),
      params,
    );
    expect(completed.status).toBe(302);
    expect((await row(id)).state).toBe("completed");
    for (const instrumentId of instrumentIds) expect((await getInstrument(scope, instrumentId))!.nextDueOn).toBe("2027-03-12");

    // The certificate is downloadable through this request, by DOST, and by nobody through another request.
    const certificate = (await getRequestForDost(reviewer, id))!.files.find((f) => f.filename === "gcn.pdf")!;
    const download = await run(dostFileLoader, await requestAs(reviewer.user.id, `${path}/files/${certificate.id}`), { requestId: String(id), fileId: String(certificate.id) });
    expect(download.status).toBe(200);
    const elsewhere = await newRequest(scope);
    const wrongRequest = await run(dostFileLoader, await requestAs(reviewer.user.id, `/dost/requests/${elsewhere}/files/${certificate.id}`), {
      requestId: String(elsewhere),
      fileId: String(certificate.id),
    });
    expect(wrongRequest.status).toBe(404);
  });

  test("the DOST page gives the last days to ask and to apologise, and refuses a new date that is not a working day after the deadline", async () => {
    const { scope } = await businessWithInstruments();
    const id = await newRequest(scope);
    await takeRequest(reviewer, id);
    const path = `/dost/requests/${id}`;
    const params = { requestId: String(id) };
    const fresh = await run(dostDetailLoader, await requestAs(reviewer.user.id, path), params);
    expect(dataOf(fresh)).toMatchObject({ askBy: "2026-03-05", apologyBy: "2026-03-13", refused: {}, pastDeadline: null });
    expect(dataOf(fresh).allowed).toEqual(expect.arrayContaining(["ask", "reschedule", "approve", "reject"]));

    at("2026-03-06");
    const afterAsk = await run(dostDetailLoader, await requestAs(reviewer.user.id, path), params);
    expect(dataOf(afterAsk)).toMatchObject({ askBy: null, apologyBy: "2026-03-13", refused: { ask: "askTooLate" } });
    const lateAsk = await run(dostDetailAction, await requestAs(reviewer.user.id, path, { form: { intent: "ask", items: ["Sổ theo dõi"], body: "" } }), params);
    expect(lateAsk).toMatchObject({ status: 302, location: path });
    expect((await row(id)).state).toBe("in_review");

    for (const [appointmentOn, error] of [
      ["2026-03-16", "requests:errors.afterDeadline"],
      ["2026-03-12", "requests:errors.afterDeadline"],
      ["2026-03-21", "requests:errors.notWorkingDay"],
    ]) {
      const refused = await run(dostDetailAction, await requestAs(reviewer.user.id, path, { form: { intent: "reschedule", appointmentOn: appointmentOn!, apology: "Xin lỗi." } }), params);
      expect(refused.status).toBe(400);
      expect(dataOf(refused).errors).toMatchObject({ appointmentOn: error });
    }
    const ok = await run(dostDetailAction, await requestAs(reviewer.user.id, path, { form: { intent: "reschedule", appointmentOn: "2026-03-20", apology: "Xin lỗi." } }), params);
    expect(ok.status).toBe(302);
    expect(await row(id)).toMatchObject({ appointment_on: "2026-03-20", deadline_on: "2026-03-16", state: "in_review" });

    at("2026-03-17");
    const late = await run(dostDetailLoader, await requestAs(reviewer.user.id, path), params);
    expect(dataOf(late)).toMatchObject({ pastDeadline: { days: 1 }, rescheduled: true, apologyBy: null, refused: { ask: "askTooLate", reschedule: "rescheduledAlready" } });
    expect(dataOf(late).allowed).toEqual(expect.arrayContaining(["approve", "reject"]));
    const approved = await run(dostDetailAction, await requestAs(reviewer.user.id, path, { form: { intent: "approve", provider: "Trung tâm", planOn: "2026-03-20", note: "" } }), params);
    expect(approved.status).toBe(302);
    expect((await row(id)).state).toBe("approved");
  });

  test("tenancy and roles on the routes: another business, a draft for DOST, a business user on DOST pages, a reviewer on settings", async () => {
    const a = await businessWithInstruments();
    const b = await businessWithInstruments();
    const submitted = await newRequest(a.scope);
    const draft = await newRequest(a.scope, "other", {}, false);
    const before = [await snapshot(submitted), await snapshot(draft)];
    for (const id of [submitted, draft]) {
      const params = { requestId: String(id) };
      expect((await run(businessDetailLoader, await requestAs(b.ownerId, `/business/requests/${id}`), params)).status).toBe(404);
      expect((await run(receiptLoader, await requestAs(b.ownerId, `/business/requests/${id}/receipt`), params)).status).toBe(404);
      for (const fields of [{ intent: "withdraw", body: "Rút" }, { intent: "message", body: "Chào" }, { intent: "answer", body: "Đây" }, { intent: "delete" }, { intent: "submit" }] as Array<Record<string, string>>) {
        expect((await run(businessDetailAction, await multipartAs(b.ownerId, `/business/requests/${id}`, fields), params)).status).toBe(404);
      }
    }
    expect([await snapshot(submitted), await snapshot(draft)]).toEqual(before);
    const list = await run(businessListLoader, await requestAs(b.ownerId, "/business/requests"));
    expect((dataOf(list).requests as unknown[]).length).toBe(0);

    // DOST never sees a draft, not even by its address.
    expect((await run(dostDetailLoader, await requestAs(reviewer.user.id, `/dost/requests/${draft}`), { requestId: String(draft) })).status).toBe(404);
    expect((await run(dostDetailAction, await requestAs(reviewer.user.id, `/dost/requests/${draft}`, { form: { intent: "take" } }), { requestId: String(draft) })).status).toBe(404);
    // A business user is not a reviewer; a reviewer is not an administrator.
    expect((await run(dostDetailLoader, await requestAs(a.ownerId, `/dost/requests/${submitted}`), { requestId: String(submitted) })).status).toBe(404);
    expect((await run(dostDetailAction, await requestAs(a.ownerId, `/dost/requests/${submitted}`, { form: { intent: "take" } }), { requestId: String(submitted) })).status).toBe(404);
    expect((await run(queueLoader, await requestAs(a.ownerId, "/dost/requests"))).status).toBe(404);
    expect((await run(settingsAction, await requestAs(reviewer.user.id, "/dost/settings", { form: { slaDays: "3" } }))).status).toBe(404);
    expect(await getSlaDays()).toBe(10);
    expect((await row(submitted)).state).toBe("submitted");
  });

  test("the SLA setting through its page: validated, and only for new requests", async () => {
    const { scope } = await businessWithInstruments();
    const bad = await run(settingsAction, await requestAs(admin.user.id, "/dost/settings", { form: { slaDays: "0" } }));
    expect(bad.status).toBe(400);
    try {
      expect((await run(settingsAction, await requestAs(admin.user.id, "/dost/settings", { form: { slaDays: "15" } }))).status).toBe(302);
      const id = await newRequest(scope);
      expect(await row(id)).toMatchObject({ sla_days: 15, appointment_on: addWorkingDays(CAL, "2026-03-02", 15) });
    } finally {
      await setSlaDays(admin, 10);
    }
  });

  test("the queue page reads its filters from the address", async () => {
    const { scope } = await businessWithInstruments({ sectors: ["logistics"], communeId: "phuong-tan-an" });
    const first = await newRequest(scope, "training");
    const second = await newRequest(scope, "other");
    await takeRequest(reviewer, second);
    await db().updateTable("support_request").set({ appointment_on: "2026-02-27" }).where("id", "=", second).execute();
    const ids = async (query: string) => {
      const outcome = await run(queueLoader, await requestAs(reviewer.user.id, `/dost/requests?${query}`));
      expect(outcome.status).toBe(200);
      return (dataOf(outcome).items as Array<{ id: number; late: boolean }>).map((i) => [i.id, i.late]);
    };
    expect(await ids("sector=logistics&sort=oldest")).toEqual([
      [first, false],
      [second, true],
    ]);
    expect(await ids("sector=logistics&clock=late")).toEqual([[second, true]]);
    expect(await ids("sector=logistics&assignee=me")).toEqual([[second, true]]);
    expect(await ids("sector=logistics&type=training")).toEqual([[first, false]]);
    expect(await ids("sector=logistics&state=withdrawn")).toEqual([]);
    // An unknown filter value falls back to the default instead of failing.
    expect(await ids("sector=logistics&state=bogus&sort=oldest")).toEqual([
      [first, false],
      [second, true],
    ]);
  });

  test("deleting a draft from its page (a plain urlencoded form) works", async () => {
    const { scope, ownerId } = await businessWithInstruments();
    const draft = await newRequest(scope, "other", {}, false);
    const outcome = await run(businessDetailAction, await requestAs(ownerId, `/business/requests/${draft}`, { form: { intent: "delete" } }), { requestId: String(draft) });
    expect(outcome).toMatchObject({ status: 302, location: "/business/requests" });
    expect(await db().selectFrom("support_request").where("id", "=", draft).select("id").executeTakeFirst()).toBeUndefined();
  });
});

describe("what waits for DOST on its home page", () => {
  test("new unassigned, late, answered, mine and approved requests are counted", async () => {
    const { scope } = await businessWithInstruments();
    const mine = await dostUser();
    const before = await dostRequestSummary(mine, "2026-03-02");
    await newRequest(scope);
    const taken = await newRequest(scope);
    await takeRequest(mine, taken);
    const answered = await newRequest(scope);
    await takeRequest(reviewer, answered);
    await askForInformation(reviewer, answered, { items: ["Giấy phép"], body: "" }, TEST_ORIGIN);
    await answerRequest(scope, answered, "Đã gửi.", [], TEST_ORIGIN);
    const approved = await newRequest(scope);
    await takeRequest(mine, approved);
    await approveRequest(mine, approved, { provider: "Trung tâm", planOn: "2026-03-20", note: "" }, TEST_ORIGIN);
    await newRequest(scope, "other", {}, false);

    const after = await dostRequestSummary(mine, "2026-03-02");
    expect({
      unassigned: after.unassigned - before.unassigned,
      answered: after.answered - before.answered,
      mine: after.mine - before.mine,
      toComplete: after.toComplete - before.toComplete,
      late: after.late - before.late,
    }).toEqual({ unassigned: 1, answered: 1, mine: 2, toComplete: 1, late: 0 });
    // Three weeks on, the running ones are late: the same number the queue's counts give.
    const later = await dostRequestSummary(mine, "2026-03-23");
    expect(later.late).toBeGreaterThanOrEqual(after.late + 3);
    expect(later.late).toBe((await stateCounts("2026-03-23")).late);
  });
});
