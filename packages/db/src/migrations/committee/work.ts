/**
 * Committee template, issue 7 (COM-1, COM-2, work rules): 卸职递补 proposals with the plenary's
 * 确认案, research topics and field work, research reports with versions, reviewers and review
 * comments, and committee meetings with agenda and minutes.
 *
 * Reports submitted by a district land here from `platform.research_submissions` (the hand-off,
 * see `platform-research.ts`): `research_reports.submission_id` links the two, each version is
 * copied into `research_report_versions` with its attachments copied into this schema's `files`.
 */
import { sql } from 'kysely';
import type { TenantMigration } from '../types';

const now = sql`now()`;
const uuid = sql`gen_random_uuid()`;

export const up: TenantMigration['up'] = async (trx, schema) => {
  const s = trx.schema.withSchema(schema);
  const t = (name: string) => sql.id(schema, name);

  // Roster: an alternate who moves up keeps their row; the date is recorded.
  await s.alterTable('committee_roster').addColumn('promoted_on', 'date').execute();

  await s
    .createTable('roster_changes')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(uuid))
    .addColumn('leaving_id', 'uuid', (c) => c.notNull().references('committee_roster.id'))
    .addColumn('successor_id', 'uuid', (c) => c.references('committee_roster.id'))
    .addColumn('reason', 'text', (c) => c.notNull().check(sql`length(btrim(reason)) > 0`))
    .addColumn('proposed_on', 'date', (c) => c.notNull())
    .addColumn('proposed_by', 'uuid')
    .addColumn('proposed_by_name', 'text')
    .addColumn('status', 'text', (c) =>
      c.notNull().defaultTo('proposed').check(sql`status in ('proposed', 'confirmed', 'rejected')`),
    )
    // 确认案: the plenary (全委会) that decided, its date and the record number.
    .addColumn('decided_on', 'date')
    .addColumn('meeting', 'text')
    .addColumn('resolution_no', 'text')
    .addColumn('decision_note', 'text')
    .addColumn('decided_by', 'uuid')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addCheckConstraint(
      'roster_changes_decision',
      sql`(status = 'proposed') = (decided_on is null) and (status = 'proposed' or meeting is not null)`,
    )
    .addCheckConstraint('roster_changes_distinct', sql`successor_id is null or successor_id <> leaving_id`)
    .execute();
  await sql`create unique index roster_changes_one_open on ${t('roster_changes')} (leaving_id)
    where status = 'proposed'`.execute(trx);

  await s
    .createTable('research_topics')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(uuid))
    .addColumn('title', 'text', (c) => c.notNull().check(sql`length(btrim(title)) > 0`))
    .addColumn('plan', 'text', (c) => c.notNull().check(sql`length(btrim(plan)) > 0`))
    .addColumn('lead_name', 'text')
    .addColumn('start_on', 'date', (c) => c.notNull())
    .addColumn('end_on', 'date')
    .addColumn('status', 'text', (c) =>
      c.notNull().defaultTo('planned').check(sql`status in ('planned', 'in_progress', 'concluded')`),
    )
    .addColumn('created_by', 'uuid')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addCheckConstraint('research_topics_dates', sql`end_on is null or end_on >= start_on`)
    .execute();

  await s
    .createTable('research_fieldwork')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(uuid))
    .addColumn('topic_id', 'uuid', (c) => c.notNull().references('research_topics.id'))
    .addColumn('visited_on', 'date', (c) => c.notNull())
    .addColumn('place', 'text', (c) => c.notNull().check(sql`length(btrim(place)) > 0`))
    .addColumn('participants', 'text')
    .addColumn('findings', 'text', (c) => c.notNull().check(sql`length(btrim(findings)) > 0`))
    .addColumn('file_ids', sql`uuid[]`, (c) => c.notNull().defaultTo(sql`'{}'::uuid[]`))
    .addColumn('created_by', 'uuid')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .execute();
  await s.createIndex('research_fieldwork_topic_idx').on('research_fieldwork').column('topic_id').execute();

  await s
    .createTable('research_reports')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(uuid))
    .addColumn('topic_id', 'uuid', (c) => c.references('research_topics.id'))
    .addColumn('title', 'text', (c) => c.notNull().check(sql`length(btrim(title)) > 0`))
    .addColumn('origin', 'text', (c) => c.notNull().check(sql`origin in ('committee', 'district')`))
    .addColumn('author', 'text', (c) => c.notNull())
    // platform.research_submissions id (no cross-schema foreign key).
    .addColumn('submission_id', 'uuid', (c) => c.unique())
    .addColumn('from_tenant_id', 'uuid')
    .addColumn('from_tenant_name', 'text')
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .check(sql`status in ('draft', 'submitted', 'under_review', 'returned', 'accepted', 'adopted')`),
    )
    .addColumn('current_version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('adopted_for', 'text', (c) => c.check(sql`adopted_for in ('plenary', 'secretaries_meeting')`))
    .addColumn('adopted_on', 'date')
    .addColumn('adopted_note', 'text')
    .addColumn('created_by', 'uuid')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addCheckConstraint(
      'research_reports_origin',
      sql`(origin = 'district') = (submission_id is not null and from_tenant_id is not null)`,
    )
    .addCheckConstraint(
      'research_reports_adopted',
      sql`(status = 'adopted') = (adopted_for is not null and adopted_on is not null)`,
    )
    .execute();

  await s
    .createTable('research_report_versions')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(uuid))
    .addColumn('report_id', 'uuid', (c) => c.notNull().references('research_reports.id'))
    .addColumn('version', 'integer', (c) => c.notNull().check(sql`version >= 1`))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('summary', 'text')
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('file_ids', sql`uuid[]`, (c) => c.notNull().defaultTo(sql`'{}'::uuid[]`))
    .addColumn('author', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addUniqueConstraint('research_report_versions_uq', ['report_id', 'version'])
    .execute();

  await s
    .createTable('research_report_reviewers')
    .addColumn('report_id', 'uuid', (c) => c.notNull().references('research_reports.id'))
    .addColumn('roster_id', 'uuid', (c) => c.notNull().references('committee_roster.id'))
    .addColumn('assigned_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addPrimaryKeyConstraint('research_report_reviewers_pk', ['report_id', 'roster_id'])
    .execute();

  await s
    .createTable('research_report_comments')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(uuid))
    .addColumn('report_id', 'uuid', (c) => c.notNull().references('research_reports.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) =>
      c.notNull().check(sql`kind in ('comment', 'start_review', 'return', 'accept', 'adopt', 'revised')`),
    )
    .addColumn('body', 'text')
    .addColumn('user_id', 'uuid')
    .addColumn('user_name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .execute();
  await s
    .createIndex('research_report_comments_report_idx')
    .on('research_report_comments')
    .columns(['report_id', 'created_at'])
    .execute();

  await s
    .createTable('committee_meetings')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(uuid))
    .addColumn('title', 'text', (c) => c.notNull().check(sql`length(btrim(title)) > 0`))
    .addColumn('held_on', 'date', (c) => c.notNull())
    .addColumn('location', 'text')
    .addColumn('agenda', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('minutes', 'text')
    .addColumn('attendee_ids', sql`uuid[]`, (c) => c.notNull().defaultTo(sql`'{}'::uuid[]`))
    .addColumn('report_ids', sql`uuid[]`, (c) => c.notNull().defaultTo(sql`'{}'::uuid[]`))
    .addColumn('file_ids', sql`uuid[]`, (c) => c.notNull().defaultTo(sql`'{}'::uuid[]`))
    .addColumn('status', 'text', (c) =>
      c.notNull().defaultTo('planned').check(sql`status in ('planned', 'held')`),
    )
    .addColumn('created_by', 'uuid')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addCheckConstraint('committee_meetings_minutes', sql`status = 'planned' or minutes is not null`)
    .execute();
};
