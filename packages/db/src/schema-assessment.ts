/**
 * SUP-3 年终考核评估 / SUP-4 每月述职: platform tables (migration `platform-assessment.ts`).
 */
import type { Generated } from 'kysely';
import type { DateString, Json, Timestamp } from './schema';

/** An assessed unit: a district tenant and the party committee a 建议调整函 goes to. */
export interface PlatformAssessmentUnitsTable {
  tenant_id: string;
  party_committee: string;
  created_at: Generated<Timestamp>;
}

export interface PlatformAssessmentRoundsTable {
  id: Generated<string>;
  year: number;
  title: string;
  /** AssessmentItem[] */
  items: Json;
  status: Generated<'draft' | 'published'>;
  /** Version of `assessment.escalation` the actions were derived with. */
  rule_version: number | null;
  unit_count: number | null;
  published_at: Timestamp | null;
  published_by: string | null;
  created_by: string | null;
  created_at: Generated<Timestamp>;
  updated_at: Generated<Timestamp>;
}

export interface PlatformAssessmentScoresTable {
  round_id: string;
  tenant_id: string;
  /** item key → tenths of a point */
  item_scores: Json;
  /** tenths of a point */
  total: number;
  rank: number | null;
  bottom_place: number | null;
  note: string | null;
  updated_at: Generated<Timestamp>;
}

export interface PlatformAssessmentActionsTable {
  id: Generated<string>;
  round_id: string;
  tenant_id: string;
  year: number;
  level: 'reminder_talk' | 'warning_talk' | 'adjustment_letter';
  consecutive_years: number;
  rank: number;
  unit_count: number;
  talk_on: DateString | null;
  talk_by: string | null;
  talk_note: string | null;
  letter_no: string | null;
  letter_addressee: string | null;
  letter_issued_on: DateString | null;
  created_at: Generated<Timestamp>;
}

export interface PlatformHearingSessionsTable {
  id: Generated<string>;
  month: string;
  held_on: DateString;
  venue: string | null;
  report_due_days: number;
  rule_version: number | null;
  created_by: string | null;
  created_at: Generated<Timestamp>;
}

export interface PlatformHearingSpeakersTable {
  id: Generated<string>;
  session_id: string;
  tenant_id: string;
  org_id: string;
  org_name: string;
  secretary_name: string;
  position: number;
  comments: string | null;
  report_due_on: DateString;
  created_at: Generated<Timestamp>;
}

export interface PlatformHearingReportsTable {
  id: Generated<string>;
  speaker_id: string;
  tenant_id: string;
  summary: string;
  submitted_by: string | null;
  submitted_at: Generated<Timestamp>;
}

export interface PlatformHearingTasksTable {
  id: Generated<string>;
  report_id: string;
  tenant_id: string;
  position: number;
  title: string;
  due_on: DateString;
  done_on: DateString | null;
  done_note: string | null;
}

export interface AssessmentPlatformTables {
  'platform.assessment_units': PlatformAssessmentUnitsTable;
  'platform.assessment_rounds': PlatformAssessmentRoundsTable;
  'platform.assessment_scores': PlatformAssessmentScoresTable;
  'platform.assessment_actions': PlatformAssessmentActionsTable;
  'platform.hearing_sessions': PlatformHearingSessionsTable;
  'platform.hearing_speakers': PlatformHearingSpeakersTable;
  'platform.hearing_reports': PlatformHearingReportsTable;
  'platform.hearing_tasks': PlatformHearingTasksTable;
}
