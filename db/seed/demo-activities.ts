import { createActivity } from "~/modules/activities/activities.server";
import { ActivitySchema } from "~/modules/activities/schemas";
import { vietnamDay } from "~/modules/i18n/format";
import { type DostScope, type SessionUser } from "~/utils/auth.server";
import { db } from "~/utils/db.server";

type DemoActivity = {
  kind: "training" | "standard" | "laboratory" | "serviceOrganisation";
  heldOn: string;
  title: string;
  organiser: string;
  quantity?: number;
  participants?: string[];
  by: "admin@dost.demo" | "reviewer@dost.demo";
};

const DOST = "Sở Khoa học và Công nghệ thành phố Cần Thơ";
const NOTE = "Dữ liệu minh họa (demo).";

// Phase 1 (2021–2025) meets every target (120 people, 5 standards, 2 laboratories, 2 organisations);
// phase 2 (2026–2030) is under way: 2 courses, 2 standards, 1 laboratory, 1 organisation so far.
// Laboratory and organisation names are made up, as the businesses' are; three are named exactly as
// entries of the demo providers directory (seeded first), so those activities link to the entry.
const activities: DemoActivity[] = [
  { kind: "training", heldOn: "2022-06-16", title: "Tập huấn phổ biến Quyết định 996/QĐ-TTg và Kế hoạch 155/KH-UBND cho doanh nghiệp", organiser: DOST, quantity: 48, by: "admin@dost.demo" },
  { kind: "serviceOrganisation", heldOn: "2022-11-08", title: "Trung tâm Kiểm định Đo lường Sông Hậu (demo)", organiser: DOST, by: "admin@dost.demo" },
  { kind: "training", heldOn: "2023-04-20", title: "Xây dựng Chương trình đảm bảo đo lường theo Quyết định 510/QĐ-BKHCN cho doanh nghiệp xăng dầu", organiser: DOST, quantity: 36, by: "reviewer@dost.demo" },
  { kind: "standard", heldOn: "2023-08-24", title: "Bình chuẩn kim loại hạng 2 (20 L, 50 L) dùng kiểm định cột đo xăng dầu", organiser: "Trung tâm Kiểm định Đo lường Sông Hậu (demo)", quantity: 2, by: "reviewer@dost.demo" },
  { kind: "laboratory", heldOn: "2023-12-05", title: "Phòng thí nghiệm Hiệu chuẩn Nhiệt – Áp suất Tây Đô (demo)", organiser: "Công ty TNHH Dịch vụ Kỹ thuật Tây Đô (demo)", by: "admin@dost.demo" },
  { kind: "training", heldOn: "2024-05-14", title: "Quản lý phương tiện đo nhóm 2 và lập kế hoạch kiểm định, hiệu chuẩn", organiser: DOST, quantity: 55, by: "reviewer@dost.demo" },
  { kind: "serviceOrganisation", heldOn: "2024-08-19", title: "Công ty Cổ phần Kiểm định Cân và Taximet Cửu Long (ví dụ)", organiser: DOST, by: "admin@dost.demo" },
  { kind: "standard", heldOn: "2024-11-12", title: "Bộ quả cân chuẩn F1 và cân chuẩn dùng kiểm định cân ô tô, cân bàn", organiser: "Công ty Cổ phần Kiểm định Cân và Taximet Cửu Long (ví dụ)", quantity: 3, by: "admin@dost.demo" },
  {
    kind: "training",
    heldOn: "2025-03-26",
    title: "Đo lường trong cấp nước và phân phối điện: công tơ, đồng hồ nước, biến dòng",
    organiser: DOST,
    quantity: 29,
    participants: ["Trần Thị Mai — Công ty Cổ phần Điện lực Sông Hậu (demo)", "Lê Minh Tâm — Công ty Cổ phần Cấp nước Hậu Giang Xanh (demo)", "Phạm Quốc Bảo — Công ty Cổ phần Cấp nước Hậu Giang Xanh (demo)"],
    by: "reviewer@dost.demo",
  },
  { kind: "laboratory", heldOn: "2025-06-30", title: "Phòng thí nghiệm Đo lường Điện Cần Thơ (demo)", organiser: "Công ty Cổ phần Điện lực Sông Hậu (demo)", by: "admin@dost.demo" },
  {
    kind: "training",
    heldOn: "2026-04-09",
    title: "Tự đánh giá Chương trình đảm bảo đo lường trên Cổng Đảm bảo Đo lường",
    organiser: DOST,
    quantity: 42,
    participants: ["Nguyễn Văn Phúc — Công ty TNHH Xăng dầu Tây Đô (demo)", "Lý Thị Thu — Công ty TNHH Xăng dầu Tây Đô (demo)"],
    by: "reviewer@dost.demo",
  },
  { kind: "serviceOrganisation", heldOn: "2026-05-21", title: "Trung tâm Đo lường Điện Miền Tây (ví dụ)", organiser: DOST, by: "admin@dost.demo" },
  { kind: "standard", heldOn: "2026-06-17", title: "Thiết bị kiểm định công tơ điện 3 pha tự động", organiser: "Phòng thí nghiệm Đo lường Điện Cần Thơ (demo)", quantity: 2, by: "admin@dost.demo" },
  { kind: "laboratory", heldOn: "2026-07-28", title: "Phòng Thí nghiệm Nông sản và Môi trường Tây Đô (ví dụ)", organiser: "", by: "admin@dost.demo" },
  { kind: "training", heldOn: "2026-09-24", title: "Kiểm soát phương tiện đo trong kho lạnh và chuỗi cung ứng nông sản", organiser: DOST, quantity: 31, by: "reviewer@dost.demo" },
];

async function dostScope(email: string): Promise<DostScope> {
  const user = await db()
    .selectFrom("user")
    .where("email", "=", email)
    .select(["id", "email", "full_name as fullName", "role", "business_id as businessId"])
    .executeTakeFirstOrThrow();
  const sessionUser: SessionUser = { ...user, businessName: null };
  return { kind: "dost", user: sessionUser };
}

/** DOST's programme activities of 2022–2026, through the form's schema and the same command the pages use. */
export async function seedDemoActivities(): Promise<void> {
  const today = vietnamDay();
  const scopes = { "admin@dost.demo": await dostScope("admin@dost.demo"), "reviewer@dost.demo": await dostScope("reviewer@dost.demo") };
  for (const activity of activities) {
    // A demo built on an earlier clock leaves out what has not happened yet.
    if (activity.heldOn > today) continue;
    const input = ActivitySchema.parse({
      kind: activity.kind,
      heldOn: activity.heldOn,
      title: activity.title,
      organiser: activity.organiser,
      quantity: String(activity.quantity ?? 1),
      participants: (activity.participants ?? []).join("\n"),
      notes: NOTE,
    });
    const id = await createActivity(scopes[activity.by], input);
    // Recorded a few days after it happened, as a reviewer would.
    const recordedAt = new Date(Date.parse(`${activity.heldOn}T09:00:00+07:00`) + 3 * 86_400_000).toISOString();
    await db().updateTable("programme_activity").set({ created_at: recordedAt, updated_at: recordedAt }).where("id", "=", id).execute();
  }
}
