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
}

export type InstrumentStatus = "in_service" | "out_of_service" | "quarantined" | "retired";
export type InstrumentPurpose = "trade" | "safety" | "health" | "environment" | "process" | "quality";
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

export interface Database {
  business: BusinessTable;
  business_sector: BusinessSectorTable;
  site: SiteTable;
  user: UserTable;
  session: SessionTable;
  password_reset: PasswordResetTable;
  invitation: InvitationTable;
  login_attempt: LoginAttemptTable;
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
  provider: ProviderTable;
  programme_activity: ProgrammeActivityTable;
}

export type Business = Selectable<BusinessTable>;
export type NewBusiness = Insertable<BusinessTable>;
export type User = Selectable<UserTable>;
