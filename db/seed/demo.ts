import { seedDemoActivities } from "./demo-activities";
import { seedDemoProviders } from "./demo-providers";
import { seedDemoRequests } from "./demo-requests";
import { type BusinessScope, type SessionUser } from "~/utils/auth.server";
import { db, nowIso } from "~/utils/db.server";
import { hashPassword } from "~/utils/password.server";
import { createSite, signUpBusiness } from "~/modules/accounts/businesses.server";
import { type SignupInput, SignupSchema, SiteSchema } from "~/modules/accounts/schemas";
import { getAssessment, saveAnswers, sectionsOf, startAssessment, submitAssessment } from "~/modules/assessments/assessments.server";
import { type Answer } from "~/modules/assessments/scoring";
import { legalCatalogue } from "~/modules/instruments/catalogue.server";
import { createInstrument, recordEvents } from "~/modules/instruments/instruments.server";
import { withoutMailLog } from "~/modules/mail/outbox.server";

export const DEMO_PASSWORD = "demo-pass-2026";

/** A tax code with a valid check digit from a 9-digit base (18 = Cần Thơ's province prefix). */
export function demoTaxCode(base: string): string {
  const weights = [31, 29, 23, 19, 17, 13, 7, 5, 3];
  const sum = weights.reduce((acc, w, i) => acc + w * Number(base[i]), 0);
  const remainder = sum % 11;
  if (remainder === 0) throw new Error(`base ${base} has no valid check digit`);
  return `${base}${remainder === 10 ? 0 : 10 - remainder}`;
}

type DemoBusiness = {
  input: Omit<SignupInput, "password" | "passwordConfirm">;
  sites: Array<{ name: string; communeId: string; streetAddress: string }>;
};

// Fictitious businesses: names and tax codes are made up for the demo.
const businesses: DemoBusiness[] = [
  {
    input: {
      legalName: "Công ty TNHH Xăng dầu Tây Đô (demo)",
      taxCode: demoTaxCode("180000101"),
      ownership: "private",
      sectors: ["fuel"],
      communeId: "phuong-ninh-kieu",
      communeOther: "",
      streetAddress: "25 Đường Hòa Bình",
      contactName: "Nguyễn Văn Phúc",
      phone: "0292 3820 111",
      contactEmail: "fuel@demo.vn",
    },
    sites: [
      { name: "Cửa hàng xăng dầu số 1 — Cái Khế", communeId: "phuong-cai-khe", streetAddress: "88 Đường Trần Phú" },
      { name: "Cửa hàng xăng dầu số 2 — Cái Răng", communeId: "phuong-cai-rang", streetAddress: "QL1A, khu vực Phú Thạnh" },
      { name: "Cửa hàng xăng dầu số 3 — Phong Điền", communeId: "xa-phong-dien", streetAddress: "ĐT923, ấp Nhơn Lộc" },
    ],
  },
  {
    input: {
      legalName: "Công ty Cổ phần Điện lực Sông Hậu (demo)",
      taxCode: demoTaxCode("180000202"),
      ownership: "state",
      sectors: ["electricity"],
      communeId: "phuong-binh-thuy",
      communeOther: "",
      streetAddress: "06 Đường Lê Hồng Phong",
      contactName: "Trần Thị Mai",
      phone: "0292 3841 222",
      contactEmail: "power@demo.vn",
    },
    sites: [{ name: "Đội quản lý điện Ô Môn", communeId: "phuong-o-mon", streetAddress: "12 Đường 26/3" }],
  },
  {
    input: {
      legalName: "Công ty Cổ phần Cấp nước Hậu Giang Xanh (demo)",
      taxCode: demoTaxCode("180000303"),
      ownership: "state",
      sectors: ["water"],
      communeId: "phuong-vi-thanh",
      communeOther: "",
      streetAddress: "45 Đường Trần Hưng Đạo",
      contactName: "Lê Minh Tâm",
      phone: "0293 3876 333",
      contactEmail: "water@demo.vn",
    },
    sites: [
      { name: "Nhà máy nước Vị Thanh", communeId: "phuong-vi-tan", streetAddress: "Khu vực 4" },
      { name: "Trạm cấp nước Long Mỹ", communeId: "phuong-long-my", streetAddress: "Đường 3/2" },
    ],
  },
  {
    input: {
      legalName: "Công ty TNHH Logistics Cửu Long (demo)",
      taxCode: demoTaxCode("180000404"),
      ownership: "foreign",
      sectors: ["logistics", "transport"],
      communeId: "phuong-thot-not",
      communeOther: "",
      streetAddress: "KCN Thốt Nốt, lô B2",
      contactName: "Phạm Quốc Bảo",
      phone: "0292 3855 444",
      contactEmail: "logistics@demo.vn",
    },
    sites: [{ name: "Kho cảng Cái Cui", communeId: "phuong-hung-phu", streetAddress: "Cảng Cái Cui" }],
  },
  {
    input: {
      legalName: "Hợp tác xã Nông nghiệp Công nghệ cao Mỹ Xuyên (demo)",
      taxCode: demoTaxCode("180000505"),
      ownership: "private",
      sectors: ["hitech_agriculture"],
      communeId: "phuong-my-xuyen",
      communeOther: "",
      streetAddress: "Ấp Châu Thành",
      contactName: "Huỳnh Thanh Nhàn",
      phone: "0299 3851 555",
      contactEmail: "agri@demo.vn",
    },
    sites: [{ name: "Nhà sơ chế gạo Thới Lai", communeId: "xa-thoi-lai", streetAddress: "Ấp Thới Thuận" }],
  },
];

async function createDostUser(email: string, fullName: string, role: "dost_admin" | "dost_reviewer") {
  await db()
    .insertInto("user")
    .values({
      email,
      full_name: fullName,
      password_hash: await hashPassword(DEMO_PASSWORD),
      role,
      business_id: null,
      created_at: nowIso(),
      disabled_at: null,
    })
    .execute();
}

async function scopeOf(email: string): Promise<BusinessScope> {
  const user = await db()
    .selectFrom("user")
    .where("email", "=", email)
    .select(["id", "email", "full_name as fullName", "role", "business_id as businessId"])
    .executeTakeFirstOrThrow();
  const sessionUser: SessionUser = { ...user, businessName: null };
  return { kind: "business", businessId: user.businessId!, user: sessionUser };
}

/** Fills an empty database with the demo accounts of PRODUCT §4, through the same code the pages use. */
export async function seedDemo(): Promise<void> {
  await createDostUser("admin@dost.demo", "Võ Thị Hạnh", "dost_admin");
  await createDostUser("reviewer@dost.demo", "Đặng Hoàng Long", "dost_reviewer");
  for (const business of businesses) {
    // Through the sign-up form's own schema, so demo data is stored exactly as typed data would be.
    const input = SignupSchema.parse({ ...business.input, password: DEMO_PASSWORD, passwordConfirm: DEMO_PASSWORD });
    const result = await signUpBusiness(input);
    if (!result.ok) throw new Error(`demo business ${business.input.legalName}: ${JSON.stringify(result.errors)}`);
    const scope = await scopeOf(business.input.contactEmail);
    for (const site of business.sites) await createSite(scope, SiteSchema.parse({ ...site, communeOther: "" }));
  }
  const fuel = await scopeOf("fuel@demo.vn");
  await db()
    .insertInto("user")
    .values({
      email: "staff.fuel@demo.vn",
      full_name: "Lý Thị Thu",
      password_hash: await hashPassword(DEMO_PASSWORD),
      role: "business_member",
      business_id: fuel.businessId,
      created_at: nowIso(),
      disabled_at: null,
    })
    .execute();
  await seedDemoAssessments();
  await seedDemoInstruments();
  await seedDemoProviders();
  await seedDemoActivities();
  const requests = await withoutMailLog(seedDemoRequests);
  console.log(`Demo data: ${businesses.length} businesses with instruments, 2 DOST accounts, 6 assessments, ${requests} support requests.`);
}

/** Answers every applicable item from a fixed pattern, so each demo business has a believable profile. */
async function seedAssessment(
  email: string,
  options: { pattern: readonly Answer[]; startedAt: string; submit: boolean; answerShare?: number },
): Promise<void> {
  const scope = await scopeOf(email);
  const { id } = await startAssessment(scope);
  const assessment = (await getAssessment(scope, id))!;
  const { sections } = sectionsOf(assessment);
  let n = 0;
  for (const section of sections) {
    const inputs = section.items
      .map((item) => ({ item, index: n++ }))
      .filter(({ index }) => (index % 10) / 10 < (options.answerShare ?? 1))
      .map(({ item, index }) => ({
        itemKey: item.key,
        answer: options.pattern[(index * 7 + item.weight) % options.pattern.length]!,
        note: "",
        evidenceUrl: null,
        upload: null,
        removeFile: false,
      }));
    await saveAnswers(scope, id, section.key, inputs);
  }
  if (options.submit) {
    const result = await submitAssessment(scope, id, DEMO_PASSWORD);
    if (!result.ok) throw new Error(`demo assessment for ${email}: ${result.reason}`);
  }
  // Backdate it, so history and comparisons read like a business that has used the portal a while.
  const started = new Date(options.startedAt);
  const submitted = new Date(started.getTime() + 9 * 86_400_000).toISOString();
  await db()
    .updateTable("assessment")
    .set({
      started_at: started.toISOString(),
      updated_at: options.submit ? submitted : started.toISOString(),
      submitted_at: options.submit ? submitted : null,
    })
    .where("id", "=", id)
    .execute();
}

export async function seedDemoAssessments(): Promise<void> {
  // The fuel retailer improved between two submissions; the others stand at different levels.
  await seedAssessment("fuel@demo.vn", { pattern: ["no", "partly", "no", "yes", "na"], startedAt: "2025-11-10T02:00:00Z", submit: true });
  await seedAssessment("fuel@demo.vn", { pattern: ["yes", "partly", "yes", "no", "yes", "na"], startedAt: "2026-09-14T02:00:00Z", submit: true });
  await seedAssessment("water@demo.vn", { pattern: ["yes", "yes", "partly", "yes", "no"], startedAt: "2026-08-03T02:00:00Z", submit: true });
  await seedAssessment("power@demo.vn", { pattern: ["yes", "yes", "yes", "partly", "yes", "na"], startedAt: "2026-10-05T02:00:00Z", submit: true });
  await seedAssessment("logistics@demo.vn", { pattern: ["partly", "no", "yes"], startedAt: "2026-11-20T02:00:00Z", submit: false, answerShare: 0.4 });
  await seedAssessment("agri@demo.vn", { pattern: ["no", "yes", "partly"], startedAt: "2026-11-25T02:00:00Z", submit: false, answerShare: 0.2 });
}

type DemoInstrument = { typeId: string; name: string; count: number; unit?: string; purpose?: "trade" | "safety" | "process" | "quality" };

// Per business: what a real one of its kind would register. Ages of the last check are spread so
// that some instruments are overdue, some due soon, most in date, and a few have no record yet.
const demoInstruments: Record<string, DemoInstrument[]> = {
  "fuel@demo.vn": [
    { typeId: "fuel-dispenser", name: "Cột đo xăng dầu", count: 16 },
    { typeId: "tank-level-gauge", name: "Thiết bị đo mức bể chứa", count: 4, purpose: "process" },
    { typeId: "reference-proving-measure", name: "Bình đong chuẩn 20 L", count: 3, purpose: "quality" },
  ],
  "water@demo.vn": [
    { typeId: "water-meter-mechanical", name: "Đồng hồ nước lạnh DN15", count: 30 },
    { typeId: "water-meter-electronic", name: "Đồng hồ nước điện từ DN100", count: 6 },
    { typeId: "ph-meter", name: "Máy đo pH phòng thí nghiệm", count: 2, purpose: "quality" },
    { typeId: "pressure-gauge", name: "Áp kế đường ống", count: 4, purpose: "safety" },
  ],
  "power@demo.vn": [
    { typeId: "electricity-meter-1-phase-electronic", name: "Công tơ điện tử 1 pha", count: 24 },
    { typeId: "electricity-meter-3-phase-electronic", name: "Công tơ điện tử 3 pha", count: 8 },
    { typeId: "current-transformer", name: "Biến dòng đo lường", count: 6 },
    { typeId: "insulation-tester", name: "Máy đo điện trở cách điện", count: 2, purpose: "safety" },
  ],
  "logistics@demo.vn": [
    { typeId: "vehicle-scale", name: "Cân ô tô 80 tấn", count: 2 },
    { typeId: "platform-scale", name: "Cân bàn 500 kg", count: 6 },
    { typeId: "temperature-humidity-logger", name: "Bộ ghi nhiệt độ kho lạnh", count: 4, purpose: "quality" },
  ],
  "agri@demo.vn": [
    { typeId: "grain-moisture-meter", name: "Máy đo độ ẩm hạt", count: 4 },
    { typeId: "platform-scale", name: "Cân bàn 300 kg", count: 5 },
    { typeId: "ph-meter", name: "Máy đo pH dung dịch dinh dưỡng", count: 2, purpose: "process" },
    { typeId: "conductivity-meter", name: "Máy đo EC", count: 2, purpose: "process" },
  ],
};

// Days since the last passing check, in turn; null = nothing on record.
const AGES: Array<number | null> = [120, 200, 380, 345, 60, 300, 30, null, 250, 90, 410, 150, 355, 20];

export async function seedDemoInstruments(): Promise<void> {
  const today = new Date();
  const dayAgo = (days: number) => new Date(today.getTime() - days * 86_400_000).toISOString().slice(0, 10);
  const catalogue = await legalCatalogue();
  for (const [email, kinds] of Object.entries(demoInstruments)) {
    const scope = await scopeOf(email);
    const sites = await db().selectFrom("site").where("business_id", "=", scope.businessId).select(["id"]).orderBy("id").execute();
    let n = 0;
    for (const kind of kinds) {
      for (let i = 1; i <= kind.count; i++, n++) {
        const type = catalogue.type(kind.typeId);
        if (!type) throw new Error(`demo instrument type ${kind.typeId} is not in the catalogue`);
        const group = catalogue.status(kind.typeId, kind.purpose ?? "trade").group;
        const prefix = kind.typeId.split("-").map((w) => w[0]!.toUpperCase()).join("");
        const created = await createInstrument(scope, {
          siteId: sites[n % sites.length]!.id,
          typeId: kind.typeId,
          tag: `${prefix}-${String(i).padStart(3, "0")}`,
          name: `${kind.name} số ${i}`,
          serial: `SN${(scope.businessId * 100_000 + n * 37).toString(36).toUpperCase()}`,
          manufacturer: "",
          model: "",
          rangeMin: null,
          rangeMax: null,
          unit: type.unit,
          accuracy: "",
          purpose: kind.purpose ?? "trade",
          status: "in_service",
          ownIntervalMonths: group === 1 ? (type.recommendedCalibrationMonths ?? 12) : null,
          responsiblePerson: n % 5 === 4 ? "" : "Tổ kỹ thuật",
        });
        if (!created.ok) throw new Error(`demo instrument: ${JSON.stringify(created.errors)}`);
        const age = AGES[n % AGES.length]!;
        if (age === null) continue;
        await recordEvents(scope, [created.id], {
          kind: group === 2 ? "verification" : "calibration",
          performedOn: dayAgo(age),
          provider: group === 2 ? "Trung tâm Kỹ thuật Tiêu chuẩn Đo lường Chất lượng (ví dụ)" : "Công ty TNHH Hiệu chuẩn và Thử nghiệm Sông Hậu (ví dụ)",
          certificateNo: `${group === 2 ? "KĐ" : "HC"}-${dayAgo(age).slice(0, 4)}-${String(1000 + n)}`,
          result: "pass",
          notes: "",
          overrideDueOn: null,
          supersedesEventId: null,
          impact: null,
          upload: null,
        });
      }
    }
  }
}
