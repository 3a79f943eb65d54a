import { type Generated, type Insertable, type Selectable } from "kysely";

// Dates are ISO strings: calendar days "YYYY-MM-DD", instants "YYYY-MM-DDTHH:mm:ss.sssZ".
// Booleans are 0 | 1 so the same columns work on SQLite and PostgreSQL (smallint).

export type Role = "business_owner" | "business_member" | "dost_reviewer" | "dost_admin";

export interface BusinessTable {
  id: Generated<number>;
  legal_name: string;
  tax_code: string;
  ownership: string;
  province: string;
  commune_id: string | null;
  commune_other: string | null;
  street_address: string;
  contact_name: string;
  phone: string;
  email: string;
  created_at: string;
  updated_at: string;
}

export interface BusinessSectorTable {
  business_id: number;
  sector: string;
}

export interface SiteTable {
  id: Generated<number>;
  business_id: number;
  name: string;
  commune_id: string | null;
  commune_other: string | null;
  street_address: string;
  created_at: string;
  updated_at: string;
}

export interface UserTable {
  id: Generated<number>;
  email: string;
  full_name: string;
  password_hash: string;
  role: Role;
  business_id: number | null;
  created_at: string;
  disabled_at: string | null;
  /** Secret of the user's calendar feed URL; null until first asked for, replaced on reset. */
  calendar_token: string | null;
}

export interface SessionTable {
  id: string;
  user_id: number;
  created_at: string;
  expires_at: string;
}

export interface PasswordResetTable {
  token_hash: string;
  user_id: number;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

export interface InvitationTable {
  id: Generated<number>;
  business_id: number;
  email: string;
  token_hash: string;
  invited_by: number;
  created_at: string;
  expires_at: string;
  accepted_at: string | null;
  revoked_at: string | null;
}

export interface LoginAttemptTable {
  id: Generated<number>;
  email: string;
  ip: string;
  at: string;
  succeeded: 0 | 1;
}

/** A sign-up form waiting for its address to confirm it, or a notice mailed to an address that has an account. */
export interface SignupRequestTable {
  id: Generated<number>;
  email: string;
  ip: string;
  kind: "new" | "existing";
  mailed: 0 | 1;
  /** Hash of the confirmation link's secret; null for a notice. */
  token_hash: string | null;
  /** The sign-up form (SignupInput without the passwords) as JSON; null for a notice. */
  data: string | null;
  password_hash: string | null;
  created_at: string;
  expires_at: string | null;
  used_at: string | null;
}

export interface OutboxTable {
  id: Generated<number>;
  to_address: string;
  subject: string;
  body_text: string;
  created_at: string;
  sent_at: string | null;
  last_error: string | null;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: string;
  actor_user_id: number | null;
  business_id: number | null;
  entity: string;
  entity_id: string;
  action: string;
  detail: string | null;
}

export interface StoredFileTable {
  id: Generated<number>;
  business_id: number;
  filename: string;
  mime_type: string;
  size_bytes: number;
  sha256: string;
  content: Buffer;
  uploaded_by: number;
  uploaded_at: string;
}

export type AssessmentStatus = "draft" | "submitted";

export interface AssessmentTable {
  id: Generated<number>;
  business_id: number;
  /** The checklist version it was started on; later versions never change it. */
  checklist_version: string;
  /** JSON array of the business's sectors when it started: which sector items apply. */
  sectors: string;
  status: AssessmentStatus;
  started_by: number;
  started_at: string;
  updated_by: number;
  updated_at: string;
  submitted_by: number | null;
  submitted_at: string | null;
  score: number | null;
  maturity_level: string | null;
}

export interface AssessmentAnswerTable {
  assessment_id: number;
  item_key: string;
  answer: "yes" | "partly" | "no" | "na" | null;
  note: Generated<string>;
  evidence_url: string | null;
  evidence_file_id: number | null;
  updated_by: number;
  updated_at: string;
  /** Raised on every write; a save names the version it was loaded with (migration 0007). */
  version: Generated<number>;
}

export type InstrumentStatus = "in_service" | "out_of_service" | "quarantined" | "retired";
/** "official": inspection, judicial assessment and other official duties (Law on Metrology Art. 16). */
export type InstrumentPurpose = "trade" | "safety" | "health" | "environment" | "official" | "process" | "quality";
export type EventKind = "verification" | "calibration" | "test" | "override";
export type EventResult = "pass" | "fail" | "adjusted";

export interface InstrumentTable {
  id: Generated<number>;
  business_id: number;
  site_id: number;
  /** Catalogue id from content/catalogue. */
  type_id: string;
  tag: string;
  name: string;
  serial: Generated<string>;
  manufacturer: Generated<string>;
  model: Generated<string>;
  range_min: number | null;
  range_max: number | null;
  unit: Generated<string>;
  accuracy: Generated<string>;
  purpose: InstrumentPurpose;
  status: InstrumentStatus;
  own_interval_months: number | null;
  responsible_person: Generated<string>;
  /** Unguessable id of the public status page /s/<token>. */
  public_token: string;
  legal_due_on: string | null;
  own_due_on: string | null;
  next_due_on: string | null;
  /** JSON of the rule that made next_due_on, shown beside the date. */
  due_rule: string | null;
  last_event_on: string | null;
  last_certificate_no: string | null;
  last_provider: string | null;
  created_at: string;
  updated_at: string;
}

export interface InstrumentEventTable {
  id: Generated<number>;
  instrument_id: number;
  business_id: number;
  kind: EventKind;
  performed_on: string;
  provider: Generated<string>;
  certificate_no: Generated<string>;
  result: EventResult | null;
  certificate_file_id: number | null;
  notes: Generated<string>;
  override_due_on: string | null;
  /** A correction points at the event it replaces; both stay on record. */
  supersedes_event_id: number | null;
  visit_ref: string | null;
  impact_since: string | null;
  impact_measured: string | null;
  impact_action: string | null;
  recorded_by: number;
  recorded_at: string;
  /** The directory entry chosen, when the provider came from it; `provider` keeps the name. */
  provider_id: Generated<number | null>;
}

/** An instrument type of the legal catalogue (migration 0010); the shipped file is its initial content. */
export interface InstrumentTypeTable {
  id: string;
  name_vi: string;
  name_en: string;
  quantity_vi: Generated<string>;
  quantity_en: Generated<string>;
  unit: Generated<string>;
  /** JSON array of sector ids. */
  sectors: Generated<string>;
  recommended_calibration_months: number | null;
  /** Item number on the group-2 list, e.g. "43". */
  list_item: string | null;
  retired_at: string | null;
  created_at: string;
  created_by: number | null;
  updated_at: string;
  updated_by: number | null;
}

export type LegalBasis = "confirmed" | "secondary" | "inferred";

/** One effective-dated row of a type's legal control; insert-only, retracted rather than edited. */
export interface LegalControlTable {
  id: Generated<number>;
  type_id: string;
  effective_from: string;
  listed: 0 | 1;
  /** JSON {typeApproval, initialVerification, periodicVerification, afterRepairVerification} of booleans. */
  controls: string;
  cycle_months: number | null;
  document: string;
  article: Generated<string>;
  item: Generated<string>;
  basis: LegalBasis;
  note: Generated<string>;
  created_by: number | null;
  created_at: string;
  retracted_at: string | null;
  retracted_by: number | null;
  retract_reason: string | null;
}

/** A change of the legal content as it touched one business, for its next reminder digest. */
export interface LegalNoticeTable {
  id: Generated<number>;
  business_id: number;
  legal_control_id: number;
  /** JSON: { typeId, change, fromMonths, toMonths, document, effectiveFrom, instruments }. */
  detail: string;
  created_at: string;
  sent_at: string | null;
}

/** A year of the public-holiday calendar DOST keeps (migration 0011). */
export interface HolidayYearTable {
  year: number;
  status: "entered" | "provisional";
  source: Generated<string>;
  entered_by: number | null;
  entered_at: string | null;
  updated_at: string;
}

/** A weekday off ("holiday") or a weekend day worked in exchange ("working") in a calendar year. */
export interface HolidayDayTable {
  date: string;
  year: number;
  kind: "holiday" | "working";
  name_vi: string;
  name_en: string;
  created_by: number | null;
  created_at: string;
}

/** A ward (phường) or commune (xã) of the province; retired rather than deleted. */
export interface AdminUnitTable {
  id: string;
  code: string | null;
  kind: "ward" | "commune";
  name: string;
  province: string;
  retired_at: string | null;
  created_at: string;
  created_by: number | null;
  updated_at: string;
  updated_by: number | null;
}

export type ProviderKind = "verification" | "calibration" | "testing";

export interface ProviderTable {
  id: Generated<number>;
  name: string;
  /** JSON array of ProviderKind. */
  kinds: string;
  designation_no: Generated<string>;
  accreditation_no: Generated<string>;
  valid_until: string | null;
  scope: Generated<string>;
  /** JSON array of catalogue instrument type ids. */
  instrument_types: Generated<string>;
  address: Generated<string>;
  phone: Generated<string>;
  email: Generated<string>;
  website: Generated<string>;
  is_example: Generated<0 | 1>;
  active: Generated<0 | 1>;
  created_at: string;
  updated_at: string;
}

export type ActivityKind = "training" | "standard" | "laboratory" | "serviceOrganisation";

export interface ProgrammeActivityTable {
  id: Generated<number>;
  kind: ActivityKind;
  held_on: string;
  title: string;
  organiser: Generated<string>;
  quantity: number;
  participants: Generated<string>;
  provider_id: number | null;
  notes: Generated<string>;
  created_by: number;
  created_at: string;
  updated_by: number;
  updated_at: string;
}

export interface ReminderSentTable {
  instrument_id: number;
  kind: "due30" | "due7" | "overdue";
  due_on: string;
  sent_at: string;
}

export type RequestType = "verification" | "calibration" | "testing" | "method" | "programme" | "training" | "investment" | "other";
export type RequestState =
  | "draft"
  | "submitted"
  | "in_review"
  | "needs_information"
  | "answered"
  | "approved"
  | "rejected"
  | "completed"
  | "withdrawn";
export type RequestOrigin = "gap" | "schedule" | "event";

export interface SupportRequestTable {
  id: Generated<number>;
  business_id: number;
  code: string | null;
  type: RequestType;
  state: RequestState;
  title: string;
  description: Generated<string>;
  desired_on: string | null;
  trainees: number | null;
  origin: RequestOrigin | null;
  assessment_id: number | null;
  assessment_item: string | null;
  created_by: number;
  created_at: string;
  updated_at: string;
  submitted_at: string | null;
  submitted_on: string | null;
  sla_days: number | null;
  /** The service-level deadline: submission day + SLA working days + days paused. Statistics use it. */
  deadline_on: string | null;
  /** The date promised to the business: the deadline, or a later one given with an apology. */
  appointment_on: string | null;
  paused_since: string | null;
  paused_days: Generated<number>;
  assignee_id: number | null;
  decided_at: string | null;
  decided_on: string | null;
  plan_provider: string | null;
  plan_on: string | null;
  plan_note: string | null;
  reject_reason: string | null;
  completed_at: string | null;
  outcome: string | null;
  closed_at: string | null;
  plan_provider_id: Generated<number | null>;
}

export interface SupportRequestInstrumentTable {
  request_id: number;
  instrument_id: number;
}

export type RequestEntryKind = "transition" | "message" | "note" | "assign" | "reschedule";

export interface RequestEntryTable {
  id: Generated<number>;
  request_id: number;
  kind: RequestEntryKind;
  from_state: RequestState | null;
  to_state: RequestState | null;
  body: Generated<string>;
  /** JSON: what the step carried (missing items, plan, new date, instruments' results). */
  data: string | null;
  /** 1 = a reviewers' note the business never sees. */
  internal: Generated<0 | 1>;
  actor_id: number;
  at: string;
}

export interface RequestAttachmentTable {
  request_id: number;
  file_id: number;
  entry_id: number | null;
}

export interface RequestCounterTable {
  year: number;
  last_number: number;
}

export interface AppSettingTable {
  key: string;
  value: string;
  updated_by: number | null;
  updated_at: string;
}

/** A large export, label PDF or import check, run off the request path (migration 0009). */
export type BackgroundJobKind = "export.csv" | "export.xlsx" | "labels.pdf" | "import.check";
export type BackgroundJobStatus = "queued" | "running" | "done" | "failed";

export interface BackgroundJobTable {
  id: Generated<number>;
  business_id: number;
  kind: BackgroundJobKind;
  /** JSON: what to make (the register's filter, the language, the label format…). */
  params: string;
  status: BackgroundJobStatus;
  /** Percent done, 0–100. */
  progress: Generated<number>;
  /** Translation key of the reason a job failed. */
  error: string | null;
  filename: string | null;
  content_type: string | null;
  result: Buffer | null;
  requested_by: number;
  created_at: string;
  started_at: string | null;
  /** Null while queued or running: at most one such row per business (a partial unique index). */
  finished_at: string | null;
  /** Renewed by the process that runs the job; a stale one means that process is gone. */
  heartbeat_at: string;
  /** "host:pid:start" of the process that runs the job. */
  owner: string;
}

/** The claim on an uploaded import file: written in the import's transaction, so it is imported once. */
export interface ImportConfirmationTable {
  file_id: number;
  business_id: number;
  confirmed_by: number;
  confirmed_at: string;
}

export interface Database {
  business: BusinessTable;
  business_sector: BusinessSectorTable;
  site: SiteTable;
  user: UserTable;
  session: SessionTable;
  password_reset: PasswordResetTable;
  invitation: InvitationTable;
  login_attempt: LoginAttemptTable;
  signup_request: SignupRequestTable;
  outbox: OutboxTable;
  audit_log: AuditLogTable;
  stored_file: StoredFileTable;
  assessment: AssessmentTable;
  assessment_answer: AssessmentAnswerTable;
  instrument: InstrumentTable;
  instrument_event: InstrumentEventTable;
  reminder_sent: ReminderSentTable;
  support_request: SupportRequestTable;
  support_request_instrument: SupportRequestInstrumentTable;
  request_entry: RequestEntryTable;
  request_attachment: RequestAttachmentTable;
  request_counter: RequestCounterTable;
  app_setting: AppSettingTable;
  background_job: BackgroundJobTable;
  import_confirmation: ImportConfirmationTable;
  provider: ProviderTable;
  programme_activity: ProgrammeActivityTable;
  instrument_type: InstrumentTypeTable;
  legal_control: LegalControlTable;
  legal_notice: LegalNoticeTable;
  holiday_year: HolidayYearTable;
  holiday_day: HolidayDayTable;
  admin_unit: AdminUnitTable;
}

export type Business = Selectable<BusinessTable>;
export type NewBusiness = Insertable<BusinessTable>;
export type User = Selectable<UserTable>;
