import { type DostScope } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { createProvider, setProviderActive } from "~/modules/providers/providers.server";
import { type ProviderForm } from "~/modules/providers/schemas";

// Fictitious providers: every name, number, address and contact below is made up for the demo and
// marked "(ví dụ)"; the pages label them "Ví dụ — không có thật". Validity dates are relative to the
// day the demo is built, so one entry is always lapsed and one always about to lapse.
type DemoProvider = Omit<ProviderForm, "validUntil" | "isExample"> & { validForDays: number | null; active?: boolean };

const demoProviders: DemoProvider[] = [
  {
    // The same name the demo's events and request plans use, so they link to this entry.
    name: "Trung tâm Kỹ thuật Tiêu chuẩn Đo lường Chất lượng (ví dụ)",
    kinds: ["verification", "calibration", "testing"],
    designationNo: "901/QĐ-TĐC",
    accreditationNo: "VILAS 9901",
    validForDays: 540,
    scope:
      "Kiểm định cột đo xăng dầu, cột đo LPG, đồng hồ đo xăng dầu, xi téc ô tô; đồng hồ nước lạnh đến DN 100; công tơ điện 1 pha, 3 pha; taximet; cân ô tô đến 120 t, cân bàn, cân đĩa, cân đồng hồ lò xo, cân treo; áp kế đến 60 MPa; ẩm kế hạt; huyết áp kế.\nHiệu chuẩn bình chuẩn kim loại đến 200 L.",
    instrumentTypes: [
      "fuel-dispenser",
      "lpg-dispenser",
      "petroleum-flow-meter",
      "road-tank-truck",
      "reference-proving-measure",
      "water-meter-mechanical",
      "water-meter-electronic",
      "electricity-meter-1-phase",
      "electricity-meter-3-phase",
      "electricity-meter-1-phase-induction",
      "electricity-meter-1-phase-electronic",
      "electricity-meter-3-phase-induction",
      "electricity-meter-3-phase-electronic",
      "taximeter",
      "vehicle-scale",
      "platform-scale",
      "counter-scale",
      "spring-dial-scale",
      "hanging-scale",
      "pressure-gauge",
      "grain-moisture-meter",
      "blood-pressure-gauge",
    ],
    address: "12 Đường Mẫu, phường Ninh Kiều, thành phố Cần Thơ (địa chỉ ví dụ)",
    phone: "0292 000 0101",
    email: "lienhe@trungtam-vidu.example",
    website: "https://trungtam-vidu.example",
  },
  {
    name: "Trung tâm Đo lường Điện Miền Tây (ví dụ)",
    kinds: ["verification", "calibration"],
    designationNo: "902/QĐ-TĐC",
    accreditationNo: "VILAS 9903",
    validForDays: 400,
    scope:
      "Kiểm định công tơ điện xoay chiều 1 pha, 3 pha; biến dòng, biến áp đo lường đến 35 kV; thiết bị đo điện năng của trạm sạc.\nHiệu chuẩn đồng hồ vạn năng, ampe kìm, máy đo điện trở cách điện, máy đo điện trở tiếp địa, máy hiện sóng.",
    instrumentTypes: [
      "electricity-meter-1-phase",
      "electricity-meter-3-phase",
      "electricity-meter-1-phase-induction",
      "electricity-meter-1-phase-electronic",
      "electricity-meter-3-phase-induction",
      "electricity-meter-3-phase-electronic",
      "current-transformer",
      "voltage-transformer",
      "ebike-charger-energy-meter",
      "ev-charger-ac-energy-meter",
      "ev-charger-dc-energy-meter",
      "multimeter",
      "clamp-meter",
      "insulation-tester",
      "earth-resistance-tester",
      "oscilloscope",
    ],
    address: "45 Đường Thử Nghiệm, phường Bình Thủy, thành phố Cần Thơ (địa chỉ ví dụ)",
    phone: "0292 000 0102",
    email: "lienhe@dien-vidu.example",
    website: "",
  },
  {
    name: "Công ty TNHH Hiệu chuẩn và Thử nghiệm Sông Hậu (ví dụ)",
    kinds: ["calibration", "testing"],
    designationNo: "",
    accreditationNo: "VILAS 9902",
    // Always about to lapse in the demo: the directory warns about it.
    validForDays: 45,
    scope:
      "Hiệu chuẩn nhiệt kế, cảm biến nhiệt độ, bộ ghi nhiệt độ và độ ẩm (−40 °C đến 600 °C); máy đo pH, độ dẫn điện, oxy hòa tan; áp kế và bộ chuyển đổi áp suất đến 70 MPa; thước cặp, panme, cờ lê lực; cân phân tích, cân kỹ thuật, cân sấy ẩm; pipet piston, dụng cụ thủy tinh đo thể tích; khúc xạ kế.",
    instrumentTypes: [
      "process-thermometer",
      "industrial-temperature-sensor",
      "temperature-humidity-logger",
      "ph-meter",
      "conductivity-meter",
      "dissolved-oxygen-meter",
      "pressure-gauge",
      "pressure-transmitter",
      "caliper",
      "micrometer",
      "torque-wrench",
      "analytical-balance",
      "technical-balance",
      "moisture-analyser",
      "piston-pipette",
      "volumetric-glassware",
      "refractometer",
    ],
    address: "8 Đường Minh Họa, phường Cái Răng, thành phố Cần Thơ (địa chỉ ví dụ)",
    phone: "0292 000 0103",
    email: "hieuchuan@songhau-vidu.example",
    website: "https://songhau-vidu.example",
  },
  {
    name: "Công ty Cổ phần Kiểm định Cân và Taximet Cửu Long (ví dụ)",
    kinds: ["verification"],
    designationNo: "903/QĐ-TĐC",
    accreditationNo: "",
    // Always lapsed in the demo: listed with the warning, never suggested in the forms.
    validForDays: -90,
    scope: "Kiểm định cân ô tô đến 150 t, cân bàn, cân đĩa, cân treo, cân đồng hồ lò xo; taximet.",
    instrumentTypes: ["vehicle-scale", "platform-scale", "counter-scale", "hanging-scale", "spring-dial-scale", "taximeter"],
    address: "QL91, khu vực Mẫu, phường Thốt Nốt, thành phố Cần Thơ (địa chỉ ví dụ)",
    phone: "0292 000 0104",
    email: "",
    website: "",
  },
  {
    name: "Phòng Thí nghiệm Nông sản và Môi trường Tây Đô (ví dụ)",
    kinds: ["testing", "calibration"],
    designationNo: "",
    accreditationNo: "VILAS 9904",
    validForDays: 700,
    scope:
      "Thử nghiệm độ ẩm, chất lượng lúa gạo và nông sản; hiệu chuẩn ẩm kế hạt, cân sấy ẩm, máy đo pH, độ dẫn điện, oxy hòa tan, khúc xạ kế; đo độ ồn môi trường; nhiệt trị than.",
    instrumentTypes: [
      "grain-moisture-meter",
      "moisture-analyser",
      "ph-meter",
      "conductivity-meter",
      "dissolved-oxygen-meter",
      "refractometer",
      "sound-level-meter",
      "bomb-calorimeter",
    ],
    address: "3 Đường Giả Định, xã Phong Điền, thành phố Cần Thơ (địa chỉ ví dụ)",
    phone: "0292 000 0105",
    email: "thinghiem@taydo-vidu.example",
    website: "",
  },
  {
    name: "Xí nghiệp Kiểm định Đồng hồ nước Ninh Kiều (ví dụ)",
    kinds: ["verification"],
    designationNo: "904/QĐ-TĐC",
    accreditationNo: "",
    validForDays: 300,
    scope: "Kiểm định đồng hồ nước lạnh kiểu cơ khí và điện tử đến DN 50.",
    instrumentTypes: ["water-meter-mechanical", "water-meter-electronic"],
    address: "27 Đường Ví Dụ, phường Ninh Kiều, thành phố Cần Thơ (địa chỉ ví dụ)",
    phone: "0292 000 0106",
    email: "",
    website: "",
    // Taken out of the directory by the admin: only the admin's list shows it.
    active: false,
  },
];

function dayFromToday(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

/** Adds the demo's fictitious providers, entered by the demo DOST admin (so the audit log shows who). */
export async function seedDemoProviders(): Promise<void> {
  const admin = await db()
    .selectFrom("user")
    .where("role", "=", "dost_admin")
    .select(["id", "email", "full_name"])
    .orderBy("id")
    .executeTakeFirstOrThrow();
  const scope: DostScope = {
    kind: "dost",
    user: { id: admin.id, email: admin.email, fullName: admin.full_name, role: "dost_admin", businessId: null, businessName: null },
  };
  for (const { validForDays, active, ...provider } of demoProviders) {
    const result = await createProvider(scope, {
      ...provider,
      validUntil: validForDays === null ? "" : dayFromToday(validForDays),
      isExample: "1",
    });
    if (!result.ok) throw new Error(`demo provider ${provider.name}: ${JSON.stringify(result.errors)}`);
    if (active === false) await setProviderActive(scope, result.id, false);
    // Events the demo recorded earlier under this exact name now point at the entry.
    await db().updateTable("instrument_event").set({ provider_id: result.id }).where("provider", "=", provider.name).where("provider_id", "is", null).execute();
  }
}
