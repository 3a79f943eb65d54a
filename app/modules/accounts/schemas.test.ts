import { describe, expect, test } from "vitest";
import { AcceptInviteSchema, BusinessProfileSchema, SignupSchema, SiteSchema } from "./schemas";

const signup = {
  legalName: "Công ty TNHH Xăng dầu Cái Khế",
  taxCode: "1800155597",
  ownership: "private",
  sectors: ["fuel"],
  communeId: "phuong-ninh-kieu",
  communeOther: "",
  streetAddress: "1 Đường Hòa Bình",
  contactName: "Nguyễn Văn An",
  phone: "0292 3820 123",
  contactEmail: "an@congty.vn",
  password: "mat-khau-du-dai",
  passwordConfirm: "mat-khau-du-dai",
};

function errorsOf(result: { success: boolean; error?: { issues: { path: (string | number)[]; message: string }[] } }) {
  return Object.fromEntries((result.error?.issues ?? []).map((i) => [i.path.join("."), i.message]));
}

describe("names refuse control characters", () => {
  test("a plain sign-up passes, Vietnamese, dashes and commas included", () => {
    expect(SignupSchema.safeParse({ ...signup, legalName: "Công ty Cổ phần A, chi nhánh Cần Thơ — số 2" }).success).toBe(true);
  });

  test.each([
    ["legalName", "Công ty A\r\nBEGIN:VEVENT"],
    ["legalName", "Công ty\tA"],
    ["contactName", "Nguyễn\nVăn An"],
    ["streetAddress", "1 Đường\u0000Hòa Bình"],
    ["legalName", "Công ty A\u0085B"],
    ["legalName", "A\u007fB"],
  ])("sign-up refuses %s = %j", (field, value) => {
    const result = SignupSchema.safeParse({ ...signup, [field]: value });
    expect(result.success).toBe(false);
    expect(errorsOf(result)[field]).toBe("errors.controlCharacters");
  });

  test("a line break only at either end is trimmed away, not refused", () => {
    const result = SignupSchema.safeParse({ ...signup, legalName: "Công ty A\r\n" });
    expect(result.success && result.data.legalName).toBe("Công ty A");
  });

  test("the business profile, a site and an invited member's name refuse them too", () => {
    const { password: _p, passwordConfirm: _c, taxCode: _t, ...profile } = signup;
    expect(errorsOf(BusinessProfileSchema.safeParse({ ...profile, legalName: "A\r\nB" })).legalName).toBe("errors.controlCharacters");
    expect(errorsOf(BusinessProfileSchema.safeParse({ ...profile, communeId: "other", communeOther: "Phường\nX" })).communeOther).toBe(
      "errors.controlCharacters",
    );
    const site = { name: "Trạm 1", communeId: "phuong-ninh-kieu", communeOther: "", streetAddress: "5 Nguyễn Trãi" };
    expect(SiteSchema.safeParse(site).success).toBe(true);
    expect(errorsOf(SiteSchema.safeParse({ ...site, name: "Trạm\r\n1" })).name).toBe("errors.controlCharacters");
    const member = { fullName: "Đoàn Thị Kim Ngân", password: "mat-khau-du-dai", passwordConfirm: "mat-khau-du-dai" };
    expect(AcceptInviteSchema.safeParse(member).success).toBe(true);
    expect(errorsOf(AcceptInviteSchema.safeParse({ ...member, fullName: "Đoàn\nThị" })).fullName).toBe("errors.controlCharacters");
  });
});
