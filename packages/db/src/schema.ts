/**
 * Typed Kysely database interfaces — the contract between `@tuanjian/db` and
 * everything above it.
 *
 * - `PlatformDatabase`: tables of the shared `platform` schema, addressed with
 *   their qualified names (`'platform.users'`).
 * - `TenantDatabase`: tables of one tenant schema, addressed unqualified and
 *   always through `trx.withSchema(tenant.schemaName)` (see `tenant.ts`).
 *
 * Later migrations add tables here; never rename what is here.
 */
import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { AccountsTables } from './schema-accounts';
import type { InstructorPlatformTables } from './schema-instructors';

export type { AccountsTables, MemberCorrectionsTable, PasswordResetCodesTable } from './schema-accounts';

import type { AssessmentPlatformTables } from './schema-assessment';
import type { CommitteePlatformTables, CommitteeWorkTables } from './schema-committees';
import type { InspectionPlatformTables } from './schema-inspections';

/** timestamptz: read as Date, written as Date or ISO string. */
export type Timestamp = ColumnType<Date, Date | string, Date | string>;
/** date: read and written as 'YYYY-MM-DD' strings (a parser makes both engines agree). */
export type DateString = string;
export type Json = ColumnType<unknown, string, string>;

export type TenantKind = 'city' | 'district' | 'committee';
export type TenantStatus = 'provisioning' | 'active' | 'suspended';
export type Role =
  | 'city_admin'
  | 'inspector'
  | 'instructor'
  | 'district_admin'
  | 'org_secretary'
  | 'member'
  | 'committee_chair'
  | 'committee_member';

// ---------------------------------------------------------------- platform

export interface TenantsTable {
  id: Generated<string>; // uuid
  kind: TenantKind;
  code: string; // stable short code, e.g. 'chengguan'
  name: string; // 城关区团委
  /** Postgres schema of the tenant; null only for the city tenant (it lives in `platform`). */
  schema_name: string | null;
  /** Postgres role that owns read/write on exactly this schema (isolation layer 2). */
  db_role: string | null;
  status: TenantStatus;
  /** Number of tenant-template migrations applied to `schema_name`. */
  schema_version: Generated<number>;
  sort_order: Generated<number>;
  created_at: Generated<Timestamp>;
}

export interface UsersTable {
  id: Generated<string>;
  username: string; // login name (unique, case-insensitive stored lower-case)
  display_name: string;
  password_hash: string; // argon2id PHC string
  must_change_password: Generated<boolean>;
  status: Generated<'active' | 'disabled'>;
  created_at: Generated<Timestamp>;
  updated_at: Generated<Timestamp>;
}

export interface GrantsTable {
  id: Generated<string>;
  user_id: string;
  tenant_id: string;
  role: Role;
  /** For org_secretary / member: the organisation (in the tenant) whose subtree the grant covers. */
  scope_org_id: string | null;
  /** For member: the member record (in the tenant) this user is. */
  member_id: string | null;
  created_at: Generated<Timestamp>;
}

export interface SessionsTable {
  /** hex sha-256 of the bearer/cookie token; the token itself is never stored. */
  id: string;
  user_id: string;
  /** The grant the session acts under (tenant + role + scope); null until chosen. */
  grant_id: string | null;
  client: 'admin' | 'miniprogram';
  ip: string | null;
  user_agent: string | null;
  created_at: Generated<Timestamp>;
  last_seen_at: Generated<Timestamp>;
  expires_at: Timestamp;
  revoked_at: Timestamp | null;
}

export interface AuditLogTable {
  id: Generated<string>; // uuid (gen_random_uuid); order by `at`
  at: Generated<Timestamp>;
  user_id: string | null;
  tenant_id: string | null;
  /** e.g. 'organisations.create', 'auth.login', 'members.revealIdCard' */
  action: string;
  target_type: string | null;
  target_id: string | null;
  detail: Json | null;
  ip: string | null;
}

export interface RulesTable {
  id: Generated<string>;
  /** e.g. 'branch.setup', 'member.joiningAge' — see @tuanjian/domain rules catalogue */
  key: string;
  version: number;
  effective_from: DateString;
  value: Json;
  source: string;
  note: string | null;
  created_by: string | null;
  created_at: Generated<Timestamp>;
}

export interface SettingsTable {
  key: string;
  value: string;
}

export interface PlatformMigrationsTable {
  name: string;
  applied_at: Generated<Timestamp>;
}

/** MEM-4: routing row of a transfer (ids + status only; the lock both sides take). */
export interface PlatformTransfersTable {
  id: Generated<string>;
  kind: TransferKind;
  source_tenant_id: string;
  /** null: out of the city; = source for an internal transfer. */
  target_tenant_id: string | null;
  status: TransferStatus;
  created_at: Generated<Timestamp>;
  updated_at: Generated<Timestamp>;
}

/** LIFE-3 五四讲堂: a lecture the city publishes (tenant roles: no `check_in_code`, no drafts). */
export interface PlatformLecturesTable {
  id: Generated<string>;
  /** Shanghai month of `starts_at`, 'YYYY-MM'. */
  month: string;
  format: 'guest_lecture' | 'ideology_class' | 'youth_forum' | 'mobile_classroom';
  theme: string;
  speaker: string;
  speaker_title: string | null;
  venue_kind: 'youth_home' | 'youth_reading_bar' | 'reader_hut' | 'rural_visit' | 'other';
  venue: string;
  starts_at: Timestamp;
  ends_at: Timestamp;
  capacity: number;
  /** Seats held (booked + attended), kept by a trigger; never above `capacity`. */
  booked_count: Generated<number>;
  status: Generated<'draft' | 'published' | 'cancelled' | 'finished'>;
  check_in_code: string;
  created_by: string | null;
  created_at: Generated<Timestamp>;
  updated_at: Generated<Timestamp>;
}

/** A member's sign-up for a lecture (row-level security: a tenant role sees its own tenant's rows). */
export interface PlatformLectureSignupsTable {
  id: Generated<string>;
  lecture_id: string;
  tenant_id: string;
  member_id: string;
  /** The member's organisation at sign-up time, and its name then. */
  org_id: string;
  org_name: string;
  member_name: string;
  status: Generated<'booked' | 'cancelled' | 'attended'>;
  booked_at: Generated<Timestamp>;
  cancelled_at: Timestamp | null;
  checked_in_at: Timestamp | null;
}

/** 号段 the city assigns to a district tenant, per year (MEM-2). */
export interface PlatformNumberBlocksTable {
  id: Generated<string>;
  tenant_id: string;
  year: number;
  start_seq: number;
  end_seq: number;
  note: string | null;
  created_by: string | null;
  created_at: Generated<Timestamp>;
}

/** LIFT-1: figures per organisation and year; no personal data (services/rollups). */
export interface PlatformOrgRollupsTable {
  tenant_id: string;
  org_id: string;
  year: number;
  org_name: string;
  org_kind: string;
  sector: string | null;
  parent_org_id: string | null;
  status: string;
  member_count: number;
  /** named indicator values (numbers, 'YYYY-MM-DD' dates or null) */
  metrics: Json;
  computed_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface PlatformTenantRollupsTable {
  tenant_id: string;
  year: number;
  metrics: Json;
  computed_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

/** LIFE-4 工作手册: a document the city publishes (tenant roles: published, not withdrawn). */
export interface PlatformHandbookDocumentsTable {
  id: Generated<string>;
  category: 'procedure' | 'regulation' | 'template' | 'form' | 'wall_chart';
  title: string;
  /** The published version readers see; 0 = never published. */
  current_version: Generated<number>;
  published_at: Timestamp | null;
  withdrawn_at: Timestamp | null;
  sort_order: Generated<number>;
  /** Documents the system regenerates: 'wall_chart.basic_affairs' | 'wall_chart.meetings'. */
  code: string | null;
  created_by: string | null;
  created_at: Generated<Timestamp>;
  updated_at: Generated<Timestamp>;
}

/** A version of a handbook document; `published_at` null = the draft. */
export interface PlatformHandbookVersionsTable {
  id: Generated<string>;
  document_id: string;
  version: number;
  title: string;
  /** Markdown subset (`@tuanjian/domain` parseBody). */
  body: string;
  change_note: string | null;
  created_by: string | null;
  created_at: Generated<Timestamp>;
  updated_at: Generated<Timestamp>;
  published_at: Timestamp | null;
  published_by: string | null;
}

/** Bigram search index of each document's current published version. */
export interface PlatformHandbookTermsTable {
  document_id: string;
  term: string;
}

/** The version of a document a user of a tenant last read (RLS: own tenant). */
export interface PlatformHandbookReadsTable {
  tenant_id: string;
  user_id: string;
  document_id: string;
  version: number;
  read_at: Generated<Timestamp>;
}
export interface PlatformDatabase
  extends InspectionPlatformTables,
    InstructorPlatformTables,
    AssessmentPlatformTables,
    CommitteePlatformTables {
  'platform.tenants': TenantsTable;
  'platform.users': UsersTable;
  'platform.grants': GrantsTable;
  'platform.sessions': SessionsTable;
  'platform.audit_log': AuditLogTable;
  'platform.rules': RulesTable;
  'platform.settings': SettingsTable;
  'platform.migrations': PlatformMigrationsTable;
  'platform.number_blocks': PlatformNumberBlocksTable;
  'platform.transfers': PlatformTransfersTable;
  'platform.lectures': PlatformLecturesTable;
  'platform.lecture_signups': PlatformLectureSignupsTable;
  'platform.handbook_documents': PlatformHandbookDocumentsTable;
  'platform.handbook_versions': PlatformHandbookVersionsTable;
  'platform.handbook_terms': PlatformHandbookTermsTable;
  'platform.handbook_reads': PlatformHandbookReadsTable;
  'platform.org_rollups': PlatformOrgRollupsTable;
  'platform.tenant_rollups': PlatformTenantRollupsTable;
}

// ---------------------------------------------------------------- tenant (district template)

export type OrgKind = 'league_committee' | 'working_committee' | 'general_branch' | 'branch' | 'group';
export type OrgStatus = 'active' | 'merged' | 'dissolved';

export interface OrganisationsTable {
  id: Generated<string>;
  parent_id: string | null;
  /** Materialised path of ids: '/<root-id>/<child-id>/'; subtree = path LIKE scope.path || '%'. */
  path: string;
  kind: OrgKind;
  name: string;
  sector: string | null; // @tuanjian/domain Sector
  unit_name: string | null; // 单位
  address: string | null;
  founded_on: DateString | null;
  status: Generated<OrgStatus>;
  sort_order: Generated<number>;
  created_at: Generated<Timestamp>;
  updated_at: Generated<Timestamp>;
}

export type MemberStatus = 'active' | 'transferred_out' | 'lapsed' | 'left';

export interface MembersTable {
  id: Generated<string>;
  org_id: string;
  name: string;
  gender: 'male' | 'female';
  ethnicity: string | null;
  birth_date: DateString;
  join_date: DateString | null;
  member_number: string | null; // 12 digits; unique when present
  education: string | null;
  occupation_category: string | null;
  status: Generated<MemberStatus>;
  created_at: Generated<Timestamp>;
  updated_at: Generated<Timestamp>;
  /** 学社衔接: expected graduation year of a student member (school branches). */
  graduation_year: number | null;
  /** 身份证号 sealed with AES-256-GCM (`pii.ts`); never stored in clear. */
  id_card_sealed: string | null;
  /** `6201**********123X` — only what the masked form shows. */
  id_card_masked: string | null;
  /** HMAC blind index of the normalised number (import lookup, uniqueness). */
  id_card_index: string | null;
  phone_sealed: string | null;
  /** `138****5678` */
  phone_masked: string | null;
  /** 团费类别 (MEM-3): student / unemployed / relief pay the flat rate; wage by declared pay. */
  dues_category: Generated<'student' | 'unemployed' | 'relief' | 'wage'>;
  /** Declared monthly after-tax pay in 分 (wage earners). */
  declared_pay_fen: number | null;
  /** Date of the written application to join the party (推优入党 eligibility). */
  party_application_date: DateString | null;
}

/** 档案核查: who checked a member's archive, when, the result and notes (MEM-1). */
export interface MemberArchiveChecksTable {
  id: Generated<string>;
  member_id: string;
  result: 'passed' | 'needs_correction';
  notes: string | null;
  score: number;
  checked_by: string;
  checked_by_name: string;
  checked_at: Generated<Timestamp>;
}

/** An Excel import (MEM-7): progress polled by the client, the row-by-row error report. */
export interface ImportJobsTable {
  id: Generated<string>;
  kind: 'organisations' | 'members';
  file_name: string;
  file_sha256: string;
  status: Generated<'running' | 'done' | 'failed'>;
  total_rows: Generated<number>;
  processed_rows: Generated<number>;
  created_rows: Generated<number>;
  updated_rows: Generated<number>;
  unchanged_rows: Generated<number>;
  error_rows: Generated<number>;
  /** `[{ row, message }]` */
  errors: ColumnType<{ row: number; message: string }[], string | undefined, string>;
  message: string | null;
  created_by: string;
  created_at: Generated<Timestamp>;
  finished_at: Timestamp | null;
}

export type TransferKind = 'internal' | 'cross_tenant' | 'out_of_city';
export type TransferStatus = 'pending_source' | 'pending_target' | 'completed' | 'returned' | 'cancelled';
export type TransferSide = 'outgoing' | 'incoming' | 'internal';
export type TransferStep = 'applied' | 'source_approved' | 'target_accepted' | 'returned' | 'cancelled';

/** MEM-4: this tenant's copy of a transfer it takes part in (same id as `platform.transfers`). */
export interface TransfersTable {
  id: string;
  side: TransferSide;
  kind: TransferKind;
  status: TransferStatus;
  /** outgoing/internal: the member moved; incoming: the new member row once accepted. */
  member_id: string | null;
  member_name: string;
  member_number: string | null;
  member_gender: 'male' | 'female';
  member_birth_year: number;
  /** Masked 身份证号 as lists show it (migration 7); never the sealed number. */
  member_id_card_masked: string | null;
  source_tenant_id: string;
  source_tenant_name: string;
  source_org_id: string;
  source_org_name: string;
  target_tenant_id: string | null;
  target_tenant_name: string | null;
  target_org_id: string | null;
  target_org_name: string | null;
  external_org_name: string | null;
  external_contact: string | null;
  reason: string | null;
  graduation_year: number | null;
  applied_at: Generated<Timestamp>;
  reached_target_at: Timestamp | null;
  receiver_due_on: DateString | null;
  closed_at: Timestamp | null;
  created_at: Generated<Timestamp>;
  updated_at: Generated<Timestamp>;
}

export interface TransferEventsTable {
  id: Generated<string>;
  transfer_id: string;
  step: TransferStep;
  at: Generated<Timestamp>;
  actor_user_id: string | null;
  actor_name: string;
  actor_unit: string;
  note: string | null;
}

/** A sub-block of a city 号段 that a district assigns to one of its 团委 (MEM-2). */
export interface NumberBlocksTable {
  id: Generated<string>;
  org_id: string;
  city_block_id: string;
  year: number;
  start_seq: number;
  end_seq: number;
  /** The next sequence to draw; end_seq + 1 = exhausted. */
  next_seq: number;
  created_by: string | null;
  created_at: Generated<Timestamp>;
}

export type DevelopmentStageColumn =
  | 'applied'
  | 'talked'
  | 'activist'
  | 'candidate'
  | 'prechecked'
  | 'introduced'
  | 'voted'
  | 'approved'
  | 'sworn';

/** 入团申请 and its development pipeline (MEM-2). */
export interface DevelopmentApplicationsTable {
  id: Generated<string>;
  org_id: string;
  name: string;
  gender: 'male' | 'female';
  birth_date: DateString;
  ethnicity: string | null;
  unit_name: string | null;
  reason: string | null;
  submitted_by: string | null;
  stage: Generated<DevelopmentStageColumn>;
  applied_on: DateString;
  talk_on: DateString | null;
  activist_on: DateString | null;
  activist_source: 'recommendation' | 'pioneer' | null;
  activist_notice_on: DateString | null;
  candidate_on: DateString | null;
  precheck_on: DateString | null;
  volunteer_form_on: DateString | null;
  introducer1_id: string | null;
  introducer2_id: string | null;
  introduced_on: DateString | null;
  meeting_on: DateString | null;
  meeting_entitled: number | null;
  meeting_present: number | null;
  meeting_yes: number | null;
  meeting_no: number | null;
  approved_on: DateString | null;
  approving_org_id: string | null;
  number_block_id: string | null;
  member_number: string | null;
  member_id: string | null;
  oath_on: DateString | null;
  created_at: Generated<Timestamp>;
  updated_at: Generated<Timestamp>;
}

export interface DevelopmentLessonsTable {
  id: Generated<string>;
  application_id: string;
  held_on: DateString;
  minutes: number;
  topic: string;
  /** the 团课 meeting record this lesson was credited from (LIFE-1), if any */
  meeting_id: string | null;
  created_at: Generated<Timestamp>;
}

export type EvaluationGradeColumn = 'excellent' | 'qualified' | 'basically_qualified' | 'unqualified';

/** 团员教育评议: one round per branch and year (MEM-6). */
export interface EvaluationRoundsTable {
  id: Generated<string>;
  org_id: string;
  year: number;
  held_on: DateString;
  entitled: number;
  present: number;
  created_by: string | null;
  created_at: Generated<Timestamp>;
}

export interface EvaluationGradesTable {
  round_id: string;
  member_id: string;
  grade: EvaluationGradeColumn;
  note: string | null;
}

/** 年度团籍注册 (MEM-6). */
export interface RegistrationsTable {
  id: Generated<string>;
  member_id: string;
  year: number;
  status: 'registered' | 'not_registered' | 'deferred';
  grade: EvaluationGradeColumn | null;
  decided_on: DateString;
  reassess_from: DateString | null;
  reassess_to: DateString | null;
  reassessed_on: DateString | null;
  reassess_grade: EvaluationGradeColumn | null;
  reason: string | null;
  created_at: Generated<Timestamp>;
  updated_at: Generated<Timestamp>;
}

// ---------------------------------------------------------------- tenant (committee template)

export interface CommitteeRosterTable {
  id: Generated<string>;
  user_id: string | null;
  name: string;
  /** chair = 主任, member = 委员, alternate = 候补委员 */
  position: 'chair' | 'member' | 'alternate';
  unit_name: string | null;
  start_date: DateString;
  end_date: DateString | null;
  status: Generated<'serving' | 'resigned'>;
  created_at: Generated<Timestamp>;
  /** An alternate (候补委员) who moved up to 委员 by a confirmed 卸职递补. */
  promoted_on: DateString | null;
}

export interface TenantMigrationsTable {
  version: number;
  name: string;
  applied_at: Generated<Timestamp>;
}

// ---------------------------------------------------------------- 团费 and 推优入党 (MEM-3, MEM-5)

/** One collection: a member pays one or more months at once; amounts in 分. */
export interface DuesPaymentsTable {
  id: Generated<string>;
  member_id: string;
  /** the member's branch when paying */
  org_id: string;
  amount_fen: number;
  paid_on: DateString;
  method: 'cash' | 'wechat' | 'transfer';
  /** platform.users id of the secretary/admin who recorded it */
  collected_by: string | null;
  collected_by_name: string;
  note: string | null;
  created_at: Generated<Timestamp>;
}

/** The months a payment covers: primary key (member_id, month) — a month is paid once. */
export interface DuesPaymentMonthsTable {
  member_id: string;
  /** 'YYYY-MM' (Shanghai month) */
  month: string;
  payment_id: string;
  amount_fen: number;
}

/** A voided (撤销) dues payment: the payment row stays; its months were released. */
export interface DuesPaymentVoidsTable {
  id: Generated<string>;
  payment_id: string;
  reason: string;
  /** [{ month: 'YYYY-MM', amountFen }] the payment covered */
  months: Json;
  voided_by: string | null;
  voided_by_name: string;
  voided_at: Generated<Timestamp>;
}

/** 自行脱团: the branch general meeting's decision on a lapse candidate. */
export interface LapseDecisionsTable {
  id: Generated<string>;
  member_id: string;
  org_id: string;
  decision: 'lapsed' | 'retained';
  meeting_date: DateString;
  unpaid_months: number;
  note: string | null;
  recorded_by: string | null;
  created_at: Generated<Timestamp>;
}

export type RecommendationStageColumn =
  | 'nominated'
  | 'voted'
  | 'reviewed'
  | 'publicized'
  | 'approved'
  | 'sent'
  | 'rejected';

export interface PartyRecommendationsTable {
  id: Generated<string>;
  member_id: string;
  org_id: string;
  stage: RecommendationStageColumn;
  party_application_date: DateString;
  nominated_on: DateString;
  nomination_note: string | null;
  vote_on: DateString | null;
  entitled: number | null;
  present: number | null;
  yes_votes: number | null;
  reviewed_on: DateString | null;
  review_note: string | null;
  publicity_from: DateString | null;
  publicity_to: DateString | null;
  approved_on: DateString | null;
  approved_by: string | null;
  valid_until: DateString | null;
  sent_on: DateString | null;
  party_org_name: string | null;
  rejected_reason: string | null;
  created_at: Generated<Timestamp>;
  updated_at: Generated<Timestamp>;
}

export interface RecommendationEventsTable {
  id: Generated<string>;
  recommendation_id: string;
  action: string;
  on_date: DateString;
  detail: string;
  user_id: string | null;
  user_name: string | null;
  at: Generated<Timestamp>;
}

/** A member who became a party member (date, age) — for the 推优 KPI. */
export interface PartyAdmissionsTable {
  id: Generated<string>;
  member_id: string;
  joined_on: DateString;
  age_at_joining: number;
  recommendation_id: string | null;
  created_at: Generated<Timestamp>;
}

// ---------------------------------------------------------------- tenant: organisation system (ORG-1…ORG-6)

/** timestamptz with a database default: read as Date, optional on insert. */
type OrgCreatedAt = ColumnType<Date, Date | string | undefined, Date | string>;

export interface OrgProposalsTable {
  id: Generated<string>;
  kind: 'adjust' | 'merge' | 'dissolve';
  org_id: string;
  /** merge: receiving organisation; dissolve: where members/children go; adjust: new parent. */
  target_org_id: string | null;
  new_name: string | null;
  reason: string;
  effective_on: DateString;
  status: Generated<'pending' | 'approved' | 'rejected' | 'applied'>;
  proposed_by: string;
  proposed_by_name: string;
  proposed_at: OrgCreatedAt;
  decided_by: string | null;
  decided_by_name: string | null;
  decided_at: Date | null;
  decision_note: string | null;
  applied_by: string | null;
  applied_at: Date | null;
  result: Json | null;
}

export interface OrgStatusHistoryTable {
  id: Generated<string>;
  org_id: string;
  from_status: string;
  to_status: OrgStatus;
  changed_on: DateString;
  reason: string;
  /** 'merged_into' | 'merged_from' | 'dissolved' | 'adjusted' | 'received' … */
  event: string;
  related_org_id: string | null;
  proposal_id: string | null;
  detail: Json | null;
  created_by: string | null;
  created_at: OrgCreatedAt;
}

export interface OrgElectionsTable {
  id: Generated<string>;
  org_id: string;
  elected_on: DateString;
  kind: 'first' | 'regular' | 'by_election';
  method: 'competitive' | 'equal';
  entitled_count: number;
  present_count: number;
  term_years: number;
  previous_due_on: DateString | null;
  on_schedule: boolean;
  result: string;
  rule_version: number;
  created_by: string | null;
  created_at: OrgCreatedAt;
}

export interface OrgLeadersTable {
  id: Generated<string>;
  org_id: string;
  member_id: string | null;
  name: string;
  position: 'secretary' | 'deputy_secretary' | 'organising' | 'publicity' | 'member';
  term_start: DateString;
  /** null while serving. */
  term_end: DateString | null;
  election_id: string | null;
  created_at: OrgCreatedAt;
}

export interface OrgInventoryReviewsTable {
  id: Generated<string>;
  org_id: string;
  reviewed_on: DateString;
  reviewer_id: string;
  reviewer_name: string;
  note: string | null;
  created_at: OrgCreatedAt;
}

export interface OrgInventoryFindingsTable {
  review_id: string;
  org_id: string;
  problem:
    | 'setup_incomplete'
    | 'affiliation_unclear'
    | 'leadership_incomplete'
    | 'mechanism_not_smooth'
    | 'activities_abnormal';
  note: string | null;
}

export interface OrgTagsTable {
  org_id: string;
  tag: 'non_public_enterprise' | 'internet_social' | 'township_committee' | 'regional' | 'school_class';
  tagged_on: DateString;
  created_by: string | null;
}

export interface CoverageGapsTable {
  id: Generated<string>;
  unit_name: string;
  unit_kind: string;
  sector: string | null;
  address: string | null;
  youth_count: number | null;
  responsible_org_id: string | null;
  registered_on: DateString;
  note: string | null;
  status: Generated<'open' | 'covered'>;
  covered_org_id: string | null;
  covered_on: DateString | null;
  created_by: string | null;
  created_at: OrgCreatedAt;
  updated_at: OrgCreatedAt;
}

// ---------------------------------------------------------------- uploaded files (district and committee)

export type FileKind = 'image' | 'document';

/** An uploaded file: bytes in storage under `storage_key` (and `thumb_key` for an image's thumbnail). */
export interface FilesTable {
  id: Generated<string>;
  org_id: string | null;
  /** platform.users id */
  uploaded_by: string;
  kind: FileKind;
  /** sniffed from the content, never the client's claim */
  mime: string;
  size_bytes: number;
  /** sanitised; metadata only */
  original_name: string;
  storage_key: string;
  thumb_key: string | null;
  width: number | null;
  height: number | null;
  /** hex SHA-256 of the stored bytes */
  sha256: string;
  created_at: Generated<Timestamp>;
}

// ---------------------------------------------------------------- 主题团日+ (LIFE-2, district)

export type ThemeDayStatus = 'draft' | 'open' | 'closed';

/** One theme day per 团支部 and month ('YYYY-MM', Asia/Shanghai). */
export interface ThemeDaysTable {
  id: Generated<string>;
  org_id: string;
  month: string;
  theme: string;
  held_at: Timestamp | null;
  place: string | null;
  status: Generated<ThemeDayStatus>;
  /** unique among the tenant's open events */
  check_in_code: string | null;
  check_in_opened_at: Timestamp | null;
  check_in_closes_at: Timestamp | null;
  closed_at: Timestamp | null;
  /** active members of the branch when check-in closed (participation denominator) */
  member_count: number | null;
  /** platform.users id */
  created_by: string;
  created_at: Generated<Timestamp>;
  updated_at: Generated<Timestamp>;
}

/** A required action (七事联动) of a theme day: key from rule `themeDay.requirements`. */
export interface ThemeDayActionsTable {
  theme_day_id: string;
  action_key: string;
  done: Generated<boolean>;
  evidence: string | null;
  /** files ids */
  photo_ids: Generated<string[]>;
  updated_at: Generated<Timestamp>;
}

/** 自选动作 */
export interface ThemeDaySelfActionsTable {
  id: Generated<string>;
  theme_day_id: string;
  title: string;
  evidence: string | null;
  photo_ids: Generated<string[]>;
  created_at: Generated<Timestamp>;
}

/** Ceremony photos per item (团旗, 入团誓词, 团徽, 团章). */
export interface ThemeDayCeremonyPhotosTable {
  theme_day_id: string;
  item_key: string;
  photo_ids: Generated<string[]>;
  updated_at: Generated<Timestamp>;
}

export interface ThemeDayCheckInsTable {
  id: Generated<string>;
  theme_day_id: string;
  member_id: string;
  checked_in_at: Generated<Timestamp>;
}

/** LIFE-1 三会两制一课: a meeting record of a 团支部. */
export interface MeetingsTable {
  id: Generated<string>;
  org_id: string;
  kind: 'general_meeting' | 'committee_meeting' | 'group_meeting' | 'league_lesson';
  held_on: DateString;
  topic: string;
  location: string | null;
  /** 纪要 */
  minutes: string | null;
  /** 团课: duration in minutes */
  duration_minutes: number | null;
  entitled_count: number;
  present_count: number;
  /** 支部团员大会 only: quorate under `meetings.frequency` in force on held_on */
  quorum_met: boolean | null;
  rule_version: number;
  /** files ids */
  photo_ids: Generated<string[]>;
  /** platform.users ids */
  created_by: string;
  updated_by: string;
  created_at: Generated<Timestamp>;
  updated_at: Generated<Timestamp>;
}

export interface MeetingAttendanceTable {
  meeting_id: string;
  member_id: string;
  present: boolean;
  absence_reason: string | null;
}

// ---------------------------------------------------------------- 整理整顿 (RECT-1…RECT-5, district)

export type HealthCheckSourceColumn = 'member' | 'self' | 'superior' | 'peer';

/** One health check (体检) per 团支部 and year; scores 0–100 with one decimal. */
export interface HealthChecksTable {
  id: Generated<string>;
  org_id: string;
  /** the superior that opened the round (whose ranking it enters) */
  superior_org_id: string;
  year: number;
  status: Generated<'open' | 'closed'>;
  checklist_version: number;
  sources_version: number;
  score_member: number | null;
  score_self: number | null;
  score_superior: number | null;
  score_peer: number | null;
  overall: number | null;
  member_input_count: Generated<number>;
  opened_by: string;
  created_at: Generated<Timestamp>;
  updated_at: Generated<Timestamp>;
}

/** One input of one source. Member inputs: by_org_id and submitted_by are null (anonymous). */
export interface HealthCheckInputsTable {
  id: Generated<string>;
  health_check_id: string;
  source: HealthCheckSourceColumn;
  /** item key → grade key of rule `rectification.checklist` */
  grades: Json;
  score: number;
  notes: string | null;
  by_org_id: string | null;
  submitted_by: string | null;
  /** ORG-7: a 上级点 from a 基层团建指导员's visit (`platform.instructor_visits`); null otherwise */
  instructor_visit_id: Generated<string | null>;
  created_at: Generated<Timestamp>;
  updated_at: Generated<Timestamp>;
}

/** One-way key per member who submitted (no link to the input, no time). */
export interface HealthCheckMemberReceiptsTable {
  health_check_id: string;
  member_key: string;
}

export interface HealthCheckPeersTable {
  health_check_id: string;
  peer_org_id: string;
  assigned_by: string;
  created_at: Generated<Timestamp>;
}

export type RectificationTaskStatusColumn = 'open' | 'submitted' | 'confirmed' | 'overdue';

/** 整改任务清单 */
export interface RectificationTasksTable {
  id: Generated<string>;
  health_check_id: string;
  org_id: string;
  title: string;
  owner_name: string;
  deadline: DateString;
  evidence: string | null;
  evidence_file_ids: Generated<string[]>;
  status: Generated<RectificationTaskStatusColumn>;
  submitted_at: Timestamp | null;
  confirmed_by: string | null;
  confirmed_at: Timestamp | null;
  created_by: string;
  created_at: Generated<Timestamp>;
  updated_at: Generated<Timestamp>;
}

/** 《重点整顿团组织信息台帐》 entry */
export interface KeyRectificationsTable {
  id: Generated<string>;
  org_id: string;
  superior_org_id: string;
  year: number;
  health_check_id: string | null;
  overall: number | null;
  rank: number | null;
  reason: string;
  carried_from_id: string | null;
  status: Generated<'open' | 'closed'>;
  closed_at: Timestamp | null;
  proposal_id: string | null;
  created_by: string;
  created_at: Generated<Timestamp>;
}

/** 通报 / 约谈 */
export interface RectificationWarningsTable {
  id: Generated<string>;
  org_id: string;
  year: number;
  kind: 'circular' | 'talk';
  task_id: string | null;
  reason: string;
  recorded_by: string;
  recorded_at: Generated<Timestamp>;
}

/** 考核验收 */
export interface RectificationAcceptancesTable {
  id: Generated<string>;
  org_id: string;
  year: number;
  result: 'passed' | 'failed';
  notes: string | null;
  decided_by: string;
  decided_at: Generated<Timestamp>;
}

export type StarLevelColumn = 'five' | 'four' | 'three' | 'lagging' | 'weak';

/** RATE: a superior's rating round per year (district template, `star_ratings` migration). */
export interface StarRatingRoundsTable {
  id: Generated<string>;
  org_id: string;
  year: number;
  rule_version: number;
  rating_date: DateString;
  status: Generated<'open' | 'published'>;
  /** The caps applied at publication (`applyCaps` report). */
  cap_report: unknown | null;
  started_by: string;
  published_by: string | null;
  published_at: Timestamp | null;
  created_at: OrgCreatedAt;
}

/** RATE: one star rating per rated 团支部 / 团总支 and year; points in centipoints (1/100 分). */
export interface StarRatingsTable {
  id: Generated<string>;
  round_id: string;
  org_id: string;
  year: number;
  rule_version: number;
  status: 'self_assessing' | 'self_assessed' | 'reviewed' | 'published' | 'ineligible';
  ineligible_reason: string | null;
  /** Snapshot of the computed indicators (value + how computed) at `computed_at`. */
  computed: unknown;
  computed_at: Timestamp;
  study_permille: number | null;
  veto_items: Generated<string[]>;
  total_centi: number | null;
  score_level: StarLevelColumn | null;
  level: StarLevelColumn | null;
  level_reasons: Generated<unknown>;
  published_level: StarLevelColumn | null;
  capped: Generated<boolean>;
  cap_reason: string | null;
  secretary_user_id: string | null;
  secretary_name: string | null;
  member_rep_id: string | null;
  member_rep_name: string | null;
  signed_at: Timestamp | null;
  reviewed_by: string | null;
  reviewed_at: Timestamp | null;
  review_note: string | null;
  published_at: Timestamp | null;
  created_at: OrgCreatedAt;
  updated_at: OrgCreatedAt;
}

export interface StarRatingScoresTable {
  rating_id: string;
  criterion_key: string;
  self_centi: number | null;
  self_note: string | null;
  /** files ids */
  evidence_ids: Generated<string[]>;
  reviewed_centi: number | null;
  review_note: string | null;
}

/** Tables of a district tenant schema (template `district`). */
/** 青年大学习: one session (期) per study week (Shanghai date the week starts on). */
export interface YouthStudySessionsTable {
  id: Generated<string>;
  week_start: DateString;
  label: string | null;
  created_at: Generated<Timestamp>;
}

/** 青年大学习: a member completed a session (from an import of the platform's list). */
export interface YouthStudyCompletionsTable {
  session_id: string;
  member_id: string;
  completed_on: DateString | null;
  import_id: string | null;
  created_at: Generated<Timestamp>;
}

/** 青年大学习: one import of a completion list (counts and Chinese row errors; no file kept). */
export interface YouthStudyImportsTable {
  id: Generated<string>;
  file_name: string;
  week_start: DateString | null;
  total_rows: Generated<number>;
  recorded_rows: Generated<number>;
  already_rows: Generated<number>;
  error_rows: Generated<number>;
  errors: Generated<{ row: number; message: string }[]>;
  weeks: Generated<DateString[]>;
  created_by: string;
  created_by_name: string;
  created_at: Generated<Timestamp>;
}

/** MEM-8 流动团员: the member's responsible branch while away (members.org_id = home branch). */
export interface MobilePlacementsTable {
  id: Generated<string>;
  member_id: string;
  responsible_org_id: string;
  kind: 'work' | 'study' | 'other';
  place: string;
  unit_name: string | null;
  started_on: DateString;
  ended_on: DateString | null;
  note: string | null;
  created_by: string;
  created_at: Generated<Timestamp>;
}

/** LIFT-1 工作品牌 register. */
export interface BrandProjectsTable {
  id: Generated<string>;
  org_id: string;
  year: number;
  name: string;
  description: Generated<string>;
  evidence_file_ids: Generated<string[]>;
  status: Generated<'planned' | 'ongoing' | 'completed' | 'recognised'>;
  created_by: string;
  created_at: Generated<Timestamp>;
  updated_at: Generated<Timestamp>;
}

/** LIFT-1 团干部培训: 任职培训 (appointment) / 任期轮训 (rotation) of a leader (`org_leaders`). */
export interface CadreTrainingsTable {
  id: Generated<string>;
  org_id: string;
  leader_id: string;
  kind: 'appointment' | 'rotation';
  trained_on: DateString;
  hours: number;
  topic: string;
  provider: string | null;
  created_by: string;
  created_at: Generated<Timestamp>;
}

/** LIFT-1 团干部联系青年 records. */
export interface CadreContactsTable {
  id: Generated<string>;
  org_id: string;
  leader_id: string;
  contacted_on: DateString;
  youth_count: number;
  notes: Generated<string>;
  created_by: string;
  created_at: Generated<Timestamp>;
}

export interface DistrictDatabase extends AccountsTables {
  organisations: OrganisationsTable;
  members: MembersTable;
  transfers: TransfersTable;
  transfer_events: TransferEventsTable;
  member_archive_checks: MemberArchiveChecksTable;
  import_jobs: ImportJobsTable;
  number_blocks: NumberBlocksTable;
  development_applications: DevelopmentApplicationsTable;
  development_lessons: DevelopmentLessonsTable;
  evaluation_rounds: EvaluationRoundsTable;
  evaluation_grades: EvaluationGradesTable;
  registrations: RegistrationsTable;
  dues_payments: DuesPaymentsTable;
  dues_payment_months: DuesPaymentMonthsTable;
  dues_payment_voids: DuesPaymentVoidsTable;
  lapse_decisions: LapseDecisionsTable;
  party_recommendations: PartyRecommendationsTable;
  recommendation_events: RecommendationEventsTable;
  party_admissions: PartyAdmissionsTable;
  org_proposals: OrgProposalsTable;
  org_status_history: OrgStatusHistoryTable;
  org_elections: OrgElectionsTable;
  org_leaders: OrgLeadersTable;
  org_inventory_reviews: OrgInventoryReviewsTable;
  org_inventory_findings: OrgInventoryFindingsTable;
  org_tags: OrgTagsTable;
  coverage_gaps: CoverageGapsTable;
  files: FilesTable;
  theme_days: ThemeDaysTable;
  theme_day_actions: ThemeDayActionsTable;
  theme_day_self_actions: ThemeDaySelfActionsTable;
  theme_day_ceremony_photos: ThemeDayCeremonyPhotosTable;
  theme_day_check_ins: ThemeDayCheckInsTable;
  meetings: MeetingsTable;
  meeting_attendance: MeetingAttendanceTable;
  health_checks: HealthChecksTable;
  health_check_inputs: HealthCheckInputsTable;
  health_check_member_receipts: HealthCheckMemberReceiptsTable;
  health_check_peers: HealthCheckPeersTable;
  rectification_tasks: RectificationTasksTable;
  key_rectifications: KeyRectificationsTable;
  rectification_warnings: RectificationWarningsTable;
  rectification_acceptances: RectificationAcceptancesTable;
  star_rating_rounds: StarRatingRoundsTable;
  star_ratings: StarRatingsTable;
  brand_projects: BrandProjectsTable;
  cadre_trainings: CadreTrainingsTable;
  cadre_contacts: CadreContactsTable;
  star_rating_scores: StarRatingScoresTable;
  youth_study_sessions: YouthStudySessionsTable;
  youth_study_completions: YouthStudyCompletionsTable;
  youth_study_imports: YouthStudyImportsTable;
  mobile_placements: MobilePlacementsTable;
  _migrations: TenantMigrationsTable;
}

/** Tables of a committee tenant schema (template `committee`). */
export interface CommitteeDatabase extends CommitteeWorkTables {
  committee_roster: CommitteeRosterTable;
  files: FilesTable;
  _migrations: TenantMigrationsTable;
}

/** Any tenant schema. Procedures narrow by tenant kind before touching kind-specific tables. */
export type TenantDatabase = DistrictDatabase & CommitteeDatabase;

export type Tenant = Selectable<TenantsTable>;
export type User = Selectable<UsersTable>;
export type Grant = Selectable<GrantsTable>;
export type Session = Selectable<SessionsTable>;
export type Organisation = Selectable<OrganisationsTable>;
export type NewOrganisation = Insertable<OrganisationsTable>;
export type OrganisationUpdate = Updateable<OrganisationsTable>;
export type Member = Selectable<MembersTable>;
export type NewMember = Insertable<MembersTable>;
