/**
 * SUP-1 季度督导检查 and SUP-2 好经验好做法: platform tables owned by the city (see
 * `migrations/platform-inspections.ts` for what tenant roles may read and write).
 */
import type { ColumnType, Generated } from 'kysely';
import type { DateString } from './schema';

/** timestamptz read as Date; optional on insert (default now()). */
type Ts = ColumnType<Date, Date | string | undefined, Date | string>;
/** nullable timestamptz */
type TsNull = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

export interface InspectionPlansTable {
  id: Generated<string>;
  year: number;
  quarter: number;
  title: string;
  focus: string | null;
  /** @tuanjian/domain InspectionMethod codes planned */
  methods: string[];
  starts_on: DateString;
  ends_on: DateString;
  status: Generated<'draft' | 'active' | 'closed'>;
  created_by: string | null;
  created_at: Ts;
  updated_at: Ts;
}

export interface InspectionTeamMembersTable {
  plan_id: string;
  user_id: string;
  is_leader: Generated<boolean>;
  added_at: Ts;
}

export interface InspectionTargetsTable {
  id: Generated<string>;
  plan_id: string;
  tenant_id: string;
  /** an organisation of the tenant's schema (no cross-schema foreign key) */
  org_id: string;
  org_name: string;
  org_kind: string;
  /** @tuanjian/domain InspectionSector */
  sector: string;
  added_at: Ts;
}

export interface InspectionFindingsTable {
  id: Generated<string>;
  plan_id: string;
  target_id: string;
  tenant_id: string;
  org_id: string;
  org_name: string;
  method: string;
  severity: 'minor' | 'general' | 'serious';
  description: string;
  requirement: string | null;
  /** files in the inspected tenant's `files` table */
  evidence_file_ids: Generated<string[]>;
  inspected_on: DateString;
  deadline: DateString;
  status: Generated<'open' | 'answered' | 'returned' | 'closed'>;
  review_note: string | null;
  recorded_by: string | null;
  answered_at: TsNull;
  closed_at: TsNull;
  created_at: Ts;
  updated_at: Ts;
}

export interface InspectionAnswersTable {
  id: Generated<string>;
  finding_id: string;
  tenant_id: string;
  body: string;
  /** files in the answering tenant's `files` table */
  file_ids: Generated<string[]>;
  answered_by: string;
  answered_by_name: string;
  answered_at: Ts;
}

export interface InspectionCircularsTable {
  id: Generated<string>;
  plan_id: string | null;
  title: string;
  doc_number: string | null;
  body: string;
  status: Generated<'draft' | 'published'>;
  published_at: TsNull;
  published_on: DateString | null;
  created_by: string | null;
  created_at: Ts;
  updated_at: Ts;
}

export interface GoodPracticesTable {
  id: Generated<string>;
  title: string;
  body: string;
  tags: Generated<string[]>;
  /** @tuanjian/domain InspectionSector */
  sector: string;
  /** the source tenant (null: the city itself) */
  tenant_id: string | null;
  tenant_name: string;
  source_org_id: string | null;
  source_org_name: string;
  half_year: string;
  status: Generated<'submitted' | 'promoted' | 'declined'>;
  submitted_by: string | null;
  promoted_at: TsNull;
  promoted_by: string | null;
  created_at: Ts;
  updated_at: Ts;
}

export interface InspectionPlatformTables {
  'platform.inspection_plans': InspectionPlansTable;
  'platform.inspection_team_members': InspectionTeamMembersTable;
  'platform.inspection_targets': InspectionTargetsTable;
  'platform.inspection_findings': InspectionFindingsTable;
  'platform.inspection_answers': InspectionAnswersTable;
  'platform.inspection_circulars': InspectionCircularsTable;
  'platform.good_practices': GoodPracticesTable;
}
