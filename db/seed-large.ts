/**
 * `npm run seed:large -- --businesses 10000 --instruments 200000`: fills a fresh database for
 * benchmarks. The demo accounts come first, through the same code as the demo; the bulk rows then
 * go in with prepared statements in large transactions (the domain commands would take an hour).
 * fuel@demo.vn's business becomes a chain of 50 sites and 5,000 instruments, the worst case.
 */
import { randomBytes } from "node:crypto";
import { existsSync, rmSync } from "node:fs";
import { parseArgs } from "node:util";
import { adminUnitsFile, ownershipTypeIds, sectorIds } from "~/modules/content/content";
import { applicableSections, checklistFor, CURRENT_CHECKLIST_VERSION } from "~/modules/assessments/checklist.server";
import { type Answer, maturityLevel, scoreOverall } from "~/modules/assessments/scoring";
import { type Catalogue, legalCatalogue } from "~/modules/instruments/catalogue.server";
import { computeSchedule, type ScheduleEvent } from "~/modules/instruments/schedule";
import { readHolidayCalendar } from "~/modules/holidays/calendar.server";
import { addWorkingDays } from "~/modules/requests/working-days";
import { REQUEST_TYPES, trackingCode } from "~/modules/requests/workflow";
import { vietnamDay } from "~/modules/i18n/format";
import { db } from "~/utils/db.server";
import { hashPassword } from "~/utils/password.server";
import { migrateToLatest, openDatabase } from "./connection";
import { databasePath } from "./paths";
import { DEMO_PASSWORD, demoTaxCode, seedDemo } from "./seed/demo";

const { values: args } = parseArgs({
  options: { businesses: { type: "string", default: "10000" }, instruments: { type: "string", default: "200000" }, replace: { type: "boolean", default: false } },
});
const BUSINESSES = Number(args.businesses);
const INSTRUMENTS = Number(args.instruments);
if (!Number.isInteger(BUSINESSES) || BUSINESSES < 0 || !Number.isInteger(INSTRUMENTS) || INSTRUMENTS < 0) {
  console.error("Usage: npm run seed:large -- --businesses N --instruments M [--replace]");
  process.exit(1);
}

const CHAIN_SITES = 50;
const CHAIN_INSTRUMENTS = 5_000;

// A fixed seed: the same arguments give the same database, so benchmark runs compare.
let state = 20_261_129;
function random(): number {
  state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
  return state / 2_147_483_648;
}
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
const between = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));

const today = vietnamDay();
const dayMs = 86_400_000;
const daysAgo = (days: number) => new Date(Date.parse(`${today}T00:00:00Z`) - days * dayMs).toISOString().slice(0, 10);
const instantDaysAgo = (days: number) => new Date(Date.now() - days * dayMs).toISOString();

let lastProgress = 0;
function progress(label: string, done: number, total: number) {
  const now = Date.now();
  if (done !== total && now - lastProgress < 1000) return;
  lastProgress = now;
  process.stdout.write(`\r${label}: ${done.toLocaleString("en")} / ${total.toLocaleString("en")} (${total ? Math.round((done / total) * 100) : 100}%)   ${done === total ? "\n" : ""}`);
}

// Read from the database once it is migrated (the seed step puts the shipped catalogue in).
let catalogue: Catalogue;

// Types the catalogue lists for the sector; a sector with none draws from the whole catalogue.
const typesFor = (sector: string) => {
  const current = catalogue.types.filter((t) => !t.retiredAt);
  const listed = current.filter((t) => (t.sectors as readonly string[]).includes(sector)).map((t) => t.id);
  return listed.length ? listed : current.map((t) => t.id);
};

const WORDS = ["Tây Đô", "Cửu Long", "Hậu Giang", "Phong Điền", "Ninh Kiều", "Cái Răng", "Bình Thủy", "Ô Môn", "Thốt Nốt", "Vĩnh Thạnh", "Cờ Đỏ", "Thới Lai", "Mekong", "Sông Hậu", "Phù Sa"];
const FORMS = ["Công ty TNHH", "Công ty Cổ phần", "Doanh nghiệp tư nhân", "Hợp tác xã"];

async function main() {
  const path = databasePath();
  if (existsSync(path)) {
    if (!args.replace) {
      console.error(`${path} exists. seed:large fills a fresh database: choose another DATABASE_PATH or add --replace.`);
      process.exit(1);
    }
    for (const suffix of ["", "-wal", "-shm"]) rmSync(`${path}${suffix}`, { force: true });
  }
  const started = Date.now();
  console.log(`Filling ${path} with ${BUSINESSES.toLocaleString("en")} businesses and ${INSTRUMENTS.toLocaleString("en")} instruments…`);
  await migrateToLatest(db());
  catalogue = await legalCatalogue();
  await seedDemo();
  const calendar = await readHolidayCalendar(db());
  await db().destroy();
  (globalThis as unknown as { __portalDb?: unknown }).__portalDb = undefined;

  const { sqlite } = openDatabase(path);
  // Bulk loading: the journal still protects the file, but each transaction need not wait for the disk.
  sqlite.pragma("synchronous = OFF");
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const communes = adminUnitsFile.units.map((u) => u.id);
  const now = new Date().toISOString();
  const nextId = (table: string) => (sqlite.prepare(`select coalesce(max(id), 0) + 1 as id from "${table}"`).get() as { id: number }).id;

  const insertBusiness = sqlite.prepare(
    `insert into business (id, legal_name, tax_code, ownership, province, commune_id, commune_other, street_address, contact_name, phone, email, created_at, updated_at)
     values (?, ?, ?, ?, 'can-tho', ?, null, ?, ?, ?, ?, ?, ?)`,
  );
  const insertSector = sqlite.prepare("insert into business_sector (business_id, sector) values (?, ?)");
  const insertSite = sqlite.prepare("insert into site (id, business_id, name, commune_id, commune_other, street_address, created_at, updated_at) values (?, ?, ?, ?, null, ?, ?, ?)");
  const insertUser = sqlite.prepare(
    "insert into user (email, full_name, password_hash, role, business_id, created_at, disabled_at) values (?, ?, ?, 'business_owner', ?, ?, null)",
  );
  const insertInstrument = sqlite.prepare(
    `insert into instrument (id, business_id, site_id, type_id, tag, name, serial, manufacturer, model, unit, accuracy, purpose, status, own_interval_months,
       responsible_person, public_token, legal_due_on, own_due_on, next_due_on, due_rule, last_event_on, last_certificate_no, last_provider, created_at, updated_at)
     values (?, ?, ?, ?, ?, ?, ?, '', '', ?, '', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertEvent = sqlite.prepare(
    `insert into instrument_event (id, instrument_id, business_id, kind, performed_on, provider, certificate_no, result, notes, recorded_by, recorded_at)
     values (?, ?, ?, ?, ?, ?, ?, ?, '', ?, ?)`,
  );

  const admin = sqlite.prepare("select id from user where email = 'admin@dost.demo'").get() as { id: number };
  const fuel = sqlite.prepare("select business_id as id from user where email = 'fuel@demo.vn'").get() as { id: number };

  const sitesOf = new Map<number, number[]>();
  const sectorsOf = new Map<number, string[]>();
  let siteId = nextId("site");

  // 1. Businesses, their sectors, sites and owners.
  let businessId = nextId("business");
  const firstBusiness = businessId;
  const businessTx = sqlite.transaction((from: number, to: number) => {
    for (let n = from; n < to; n++, businessId++) {
      const sectors = [...new Set([pick(sectorIds), ...(random() < 0.2 ? [pick(sectorIds)] : [])])];
      const name = `${pick(FORMS)} ${pick(WORDS)} ${n + 1} (dữ liệu thử)`;
      // 9-digit bases from 180000000 upward; a base without a check digit is skipped.
      let tax: string | null = null;
      for (let base = 180_000_000 + n * 7; !tax; base++) {
        try {
          tax = demoTaxCode(String(base));
        } catch {
          tax = null;
        }
      }
      insertBusiness.run(businessId, name, tax, pick(ownershipTypeIds), pick(communes), `${between(1, 300)} đường số ${between(1, 40)}`, "Người liên hệ", "0292 3000 000", `b${n + 1}@large.example`, instantDaysAgo(between(1, 1500)), now);
      for (const sector of sectors) insertSector.run(businessId, sector);
      insertUser.run(`owner${n + 1}@large.example`, `Chủ doanh nghiệp ${n + 1}`, passwordHash, businessId, now);
      const siteCount = between(1, 3);
      const ids: number[] = [];
      for (let s = 0; s < siteCount; s++, siteId++) {
        insertSite.run(siteId, businessId, s === 0 ? "Trụ sở chính" : `Cơ sở ${s + 1}`, pick(communes), `${between(1, 300)} đường số ${between(1, 40)}`, now, now);
        ids.push(siteId);
      }
      sitesOf.set(businessId, ids);
      sectorsOf.set(businessId, sectors);
    }
  });
  for (let from = 0; from < BUSINESSES; from += 2_000) {
    businessTx(from, Math.min(BUSINESSES, from + 2_000));
    progress("businesses", Math.min(BUSINESSES, from + 2_000), BUSINESSES);
  }

  // The demo fuel retailer becomes a chain of 50 sites.
  const fuelSites = (sqlite.prepare("select id from site where business_id = ?").all(fuel.id) as Array<{ id: number }>).map((s) => s.id);
  sqlite.transaction(() => {
    for (let s = fuelSites.length; s < CHAIN_SITES; s++, siteId++) {
      insertSite.run(siteId, fuel.id, `Cửa hàng xăng dầu số ${s + 1}`, pick(communes), `Quốc lộ ${between(1, 91)}`, now, now);
      fuelSites.push(siteId);
    }
  })();
  sitesOf.set(fuel.id, fuelSites);
  sectorsOf.set(fuel.id, ["fuel"]);

  // 2. Instruments with a verification or calibration history and their stored schedule.
  const fuelExisting = (sqlite.prepare("select count(*) as n from instrument where business_id = ?").get(fuel.id) as { n: number }).n;
  const chainCount = Math.max(0, Math.min(INSTRUMENTS, CHAIN_INSTRUMENTS) - fuelExisting);
  const plan: Array<{ businessId: number; count: number }> = [{ businessId: fuel.id, count: chainCount }];
  const rest = INSTRUMENTS - chainCount;
  if (BUSINESSES > 0) {
    // Most businesses have a handful, a few have hundreds: weights from a long-tailed draw.
    const weights = Array.from({ length: BUSINESSES }, () => 1 / (0.02 + random()));
    const total = weights.reduce((a, b) => a + b, 0);
    let given = 0;
    weights.forEach((w, i) => {
      const count = i === BUSINESSES - 1 ? rest - given : Math.floor((w / total) * rest);
      given += count;
      plan.push({ businessId: firstBusiness + i, count });
    });
  }
  let instrumentId = nextId("instrument");
  let eventId = nextId("instrument_event");
  let written = 0;
  const instrumentTx = sqlite.transaction((items: Array<{ businessId: number; tagNumber: number }>) => {
    for (const { businessId: owner, tagNumber } of items) {
      const sector = pick(sectorsOf.get(owner) ?? ["other"]);
      const typeId = pick(typesFor(sector));
      const type = catalogue.type(typeId)!;
      const events: ScheduleEvent[] = [];
      // One in twenty has nothing on record; the rest were last checked 0–500 days ago, some twice.
      if (random() >= 0.05) {
        const kind = type.group === 2 ? "verification" : "calibration";
        const lastAge = between(0, 500);
        const ages = random() < 0.5 ? [lastAge + between(330, 400), lastAge] : [lastAge];
        for (const age of ages) {
          const result = random() < 0.01 ? "fail" : "pass";
          events.push({ id: eventId++, kind, performedOn: daysAgo(age), result, overrideDueOn: null, notes: "", supersedesEventId: null, provider: "Trung tâm kỹ thuật (dữ liệu thử)", certificateNo: `C-${eventId}` });
        }
      }
      const own = type.group === 1 ? (type.recommendedCalibrationMonths ?? 12) : null;
      const schedule = computeSchedule({ group: type.group, cycles: type.cycles ?? [], ownIntervalMonths: own, events });
      const status = schedule.failed ? "quarantined" : random() < 0.03 ? "out_of_service" : "in_service";
      const prefix = typeId.split("-").map((w) => w[0]!.toUpperCase()).join("");
      insertInstrument.run(
        instrumentId,
        owner,
        pick(sitesOf.get(owner)!),
        typeId,
        `${prefix}-${String(tagNumber).padStart(5, "0")}`,
        `${type.name.vi} số ${tagNumber}`,
        `SN${instrumentId.toString(36).toUpperCase()}`,
        type.unit,
        type.group === 2 ? "trade" : "quality",
        status,
        own,
        tagNumber % 5 === 0 ? "" : "Tổ kỹ thuật",
        randomBytes(16).toString("hex"),
        schedule.legal?.dueOn ?? null,
        schedule.own?.dueOn ?? null,
        schedule.next?.dueOn ?? null,
        schedule.next ? JSON.stringify(schedule.next.rule) : null,
        schedule.lastPassing?.performedOn ?? null,
        schedule.lastPassing?.certificateNo || null,
        schedule.lastPassing?.provider || null,
        now,
        now,
      );
      for (const e of events) insertEvent.run(e.id, instrumentId, owner, e.kind, e.performedOn, e.provider, e.certificateNo, e.result, admin.id, now);
      instrumentId++;
    }
  });
  const batch: Array<{ businessId: number; tagNumber: number }> = [];
  const flush = () => {
    if (!batch.length) return;
    instrumentTx(batch);
    written += batch.length;
    batch.length = 0;
    progress("instruments", written, INSTRUMENTS);
  };
  for (const { businessId: owner, count } of plan) {
    const start = owner === fuel.id ? fuelExisting + 1 : 1;
    for (let i = 0; i < count; i++) {
      batch.push({ businessId: owner, tagNumber: start + i });
      if (batch.length === 5_000) flush();
    }
  }
  flush();

  // 3. Self-assessments: a third submitted, some drafts, answers drawn per business.
  const checklist = checklistFor(CURRENT_CHECKLIST_VERSION);
  const insertAssessment = sqlite.prepare(
    `insert into assessment (id, business_id, checklist_version, sectors, status, started_by, started_at, updated_by, updated_at, submitted_by, submitted_at, score, maturity_level)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertAnswer = sqlite.prepare("insert into assessment_answer (assessment_id, item_key, answer, note, updated_by, updated_at) values (?, ?, ?, '', ?, ?)");
  const ownerOf = sqlite.prepare("select id from user where business_id = ? order by id limit 1");
  let assessmentId = nextId("assessment");
  const assessed = Array.from({ length: BUSINESSES }, (_, i) => firstBusiness + i).filter(() => random() < 0.4);
  sqlite.transaction(() => {
    for (const [n, owner] of assessed.entries()) {
      const sectors = sectorsOf.get(owner)!;
      const user = (ownerOf.get(owner) as { id: number }).id;
      const submitted = n % 4 !== 0;
      const quality = random();
      const items = applicableSections(checklist, sectors).flatMap((s) => s.items.map((i) => ({ key: i.key, sectionKey: s.key, weight: i.weight })));
      const answers = items.map((item) => {
        const r = random();
        const answer: Answer | null = !submitted && r < 0.5 ? null : r < quality ? "yes" : r < quality + 0.2 ? "partly" : r < 0.95 ? "no" : "na";
        return { ...item, answer };
      });
      const score = submitted ? scoreOverall(answers) : null;
      const at = instantDaysAgo(between(1, 700));
      insertAssessment.run(assessmentId, owner, CURRENT_CHECKLIST_VERSION, JSON.stringify(sectors), submitted ? "submitted" : "draft", user, at, user, at, submitted ? user : null, submitted ? at : null, score, submitted ? (maturityLevel(checklist.maturityLevels, score)?.key ?? null) : null);
      for (const a of answers) if (a.answer) insertAnswer.run(assessmentId, a.key, a.answer, user, at);
      assessmentId++;
      if (n % 500 === 0) progress("assessments", n, assessed.length);
    }
  })();
  progress("assessments", assessed.length, assessed.length);

  // 4. Support requests in every state, with their timelines.
  const STATES = ["submitted", "in_review", "needs_information", "answered", "approved", "rejected", "completed", "withdrawn", "draft"] as const;
  const insertRequest = sqlite.prepare(
    `insert into support_request (id, business_id, code, type, state, title, description, created_by, created_at, updated_at, submitted_at, submitted_on, sla_days,
       deadline_on, appointment_on, paused_since, paused_days, assignee_id, decided_at, decided_on, plan_provider, plan_on, reject_reason, outcome, completed_at, closed_at)
     values (?, ?, ?, ?, ?, ?, 'Yêu cầu hỗ trợ (dữ liệu thử).', ?, ?, ?, ?, ?, 10, ?, ?, ?, 0, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertEntry = sqlite.prepare("insert into request_entry (request_id, kind, from_state, to_state, body, data, internal, actor_id, at) values (?, 'transition', ?, ?, '', ?, 0, ?, ?)");
  const reviewer = sqlite.prepare("select id from user where email = 'reviewer@dost.demo'").get() as { id: number };
  let requestId = nextId("support_request");
  const year = Number(today.slice(0, 4));
  let number = (sqlite.prepare("select coalesce(max(last_number), 0) as n from request_counter where year = ?").get(year) as { n: number }).n;
  const requesters = Array.from({ length: BUSINESSES }, (_, i) => firstBusiness + i).filter(() => random() < 0.1);
  sqlite.transaction(() => {
    for (const [n, owner] of requesters.entries()) {
      const user = (ownerOf.get(owner) as { id: number }).id;
      const state = STATES[n % STATES.length]!;
      const age = between(0, 300);
      const submittedOn = daysAgo(age);
      // Codes are sequential per year: requests of earlier years would take that year's numbers,
      // so the bulk keeps this year's counter and dates within it.
      const code = state === "draft" ? null : trackingCode(year, ++number);
      const deadline = addWorkingDays(calendar, submittedOn, 10);
      const decidedOn = ["approved", "rejected", "completed", "withdrawn"].includes(state) ? daysAgo(Math.max(0, age - between(1, 20))) : null;
      insertRequest.run(
        requestId,
        owner,
        code,
        pick(REQUEST_TYPES),
        state,
        `Yêu cầu hỗ trợ số ${n + 1}`,
        user,
        instantDaysAgo(age),
        instantDaysAgo(Math.max(0, age - 1)),
        state === "draft" ? null : instantDaysAgo(age),
        state === "draft" ? null : submittedOn,
        state === "draft" ? null : deadline,
        state === "draft" ? null : deadline,
        state === "needs_information" ? daysAgo(Math.max(0, age - 2)) : null,
        state === "draft" || state === "submitted" ? null : reviewer.id,
        decidedOn ? `${decidedOn}T03:00:00.000Z` : null,
        decidedOn,
        state === "approved" || state === "completed" ? "Trung tâm kỹ thuật (dữ liệu thử)" : null,
        state === "approved" || state === "completed" ? decidedOn : null,
        state === "rejected" ? "Không thuộc phạm vi hỗ trợ (dữ liệu thử)." : null,
        state === "completed" ? "Đã hỗ trợ (dữ liệu thử)." : null,
        state === "completed" ? `${decidedOn}T09:00:00.000Z` : null,
        ["rejected", "completed", "withdrawn"].includes(state) ? `${decidedOn}T09:00:00.000Z` : null,
      );
      if (state !== "draft") {
        insertEntry.run(requestId, "draft", "submitted", JSON.stringify({ action: "submit", code, appointmentOn: deadline }), user, instantDaysAgo(age));
        if (state !== "submitted") insertEntry.run(requestId, "submitted", state, JSON.stringify({ action: "bulk" }), reviewer.id, instantDaysAgo(Math.max(0, age - 1)));
      }
      requestId++;
    }
    sqlite.prepare("insert into request_counter (year, last_number) values (?, ?) on conflict (year) do update set last_number = excluded.last_number").run(year, number);
  })();
  progress("requests", requesters.length, requesters.length);

  sqlite.pragma("synchronous = NORMAL");
  sqlite.exec("analyze");
  sqlite.close();
  const counts = openDatabase(path).sqlite;
  const count = (table: string) => (counts.prepare(`select count(*) as n from "${table}"`).get() as { n: number }).n.toLocaleString("en");
  console.log(
    `Done in ${((Date.now() - started) / 1000).toFixed(1)} s: ${count("business")} businesses, ${count("site")} sites, ${count("instrument")} instruments, ${count("instrument_event")} events, ${count("assessment")} assessments, ${count("support_request")} requests.`,
  );
  console.log(`Demo logins work here too (password ${DEMO_PASSWORD}); fuel@demo.vn's business has ${CHAIN_SITES} sites and ${(chainCount + fuelExisting).toLocaleString("en")} instruments.`);
  counts.close();
}

await main();
