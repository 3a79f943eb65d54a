import { describe, expect, test } from "vitest";
import { type AdminUnit, AdminUnitFormSchema, isOfferedUnit, unitConflicts, unitIdFor, unitLabel, unitOptions } from "./rules";

const units: AdminUnit[] = [
  { id: "xa-phong-dien", code: "31299", kind: "commune", name: "Phong Điền", retired: false },
  { id: "phuong-ninh-kieu", code: "31135", kind: "ward", name: "Ninh Kiều", retired: false },
  { id: "phuong-cai-khe", code: "31120", kind: "ward", name: "Cái Khế", retired: false },
  { id: "phuong-an-hoa", code: "31111", kind: "ward", name: "An Hòa", retired: true },
];

describe("labels and options", () => {
  test.each([
    [{ kind: "ward" as const, name: "Ninh Kiều" }, "vi", "Phường Ninh Kiều"],
    [{ kind: "ward" as const, name: "Ninh Kiều" }, "en", "Ninh Kiều Ward"],
    [{ kind: "commune" as const, name: "Phong Điền" }, "vi", "Xã Phong Điền"],
    [{ kind: "commune" as const, name: "Phong Điền" }, "en", "Phong Điền Commune"],
  ])("%o in %s is %s", (unit, locale, label) => {
    expect(unitLabel(unit, locale)).toBe(label);
  });

  test("options: units in use, wards first, by Vietnamese name; a retired one only when the record names it", () => {
    expect(unitOptions(units, "vi").map((o) => o.label)).toEqual(["Phường Cái Khế", "Phường Ninh Kiều", "Xã Phong Điền"]);
    expect(unitOptions(units, "vi", "phuong-an-hoa").map((o) => o.value)).toEqual(["phuong-an-hoa", "phuong-cai-khe", "phuong-ninh-kieu", "xa-phong-dien"]);
  });

  test("a form may name a unit in use, or the retired one the record already has", () => {
    expect(isOfferedUnit(units, "phuong-ninh-kieu")).toBe(true);
    expect(isOfferedUnit(units, "phuong-an-hoa")).toBe(false);
    expect(isOfferedUnit(units, "phuong-an-hoa", "phuong-an-hoa")).toBe(true);
    expect(isOfferedUnit(units, "phuong-an-hoa", "phuong-ninh-kieu")).toBe(false);
    expect(isOfferedUnit(units, "phuong-khong-co")).toBe(false);
  });
});

describe("ids", () => {
  test("follow the shipped file's style, without accents, unique", () => {
    expect(unitIdFor("ward", "Ninh Kiều", new Set())).toBe("phuong-ninh-kieu");
    expect(unitIdFor("commune", "Đông Thuận", new Set())).toBe("xa-dong-thuan");
    expect(unitIdFor("ward", "Ninh Kiều", new Set(["phuong-ninh-kieu"]))).toBe("phuong-ninh-kieu-2");
    expect(unitIdFor("ward", "Ninh Kiều", new Set(["phuong-ninh-kieu", "phuong-ninh-kieu-2"]))).toBe("phuong-ninh-kieu-3");
  });
});

describe("the admin form", () => {
  const parse = (form: Record<string, string>) => AdminUnitFormSchema.safeParse(form);
  const errorOf = (form: Record<string, string>) => {
    const result = parse(form);
    return result.success ? null : result.error.issues.map((i) => `${i.path.join(".")}:${i.message}`);
  };

  test("takes a kind, a name and an optional 5-digit code", () => {
    expect(parse({ kind: "ward", name: "  Tân   An  ", code: " 31147 " })).toMatchObject({ success: true, data: { kind: "ward", name: "Tân An", code: "31147" } });
    expect(parse({ kind: "commune", name: "Mới", code: "" })).toMatchObject({ success: true, data: { code: "" } });
  });

  test.each([
    [{ kind: "ward", name: "", code: "" }, "name:catalogue:errors.unitName"],
    [{ kind: "ward", name: "   ", code: "" }, "name:catalogue:errors.unitName"],
    [{ kind: "ward", name: "Phường Tân An", code: "" }, "name:catalogue:errors.unitNamePrefix"],
    [{ kind: "commune", name: "xã Mỹ Khánh", code: "" }, "name:catalogue:errors.unitNamePrefix"],
    [{ kind: "ward", name: "Tân\nAn", code: "" }, "name:catalogue:errors.unitName"],
    [{ kind: "ward", name: "Tân An", code: "3114" }, "code:catalogue:errors.unitCode"],
    [{ kind: "ward", name: "Tân An", code: "31147a" }, "code:catalogue:errors.unitCode"],
    [{ kind: "town", name: "Tân An", code: "" }, "kind:catalogue:errors.unitKind"],
  ])("refuses %o", (form, error) => {
    expect(errorOf(form)).toEqual([error]);
  });
});

describe("conflicts", () => {
  test("a name already used by a unit of the same kind in use, whatever the case", () => {
    expect(unitConflicts(units, { kind: "ward", name: "ninh kiều", code: "" })).toEqual({ name: "catalogue:errors.unitNameTaken" });
    // Same name, other kind: a different unit.
    expect(unitConflicts(units, { kind: "commune", name: "Ninh Kiều", code: "" })).toBeNull();
    // A retired unit gives its name and code up.
    expect(unitConflicts(units, { kind: "ward", name: "An Hòa", code: "31111" })).toBeNull();
  });

  test("a code held by another unit in use", () => {
    expect(unitConflicts(units, { kind: "ward", name: "Mới", code: "31135" })).toEqual({ code: "catalogue:errors.unitCodeTaken" });
  });

  test("a unit never conflicts with itself (renaming keeps its code)", () => {
    expect(unitConflicts(units, { kind: "ward", name: "Ninh Kiều Mới", code: "31135" }, "phuong-ninh-kieu")).toBeNull();
    expect(unitConflicts(units, { kind: "ward", name: "Cái Khế", code: "31135" }, "phuong-ninh-kieu")).toEqual({ name: "catalogue:errors.unitNameTaken" });
  });
});
