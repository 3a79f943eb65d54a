import { type BusinessScope, type DostScope } from "~/utils/auth.server";
import { type Queryable, db, nowIso } from "~/utils/db.server";
import { hashPassword } from "~/utils/password.server";
import { hashToken, newToken } from "~/utils/tokens.server";
import { recordAudit } from "~/modules/audit/audit.server";
import { getAssessment } from "~/modules/assessments/assessments.server";
import { assessmentResult } from "~/modules/assessments/result.server";
import { adminUnitsFile } from "~/modules/content/content";
import { complianceOfCounts } from "~/modules/instruments/due-dates";
import { dueCounts } from "~/modules/instruments/instruments.server";
import { enqueueMail } from "~/modules/mail/outbox.server";
import { MAX_SIGNUP_MAILS_PER_EMAIL, SIGNUP_WINDOW_MINUTES, signupGate } from "./rate-limit";
import { type BusinessProfileInput, type SignupInput, type SiteInput } from "./schemas";

function communeColumns(input: { communeId: string; communeOther: string }) {
  return input.communeId === "other"
    ? { commune_id: null, commune_other: input.communeOther }
    : { commune_id: input.communeId, commune_other: null };
}

export type SignupResult = { ok: true; userId: number } | { ok: false; errors: Record<string, string> };

/** The sign-up form as it waits for its address to confirm it: everything but the passwords. */
type PendingSignup = Omit<SignupInput, "password" | "passwordConfirm">;

/** The business, its sectors, its first site (the registered address) and its owner, together or not at all. */
export async function signUpBusiness(input: SignupInput): Promise<SignupResult> {
  const passwordHash = await hashPassword(input.password); // slow on purpose: outside the transaction
  return db()
    .transaction()
    .execute((tx) => createBusinessAndOwner(tx, input, passwordHash));
}

async function createBusinessAndOwner(tx: Queryable, input: PendingSignup, passwordHash: string): Promise<SignupResult> {
  const errors: Record<string, string> = {};
  const taxCodeTaken = await tx.selectFrom("business").where("tax_code", "=", input.taxCode).select("id").executeTakeFirst();
  if (taxCodeTaken) errors.taxCode = "errors.taxCode.taken";
  const emailTaken = await tx.selectFrom("user").where("email", "=", input.contactEmail).select("id").executeTakeFirst();
  if (emailTaken) errors.contactEmail = "errors.emailTaken";
  if (Object.keys(errors).length) return { ok: false as const, errors };

  const now = nowIso();
  const business = await tx
    .insertInto("business")
    .values({
      legal_name: input.legalName,
      tax_code: input.taxCode,
      ownership: input.ownership,
      province: adminUnitsFile.province.id,
      ...communeColumns(input),
      street_address: input.streetAddress,
      contact_name: input.contactName,
      phone: input.phone,
      email: input.contactEmail,
      created_at: now,
      updated_at: now,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await tx
    .insertInto("business_sector")
    .values(input.sectors.map((sector) => ({ business_id: business.id, sector })))
    .execute();
  await tx
    .insertInto("site")
    .values({
      business_id: business.id,
      name: input.legalName,
      ...communeColumns(input),
      street_address: input.streetAddress,
      created_at: now,
      updated_at: now,
    })
    .execute();
  const user = await tx
    .insertInto("user")
    .values({
      email: input.contactEmail,
      full_name: input.contactName,
      password_hash: passwordHash,
      role: "business_owner",
      business_id: business.id,
      created_at: now,
      disabled_at: null,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await recordAudit(tx, {
    actorUserId: user.id,
    businessId: business.id,
    entity: "business",
    entityId: business.id,
    action: "signup",
    detail: { taxCode: input.taxCode, sectors: input.sectors },
  });
  return { ok: true as const, userId: user.id };
}

// ---- Sign-up confirmed by e-mail ----
// The form answers the same whether or not its address has an account: a new address gets a link
// that creates the business and its owner, an address with an account gets a notice (log in or
// reset the password). Nobody learns from the page which it was, and nobody can hold an account
// under an address they cannot read. A tax code already registered is still refused on the form:
// which businesses use the portal is no secret (DOST publishes its programme's participants), and
// the owner of a taken code needs to be told to ask for an invitation instead.

export const SIGNUP_LINK_HOURS = 24;

type MailText = { subject: string; text: string };
export type SignupMails = {
  /** For a new address: the link that opens the account. */
  confirm: (link: string, hours: number) => MailText;
  /** For an address that already has an account: where to log in or reset the password. */
  existing: (links: { login: string; reset: string }) => MailText;
};

export type SignupRequestResult =
  | { ok: true }
  | { ok: false; reason: "taxCodeTaken" }
  | { ok: false; reason: "limited"; retryAfterMinutes: number };

/**
 * Accepts a valid sign-up form from `ip`: mails the address a confirmation link, or a notice if it
 * has an account. Limited per network address (MAX_SIGNUPS_PER_ADDRESS an hour) and per inbox
 * (MAX_SIGNUP_MAILS_PER_EMAIL mails an hour; past it the form still answers the same, but no mail goes).
 */
export async function requestSignup(input: SignupInput, ip: string, origin: string, mails: SignupMails): Promise<SignupRequestResult> {
  const hourAgo = () => new Date(Date.now() - SIGNUP_WINDOW_MINUTES * 60_000).toISOString();
  const addressGate = async (q: Queryable) => {
    const fromAddress = await q.selectFrom("signup_request").where("ip", "=", ip).where("created_at", ">", hourAgo()).select("created_at").orderBy("created_at").execute();
    return signupGate(
      fromAddress.map((r) => r.created_at),
      new Date(),
    );
  };
  const before = await addressGate(db());
  if (!before.allowed) return { ok: false, reason: "limited", retryAfterMinutes: before.retryAfterMinutes };
  if (await db().selectFrom("business").where("tax_code", "=", input.taxCode).select("id").executeTakeFirst()) {
    return { ok: false, reason: "taxCodeTaken" };
  }
  // Hashed whichever way this goes, so the answer takes as long for an address that has an account.
  const passwordHash = await hashPassword(input.password);
  const { token, hash } = newToken();
  return db()
    .transaction()
    .execute(async (tx): Promise<SignupRequestResult> => {
      // Again inside the transaction: forms posted at the same moment all passed the first look.
      const gate = await addressGate(tx);
      if (!gate.allowed) return { ok: false, reason: "limited", retryAfterMinutes: gate.retryAfterMinutes };
      const now = new Date();
      // Rows older than any window serve nothing: a pending sign-up's data is kept no longer than needed.
      await tx.deleteFrom("signup_request").where("created_at", "<", new Date(now.getTime() - 2 * 86_400_000).toISOString()).execute();
      const hasAccount = await tx.selectFrom("user").where("email", "=", input.contactEmail).select("id").executeTakeFirst();
      const { mailed } = await tx
        .selectFrom("signup_request")
        .where("email", "=", input.contactEmail)
        .where("created_at", ">", hourAgo())
        .where("mailed", "=", 1)
        .select((eb) => eb.fn.countAll<number>().as("mailed"))
        .executeTakeFirstOrThrow();
      const mayMail = Number(mailed) < MAX_SIGNUP_MAILS_PER_EMAIL;
      const base = { email: input.contactEmail, ip, mailed: mayMail ? (1 as const) : (0 as const), created_at: now.toISOString(), used_at: null };
      if (hasAccount) {
        await tx.insertInto("signup_request").values({ ...base, kind: "existing", token_hash: null, data: null, password_hash: null, expires_at: null }).execute();
        if (mayMail) await enqueueMail(tx, { to: input.contactEmail, ...mails.existing({ login: `${origin}/login`, reset: `${origin}/forgot-password` }) });
        return { ok: true };
      }
      await tx
        .insertInto("signup_request")
        .values({
          ...base,
          kind: "new",
          token_hash: hash,
          data: JSON.stringify(withoutPasswords(input)),
          password_hash: passwordHash,
          expires_at: new Date(now.getTime() + SIGNUP_LINK_HOURS * 3_600_000).toISOString(),
        })
        .execute();
      if (mayMail) await enqueueMail(tx, { to: input.contactEmail, ...mails.confirm(`${origin}/signup/confirm/${token}`, SIGNUP_LINK_HOURS) });
      return { ok: true };
    });
}

function withoutPasswords(input: SignupInput): PendingSignup {
  const pending: Partial<SignupInput> = { ...input };
  delete pending.password;
  delete pending.passwordConfirm;
  return pending as PendingSignup;
}

async function openSignupRequest(q: Queryable, token: string) {
  const row = await q
    .selectFrom("signup_request")
    .where("token_hash", "=", hashToken(token))
    .where("kind", "=", "new")
    .where("used_at", "is", null)
    .where("expires_at", ">", nowIso())
    .select(["id", "data", "password_hash"])
    .executeTakeFirst();
  if (!row?.data || !row.password_hash) return null;
  return { id: row.id, input: JSON.parse(row.data) as PendingSignup, passwordHash: row.password_hash };
}

/** What the confirmation page shows: the business and address the link opens, or null when it no longer works. */
export async function findSignupRequest(token: string): Promise<{ legalName: string; email: string } | null> {
  const open = await openSignupRequest(db(), token);
  return open ? { legalName: open.input.legalName, email: open.input.contactEmail } : null;
}

export type ConfirmSignupResult = { ok: true; userId: number } | { ok: false; reason: "invalid" | "emailTaken" | "taxCodeTaken" };

/** Creates the business and its owner from a confirmed link, once: the link is spent with it. */
export async function confirmSignup(token: string): Promise<ConfirmSignupResult> {
  return db()
    .transaction()
    .execute(async (tx): Promise<ConfirmSignupResult> => {
      const open = await openSignupRequest(tx, token);
      if (!open) return { ok: false, reason: "invalid" };
      const created = await createBusinessAndOwner(tx, open.input, open.passwordHash);
      // Spent, with every other link mailed to the same address: one address, one account. A tax
      // code registered meanwhile leaves the link open, to show why on the page.
      const spend = () => tx.updateTable("signup_request").set({ used_at: nowIso() }).where("email", "=", open.input.contactEmail).where("used_at", "is", null).execute();
      if (created.ok || created.errors.contactEmail) await spend();
      if (created.ok) return created;
      return { ok: false, reason: created.errors.contactEmail ? "emailTaken" : "taxCodeTaken" };
    });
}

export async function getBusinessProfile(q: Queryable, businessId: number) {
  const business = await q
    .selectFrom("business")
    .where("id", "=", businessId)
    .select([
      "id",
      "legal_name as legalName",
      "tax_code as taxCode",
      "ownership",
      "commune_id as communeId",
      "commune_other as communeOther",
      "street_address as streetAddress",
      "contact_name as contactName",
      "phone",
      "email as contactEmail",
      "created_at as createdAt",
      "updated_at as updatedAt",
    ])
    .executeTakeFirst();
  if (!business) return null;
  const sectors = await q
    .selectFrom("business_sector")
    .where("business_id", "=", businessId)
    .select("sector")
    .orderBy("sector")
    .execute();
  return { ...business, sectors: sectors.map((s) => s.sector) };
}

export function getOwnBusiness(scope: BusinessScope) {
  return getBusinessProfile(db(), scope.businessId);
}

export async function updateBusinessProfile(scope: BusinessScope, input: BusinessProfileInput): Promise<void> {
  await db()
    .transaction()
    .execute(async (tx) => {
      const before = await getBusinessProfile(tx, scope.businessId);
      await tx
        .updateTable("business")
        .set({
          legal_name: input.legalName,
          ownership: input.ownership,
          ...communeColumns(input),
          street_address: input.streetAddress,
          contact_name: input.contactName,
          phone: input.phone,
          email: input.contactEmail,
          updated_at: nowIso(),
        })
        .where("id", "=", scope.businessId)
        .execute();
      await tx.deleteFrom("business_sector").where("business_id", "=", scope.businessId).execute();
      await tx
        .insertInto("business_sector")
        .values(input.sectors.map((sector) => ({ business_id: scope.businessId, sector })))
        .execute();
      await recordAudit(tx, {
        actorUserId: scope.user.id,
        businessId: scope.businessId,
        entity: "business",
        entityId: scope.businessId,
        action: "update_profile",
        detail: { before, after: input },
      });
    });
}

const siteColumns = [
  "id",
  "name",
  "commune_id as communeId",
  "commune_other as communeOther",
  "street_address as streetAddress",
  "updated_at as updatedAt",
] as const;

export function listSites(scope: BusinessScope) {
  return db().selectFrom("site").where("business_id", "=", scope.businessId).select(siteColumns).orderBy("name").execute();
}

/** How far the business has set itself up: sites, active members and open invitations, in one query. */
export async function setupCounts(scope: BusinessScope): Promise<{ sites: number; members: number; invitations: number }> {
  const row = await db()
    .selectNoFrom((eb) => [
      eb.selectFrom("site").where("business_id", "=", scope.businessId).select(eb.fn.countAll<number>().as("n")).as("sites"),
      eb.selectFrom("user").where("business_id", "=", scope.businessId).where("disabled_at", "is", null).select(eb.fn.countAll<number>().as("n")).as("members"),
      eb
        .selectFrom("invitation")
        .where("business_id", "=", scope.businessId)
        .where("accepted_at", "is", null)
        .where("revoked_at", "is", null)
        .where("expires_at", ">", nowIso())
        .select(eb.fn.countAll<number>().as("n"))
        .as("invitations"),
    ])
    .executeTakeFirstOrThrow();
  return { sites: Number(row.sites ?? 0), members: Number(row.members ?? 0), invitations: Number(row.invitations ?? 0) };
}

/** Undefined for a site of another business: the route answers 404. */
export function getSite(scope: BusinessScope, siteId: number) {
  return db()
    .selectFrom("site")
    .where("business_id", "=", scope.businessId)
    .where("id", "=", siteId)
    .select(siteColumns)
    .executeTakeFirst();
}

export async function createSite(scope: BusinessScope, input: SiteInput): Promise<number> {
  return db()
    .transaction()
    .execute(async (tx) => {
      const now = nowIso();
      const site = await tx
        .insertInto("site")
        .values({
          business_id: scope.businessId,
          name: input.name,
          ...communeColumns(input),
          street_address: input.streetAddress,
          created_at: now,
          updated_at: now,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      await recordAudit(tx, {
        actorUserId: scope.user.id,
        businessId: scope.businessId,
        entity: "site",
        entityId: site.id,
        action: "create",
        detail: input,
      });
      return site.id;
    });
}

export async function updateSite(scope: BusinessScope, siteId: number, input: SiteInput): Promise<boolean> {
  return db()
    .transaction()
    .execute(async (tx) => {
      const result = await tx
        .updateTable("site")
        .set({ name: input.name, ...communeColumns(input), street_address: input.streetAddress, updated_at: nowIso() })
        .where("business_id", "=", scope.businessId)
        .where("id", "=", siteId)
        .executeTakeFirst();
      if (!result.numUpdatedRows) return false;
      await recordAudit(tx, {
        actorUserId: scope.user.id,
        businessId: scope.businessId,
        entity: "site",
        entityId: siteId,
        action: "update",
        detail: input,
      });
      return true;
    });
}

export type DeleteSiteResult = "deleted" | "notFound" | "lastSite";

/** A business keeps at least one site: instruments and requests hang off sites. */
export async function deleteSite(scope: BusinessScope, siteId: number): Promise<DeleteSiteResult> {
  return db()
    .transaction()
    .execute(async (tx) => {
      const sites = await tx.selectFrom("site").where("business_id", "=", scope.businessId).select(["id", "name"]).execute();
      const site = sites.find((s) => s.id === siteId);
      if (!site) return "notFound";
      if (sites.length === 1) return "lastSite";
      await tx.deleteFrom("site").where("business_id", "=", scope.businessId).where("id", "=", siteId).execute();
      await recordAudit(tx, {
        actorUserId: scope.user.id,
        businessId: scope.businessId,
        entity: "site",
        entityId: siteId,
        action: "delete",
        detail: { name: site.name },
      });
      return "deleted";
    });
}

export type BusinessListFilter = { query: string; sector: string | null; commune?: string | null; ownership?: string | null; page: number };
export const BUSINESS_PAGE_SIZE = 25;

/**
 * DOST's list of registered businesses, newest first, searchable by name or tax code. The ward or
 * commune filter matches the registered address or any site there: a fuel chain with a station in
 * the ward is one of the businesses DOST deals with in that ward.
 */
export async function listBusinesses(_scope: DostScope, filter: BusinessListFilter) {
  let query = db().selectFrom("business");
  if (filter.query) {
    const like = `%${filter.query.replace(/[%_]/g, "")}%`;
    query = query.where((eb) => eb.or([eb("legal_name", "like", like), eb("tax_code", "like", like)]));
  }
  if (filter.sector) {
    const sector = filter.sector;
    query = query.where("id", "in", (eb) =>
      eb.selectFrom("business_sector").where("sector", "=", sector).select("business_id"),
    );
  }
  if (filter.commune) {
    const commune = filter.commune;
    query = query.where((eb) =>
      eb.or([eb("commune_id", "=", commune), eb("id", "in", eb.selectFrom("site").where("site.commune_id", "=", commune).select("site.business_id"))]),
    );
  }
  if (filter.ownership) query = query.where("ownership", "=", filter.ownership);
  const { total } = await query.select((eb) => eb.fn.countAll<number>().as("total")).executeTakeFirstOrThrow();
  const rows = await query
    .select([
      "id",
      "legal_name as legalName",
      "tax_code as taxCode",
      "ownership",
      "commune_id as communeId",
      "commune_other as communeOther",
      "created_at as createdAt",
    ])
    .orderBy("created_at", "desc")
    .orderBy("id", "desc")
    .limit(BUSINESS_PAGE_SIZE)
    .offset((filter.page - 1) * BUSINESS_PAGE_SIZE)
    .execute();
  const ids = rows.map((r) => r.id);
  const sectors = ids.length
    ? await db().selectFrom("business_sector").where("business_id", "in", ids).select(["business_id", "sector"]).execute()
    : [];
  return {
    total: Number(total),
    businesses: rows.map((r) => ({ ...r, sectors: sectors.filter((s) => s.business_id === r.id).map((s) => s.sector) })),
  };
}

/**
 * One business as DOST sees it: profile, sites, members count, latest submitted assessment with its
 * section scores and gaps, instrument compliance and requests (drafts never: they are the
 * business's own until submitted). Null when there is no such business.
 */
export async function businessOverviewForDost(scope: DostScope, businessId: number, today: string, language: string) {
  const profile = await getBusinessProfile(db(), businessId);
  if (!profile) return null;
  // The business-side read functions (sites, due counts, assessment result) take a BusinessScope.
  // DOST may read every business (PRODUCT §2), so a read-only scope for this one business is built
  // here, after the caller's requireDostScope, and handed only to read functions; it never leaves
  // this function and never reaches a command, so nothing is written in the business's name.
  const readScope: BusinessScope = { kind: "business", businessId, user: scope.user };
  const [sites, members, submitted, counts, requests] = await Promise.all([
    listSites(readScope),
    db()
      .selectFrom("user")
      .where("business_id", "=", businessId)
      .where("disabled_at", "is", null)
      .select((eb) => eb.fn.countAll<number>().as("count"))
      .executeTakeFirstOrThrow(),
    db()
      .selectFrom("assessment")
      .where("business_id", "=", businessId)
      .where("status", "=", "submitted")
      .select(["id"])
      .orderBy("submitted_at", "desc")
      .orderBy("id", "desc")
      .execute(),
    dueCounts(readScope, today),
    db()
      .selectFrom("support_request")
      .where("business_id", "=", businessId)
      .where("state", "!=", "draft")
      .select(["id", "code", "type", "state", "title", "submitted_on as submittedOn", "appointment_on as appointmentOn"])
      .orderBy("submitted_at", "desc")
      .orderBy("id", "desc")
      .execute(),
  ]);
  const latestId = submitted[0]?.id;
  const latest = latestId ? await getAssessment(readScope, latestId) : undefined;
  let assessment = null;
  if (latest) {
    const result = await assessmentResult(readScope, latest, language);
    assessment = {
      id: latest.id,
      submittedAt: latest.submittedAt,
      score: latest.score,
      level: result.level,
      sections: result.sections.map((s) => ({ key: s.key, number: s.number, title: s.title, score: s.score, answered: s.answered, total: s.total })),
      gaps: result.gaps.slice(0, 5).map((g) => ({ key: g.key, number: g.number, question: g.question, sectionTitle: g.sectionTitle })),
      gapCount: result.gaps.length,
      previous: result.comparison && { submittedAt: result.comparison.submittedAt, score: result.comparison.score, delta: result.comparison.delta },
    };
  }
  return {
    profile,
    sites,
    memberCount: Number(members.count),
    submittedCount: submitted.length,
    assessment,
    compliance: { ...counts, share: complianceOfCounts(counts) },
    requests,
  };
}
