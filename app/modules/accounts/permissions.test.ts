import { describe, expect, test } from "vitest";
import { type Ability, can, homePath, type Role } from "./permissions";

const table: Array<[Role, Ability, boolean]> = [
  ["business_member", "business:read", true],
  ["business_member", "business:editProfile", false],
  ["business_member", "business:manageMembers", false],
  ["business_member", "business:manageSites", false],
  ["business_member", "dost:read", false],
  ["business_owner", "business:editProfile", true],
  ["business_owner", "business:manageMembers", true],
  ["business_owner", "dost:read", false],
  ["dost_reviewer", "dost:read", true],
  ["dost_reviewer", "dost:review", true],
  ["dost_reviewer", "dost:admin", false],
  ["dost_reviewer", "business:read", false],
  ["dost_admin", "dost:admin", true],
  ["dost_admin", "business:editProfile", false],
];

describe("can", () => {
  test.each(table)("%s may %s: %s", (role, ability, expected) => {
    expect(can(role, ability)).toBe(expected);
  });
});

test("each role lands on its own home", () => {
  expect(homePath("business_member")).toBe("/business");
  expect(homePath("business_owner")).toBe("/business");
  expect(homePath("dost_reviewer")).toBe("/dost");
  expect(homePath("dost_admin")).toBe("/dost");
});
