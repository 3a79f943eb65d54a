import SQLite from "better-sqlite3";
import { beforeAll, expect, test } from "vitest";
import { createSite, listBusinesses } from "~/modules/accounts/businesses.server";
import { vietnamDay } from "~/modules/i18n/format";
import { createInstrument, dueBreakdown, dueCounts, listInstruments } from "~/modules/instruments/instruments.server";
import { parseRegisterFilter } from "~/modules/instruments/register-filter";
import { dostRequestSummary, listBusinessRequests, queue, reviewers, stateCounts } from "~/modules/requests/queries.server";
import { type BusinessScope, type DostScope } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { createBusinessWithOwner, createUser, dispenserInput, silenceOutboxLog } from "../helpers";

silenceOutboxLog();

// The tables that grow with the city: a hot query may read them only through an index.
const BIG_TABLES = ["instrument", "instrument_event", "support_request", "request_entry", "business", "assessment", "user"];

type Captured = { sql: string; params: unknown[] };
let business: BusinessScope;
let reviewer: DostScope;

beforeAll(async () => {
  const created = await createBusinessWithOwner({ sectors: ["fuel"] });
  business = {
    kind: "business",
    businessId: created.businessId,
    user: { id: created.ownerId, email: created.email, fullName: "Chủ", role: "business_owner", businessId: created.businessId, businessName: null },
  };
  const site = await createSite(business, { name: "Cửa hàng số 2", communeId: "phuong-cai-khe", communeOther: "", streetAddress: "1 Đường A" });
  for (let i = 0; i < 3; i++) await createInstrument(business, dispenserInput(site, `CD-${i}`));
  const user = await createUser("dost_reviewer", null);
  reviewer = { kind: "dost", user: { id: user.id, email: user.email, fullName: "Cán bộ", role: "dost_reviewer", businessId: null, businessName: null } };
});

/** Every statement Kysely runs goes through better-sqlite3's Statement#all / #get: record them meanwhile. */
async function capture(work: () => Promise<unknown>): Promise<Captured[]> {
  const probe = new SQLite(":memory:");
  const statement = Object.getPrototypeOf(probe.prepare("select 1")) as { all: (...args: unknown[]) => unknown; get: (...args: unknown[]) => unknown };
  probe.close();
  const { all, get } = statement;
  const captured: Captured[] = [];
  statement.all = function (this: { source: string }, ...args: unknown[]) {
    captured.push({ sql: this.source, params: args.flat() });
    return all.apply(this, args);
  };
  statement.get = function (this: { source: string }, ...args: unknown[]) {
    captured.push({ sql: this.source, params: args.flat() });
    return get.apply(this, args);
  };
  try {
    await work();
  } finally {
    statement.all = all;
    statement.get = get;
  }
  return captured;
}

/** Runs `work`, then asks SQLite how it ran each SELECT on the big tables. */
async function plansOf(work: () => Promise<unknown>) {
  const selects = (await capture(work)).filter((c) => /^\s*select/i.test(c.sql) && BIG_TABLES.some((t) => c.sql.includes(`"${t}"`)));
  const sqlite = new SQLite(env().databasePath, { readonly: true });
  try {
    return selects.map((c) => ({
      sql: c.sql,
      plan: (sqlite.prepare(`explain query plan ${c.sql}`).all(...(c.params as never[])) as Array<{ detail: string }>).map((row) => row.detail),
    }));
  } finally {
    sqlite.close();
  }
}

function fullScans(plans: Awaited<ReturnType<typeof plansOf>>) {
  return plans.flatMap(({ sql, plan }) =>
    plan.filter((step) => BIG_TABLES.some((t) => new RegExp(`^SCAN ${t}( AS \\w+)?$`).test(step))).map((step) => `${step}  ←  ${sql.slice(0, 160)}`),
  );
}

const today = vietnamDay();

test("a business's register, schedule counts and requests read only through indexes", async () => {
  const plans = await plansOf(async () => {
    await listInstruments(business, parseRegisterFilter(new URLSearchParams(), today), today);
    await listInstruments(business, parseRegisterFilter(new URLSearchParams("due=overdue&sort=due"), today), today);
    await dueCounts(business, today);
    await dueBreakdown(business, today, "site");
    await dueBreakdown(business, today, "type");
    await listBusinessRequests(business);
  });
  expect(plans.length).toBeGreaterThanOrEqual(6);
  expect(fullScans(plans)).toEqual([]);
});

test("DOST's queue, counts and business list use indexes for their filters", async () => {
  const plans = await plansOf(async () => {
    await queue(reviewer, { state: "open", type: "", sector: "", commune: "", clock: "", olderThanDays: null, assignee: "", sort: "appointment", page: 1 }, today);
    await queue(reviewer, { state: "submitted", type: "", sector: "", commune: "", clock: "late", olderThanDays: null, assignee: "me", sort: "newest", page: 1 }, today);
    await stateCounts(today);
    await reviewers();
    await dostRequestSummary(reviewer, today);
    await listBusinesses(reviewer, { query: "", sector: "fuel", commune: "phuong-cai-khe", page: 1 });
  });
  expect(plans.length).toBeGreaterThanOrEqual(5);
  // Counting all requests by state reads the state index, never the table itself.
  expect(fullScans(plans).filter((scan) => !scan.startsWith("SCAN business"))).toEqual([]);
});

test("the check itself sees a full scan when there is one", async () => {
  const plans = await plansOf(() => db().selectFrom("instrument").where("name", "=", "Cột đo không có chỉ mục").selectAll().execute());
  expect(fullScans(plans)).toHaveLength(1);
});
