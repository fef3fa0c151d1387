/**
 * ORG-7 基层团建指导员 (grassroots instructors): the city's registry and its links to branches of
 * every district tenant. All four tables live in `platform` (the city has no schema).
 *
 * - `instructors`: name, unit, phone (sealed + masked, like members' phones), the login account
 *   (`user_id`, a grant `instructor` in the city tenant). City only: tenant roles get no grant.
 * - `instructor_trainings`: date, course, hours (one decimal). City only.
 * - `instructor_assignments`: an instructor ↔ a branch of a tenant, from `starts_on` until `ends_on`
 *   (null = current). One current instructor per branch (partial unique index); ended rows stay as
 *   history. `instructor_name` is copied so a tenant role never reads `instructors`.
 * - `instructor_visits`: a visit to an assigned branch: date, findings, the checklist grades given
 *   (上级点), and where it went: `health_check_id` / `applied_at` once it became a 上级点 input of the
 *   branch's health check of the visit's year (null = 待计入).
 *
 * Tenant roles: SELECT on assignments and visits, and UPDATE of (health_check_id, applied_at) on
 * visits, under row-level security keyed by the acting role (`tenant_id_of_role(current_user)`): a
 * district sees only rows about its own branches. The platform owner (the city) is not subject to it.
 */
import { sql } from 'kysely';
import { tenantBaseRoleName } from '../identifiers';
import type { PlatformMigration } from './types';

export const up: PlatformMigration['up'] = async (trx) => {
  // the login role of an instructor (city tenant)
  await sql`alter table platform.grants drop constraint grants_role_check`.execute(trx);
  await sql`alter table platform.grants add constraint grants_role_check check (role in ('city_admin',
    'inspector', 'instructor', 'district_admin', 'org_secretary', 'member', 'committee_chair',
    'committee_member'))`.execute(trx);
  const s = trx.schema.withSchema('platform');
  await s
    .createTable('instructors')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('name', 'text', (c) => c.notNull().check(sql`length(btrim(name)) between 1 and 50`))
    .addColumn('unit', 'text', (c) => c.notNull().check(sql`length(btrim(unit)) between 1 and 100`))
    .addColumn('phone_sealed', 'text')
    .addColumn('phone_masked', 'text')
    .addColumn('user_id', 'uuid', (c) => c.references('users.id').unique())
    .addColumn('status', 'text', (c) =>
      c.notNull().defaultTo('active').check(sql`status in ('active', 'retired')`),
    )
    .addColumn('created_by', 'uuid')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('instructors_phone_pair', sql`(phone_sealed is null) = (phone_masked is null)`)
    .execute();

  await s
    .createTable('instructor_trainings')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('instructor_id', 'uuid', (c) => c.notNull().references('instructors.id').onDelete('cascade'))
    .addColumn('trained_on', 'date', (c) => c.notNull())
    .addColumn('course', 'text', (c) => c.notNull().check(sql`length(btrim(course)) between 1 and 100`))
    .addColumn('hours', sql`numeric(5,1)`, (c) => c.notNull().check(sql`hours > 0 and hours <= 500`))
    .addColumn('created_by', 'uuid')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await sql`create index instructor_trainings_idx on platform.instructor_trainings (instructor_id, trained_on)`.execute(
    trx,
  );

  await s
    .createTable('instructor_assignments')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('instructor_id', 'uuid', (c) => c.notNull().references('instructors.id'))
    .addColumn('instructor_name', 'text', (c) => c.notNull())
    .addColumn('tenant_id', 'uuid', (c) => c.notNull().references('tenants.id'))
    // an organisation of the tenant's schema (no cross-schema foreign key)
    .addColumn('org_id', 'uuid', (c) => c.notNull())
    .addColumn('org_name', 'text', (c) => c.notNull())
    .addColumn('sector', 'text')
    .addColumn('starts_on', 'date', (c) => c.notNull())
    .addColumn('ends_on', 'date')
    .addColumn('assigned_by', 'uuid')
    .addColumn('ended_by', 'uuid')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('instructor_assignments_dates', sql`ends_on is null or ends_on >= starts_on`)
    .execute();
  // a branch has at most one current instructor; an instructor may have many branches
  await sql`create unique index instructor_assignments_current_uq on platform.instructor_assignments
    (tenant_id, org_id) where ends_on is null`.execute(trx);
  await sql`create index instructor_assignments_instructor_idx on platform.instructor_assignments
    (instructor_id, ends_on)`.execute(trx);

  await s
    .createTable('instructor_visits')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('instructor_id', 'uuid', (c) => c.notNull().references('instructors.id'))
    .addColumn('instructor_name', 'text', (c) => c.notNull())
    .addColumn('assignment_id', 'uuid', (c) => c.notNull().references('instructor_assignments.id'))
    .addColumn('tenant_id', 'uuid', (c) => c.notNull().references('tenants.id'))
    .addColumn('org_id', 'uuid', (c) => c.notNull())
    .addColumn('org_name', 'text', (c) => c.notNull())
    .addColumn('visited_on', 'date', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull().check(sql`year between 2000 and 2100`))
    .addColumn('findings', 'text', (c) => c.notNull().check(sql`length(btrim(findings)) between 1 and 2000`))
    /** item key → grade key of rule `rectification.checklist` (the 上级点 part of the visit) */
    .addColumn('grades', 'jsonb', (c) => c.notNull())
    .addColumn('health_check_id', 'uuid')
    .addColumn('applied_at', 'timestamptz')
    .addColumn('recorded_by', 'uuid')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint(
      'instructor_visits_applied_pair',
      sql`(health_check_id is null) = (applied_at is null)`,
    )
    .execute();
  await sql`create index instructor_visits_tenant_idx on platform.instructor_visits (tenant_id, org_id, year)`.execute(
    trx,
  );
  await sql`create index instructor_visits_instructor_idx on platform.instructor_visits (instructor_id, visited_on)`.execute(
    trx,
  );

  for (const t of ['instructor_assignments', 'instructor_visits']) {
    await sql`alter table ${sql.raw(`platform.${t}`)} enable row level security`.execute(trx);
    await sql`create policy ${sql.raw(`${t}_own_tenant`)} on ${sql.raw(`platform.${t}`)}
      using (tenant_id = platform.tenant_id_of_role(current_user::text))
      with check (tenant_id = platform.tenant_id_of_role(current_user::text))`.execute(trx);
  }

  const { rows } = await sql<{
    value: string;
  }>`select value from platform.settings where key = 'role_prefix'`.execute(trx);
  const prefix = rows[0]?.value;
  if (!prefix) throw new Error('role_prefix missing');
  const base = sql.id(tenantBaseRoleName(prefix));
  await sql`grant select on platform.instructor_assignments to ${base}`.execute(trx);
  await sql`grant select, update (health_check_id, applied_at) on platform.instructor_visits to ${base}`.execute(
    trx,
  );
};
