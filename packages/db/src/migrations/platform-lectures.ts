/**
 * LIFE-3 五四讲堂: the city's lectures and the sign-ups of members of every district tenant.
 *
 * Both tables live in `platform` (the city has no schema). The tenant roles reach them under
 * their own `SET LOCAL ROLE`, and the database itself keeps them apart:
 * - `lectures`: SELECT on every column except `check_in_code`, and row-level security shows them
 *   only lectures that are not drafts. The code is checked by `lecture_check_in_code_ok` (security
 *   definer) and never readable by a tenant role.
 * - `lecture_signups`: SELECT / INSERT, UPDATE of (status, cancelled_at, checked_in_at) only, and
 *   row-level security keyed by the acting role: a tenant role sees and writes only rows whose
 *   `tenant_id` is its own tenant (`tenant_id_of_role(current_user)`, security definer over the
 *   registry). The platform owner (the city, migrations) is not subject to it.
 * - Seats: `lectures.booked_count` is kept by a trigger (security definer) in the same statement
 *   as the sign-up: `update … set booked_count = booked_count + 1 where booked_count < capacity
 *   and status = 'published'` — the row lock serialises concurrent sign-ups, and the check
 *   `booked_count <= capacity` is the backstop. A refused seat raises `lecture_full`; a lecture
 *   that is not published raises `lecture_closed`.
 */
import { sql } from 'kysely';
import { tenantBaseRoleName } from '../identifiers';
import type { PlatformMigration } from './types';

export const up: PlatformMigration['up'] = async (trx) => {
  const s = trx.schema.withSchema('platform');
  await s
    .createTable('lectures')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('month', 'text', (c) => c.notNull().check(sql`month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'`))
    .addColumn('format', 'text', (c) =>
      c
        .notNull()
        .check(sql`format in ('guest_lecture', 'ideology_class', 'youth_forum', 'mobile_classroom')`),
    )
    .addColumn('theme', 'text', (c) => c.notNull().check(sql`length(btrim(theme)) > 0`))
    .addColumn('speaker', 'text', (c) => c.notNull())
    .addColumn('speaker_title', 'text')
    .addColumn('venue_kind', 'text', (c) =>
      c
        .notNull()
        .check(sql`venue_kind in ('youth_home', 'youth_reading_bar', 'reader_hut', 'rural_visit', 'other')`),
    )
    .addColumn('venue', 'text', (c) => c.notNull())
    .addColumn('starts_at', 'timestamptz', (c) => c.notNull())
    .addColumn('ends_at', 'timestamptz', (c) => c.notNull())
    .addColumn('capacity', 'integer', (c) => c.notNull().check(sql`capacity > 0`))
    .addColumn('booked_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('status', 'text', (c) =>
      c.notNull().defaultTo('draft').check(sql`status in ('draft', 'published', 'cancelled', 'finished')`),
    )
    .addColumn('check_in_code', 'text', (c) => c.notNull().check(sql`check_in_code ~ '^[0-9]{6}$'`))
    .addColumn('created_by', 'uuid')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('lectures_times', sql`ends_at > starts_at`)
    .addCheckConstraint('lectures_seats', sql`booked_count >= 0 and booked_count <= capacity`)
    .execute();
  await sql`create index lectures_starts_idx on platform.lectures (starts_at)`.execute(trx);

  await s
    .createTable('lecture_signups')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('lecture_id', 'uuid', (c) => c.notNull().references('lectures.id'))
    .addColumn('tenant_id', 'uuid', (c) => c.notNull().references('tenants.id'))
    // Member and organisation ids live in the tenant's schema: no cross-schema foreign key.
    .addColumn('member_id', 'uuid', (c) => c.notNull())
    .addColumn('org_id', 'uuid', (c) => c.notNull())
    .addColumn('org_name', 'text', (c) => c.notNull())
    .addColumn('member_name', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c.notNull().defaultTo('booked').check(sql`status in ('booked', 'cancelled', 'attended')`),
    )
    .addColumn('booked_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('cancelled_at', 'timestamptz')
    .addColumn('checked_in_at', 'timestamptz')
    .addCheckConstraint(
      'lecture_signups_status_times',
      sql`(status = 'cancelled') = (cancelled_at is not null) and (status = 'attended') = (checked_in_at is not null)`,
    )
    .execute();
  // One active booking per member and lecture; cancelled rows stay as history.
  await sql`create unique index lecture_signups_active_uq on platform.lecture_signups (lecture_id, tenant_id, member_id)
    where status <> 'cancelled'`.execute(trx);
  await sql`create index lecture_signups_tenant_idx on platform.lecture_signups (tenant_id, lecture_id)`.execute(
    trx,
  );

  // The registry row of a tenant role (for row-level security; runs as the owner).
  await sql`create function platform.tenant_id_of_role(role_name text) returns uuid
    language sql stable security definer set search_path = pg_catalog, pg_temp
    as $$ select id from platform.tenants where db_role = role_name $$`.execute(trx);

  await sql`create function platform.lecture_check_in_code_ok(lecture uuid, code text) returns boolean
    language sql stable security definer set search_path = pg_catalog, pg_temp
    as $$ select coalesce((select l.check_in_code = code from platform.lectures l
      where l.id = lecture and l.status in ('published', 'finished')), false) $$`.execute(trx);

  await sql`create function platform.lecture_signups_seats() returns trigger
    language plpgsql security definer set search_path = pg_catalog, pg_temp
    as $$
    declare
      delta integer := 0;
    begin
      if tg_op = 'INSERT' then
        if new.status <> 'booked' then
          raise exception 'lecture_invalid_transition';
        end if;
        delta := 1;
      else
        if old.lecture_id <> new.lecture_id or old.tenant_id <> new.tenant_id or old.member_id <> new.member_id then
          raise exception 'lecture_invalid_transition';
        end if;
        if old.status = new.status then
          return null;
        elsif old.status = 'booked' and new.status = 'cancelled' then
          delta := -1;
        elsif old.status = 'booked' and new.status = 'attended' then
          delta := 0;
        else
          raise exception 'lecture_invalid_transition';
        end if;
      end if;
      if delta > 0 then
        update platform.lectures set booked_count = booked_count + 1
          where id = new.lecture_id and status = 'published' and booked_count < capacity;
        if not found then
          if exists (select 1 from platform.lectures where id = new.lecture_id and status = 'published') then
            raise exception 'lecture_full';
          end if;
          raise exception 'lecture_closed';
        end if;
      elsif delta < 0 then
        update platform.lectures set booked_count = booked_count - 1 where id = new.lecture_id;
      end if;
      return null;
    end $$`.execute(trx);
  await sql`create trigger lecture_signups_seats after insert or update on platform.lecture_signups
    for each row execute function platform.lecture_signups_seats()`.execute(trx);

  // Row-level security: applies to every role but the owner (the platform handle).
  await sql`alter table platform.lectures enable row level security`.execute(trx);
  await sql`create policy lectures_visible on platform.lectures for select using (status <> 'draft')`.execute(
    trx,
  );
  await sql`alter table platform.lecture_signups enable row level security`.execute(trx);
  await sql`create policy lecture_signups_own_tenant on platform.lecture_signups
    using (tenant_id = platform.tenant_id_of_role(current_user::text))
    with check (tenant_id = platform.tenant_id_of_role(current_user::text))`.execute(trx);

  const { rows } = await sql<{
    value: string;
  }>`select value from platform.settings where key = 'role_prefix'`.execute(trx);
  const prefix = rows[0]?.value;
  if (!prefix) throw new Error('role_prefix missing');
  const base = sql.id(tenantBaseRoleName(prefix));
  await sql`grant select (id, month, format, theme, speaker, speaker_title, venue_kind, venue, starts_at,
    ends_at, capacity, booked_count, status, created_at, updated_at) on platform.lectures to ${base}`.execute(
    trx,
  );
  await sql`grant select, insert on platform.lecture_signups to ${base}`.execute(trx);
  await sql`grant update (status, cancelled_at, checked_in_at) on platform.lecture_signups to ${base}`.execute(
    trx,
  );
  await sql`revoke all on function platform.tenant_id_of_role(text) from public`.execute(trx);
  await sql`revoke all on function platform.lecture_check_in_code_ok(uuid, text) from public`.execute(trx);
  await sql`grant execute on function platform.tenant_id_of_role(text) to ${base}`.execute(trx);
  await sql`grant execute on function platform.lecture_check_in_code_ok(uuid, text) to ${base}`.execute(trx);
};
