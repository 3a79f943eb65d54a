// Calendar feed, reminder digests, QR labels and the public status page (PRODUCT.md §3.3, issue 4 points 6–8).
import ICAL from "ical.js";
import { beforeAll, describe, expect, test } from "vitest";
import { type InstrumentStatus } from "@db/schema";
import { type EventInput, createInstrument, recordEvents } from "~/modules/instruments/instruments.server";
import { sendReminderDigests } from "~/modules/instruments/reminders.server";
import { action as calendarAction, loader as calendarPageLoader } from "~/routes/business.calendar";
import { loader as feedLoader } from "~/routes/calendar.$token[.ics]";
import { loader as labelsPageLoader } from "~/routes/business.instruments.labels";
import { loader as labelsPdfLoader } from "~/routes/business.instruments.labels[.pdf]";
import { loader as statusLoader, meta as statusMeta } from "~/routes/s.$token";
import { requireBusinessScope } from "~/utils/auth.server";
import { db, nowIso } from "~/utils/db.server";
import { TEST_ORIGIN, buildRequest, createBusinessWithOwner, createUser, dispenserInput, outboxTo, requestAs, run, silenceOutboxLog } from "../helpers";

silenceOutboxLog();

async function ownerScope(userId: number) {
  return requireBusinessScope(await requestAs(userId, "/business"));
}

let tagSequence = 0;

/** A fuel dispenser (group 2, legal cycle 12 months) in the business's first site, verified on the given days. */
async function dispenser(owner: { ownerId: number; businessId: number }, options: { verifiedOn?: string[]; status?: InstrumentStatus; tag?: string; name?: string } = {}) {
  const scope = await ownerScope(owner.ownerId);
  const site = await db().selectFrom("site").where("business_id", "=", owner.businessId).select("id").orderBy("id").executeTakeFirstOrThrow();
  const tag = options.tag ?? `CD-${String(++tagSequence).padStart(3, "0")}`;
  const created = await createInstrument(
    scope,
    dispenserInput(site.id, tag, {
      name: options.name ?? `Cột đo xăng dầu ${tag}`,
      serial: `SERIAL-SECRET-${tag}`,
      manufacturer: "Tatsuno",
      model: "Sunny",
      accuracy: "0,5",
      responsiblePerson: "Lê Văn Phụ Trách",
    }),
  );
  if (!created.ok) throw new Error(JSON.stringify(created.errors));
  for (const day of options.verifiedOn ?? []) await verify(owner, created.id, day);
  if (options.status) await db().updateTable("instrument").set({ status: options.status }).where("id", "=", created.id).execute();
  const row = await db().selectFrom("instrument").where("id", "=", created.id).select(["public_token", "next_due_on"]).executeTakeFirstOrThrow();
  return { id: created.id, tag, publicToken: row.public_token, nextDueOn: row.next_due_on };
}

async function verify(owner: { ownerId: number }, instrumentId: number, performedOn: string, certificateNo = `KĐ-${performedOn}`) {
  const input: EventInput = {
    kind: "verification",
    performedOn,
    provider: "Trung tâm Kỹ thuật Tiêu chuẩn Đo lường Chất lượng Cần Thơ",
    certificateNo,
    result: "pass",
    notes: "",
    overrideDueOn: null,
    supersedesEventId: null,
    impact: null,
    upload: null,
  };
  const ids = await recordEvents(await ownerScope(owner.ownerId), [instrumentId], input);
  if (!ids) throw new Error("event not recorded");
}

function parseFeed(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  return calendar.getAllSubcomponents("vevent").map((vevent) => {
    const event = new ICAL.Event(vevent);
    return {
      uid: event.uid,
      summary: event.summary,
      description: event.description,
      isDate: event.startDate.isDate,
      start: event.startDate.toString(),
      end: event.endDate.toString(),
      url: String(vevent.getFirstPropertyValue("url")),
    };
  });
}

async function feedText(token: string) {
  const outcome = await run(feedLoader, buildRequest(`/calendar/${token}.ics`), { token });
  return outcome;
}

async function fetchFeed(token: string): Promise<{ status: number; text: string; type: string | null }> {
  try {
    const response = (await feedLoader({ request: buildRequest(`/calendar/${token}.ics`), params: { token }, context: {} })) as Response;
    return { status: response.status, text: await response.text(), type: response.headers.get("Content-Type") };
  } catch (thrown) {
    if (thrown instanceof Response) return { status: thrown.status, text: "", type: null };
    throw thrown;
  }
}

describe("calendar feed", () => {
  test("the settings page makes one secret token for the user and keeps it", async () => {
    const owner = await createBusinessWithOwner();
    const first = await run(calendarPageLoader, await requestAs(owner.ownerId, "/business/calendar"));
    expect(first.status).toBe(200);
    const { feedUrl, webcalUrl } = first.data as { feedUrl: string; webcalUrl: string };
    const token = (await db().selectFrom("user").where("id", "=", owner.ownerId).select("calendar_token").executeTakeFirstOrThrow()).calendar_token!;
    expect(token).toMatch(/^[A-Za-z0-9_-]{32}$/); // 192 bits
    expect(feedUrl).toBe(`${TEST_ORIGIN}/calendar/${token}.ics`);
    expect(webcalUrl).toBe(`webcal://portal.test/calendar/${token}.ics`);
    const again = await run(calendarPageLoader, await requestAs(owner.ownerId, "/business/calendar"));
    expect((again.data as { feedUrl: string }).feedUrl).toBe(feedUrl);
    // Every user has an address of their own.
    const member = await createUser("business_member", owner.businessId);
    const theirs = await run(calendarPageLoader, await requestAs(member.id, "/business/calendar"));
    expect((theirs.data as { feedUrl: string }).feedUrl).not.toBe(feedUrl);
  });

  test("the page needs a login", async () => {
    const outcome = await run(calendarPageLoader, buildRequest("/business/calendar"));
    expect(outcome.status).toBe(302);
    expect(outcome.location).toContain("/login");
  });

  test("a real parser reads one all-day event per in-service instrument with a due date, with its date, UID, summary, rule and link", async () => {
    const owner = await createBusinessWithOwner();
    const a = await dispenser(owner, { verifiedOn: ["2025-06-10"], name: "Cột đo số 1 — Cửa hàng Ninh Kiều" });
    const b = await dispenser(owner, { verifiedOn: ["2024-02-29", "2025-02-28"] });
    await dispenser(owner); // no verification: unknown, no date to show
    await dispenser(owner, { verifiedOn: ["2025-07-01"], status: "retired" });
    const other = await createBusinessWithOwner();
    await dispenser(other, { verifiedOn: ["2025-08-01"] });

    const page = await run(calendarPageLoader, await requestAs(owner.ownerId, "/business/calendar"));
    expect((page.data as { eventCount: number }).eventCount).toBe(2);
    const token = (page.data as { feedUrl: string }).feedUrl.split("/calendar/")[1]!.replace(".ics", "");
    const feed = await fetchFeed(token);
    expect(feed.status).toBe(200);
    expect(feed.type).toBe("text/calendar; charset=utf-8");
    expect(feed.text).toContain("BEGIN:VCALENDAR");

    const events = parseFeed(feed.text);
    expect(events.map((e) => e.start).sort()).toEqual(["2026-02-28", "2026-06-10"]);
    const eventA = events.find((e) => e.start === "2026-06-10")!;
    expect(eventA.isDate).toBe(true);
    expect(eventA.end).toBe("2026-06-11");
    expect(eventA.uid).toBe(`instrument-${a.id}-due-2026-06-10@portal.test`);
    expect(eventA.summary).toContain(a.tag);
    expect(eventA.summary).toContain("Cột đo số 1 — Cửa hàng Ninh Kiều");
    expect(eventA.description).toContain("Hạn 10/06/2026 = kiểm định ngày 10/06/2025 + 12 tháng");
    expect(eventA.url).toBe(`${TEST_ORIGIN}/business/instruments/${a.id}`);
    expect(events.find((e) => e.start === "2026-02-28")!.uid).toBe(`instrument-${b.id}-due-2026-02-28@portal.test`);

    // The UID stays while the date stands and changes with a new verification.
    await verify(owner, a.id, "2025-12-01");
    const after = parseFeed((await fetchFeed(token)).text);
    expect(after.map((e) => e.uid)).toContain(`instrument-${a.id}-due-2026-12-01@portal.test`);
    expect(after.map((e) => e.uid)).toContain(`instrument-${b.id}-due-2026-02-28@portal.test`);
  });

  test("a reset makes a new address and the old one answers 404", async () => {
    const owner = await createBusinessWithOwner();
    await dispenser(owner, { verifiedOn: ["2025-06-10"] });
    const before = await run(calendarPageLoader, await requestAs(owner.ownerId, "/business/calendar"));
    const oldToken = (before.data as { feedUrl: string }).feedUrl.split("/calendar/")[1]!.replace(".ics", "");
    expect((await fetchFeed(oldToken)).status).toBe(200);

    const reset = await run(calendarAction, await requestAs(owner.ownerId, "/business/calendar", { form: { intent: "reset" } }));
    expect(reset.status).toBe(302);
    expect(reset.location).toBe("/business/calendar");
    const after = await run(calendarPageLoader, await requestAs(owner.ownerId, "/business/calendar"));
    const newToken = (after.data as { feedUrl: string }).feedUrl.split("/calendar/")[1]!.replace(".ics", "");
    expect(newToken).not.toBe(oldToken);
    expect((await fetchFeed(oldToken)).status).toBe(404);
    expect((await fetchFeed(newToken)).status).toBe(200);
    expect(await db().selectFrom("audit_log").where("actor_user_id", "=", owner.ownerId).where("action", "=", "reset_calendar_token").select("id").execute()).toHaveLength(1);
  });

  test("names saved with line breaks (older data) cannot add events or properties to the feed", async () => {
    const owner = await createBusinessWithOwner();
    const a = await dispenser(owner, { verifiedOn: ["2025-06-10"] });
    const b = await dispenser(owner, { verifiedOn: ["2025-03-01"] });
    const forged = (what: string) => `${what}\r\nEND:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:forged-${what}\r\nDTSTART;VALUE=DATE:20260101\r\nSUMMARY:Forged\r\nEND:VEVENT`;
    // Written straight to the database, as data saved before the forms refused control characters.
    await db().updateTable("business").set({ legal_name: forged("business") }).where("id", "=", owner.businessId).execute();
    await db().updateTable("site").set({ name: forged("site") }).where("business_id", "=", owner.businessId).execute();
    await db().updateTable("instrument").set({ name: forged("name"), tag: `T1\nBEGIN:VALARM` }).where("id", "=", a.id).execute();

    const page = await run(calendarPageLoader, await requestAs(owner.ownerId, "/business/calendar"));
    const token = (page.data as { feedUrl: string }).feedUrl.split("/calendar/")[1]!.replace(".ics", "");
    const feed = await fetchFeed(token);
    expect(feed.status).toBe(200);
    const calendar = new ICAL.Component(ICAL.parse(feed.text));
    // Exactly the two real events, one calendar, no alarm.
    expect(calendar.getAllSubcomponents("vevent").map((e) => e.getFirstPropertyValue("uid")).sort()).toEqual(
      [`instrument-${a.id}-due-2026-06-10@portal.test`, `instrument-${b.id}-due-2026-03-01@portal.test`].sort(),
    );
    expect(calendar.getAllSubcomponents("valarm")).toHaveLength(0);
    expect(calendar.getAllSubcomponents("vevent").flatMap((e) => e.getAllSubcomponents("valarm"))).toHaveLength(0);
    const lines = feed.text.split("\r\n");
    expect(lines.filter((line) => line === "BEGIN:VCALENDAR" || line === "END:VCALENDAR")).toEqual(["BEGIN:VCALENDAR", "END:VCALENDAR"]);
    // Every line is a property (or a fold of one): no line starts with a forged name's content.
    expect(lines.filter((line) => /^(UID:forged|SUMMARY:Forged|DTSTART;VALUE=DATE:20260101)/.test(line))).toEqual([]);
    const eventA = parseFeed(feed.text).find((e) => e.uid.startsWith(`instrument-${a.id}-`))!;
    expect(eventA.summary).toContain("T1 BEGIN:VALARM");
    expect(eventA.summary).toContain("name END:VCALENDAR BEGIN:VEVENT UID:forged-name");
    expect(calendar.getFirstPropertyValue("x-wr-calname")).toContain("business END:VCALENDAR BEGIN:VEVENT");
  });

  test("unknown, malformed and a removed user's tokens answer 404", async () => {
    expect((await feedText("A".repeat(32))).status).toBe(404);
    expect((await feedText("short")).status).toBe(404);
    const owner = await createBusinessWithOwner();
    const member = await createUser("business_member", owner.businessId);
    const page = await run(calendarPageLoader, await requestAs(member.id, "/business/calendar"));
    const token = (page.data as { feedUrl: string }).feedUrl.split("/calendar/")[1]!.replace(".ics", "");
    expect((await fetchFeed(token)).status).toBe(200);
    await db().updateTable("user").set({ disabled_at: nowIso() }).where("id", "=", member.id).execute();
    expect((await fetchFeed(token)).status).toBe(404);
  });
});

describe("reminder digests", () => {
  // Fixed days: the dispensers' legal cycle is 12 months, counted from the verification day.
  let fuel: Awaited<ReturnType<typeof createBusinessWithOwner>>;
  let water: Awaited<ReturnType<typeof createBusinessWithOwner>>;
  const ids: Record<string, number> = {};

  beforeAll(async () => {
    // Reminders look at every business in the database: start from none due at all.
    await db().updateTable("instrument").set({ status: "retired" }).execute();
    fuel = await createBusinessWithOwner();
    water = await createBusinessWithOwner();
    ids.due30 = (await dispenser(fuel, { verifiedOn: ["2025-06-10"], tag: "R-30" })).id; // due 10/06/2026
    ids.due7 = (await dispenser(fuel, { verifiedOn: ["2025-05-25"], tag: "R-07" })).id; // due 25/05/2026
    ids.overdue = (await dispenser(fuel, { verifiedOn: ["2025-04-01"], tag: "R-OD" })).id; // due 01/04/2026
    ids.later = (await dispenser(fuel, { verifiedOn: ["2025-12-01"], tag: "R-LATER" })).id; // due 01/12/2026
    ids.retired = (await dispenser(fuel, { verifiedOn: ["2025-04-02"], tag: "R-RETIRED", status: "retired" })).id;
    ids.water = (await dispenser(water, { verifiedOn: ["2025-06-01"], tag: "W-01" })).id; // due 01/06/2026
  });

  async function reminderRows(instrumentId: number) {
    return db().selectFrom("reminder_sent").where("instrument_id", "=", instrumentId).select(["kind", "due_on"]).orderBy("sent_at").execute();
  }

  test("each business gets one digest at its contact address, listing overdue, 7-day and 30-day reminders", async () => {
    const result = await sendReminderDigests({ today: "2026-05-20", origin: TEST_ORIGIN });
    expect(result).toEqual({ businesses: 2, reminders: 4 });

    const fuelMail = await outboxTo(fuel.input.contactEmail);
    expect(fuelMail).toHaveLength(1);
    const mail = fuelMail[0]!;
    expect(mail.subject).toContain("Nhắc hạn kiểm định, hiệu chuẩn: 1 quá hạn, 1 đến hạn trong 7 ngày, 1 đến hạn trong 30 ngày — ");
    expect(mail.subject).toContain(fuel.input.legalName);
    const body = mail.body_text;
    // Overdue first, then 7 days, then 30 days; the legal consequence is spelled out.
    expect(body.indexOf("ĐÃ QUÁ HẠN")).toBeLessThan(body.indexOf("ĐẾN HẠN TRONG 7 NGÀY"));
    expect(body.indexOf("ĐẾN HẠN TRONG 7 NGÀY")).toBeLessThan(body.indexOf("ĐẾN HẠN TRONG 30 NGÀY"));
    expect(body).toContain("không được dùng để mua bán, thanh toán");
    expect(body).toMatch(/R-OD — .*: hạn 01\/04\/2026/);
    expect(body).toMatch(/R-07 — .*: hạn 25\/05\/2026/);
    expect(body).toMatch(/R-30 — .*: hạn 10\/06\/2026/);
    expect(body).toContain(`${TEST_ORIGIN}/business/instruments/${ids.overdue}`);
    expect(body).not.toContain("R-LATER");
    expect(body).not.toContain("R-RETIRED");
    expect(body).not.toContain("W-01");

    const waterMail = await outboxTo(water.input.contactEmail);
    expect(waterMail).toHaveLength(1);
    expect(waterMail[0]!.body_text).toContain("W-01");
    expect(waterMail[0]!.body_text).not.toContain("R-30");

    expect(await reminderRows(ids.overdue!)).toEqual([{ kind: "overdue", due_on: "2026-04-01" }]);
    expect(await reminderRows(ids.due7!)).toEqual([{ kind: "due7", due_on: "2026-05-25" }]);
    expect(await reminderRows(ids.due30!)).toEqual([{ kind: "due30", due_on: "2026-06-10" }]);
  });

  test("running again the same day, or the next, sends nothing new", async () => {
    expect(await sendReminderDigests({ today: "2026-05-20", origin: TEST_ORIGIN })).toEqual({ businesses: 0, reminders: 0 });
    expect(await sendReminderDigests({ today: "2026-05-21", origin: TEST_ORIGIN })).toEqual({ businesses: 0, reminders: 0 });
    expect(await outboxTo(fuel.input.contactEmail)).toHaveLength(1);
    expect(await outboxTo(water.input.contactEmail)).toHaveLength(1);
  });

  test("the next window of the same date is reminded once, in a new digest", async () => {
    // 03/06: R-30 is 7 days away; R-07 (25/05) and W-01 (01/06) are overdue, their due days having passed.
    expect(await sendReminderDigests({ today: "2026-06-03", origin: TEST_ORIGIN })).toEqual({ businesses: 2, reminders: 3 });
    const fuelMail = await outboxTo(fuel.input.contactEmail);
    expect(fuelMail).toHaveLength(2);
    expect(fuelMail[1]!.subject).toContain("Nhắc hạn kiểm định, hiệu chuẩn: 1 quá hạn, 1 đến hạn trong 7 ngày — ");
    expect(fuelMail[1]!.body_text).toMatch(/R-07 — .*: hạn 25\/05\/2026/);
    expect(fuelMail[1]!.body_text).toMatch(/R-30 — .*: hạn 10\/06\/2026/);
    expect(fuelMail[1]!.body_text).not.toContain("R-OD");
    expect(await reminderRows(ids.due7!)).toEqual([
      { kind: "due7", due_on: "2026-05-25" },
      { kind: "overdue", due_on: "2026-05-25" },
    ]);
    expect(await sendReminderDigests({ today: "2026-06-03", origin: TEST_ORIGIN })).toEqual({ businesses: 0, reminders: 0 });
  });

  test("a new due date after a verification is reminded again", async () => {
    // R-OD verified late, on 15/06/2025 by its certificate: now due 15/06/2026, 12 days away.
    await verify(fuel, ids.overdue!, "2025-06-15");
    expect(await sendReminderDigests({ today: "2026-06-03", origin: TEST_ORIGIN })).toEqual({ businesses: 1, reminders: 1 });
    const fuelMail = await outboxTo(fuel.input.contactEmail);
    expect(fuelMail).toHaveLength(3);
    expect(fuelMail[2]!.body_text).toMatch(/R-OD — .*: hạn 15\/06\/2026/);
    expect(await reminderRows(ids.overdue!)).toEqual([
      { kind: "overdue", due_on: "2026-04-01" },
      { kind: "due30", due_on: "2026-06-15" },
    ]);
  });

  test("the mail and its reminder rows are written together: no rows, no mail", async () => {
    const rows = await db().selectFrom("reminder_sent").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
    const mails = await db()
      .selectFrom("outbox")
      .where("to_address", "in", [fuel.input.contactEmail, water.input.contactEmail])
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    expect(Number(rows.n)).toBe(8);
    expect(Number(mails.n)).toBe(5);
  });
});

describe("labels", () => {
  test("the PDF of chosen instruments, A4 sheet or single label at exact size", async () => {
    const owner = await createBusinessWithOwner();
    const a = await dispenser(owner, { verifiedOn: ["2025-06-10"] });
    const b = await dispenser(owner);
    for (const [format, mediaBox] of [
      ["a4-70x37", "MediaBox [0 0 595.275591 841.889764]"],
      ["single-50x30", "MediaBox [0 0 141.732283 85.03937]"], // 50 × 30 mm
    ] as const) {
      const response = (await labelsPdfLoader({
        request: await requestAs(owner.ownerId, `/business/instruments/labels.pdf?ids=${a.id},${b.id}&format=${format}`),
        params: {},
        context: {},
      })) as Response;
      expect(response.status).toBe(200);
      expect(response.headers.get("Content-Type")).toBe("application/pdf");
      const bytes = Buffer.from(await response.arrayBuffer());
      expect(bytes.subarray(0, 5).toString("latin1")).toBe("%PDF-");
      expect(bytes.toString("latin1")).toContain(mediaBox);
    }
  });

  test("another business's instrument ids, unknown or malformed ids answer 404, on the page and the PDF", async () => {
    const owner = await createBusinessWithOwner();
    const mine = await dispenser(owner);
    const other = await createBusinessWithOwner();
    const theirs = await dispenser(other);
    for (const query of [`ids=${mine.id},${theirs.id}`, `ids=${theirs.id}`, "ids=999999999", "ids=1;2", "ids=abc"]) {
      expect((await run(labelsPdfLoader, await requestAs(owner.ownerId, `/business/instruments/labels.pdf?${query}`))).status, query).toBe(404);
      expect((await run(labelsPageLoader, await requestAs(owner.ownerId, `/business/instruments/labels?${query}`))).status, query).toBe(404);
    }
    expect((await run(labelsPdfLoader, buildRequest(`/business/instruments/labels.pdf?ids=${mine.id}`))).status).toBe(302);
  });

  test("the page lists the business's instruments in the register's filter and passes the selection on to the PDF", async () => {
    const owner = await createBusinessWithOwner();
    await dispenser(owner, { tag: "LBL-1" });
    await dispenser(owner, { tag: "LBL-2" });
    await dispenser(owner, { tag: "OTHER-3" });
    const other = await createBusinessWithOwner();
    await dispenser(other, { tag: "LBL-9" });

    const all = await run(labelsPageLoader, await requestAs(owner.ownerId, "/business/instruments/labels"));
    expect(all.data).toMatchObject({ mode: "all", total: 3, tooMany: false });
    const filtered = await run(labelsPageLoader, await requestAs(owner.ownerId, "/business/instruments/labels?q=LBL&sort=tag"));
    const data = filtered.data as { mode: string; total: number; preview: Array<{ tag: string }>; pass: Array<[string, string]> };
    expect(data.mode).toBe("filter");
    expect(data.preview.map((r) => r.tag)).toEqual(["LBL-1", "LBL-2"]);
    expect(data.pass).toEqual([
      ["q", "LBL"],
      ["sort", "tag"],
    ]);
    const pdf = await run(labelsPdfLoader, await requestAs(owner.ownerId, "/business/instruments/labels.pdf?q=LBL"));
    expect(pdf.status).toBe(200);
    expect((await run(labelsPdfLoader, await requestAs(owner.ownerId, "/business/instruments/labels.pdf?q=NOTHING"))).status).toBe(404);
  });
});

describe("public status page", () => {
  async function status(token: string) {
    return run(statusLoader, buildRequest(`/s/${token}`), { token });
  }

  test("shows the type, tag, business, legal status, last certificate and provider, and nothing else", async () => {
    const owner = await createBusinessWithOwner();
    const current = new Date().getUTCFullYear();
    const valid = await dispenser(owner, { verifiedOn: [`${current}-01-02`], tag: "PUB-1" });
    await dispenser(owner, { tag: "PUB-NEIGHBOUR" });
    const outcome = await status(valid.publicToken);
    expect(outcome.status).toBe(200);
    expect(outcome.headers.get("X-Robots-Tag")).toContain("noindex");
    const data = outcome.data as Record<string, unknown>;
    expect(Object.keys(data).sort()).toEqual(["businessName", "checkedAt", "lastCertificateNo", "lastProvider", "standing", "tag", "title", "typeName"]);
    expect(data).toMatchObject({
      typeName: "Cột đo xăng dầu",
      tag: "PUB-1",
      businessName: owner.input.legalName,
      standing: { kind: "valid", until: `${current + 1}-01-02`, legal: true },
      lastCertificateNo: `KĐ-${current}-01-02`,
      lastProvider: "Trung tâm Kỹ thuật Tiêu chuẩn Đo lường Chất lượng Cần Thơ",
    });
    const everything = JSON.stringify(data);
    for (const secret of ["SERIAL-SECRET", "Tatsuno", "Sunny", "Lê Văn Phụ Trách", owner.input.streetAddress, owner.input.contactEmail, owner.input.phone, "PUB-NEIGHBOUR"]) {
      expect(everything).not.toContain(secret);
    }
    const meta = statusMeta({ data } as Parameters<typeof statusMeta>[0]);
    expect(meta).toContainEqual({ name: "robots", content: "noindex, nofollow" });
  });

  test("overdue says do not use for trade; no verification is unknown; a failed check is quarantined", async () => {
    const owner = await createBusinessWithOwner();
    const overdue = await dispenser(owner, { verifiedOn: ["2020-03-01"] });
    const unknown = await dispenser(owner);
    const quarantined = await dispenser(owner, { verifiedOn: ["2025-06-10"], status: "quarantined" });
    expect((await status(overdue.publicToken)).data).toMatchObject({ standing: { kind: "overdue", dueOn: "2021-03-01", legal: true } });
    expect((await status(unknown.publicToken)).data).toMatchObject({ standing: { kind: "unknown", legal: true }, lastCertificateNo: null });
    expect((await status(quarantined.publicToken)).data).toMatchObject({ standing: { kind: "quarantined" } });
  });

  test("an unknown or malformed token answers 404", async () => {
    expect((await status("AAAAAAAAAAAAAAAAAAAAAA")).status).toBe(404);
    expect((await status("nope")).status).toBe(404);
    expect((await status("../business")).status).toBe(404);
  });
});
