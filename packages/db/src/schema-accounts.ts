/**
 * Tables of the "accounts" slice (issue 10) in a district schema: reviewed corrections of a
 * member's name / 身份证号, and one-time password reset codes issued by a superior.
 */
import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;

export interface MemberCorrectionsTable {
  id: Generated<string>;
  member_id: string;
  /** 'name' | 'idCard' */
  field: 'name' | 'idCard';
  /** The name, or the masked 身份证号 (null: none recorded). Never a full ID number. */
  before_text: string | null;
  /** The full 身份证号 before, sealed (AES-GCM, `v1.…`); null for names. */
  before_sealed: string | null;
  after_text: string;
  after_sealed: string | null;
  /** Blind index of the new 身份证号 (duplicate check). */
  after_index: string | null;
  reason: string;
  evidence_file_ids: ColumnType<string[], string[] | undefined, string[]>;
  status: Generated<'pending' | 'approved' | 'rejected'>;
  proposed_by: string;
  proposed_by_name: string;
  /** Materialised path of the proposer's scope organisation; null = the whole tenant (district_admin). */
  proposer_scope_path: string | null;
  proposed_at: Generated<Timestamp>;
  decided_by: string | null;
  decided_by_name: string | null;
  decided_at: Timestamp | null;
  decision_note: string | null;
}

export interface PasswordResetCodesTable {
  id: Generated<string>;
  batch_id: string;
  org_id: string;
  member_id: string;
  /** platform.users id (no cross-schema foreign key). */
  user_id: string;
  /** scrypt hash of the code (same format as passwords). */
  code_hash: string;
  expires_at: Timestamp;
  used_at: Timestamp | null;
  issued_by: string;
  issued_by_name: string;
  created_at: Generated<Timestamp>;
}

export interface AccountsTables {
  member_corrections: MemberCorrectionsTable;
  password_reset_codes: PasswordResetCodesTable;
}
