/**
 * MEM-3 团费 and MEM-5 推优入党 (tenant side).
 *
 * Members get a dues category (学生 / 无业 / 领取救济 / 工薪), a declared monthly after-tax pay in 分
 * (wage earners) and the date of their party application. A payment (`dues_payments`) covers one or
 * more months (`dues_payment_months`, one row per member and month: a month is never paid twice).
 * Lapse decisions (自行脱团) are recorded actions; the candidate list is computed.
 * 推优入党: recommendations with their stage and every step's data, a timeline, and party admissions
 * (for the KPI of new party members ≤ 28 who came through 推优).
 */
import { type Kysely, sql } from 'kysely';
import type { PlatformDatabase } from '../../schema';

const now = sql`now()`;
const uuid = sql`gen_random_uuid()`;

export async function up(trx: Kysely<PlatformDatabase>, schema: string): Promise<void> {
  const s = trx.schema.withSchema(schema);
  await s
    .alterTable('members')
    .addColumn('dues_category', 'text', (c) =>
      c.notNull().defaultTo('wage').check(sql`dues_category in ('student', 'unemployed', 'relief', 'wage')`),
    )
    .addColumn('declared_pay_fen', 'integer', (c) => c.check(sql`declared_pay_fen >= 0`))
    .addColumn('party_application_date', 'date')
    .execute();
  // Existing students pay the student rate; everyone else is a wage earner until declared otherwise.
  await sql`update ${sql.id(schema, 'members')} set dues_category = 'student' where occupation_category = '学生'`.execute(
    trx,
  );

  await s
    .createTable('dues_payments')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(uuid))
    .addColumn('member_id', 'uuid', (c) => c.notNull().references('members.id'))
    /** the branch the member belonged to when paying */
    .addColumn('org_id', 'uuid', (c) => c.notNull().references('organisations.id'))
    .addColumn('amount_fen', 'integer', (c) => c.notNull().check(sql`amount_fen >= 0`))
    .addColumn('paid_on', 'date', (c) => c.notNull())
    .addColumn('method', 'text', (c) => c.notNull().check(sql`method in ('cash', 'wechat', 'transfer')`))
    .addColumn('collected_by', 'uuid') // platform.users id (no cross-schema FK)
    .addColumn('collected_by_name', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .execute();
  await s.createIndex('dues_payments_member_idx').on('dues_payments').column('member_id').execute();
  await s.createIndex('dues_payments_org_idx').on('dues_payments').columns(['org_id', 'paid_on']).execute();

  await s
    .createTable('dues_payment_months')
    .addColumn('member_id', 'uuid', (c) => c.notNull().references('members.id'))
    .addColumn('month', 'text', (c) => c.notNull().check(sql`month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'`))
    .addColumn('payment_id', 'uuid', (c) => c.notNull().references('dues_payments.id'))
    .addColumn('amount_fen', 'integer', (c) => c.notNull().check(sql`amount_fen >= 0`))
    .addPrimaryKeyConstraint('dues_payment_months_pk', ['member_id', 'month'])
    .execute();
  await s.createIndex('dues_payment_months_month_idx').on('dues_payment_months').column('month').execute();

  await s
    .createTable('lapse_decisions')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(uuid))
    .addColumn('member_id', 'uuid', (c) => c.notNull().references('members.id'))
    .addColumn('org_id', 'uuid', (c) => c.notNull().references('organisations.id'))
    .addColumn('decision', 'text', (c) => c.notNull().check(sql`decision in ('lapsed', 'retained')`))
    .addColumn('meeting_date', 'date', (c) => c.notNull())
    .addColumn('unpaid_months', 'integer', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('recorded_by', 'uuid')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .execute();
  await s.createIndex('lapse_decisions_member_idx').on('lapse_decisions').column('member_id').execute();

  await s
    .createTable('party_recommendations')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(uuid))
    .addColumn('member_id', 'uuid', (c) => c.notNull().references('members.id'))
    .addColumn('org_id', 'uuid', (c) => c.notNull().references('organisations.id'))
    .addColumn('stage', 'text', (c) =>
      c
        .notNull()
        .check(
          sql`stage in ('nominated', 'voted', 'reviewed', 'publicized', 'approved', 'sent', 'rejected')`,
        ),
    )
    .addColumn('party_application_date', 'date', (c) => c.notNull())
    .addColumn('nominated_on', 'date', (c) => c.notNull())
    .addColumn('nomination_note', 'text')
    .addColumn('vote_on', 'date')
    .addColumn('entitled', 'integer')
    .addColumn('present', 'integer')
    .addColumn('yes_votes', 'integer')
    .addColumn('reviewed_on', 'date')
    .addColumn('review_note', 'text')
    .addColumn('publicity_from', 'date')
    .addColumn('publicity_to', 'date')
    .addColumn('approved_on', 'date')
    .addColumn('approved_by', 'text')
    .addColumn('valid_until', 'date')
    .addColumn('sent_on', 'date')
    .addColumn('party_org_name', 'text')
    .addColumn('rejected_reason', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .execute();
  // One open recommendation per member.
  await sql`create unique index party_recommendations_open on ${sql.id(schema, 'party_recommendations')} (member_id)
    where stage not in ('sent', 'rejected')`.execute(trx);

  await s
    .createTable('recommendation_events')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(uuid))
    .addColumn('recommendation_id', 'uuid', (c) => c.notNull().references('party_recommendations.id'))
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('on_date', 'date', (c) => c.notNull())
    .addColumn('detail', 'text', (c) => c.notNull())
    .addColumn('user_id', 'uuid')
    .addColumn('user_name', 'text')
    .addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .execute();
  await s
    .createIndex('recommendation_events_rec_idx')
    .on('recommendation_events')
    .columns(['recommendation_id', 'at'])
    .execute();

  await s
    .createTable('party_admissions')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(uuid))
    .addColumn('member_id', 'uuid', (c) => c.notNull().unique().references('members.id'))
    .addColumn('joined_on', 'date', (c) => c.notNull())
    .addColumn('age_at_joining', 'integer', (c) => c.notNull())
    .addColumn('recommendation_id', 'uuid', (c) => c.references('party_recommendations.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .execute();
}
