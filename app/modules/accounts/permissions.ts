import { type Role } from "@db/schema";

export type { Role };

export type Ability =
  | "business:read"
  | "business:editProfile"
  | "business:manageMembers"
  | "business:manageSites"
  | "dost:read"
  | "dost:review"
  | "dost:admin";

const abilities: Record<Role, readonly Ability[]> = {
  business_member: ["business:read"],
  business_owner: ["business:read", "business:editProfile", "business:manageMembers", "business:manageSites"],
  dost_reviewer: ["dost:read", "dost:review"],
  dost_admin: ["dost:read", "dost:review", "dost:admin"],
};

export function can(role: Role, ability: Ability): boolean {
  return abilities[role].includes(ability);
}

export function isBusinessRole(role: Role): boolean {
  return role === "business_owner" || role === "business_member";
}

export function isDostRole(role: Role): boolean {
  return role === "dost_reviewer" || role === "dost_admin";
}

export function homePath(role: Role): string {
  return isDostRole(role) ? "/dost" : "/business";
}
