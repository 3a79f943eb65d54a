import { describe, expect, test } from "vitest";
import { REGISTER_PAGE_SIZE, parseRegisterFilter, registerFilterSearch } from "./register-filter";

const TODAY = "2026-12-01";
const parse = (query: string) => parseRegisterFilter(new URLSearchParams(query), TODAY);

describe("parseRegisterFilter", () => {
  test("no parameters: everything, by tag, first page", () => {
    expect(parse("")).toEqual({
      query: "",
      siteId: null,
      typeId: null,
      status: null,
      due: null,
      sort: "tag",
      descending: false,
      page: 1,
      pageSize: REGISTER_PAGE_SIZE,
    });
  });

  test("every parameter the list page sends", () => {
    expect(parse("q=+C%E1%BB%99t+01+&site=7&type=fuel-dispenser&status=in_service&due=due30&sort=due&dir=desc&page=3")).toMatchObject({
      query: "Cột 01",
      siteId: 7,
      typeId: "fuel-dispenser",
      status: "in_service",
      due: "due30",
      sort: "due",
      descending: true,
      page: 3,
    });
  });

  test.each([
    ["site=abc", { siteId: null }],
    ["site=0", { siteId: null }],
    ["site=-3", { siteId: null }],
    ["site=99999999999", { siteId: null }],
    ["type=Fuel Dispenser", { typeId: null }],
    ["type=%27%20or%201%3D1", { typeId: null }],
    ["status=broken", { status: null }],
    ["due=soon", { due: null }],
    ["sort=serial", { sort: "tag" }],
    ["dir=up", { descending: false }],
    ["page=0", { page: 1 }],
    ["page=x", { page: 1 }],
  ])("%s is ignored", (query, expected) => {
    expect(parse(query)).toMatchObject(expected);
  });

  test("a very long search is cut, not refused", () => {
    expect(parse(`q=${"a".repeat(500)}`).query).toHaveLength(100);
  });
});

describe("registerFilterSearch", () => {
  test("round trip without the page", () => {
    const filter = parse("q=ab&site=2&type=taximeter&status=retired&due=overdue&sort=name&dir=desc&page=4");
    const search = registerFilterSearch(filter);
    expect(search).not.toContain("page");
    expect(parse(search)).toEqual({ ...filter, page: 1 });
  });

  test("the default filter has an empty query string", () => {
    expect(registerFilterSearch(parse(""))).toBe("");
  });
});
