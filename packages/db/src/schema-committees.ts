/**
 * Issue 7 (COM-1…COM-3): the committee template's work tables (`migrations/committee/work.ts`) and
 * the platform hand-off of research reports (`migrations/platform-research.ts`).
 */
import type { Generated } from 'kysely';
import type { DateString, Json, Timestamp } from './schema';

export type ResearchStatus = 'draft' | 'submitted' | 'under_review' | 'returned' | 'accepted' | 'adopted';
export type SubmissionStatus = Exclude<ResearchStatus, 'draft'>;
export type AdoptedFor = 'plenary' | 'secretaries_meeting';

export interface PlatformResearchSubmissionsTable {
  id: Generated<string>;
  from_tenant_id: string;
  from_tenant_name: string;
  to_tenant_id: string;
  to_tenant_name: string;
  sector: string | null;
  title: string;
  status: Generated<SubmissionStatus>;
  current_version: Generated<number>;
  return_comment: string | null;
  adopted_for: AdoptedFor | null;
  submitted_by: string | null;
  submitted_by_name: string;
  created_at: Generated<Timestamp>;
  updated_at: Generated<Timestamp>;
}

/** An attachment handed over with a version (keys under the sender's schema prefix). */
export interface SubmissionAttachment {
  fileId: string;
  storageKey: string;
  thumbKey: string | null;
  kind: 'image' | 'document';
  mime: string;
  sizeBytes: number;
  originalName: string;
  width: number | null;
  height: number | null;
  sha256: string;
}

export interface PlatformResearchSubmissionVersionsTable {
  id: Generated<string>;
  submission_id: string;
  version: number;
  title: string;
  summary: string | null;
  body: string;
  /** SubmissionAttachment[] */
  attachments: Json;
  author: string;
  created_at: Generated<Timestamp>;
}

export interface CommitteePlatformTables {
  'platform.research_submissions': PlatformResearchSubmissionsTable;
  'platform.research_submission_versions': PlatformResearchSubmissionVersionsTable;
}

export interface RosterChangesTable {
  id: Generated<string>;
  leaving_id: string;
  successor_id: string | null;
  reason: string;
  proposed_on: DateString;
  proposed_by: string | null;
  proposed_by_name: string | null;
  status: Generated<'proposed' | 'confirmed' | 'rejected'>;
  decided_on: DateString | null;
  meeting: string | null;
  resolution_no: string | null;
  decision_note: string | null;
  decided_by: string | null;
  created_at: Generated<Timestamp>;
}

export interface ResearchTopicsTable {
  id: Generated<string>;
  title: string;
  plan: string;
  lead_name: string | null;
  start_on: DateString;
  end_on: DateString | null;
  status: Generated<'planned' | 'in_progress' | 'concluded'>;
  created_by: string | null;
  created_at: Generated<Timestamp>;
  updated_at: Generated<Timestamp>;
}

export interface ResearchFieldworkTable {
  id: Generated<string>;
  topic_id: string;
  visited_on: DateString;
  place: string;
  participants: string | null;
  findings: string;
  file_ids: Generated<string[]>;
  created_by: string | null;
  created_at: Generated<Timestamp>;
}

export interface ResearchReportsTable {
  id: Generated<string>;
  topic_id: string | null;
  title: string;
  origin: 'committee' | 'district';
  author: string;
  submission_id: string | null;
  from_tenant_id: string | null;
  from_tenant_name: string | null;
  status: ResearchStatus;
  current_version: Generated<number>;
  adopted_for: AdoptedFor | null;
  adopted_on: DateString | null;
  adopted_note: string | null;
  created_by: string | null;
  created_at: Generated<Timestamp>;
  updated_at: Generated<Timestamp>;
}

export interface ResearchReportVersionsTable {
  id: Generated<string>;
  report_id: string;
  version: number;
  title: string;
  summary: string | null;
  body: string;
  file_ids: Generated<string[]>;
  author: string;
  created_at: Generated<Timestamp>;
}

export interface ResearchReportReviewersTable {
  report_id: string;
  roster_id: string;
  assigned_at: Generated<Timestamp>;
}

export type ResearchCommentKind = 'comment' | 'start_review' | 'return' | 'accept' | 'adopt' | 'revised';

export interface ResearchReportCommentsTable {
  id: Generated<string>;
  report_id: string;
  version: number;
  kind: ResearchCommentKind;
  body: string | null;
  user_id: string | null;
  user_name: string;
  created_at: Generated<Timestamp>;
}

export interface CommitteeMeetingsTable {
  id: Generated<string>;
  title: string;
  held_on: DateString;
  location: string | null;
  /** string[] (agenda items in order) */
  agenda: Json;
  minutes: string | null;
  attendee_ids: Generated<string[]>;
  report_ids: Generated<string[]>;
  file_ids: Generated<string[]>;
  status: Generated<'planned' | 'held'>;
  created_by: string | null;
  created_at: Generated<Timestamp>;
  updated_at: Generated<Timestamp>;
}

export interface CommitteeWorkTables {
  roster_changes: RosterChangesTable;
  research_topics: ResearchTopicsTable;
  research_fieldwork: ResearchFieldworkTable;
  research_reports: ResearchReportsTable;
  research_report_versions: ResearchReportVersionsTable;
  research_report_reviewers: ResearchReportReviewersTable;
  research_report_comments: ResearchReportCommentsTable;
  committee_meetings: CommitteeMeetingsTable;
}
