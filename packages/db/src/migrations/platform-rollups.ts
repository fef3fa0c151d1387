/**
 * LIFT-1 rollups: figures per organisation and year (`platform.org_rollups`) and per tenant and year
 * (`platform.tenant_rollups`), computed by the server inside each district tenant and written only by
 * the platform handle (the owner). Never personal data: no names of people, no member ids.
 *
 * Readers that are tenant roles (under their own `SET LOCAL ROLE`):
 * - a committee tenant role reads the `org_rollups` rows whose sector belongs to its committee
 *   (rule data `committee.sectors`, the version in force today; `platform.rollup_visible`, security
 *   definer over the registry and the rules);
 * - a district tenant role reads its own tenant's rows only; nothing of other tenants.
 * No tenant role may write them (SELECT only).
 */
import { sql } from 'kysely';
import { tenantBaseRoleName } from '../identifiers';
import type { PlatformMigration } from './types';

export const up: PlatformMigration['up'] = async (trx) => {
  const s = trx.schema.withSchema('platform');
  await s
    .createTable('org_rollups')
    .addColumn('tenant_id', 'uuid', (c) => c.notNull().references('tenants.id'))
    // The organisation lives in the tenant's schema: no cross-schema foreign key.
    .addColumn('org_id', 'uuid', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull().check(sql`year between 2000 and 2100`))
    .addColumn('org_name', 'text', (c) => c.notNull())
    .addColumn('org_kind', 'text', (c) => c.notNull())
    .addColumn('sector', 'text')
    .addColumn('parent_org_id', 'uuid')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('member_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('metrics', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('computed_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('org_rollups_pk', ['tenant_id', 'org_id', 'year'])
    .execute();
  await sql`create index org_rollups_year_sector_idx on platform.org_rollups (year, sector)`.execute(trx);

  await s
    .createTable('tenant_rollups')
    .addColumn('tenant_id', 'uuid', (c) => c.notNull().references('tenants.id'))
    .addColumn('year', 'integer', (c) => c.notNull().check(sql`year between 2000 and 2100`))
    .addColumn('metrics', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('computed_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('tenant_rollups_pk', ['tenant_id', 'year'])
    .execute();

  // (security definer: `current_user` inside is the owner, so the policy passes the acting role.)
  // Whether the acting tenant role may read a rollup row of this sector / organisation name:
  // a committee role by rule data `committee.sectors` (version in force today).
  await sql`create function platform.rollup_visible(row_sector text, row_org_name text, role_name text) returns boolean
    language sql stable security definer set search_path = pg_catalog, pg_temp
    as $$
      with t as (
        select code from platform.tenants where db_role = role_name and kind = 'committee'
      ), r as (
        select value from platform.rules where key = 'committee.sectors' and effective_from <= current_date
        order by effective_from desc, version desc limit 1
      ), c as (
        select r.value -> 'committees' -> t.code as entry, r.value -> 'ruralTownship' as rt from r, t
      )
      select coalesce((
        select case
          when row_sector is null then false
          when coalesce((c.entry ->> 'all')::boolean, false) then true
          when row_sector = (c.rt ->> 'sector') and (c.entry ->> 'township') is not null then
            case c.entry ->> 'township'
              when 'rural' then row_org_name ~ (c.rt ->> 'ruralNamePattern')
              when 'urban' then row_org_name !~ (c.rt ->> 'ruralNamePattern')
              else true
            end
          else (c.entry -> 'sectors') ? row_sector
        end from c), false)
    $$`.execute(trx);

  await sql`alter table platform.org_rollups enable row level security`.execute(trx);
  await sql`create policy org_rollups_read on platform.org_rollups for select
    using (tenant_id = platform.tenant_id_of_role(current_user::text) or platform.rollup_visible(sector, org_name, current_user::text))`.execute(
    trx,
  );
  await sql`alter table platform.tenant_rollups enable row level security`.execute(trx);
  await sql`create policy tenant_rollups_read on platform.tenant_rollups for select
    using (tenant_id = platform.tenant_id_of_role(current_user::text))`.execute(trx);

  const { rows } = await sql<{
    value: string;
  }>`select value from platform.settings where key = 'role_prefix'`.execute(trx);
  const prefix = rows[0]?.value;
  if (!prefix) throw new Error('role_prefix missing');
  const base = sql.id(tenantBaseRoleName(prefix));
  await sql`grant select on platform.org_rollups to ${base}`.execute(trx);
  await sql`grant select on platform.tenant_rollups to ${base}`.execute(trx);
  await sql`revoke all on function platform.rollup_visible(text, text, text) from public`.execute(trx);
  await sql`grant execute on function platform.rollup_visible(text, text, text) to ${base}`.execute(trx);
};
