/**
 * SUP-3 年终考核评估 and SUP-4 每月述职: the city's instruments over the district tenants. All tables
 * live in `platform` (the city owns them; it works on the platform handle). Tenant roles reach them
 * under their own `SET LOCAL ROLE` with minimal grants and row-level security keyed by the acting
 * role (`platform.tenant_id_of_role(current_user)`, from the lectures migration):
 * - `assessment_units`: the assessed units = the district tenants (one row per tenant, with the
 *   party committee a 建议调整函 is addressed to). Tenant: SELECT its own row.
 * - `assessment_rounds`: one per year; items (JSON), status draft → published. Tenant: SELECT
 *   published rounds only.
 * - `assessment_scores`: item scores and total (tenths of a point), rank and place from the bottom
 *   (stored at publication). Tenant: SELECT its own row of published rounds only.
 * - `assessment_actions`: derived at publication (提醒约谈 / 告诫约谈 / 建议调整函) with the 约谈
 *   record and the letter's number. Tenant: SELECT its own rows.
 * - `hearing_sessions` (one per month), `hearing_speakers` (5–8 organisations of the tenants, the
 *   city's comments, the report's due date). Tenant: SELECT its own speakers and the sessions it
 *   has a speaker in.
 * - `hearing_reports` (整改报告, one per speaker) and `hearing_tasks`. Tenant: SELECT / INSERT its
 *   own rows; UPDATE of a task's (done_on, done_note) only.
 */
import { sql } from 'kysely';
import { tenantBaseRoleName } from '../identifiers';
import type { PlatformMigration } from './types';

const uuid = sql`gen_random_uuid()`;
const now = sql`now()`;
const ownTenant = sql.raw('tenant_id = platform.tenant_id_of_role(current_user::text)');

export const up: PlatformMigration['up'] = async (trx) => {
  const s = trx.schema.withSchema('platform');

  await s
    .createTable('assessment_units')
    .addColumn('tenant_id', 'uuid', (c) => c.primaryKey().references('tenants.id'))
    .addColumn('party_committee', 'text', (c) => c.notNull().check(sql`length(btrim(party_committee)) > 0`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .execute();

  await s
    .createTable('assessment_rounds')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(uuid))
    .addColumn('year', 'integer', (c) => c.notNull().unique().check(sql`year between 2000 and 2100`))
    .addColumn('title', 'text', (c) => c.notNull().check(sql`length(btrim(title)) > 0`))
    .addColumn('items', 'jsonb', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c.notNull().defaultTo('draft').check(sql`status in ('draft', 'published')`),
    )
    .addColumn('rule_version', 'integer')
    .addColumn('unit_count', 'integer')
    .addColumn('published_at', 'timestamptz')
    .addColumn('published_by', 'uuid')
    .addColumn('created_by', 'uuid')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addCheckConstraint(
      'assessment_rounds_published',
      sql`(status = 'published') = (published_at is not null and unit_count is not null)`,
    )
    .execute();

  await s
    .createTable('assessment_scores')
    .addColumn('round_id', 'uuid', (c) => c.notNull().references('assessment_rounds.id').onDelete('cascade'))
    .addColumn('tenant_id', 'uuid', (c) => c.notNull().references('tenants.id'))
    .addColumn('item_scores', 'jsonb', (c) => c.notNull())
    .addColumn('total', 'integer', (c) => c.notNull().check(sql`total >= 0`))
    .addColumn('rank', 'integer')
    .addColumn('bottom_place', 'integer')
    .addColumn('note', 'text')
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addPrimaryKeyConstraint('assessment_scores_pk', ['round_id', 'tenant_id'])
    .execute();

  await s
    .createTable('assessment_actions')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(uuid))
    .addColumn('round_id', 'uuid', (c) => c.notNull().references('assessment_rounds.id').onDelete('cascade'))
    .addColumn('tenant_id', 'uuid', (c) => c.notNull().references('tenants.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('level', 'text', (c) =>
      c.notNull().check(sql`level in ('reminder_talk', 'warning_talk', 'adjustment_letter')`),
    )
    .addColumn('consecutive_years', 'integer', (c) => c.notNull().check(sql`consecutive_years >= 1`))
    .addColumn('rank', 'integer', (c) => c.notNull())
    .addColumn('unit_count', 'integer', (c) => c.notNull())
    .addColumn('talk_on', 'date')
    .addColumn('talk_by', 'text')
    .addColumn('talk_note', 'text')
    .addColumn('letter_no', 'text', (c) => c.unique())
    .addColumn('letter_addressee', 'text')
    .addColumn('letter_issued_on', 'date')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addUniqueConstraint('assessment_actions_round_tenant', ['round_id', 'tenant_id'])
    .addCheckConstraint(
      'assessment_actions_letter',
      sql`(letter_no is null) or (level = 'adjustment_letter' and letter_addressee is not null and letter_issued_on is not null)`,
    )
    .execute();

  await s
    .createTable('hearing_sessions')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(uuid))
    .addColumn('month', 'text', (c) => c.notNull().unique().check(sql`month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'`))
    .addColumn('held_on', 'date', (c) => c.notNull())
    .addColumn('venue', 'text')
    .addColumn('report_due_days', 'integer', (c) => c.notNull().check(sql`report_due_days >= 1`))
    .addColumn('rule_version', 'integer')
    .addColumn('created_by', 'uuid')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .execute();

  await s
    .createTable('hearing_speakers')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(uuid))
    .addColumn('session_id', 'uuid', (c) => c.notNull().references('hearing_sessions.id').onDelete('cascade'))
    .addColumn('tenant_id', 'uuid', (c) => c.notNull().references('tenants.id'))
    // The organisation lives in the tenant's schema: no cross-schema foreign key.
    .addColumn('org_id', 'uuid', (c) => c.notNull())
    .addColumn('org_name', 'text', (c) => c.notNull())
    .addColumn('secretary_name', 'text', (c) => c.notNull().check(sql`length(btrim(secretary_name)) > 0`))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('comments', 'text')
    .addColumn('report_due_on', 'date', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addUniqueConstraint('hearing_speakers_org', ['session_id', 'tenant_id', 'org_id'])
    .execute();
  await sql`create index hearing_speakers_tenant_idx on platform.hearing_speakers (tenant_id)`.execute(trx);

  await s
    .createTable('hearing_reports')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(uuid))
    .addColumn('speaker_id', 'uuid', (c) =>
      c.notNull().unique().references('hearing_speakers.id').onDelete('cascade'),
    )
    .addColumn('tenant_id', 'uuid', (c) => c.notNull().references('tenants.id'))
    .addColumn('summary', 'text', (c) => c.notNull().check(sql`length(btrim(summary)) > 0`))
    .addColumn('submitted_by', 'uuid')
    .addColumn('submitted_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .execute();

  await s
    .createTable('hearing_tasks')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(uuid))
    .addColumn('report_id', 'uuid', (c) => c.notNull().references('hearing_reports.id').onDelete('cascade'))
    .addColumn('tenant_id', 'uuid', (c) => c.notNull().references('tenants.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull().check(sql`length(btrim(title)) > 0`))
    .addColumn('due_on', 'date', (c) => c.notNull())
    .addColumn('done_on', 'date')
    .addColumn('done_note', 'text')
    .execute();
  await sql`create index hearing_tasks_report_idx on platform.hearing_tasks (report_id)`.execute(trx);

  // A speaker's report and tasks belong to the speaker's tenant (a tenant cannot file for another).
  await sql`create function platform.hearing_report_tenant_ok() returns trigger
    language plpgsql security definer set search_path = pg_catalog, pg_temp
    as $$
    begin
      if tg_table_name = 'hearing_reports' then
        if not exists (select 1 from platform.hearing_speakers s where s.id = new.speaker_id and s.tenant_id = new.tenant_id) then
          raise exception 'hearing_wrong_tenant';
        end if;
      else
        if not exists (select 1 from platform.hearing_reports r where r.id = new.report_id and r.tenant_id = new.tenant_id) then
          raise exception 'hearing_wrong_tenant';
        end if;
      end if;
      return new;
    end $$`.execute(trx);
  await sql`create trigger hearing_reports_tenant before insert or update on platform.hearing_reports
    for each row execute function platform.hearing_report_tenant_ok()`.execute(trx);
  await sql`create trigger hearing_tasks_tenant before insert or update on platform.hearing_tasks
    for each row execute function platform.hearing_report_tenant_ok()`.execute(trx);

  // Row-level security (the owner — the platform handle — is not subject to it).
  for (const t of [
    'assessment_units',
    'assessment_actions',
    'hearing_speakers',
    'hearing_reports',
    'hearing_tasks',
  ]) {
    await sql`alter table ${sql.id('platform', t)} enable row level security`.execute(trx);
    await sql`create policy ${sql.id(`${t}_own_tenant`)} on ${sql.id('platform', t)}
      using (${ownTenant}) with check (${ownTenant})`.execute(trx);
  }
  await sql`alter table platform.assessment_rounds enable row level security`.execute(trx);
  await sql`create policy assessment_rounds_published on platform.assessment_rounds for select
    using (status = 'published')`.execute(trx);
  await sql`alter table platform.assessment_scores enable row level security`.execute(trx);
  await sql`create policy assessment_scores_own_published on platform.assessment_scores for select
    using (${ownTenant} and exists (select 1 from platform.assessment_rounds r
      where r.id = assessment_scores.round_id and r.status = 'published'))`.execute(trx);
  await sql`alter table platform.hearing_sessions enable row level security`.execute(trx);
  await sql`create policy hearing_sessions_with_own_speaker on platform.hearing_sessions for select
    using (exists (select 1 from platform.hearing_speakers s where s.session_id = hearing_sessions.id))`.execute(
    trx,
  );

  const { rows } = await sql<{ value: string }>`select value from platform.settings
    where key = 'role_prefix'`.execute(trx);
  const prefix = rows[0]?.value;
  if (!prefix) throw new Error('role_prefix missing');
  const base = sql.id(tenantBaseRoleName(prefix));
  for (const t of [
    'assessment_units',
    'assessment_rounds',
    'assessment_scores',
    'assessment_actions',
    'hearing_sessions',
    'hearing_speakers',
  ]) {
    await sql`grant select on ${sql.id('platform', t)} to ${base}`.execute(trx);
  }
  await sql`grant select, insert on platform.hearing_reports to ${base}`.execute(trx);
  await sql`grant select, insert on platform.hearing_tasks to ${base}`.execute(trx);
  await sql`grant update (done_on, done_note) on platform.hearing_tasks to ${base}`.execute(trx);
  await sql`revoke all on function platform.hearing_report_tenant_ok() from public`.execute(trx);
};
