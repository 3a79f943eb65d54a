import { type RequestType } from "@db/schema";
import { currentHolidayCalendar } from "~/modules/holidays/calendar.server";
import { addWorkingDays } from "~/modules/requests/working-days";
import {
  answerRequest,
  approveRequest,
  askForInformation,
  assignRequest,
  completeRequest,
  createRequest,
  postMessage,
  rejectRequest,
  submitRequest,
  takeRequest,
  withdrawRequest,
} from "~/modules/requests/requests.server";
import { type BusinessScope, type DostScope, type SessionUser } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { publicOrigin } from "~/utils/request.server";

// The links in the demo's mails point where every other mail's do (server.ts sets the demo's PUBLIC_URL).
const ORIGIN = publicOrigin();

async function userScope(email: string) {
  const user = await db()
    .selectFrom("user")
    .where("email", "=", email)
    .select(["id", "email", "full_name as fullName", "role", "business_id as businessId"])
    .executeTakeFirstOrThrow();
  const sessionUser: SessionUser = { ...user, businessName: null };
  return sessionUser;
}

async function businessScope(email: string): Promise<BusinessScope> {
  const user = await userScope(email);
  return { kind: "business", businessId: user.businessId!, user };
}

async function dostScope(email: string): Promise<DostScope> {
  return { kind: "dost", user: await userScope(email) };
}

/** The business's instruments most in need of verification, for requests that name instruments. */
async function urgentInstruments(scope: BusinessScope, count: number): Promise<number[]> {
  const rows = await db()
    .selectFrom("instrument")
    .where("business_id", "=", scope.businessId)
    .where("status", "=", "in_service")
    .where("next_due_on", "is not", null)
    .orderBy("next_due_on")
    .select("id")
    .limit(count)
    .execute();
  return rows.map((r) => r.id);
}

async function draft(scope: BusinessScope, type: RequestType, title: string, description: string, extra: { instrumentIds?: number[]; trainees?: string } = {}) {
  const result = await createRequest(
    scope,
    { type, title, description, desiredOn: "", trainees: extra.trainees ?? "", instrumentIds: extra.instrumentIds ?? [], origin: null },
    [],
    { submit: false, origin: ORIGIN },
  );
  if (!result.ok) throw new Error(`demo request: ${JSON.stringify(result.errors)}`);
  return result.id;
}

async function submitted(scope: BusinessScope, ...args: Parameters<typeof draft> extends [unknown, ...infer Rest] ? Rest : never) {
  const id = await draft(scope, ...args);
  await submitRequest(scope, id, ORIGIN);
  return id;
}

const DECISIONS = ["approve", "reject", "complete", "withdraw"];

function shiftInstant(iso: string, days: number): string {
  return new Date(Date.parse(iso) - days * 86_400_000).toISOString();
}
function shiftDay(day: string | null, days: number): string | null {
  return day ? shiftInstant(`${day}T00:00:00Z`, days).slice(0, 10) : null;
}

/**
 * Moves a request's whole history `days` calendar days into the past, so the demo shows requests of
 * different ages (one late). The deadline is worked out again from the new submission day, past the
 * working days set aside before an answer restarted it (the demo's answers come on the day of the
 * request, so the restart gives the same day).
 */
async function backdate(requestId: number, days: number, decidedDaysAgo = days) {
  const request = await db().selectFrom("support_request").where("id", "=", requestId).selectAll().executeTakeFirstOrThrow();
  const submittedOn = shiftDay(request.submitted_on, days)!;
  const deadline = addWorkingDays(await currentHolidayCalendar(), submittedOn, (request.sla_days ?? 10) + request.paused_days);
  await db()
    .updateTable("support_request")
    .set({
      submitted_at: request.submitted_at ? shiftInstant(request.submitted_at, days) : null,
      submitted_on: submittedOn,
      deadline_on: deadline,
      appointment_on: deadline,
      paused_since: shiftDay(request.paused_since, days),
      decided_at: request.decided_at ? shiftInstant(request.decided_at, decidedDaysAgo) : null,
      decided_on: shiftDay(request.decided_on, decidedDaysAgo),
      completed_at: request.completed_at ? shiftInstant(request.completed_at, decidedDaysAgo) : null,
      closed_at: request.closed_at ? shiftInstant(request.closed_at, decidedDaysAgo) : null,
      created_at: shiftInstant(request.created_at, days),
      updated_at: shiftInstant(request.updated_at, days),
    })
    .where("id", "=", requestId)
    .execute();
  const entries = await db().selectFrom("request_entry").where("request_id", "=", requestId).select(["id", "at", "data"]).execute();
  for (const entry of entries) {
    const data = entry.data ? (JSON.parse(entry.data) as Record<string, unknown>) : null;
    if (data && data.action === "submit") data.appointmentOn = deadline;
    if (data && data.action === "answer" && data.appointmentOn) {
      data.appointmentOn = deadline;
      data.deadlineOn = deadline;
      if (typeof data.restartedOn === "string") data.restartedOn = shiftDay(data.restartedOn, days);
    }
    await db()
      .updateTable("request_entry")
      .set({ at: shiftInstant(entry.at, DECISIONS.includes(String(data?.action)) ? decidedDaysAgo : days), data: data ? JSON.stringify(data) : null })
      .where("id", "=", entry.id)
      .execute();
  }
}

/** Requests in every state, through the same commands the pages use. */
export async function seedDemoRequests(): Promise<number> {
  const [fuel, water, power, logistics, agri] = await Promise.all(
    ["fuel@demo.vn", "water@demo.vn", "power@demo.vn", "logistics@demo.vn", "agri@demo.vn"].map(businessScope),
  );
  const reviewer = await dostScope("reviewer@dost.demo");
  const admin = await dostScope("admin@dost.demo");
  const fuelInstruments = await urgentInstruments(fuel!, 7);
  const waterInstruments = await urgentInstruments(water!, 3);

  // Completed: a verification visit recorded in the register.
  const completed = await submitted(water!, "verification", "Kiểm định 3 đồng hồ nước tổng", "Đề nghị hỗ trợ kiểm định định kỳ các đồng hồ nước tổng tại trạm bơm.", {
    instrumentIds: waterInstruments,
  });
  await takeRequest(reviewer, completed);
  await approveRequest(reviewer, completed, { provider: "Trung tâm Kỹ thuật Tiêu chuẩn Đo lường Chất lượng (ví dụ)", planOn: todayMinus(33), note: "" }, ORIGIN);
  await completeRequest(
    reviewer,
    completed,
    {
      outcome: "Đã kiểm định 3 đồng hồ nước tổng; tất cả đạt yêu cầu.",
      performedOn: todayMinus(33),
      instruments: waterInstruments.map((id, i) => ({ instrumentId: id, result: "pass", certificateNo: `KĐ-DEMO-${100 + i}`, upload: null })),
    },
    ORIGIN,
  );
  await backdate(completed, 45, 33);

  // Approved with a plan.
  const approved = await submitted(power!, "calibration", "Hiệu chuẩn chuẩn công tác công tơ điện", "Chuẩn công tác dùng để kiểm tra công tơ tại phòng thí nghiệm cần hiệu chuẩn lại.", {
    instrumentIds: await urgentInstruments(power!, 1),
  });
  await takeRequest(admin, approved);
  await approveRequest(admin, approved, { provider: "Công ty TNHH Hiệu chuẩn và Thử nghiệm Sông Hậu (ví dụ)", planOn: addWorkingDays(await currentHolidayCalendar(), todayMinus(0), 5), note: "Doanh nghiệp chuẩn bị hồ sơ thiết bị." }, ORIGIN);
  await backdate(approved, 12, 4);

  // Rejected with a reason.
  const rejected = await submitted(power!, "investment", "Hỗ trợ kinh phí mua thiết bị", "Đề nghị hỗ trợ kinh phí mua máy hiệu chuẩn.");
  await takeRequest(admin, rejected);
  await rejectRequest(admin, rejected, { reasonCode: "notEligible", reason: "Nội dung đề nghị hỗ trợ kinh phí mua sắm không thuộc phạm vi hỗ trợ của Kế hoạch; đề nghị doanh nghiệp tham khảo chương trình đổi mới công nghệ." }, ORIGIN);
  await backdate(rejected, 25, 8);

  // Waiting for the business: everything missing asked at once, on the day of the request (within
  // the 3 working days the portal allows).
  const asked = await submitted(fuel!, "verification", "Kiểm định cột đo xăng dầu quá hạn", "Một số cột đo tại cửa hàng đã quá hạn kiểm định.", {
    instrumentIds: fuelInstruments.slice(0, 4),
  });
  await takeRequest(reviewer, asked);
  await askForInformation(
    reviewer,
    asked,
    { items: ["Ảnh tem kiểm định hiện tại của từng cột đo", "Số seri của cột đo CĐXD-003", "Thời gian cửa hàng có thể tạm ngừng bán để kiểm định"], body: "Đề nghị doanh nghiệp bổ sung một lần các thông tin sau." },
    ORIGIN,
  );
  await backdate(asked, 3);

  // Answered: the business sent what was missing; the time limit counted again from its answer.
  const answered = await submitted(logistics!, "calibration", "Hiệu chuẩn cân xe tại kho", "Cân ô tô tại kho cần hiệu chuẩn trước mùa cao điểm.", {
    instrumentIds: await urgentInstruments(logistics!, 1),
  });
  await takeRequest(reviewer, answered);
  await askForInformation(reviewer, answered, { items: ["Biên bản bảo dưỡng cân gần nhất"], body: "" }, ORIGIN);
  await answerRequest(logistics!, answered, "Đã gửi kèm biên bản bảo dưỡng tháng trước.", [], ORIGIN);
  await backdate(answered, 5);

  // In review, assigned, past its deadline with no apology sent in time: late, and still to be decided.
  const late = await submitted(water!, "method", "Xây dựng phương pháp đo lưu lượng nước thất thoát", "Cần hỗ trợ xây dựng phương pháp đo để đánh giá thất thoát nước trên mạng lưới.");
  await takeRequest(reviewer, late);
  await postMessage(reviewer, late, { body: "Cần xin ý kiến chuyên gia của Chi cục; sẽ trả lời sau.", internal: true, uploads: [] }, ORIGIN);
  await backdate(late, 21);

  // In review, due soon.
  const inReview = await submitted(agri!, "programme", "Hỗ trợ xây dựng Chương trình đảm bảo đo lường", "Doanh nghiệp mới bắt đầu, cần hướng dẫn áp dụng Quyết định 510.");
  await takeRequest(admin, inReview);
  await assignRequest(admin, inReview, reviewer.user.id);
  await backdate(inReview, 11);

  // Newly submitted, not yet received.
  await submitted(logistics!, "training", "Tập huấn đo lường cho nhân viên kho", "Tập huấn sử dụng, kiểm tra cân cho nhân viên kho.", { trainees: "12" });
  const fresh = await submitted(fuel!, "programme", "Hướng dẫn lập hồ sơ phương tiện đo", "Đề nghị hướng dẫn cách lập và lưu hồ sơ phương tiện đo theo Chương trình đảm bảo đo lường.");
  await backdate(fresh, 1);

  // Withdrawn by the business.
  const withdrawn = await submitted(agri!, "testing", "Thử nghiệm máy đo độ ẩm hạt", "Thử nghiệm máy đo độ ẩm lúa gạo.", { instrumentIds: await urgentInstruments(agri!, 1) });
  await withdrawRequest(agri!, withdrawn, "Doanh nghiệp đã tự thuê đơn vị thử nghiệm.", ORIGIN);
  await backdate(withdrawn, 9, 6);

  // A draft, started from the schedule.
  await draft(fuel!, "verification", "Kiểm định cột đo sắp đến hạn", "Các cột đo sắp đến hạn kiểm định trong tháng tới.", { instrumentIds: fuelInstruments.slice(4) });
  return 11;
}

function todayMinus(days: number): string {
  return new Date(Date.now() + 7 * 3_600_000 - days * 86_400_000).toISOString().slice(0, 10);
}
