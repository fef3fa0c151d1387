/**
 * LIFE-1 三会两制一课 (district template): meeting records of a 团支部 — 支部团员大会, 支部委员会,
 * 团小组会, 团课 — with the date (Asia/Shanghai), topic, place, minutes (纪要), photos (`files` ids,
 * checked with `assertFilesUsable` when saved) and the attendance of the branch's active members.
 * A 支部团员大会 stores whether it was quorate under `meetings.frequency` in force on its date: one
 * below quorum is kept (flagged 未达法定人数) but does not count for compliance.
 * A 团课 may credit its duration to the 团课 hours of development applications (`development_lessons.meeting_id`).
 */
import { type Kysely, sql } from 'kysely';
import type { PlatformDatabase } from '../../schema';

const now = sql`now()`;
const uuid = sql`gen_random_uuid()`;
const noIds = sql`'{}'::uuid[]`;

export async function up(trx: Kysely<PlatformDatabase>, schema: string): Promise<void> {
  const s = trx.schema.withSchema(schema);
  await s
    .createTable('meetings')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(uuid))
    .addColumn('org_id', 'uuid', (c) => c.notNull().references('organisations.id'))
    .addColumn('kind', 'text', (c) =>
      c
        .notNull()
        .check(sql`kind in ('general_meeting', 'committee_meeting', 'group_meeting', 'league_lesson')`),
    )
    .addColumn('held_on', 'date', (c) => c.notNull())
    .addColumn('topic', 'text', (c) => c.notNull().check(sql`length(btrim(topic)) > 0`))
    .addColumn('location', 'text')
    .addColumn('minutes', 'text')
    .addColumn('duration_minutes', 'integer', (c) => c.check(sql`duration_minutes between 1 and 1440`))
    .addColumn('entitled_count', 'integer', (c) => c.notNull().check(sql`entitled_count >= 0`))
    .addColumn('present_count', 'integer', (c) => c.notNull().check(sql`present_count >= 0`))
    // 支部团员大会 only: more than the rule's fraction present (null for the other kinds).
    .addColumn('quorum_met', 'boolean')
    .addColumn('rule_version', 'integer', (c) => c.notNull())
    .addColumn('photo_ids', sql`uuid[]`, (c) => c.notNull().defaultTo(noIds))
    .addColumn('created_by', 'uuid', (c) => c.notNull()) // platform.users id (no cross-schema FK)
    .addColumn('updated_by', 'uuid', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addCheckConstraint('meetings_present_le_entitled', sql`present_count <= entitled_count`)
    .addCheckConstraint(
      'meetings_quorum_general_only',
      sql`(kind = 'general_meeting') = (quorum_met is not null)`,
    )
    .execute();
  await s.createIndex('meetings_org_held_idx').on('meetings').columns(['org_id', 'held_on']).execute();
  await s.createIndex('meetings_held_idx').on('meetings').column('held_on').execute();

  await s
    .createTable('meeting_attendance')
    .addColumn('meeting_id', 'uuid', (c) => c.notNull().references('meetings.id').onDelete('cascade'))
    .addColumn('member_id', 'uuid', (c) => c.notNull().references('members.id'))
    .addColumn('present', 'boolean', (c) => c.notNull())
    .addColumn('absence_reason', 'text')
    .addPrimaryKeyConstraint('meeting_attendance_pk', ['meeting_id', 'member_id'])
    .execute();
  await s.createIndex('meeting_attendance_member_idx').on('meeting_attendance').column('member_id').execute();

  await s
    .alterTable('development_lessons')
    .addColumn('meeting_id', 'uuid', (c) => c.references('meetings.id'))
    .execute();
}
