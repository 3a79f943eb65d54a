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
}

export type Business = Selectable<BusinessTable>;
export type NewBusiness = Insertable<BusinessTable>;
export type User = Selectable<UserTable>;
