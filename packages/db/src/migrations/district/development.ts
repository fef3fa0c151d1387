/**
 * MEM-2 development pipeline, 号段 sub-blocks, and MEM-6 两制 (evaluation, registration).
 */
import { sql } from 'kysely';
import type { TenantMigration } from '../types';

const now = sql`now()`;
const uuid = sql`gen_random_uuid()`;

export const developmentMigration: TenantMigration['up'] = async (trx, schema) => {
  const s = trx.schema.withSchema(schema);

  // Sub-blocks a district assigns to its 团委 (carved from the city's blocks for the tenant).
  await s
    .createTable('number_blocks')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(uuid))
    .addColumn('org_id', 'uuid', (c) => c.notNull().references('organisations.id'))
    .addColumn('city_block_id', 'uuid', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull().check(sql`year between 1922 and 2999`))
    .addColumn('start_seq', 'integer', (c) => c.notNull().check(sql`start_seq between 1 and 999999`))
    .addColumn('end_seq', 'integer', (c) => c.notNull().check(sql`end_seq between 1 and 999999`))
    .addColumn('next_seq', 'integer', (c) => c.notNull())
    .addColumn('created_by', 'uuid')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addCheckConstraint(
      'number_blocks_order',
      sql`start_seq <= end_seq and next_seq between start_seq and end_seq + 1`,
    )
    .execute();
  await sql`alter table ${sql.id(schema, 'number_blocks')} add constraint number_blocks_no_overlap
    exclude using gist (int8range(year::int8 * 1000000 + start_seq, year::int8 * 1000000 + end_seq, '[]') with &&)`.execute(
    trx,
  );
  await s.createIndex('number_blocks_org_idx').on('number_blocks').columns(['org_id', 'year']).execute();

  await s
    .createTable('development_applications')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(uuid))
    .addColumn('org_id', 'uuid', (c) => c.notNull().references('organisations.id'))
    .addColumn('name', 'text', (c) => c.notNull().check(sql`length(btrim(name)) > 0`))
    .addColumn('gender', 'text', (c) => c.notNull().check(sql`gender in ('male', 'female')`))
    .addColumn('birth_date', 'date', (c) => c.notNull())
    .addColumn('ethnicity', 'text')
    .addColumn('unit_name', 'text')
    .addColumn('reason', 'text')
    .addColumn('submitted_by', 'uuid')
    .addColumn('stage', 'text', (c) =>
      c
        .notNull()
        .defaultTo('applied')
        .check(
          sql`stage in ('applied', 'talked', 'activist', 'candidate', 'prechecked', 'introduced', 'voted', 'approved', 'sworn')`,
        ),
    )
    .addColumn('applied_on', 'date', (c) => c.notNull())
    .addColumn('talk_on', 'date')
    .addColumn('activist_on', 'date')
    .addColumn('activist_source', 'text', (c) =>
      c.check(sql`activist_source in ('recommendation', 'pioneer')`),
    )
    .addColumn('activist_notice_on', 'date')
    .addColumn('candidate_on', 'date')
    .addColumn('precheck_on', 'date')
    .addColumn('volunteer_form_on', 'date')
    .addColumn('introducer1_id', 'uuid', (c) => c.references('members.id'))
    .addColumn('introducer2_id', 'uuid', (c) => c.references('members.id'))
    .addColumn('introduced_on', 'date')
    .addColumn('meeting_on', 'date')
    .addColumn('meeting_entitled', 'integer')
    .addColumn('meeting_present', 'integer')
    .addColumn('meeting_yes', 'integer')
    .addColumn('meeting_no', 'integer')
    .addColumn('approved_on', 'date')
    .addColumn('approving_org_id', 'uuid', (c) => c.references('organisations.id'))
    .addColumn('number_block_id', 'uuid', (c) => c.references('number_blocks.id'))
    .addColumn('member_number', 'text', (c) => c.unique().check(sql`member_number ~ '^[0-9]{12}$'`))
    .addColumn('member_id', 'uuid', (c) => c.unique().references('members.id'))
    .addColumn('oath_on', 'date')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    // No member without a number: an approved application has both.
    .addCheckConstraint(
      'development_approved_has_number',
      sql`stage not in ('approved', 'sworn') or (member_number is not null and member_id is not null)`,
    )
    .execute();
  await s
    .createIndex('development_applications_org_idx')
    .on('development_applications')
    .columns(['org_id', 'stage'])
    .execute();
  await s
    .createIndex('development_applications_submitter_idx')
    .on('development_applications')
    .column('submitted_by')
    .execute();

  await s
    .createTable('development_lessons')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(uuid))
    .addColumn('application_id', 'uuid', (c) => c.notNull().references('development_applications.id'))
    .addColumn('held_on', 'date', (c) => c.notNull())
    .addColumn('minutes', 'integer', (c) => c.notNull().check(sql`minutes between 1 and 1440`))
    .addColumn('topic', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .execute();
  await s
    .createIndex('development_lessons_app_idx')
    .on('development_lessons')
    .column('application_id')
    .execute();

  // MEM-6 两制
  await s
    .createTable('evaluation_rounds')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(uuid))
    .addColumn('org_id', 'uuid', (c) => c.notNull().references('organisations.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('held_on', 'date', (c) => c.notNull())
    .addColumn('entitled', 'integer', (c) => c.notNull().check(sql`entitled >= 0`))
    .addColumn('present', 'integer', (c) => c.notNull().check(sql`present >= 0`))
    .addColumn('created_by', 'uuid')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .execute();
  await s
    .createIndex('evaluation_rounds_org_idx')
    .on('evaluation_rounds')
    .columns(['org_id', 'year'])
    .execute();

  await s
    .createTable('evaluation_grades')
    .addColumn('round_id', 'uuid', (c) => c.notNull().references('evaluation_rounds.id'))
    .addColumn('member_id', 'uuid', (c) => c.notNull().references('members.id'))
    .addColumn('grade', 'text', (c) =>
      c.notNull().check(sql`grade in ('excellent', 'qualified', 'basically_qualified', 'unqualified')`),
    )
    .addColumn('note', 'text')
    .addPrimaryKeyConstraint('evaluation_grades_pk', ['round_id', 'member_id'])
    .execute();

  await s
    .createTable('registrations')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(uuid))
    .addColumn('member_id', 'uuid', (c) => c.notNull().references('members.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status in ('registered', 'not_registered', 'deferred')`),
    )
    .addColumn('grade', 'text')
    .addColumn('decided_on', 'date', (c) => c.notNull())
    .addColumn('reassess_from', 'date')
    .addColumn('reassess_to', 'date')
    .addColumn('reassessed_on', 'date')
    .addColumn('reassess_grade', 'text')
    .addColumn('reason', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addUniqueConstraint('registrations_member_year', ['member_id', 'year'])
    .execute();
};
