/**
 * Platform migrations (schema `platform`). Tracked by name in `platform.migrations`.
 */
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { assertRolePrefix, tenantBaseRoleName } from '../identifiers';
import { up as assessmentUp } from './platform-assessment';
import { up as committeeDirectoryUp } from './platform-committee-directory';
import { up as handbookUp } from './platform-handbook';
import { up as inspectionsUp } from './platform-inspections';
import { up as instructorsUp } from './platform-instructors';
import { up as lecturesUp } from './platform-lectures';
import { up as numberBlocksUp } from './platform-number-blocks';
import { up as researchUp } from './platform-research';
import { up as rollupsUp } from './platform-rollups';
import { up as transfersUp } from './platform-transfers';
import { assertMigrationList, type PlatformMigration } from './types';

const now = sql`now()`;
const uuid = sql`gen_random_uuid()`;

export const platformMigrations: readonly PlatformMigration[] = [
  {
    version: 1,
    name: '0001_init',
    async up(trx) {
      const s = trx.schema.withSchema('platform');

      await s
        .createTable('settings')
        .ifNotExists()
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('value', 'text', (c) => c.notNull())
        .execute();

      await s
        .createTable('tenants')
        .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(uuid))
        .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('city', 'district', 'committee')`))
        .addColumn('code', 'text', (c) => c.notNull().unique().check(sql`code ~ '^[a-z][a-z0-9_]{1,30}$'`))
        .addColumn('name', 'text', (c) => c.notNull().check(sql`length(btrim(name)) > 0`))
        .addColumn('schema_name', 'text', (c) => c.unique())
        .addColumn('db_role', 'text', (c) => c.unique())
        .addColumn('status', 'text', (c) =>
          c.notNull().defaultTo('provisioning').check(sql`status in ('provisioning', 'active', 'suspended')`),
        )
        .addColumn('schema_version', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
        .addCheckConstraint(
          'tenants_schema_by_kind',
          sql`(kind = 'city' and schema_name is null and db_role is null)
            or (kind <> 'city' and schema_name = 't_' || code and db_role is not null)`,
        )
        .execute();

      await s
        .createTable('users')
        .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(uuid))
        .addColumn('username', 'text', (c) =>
          c.notNull().unique().check(sql`username = lower(username) and length(username) between 2 and 64`),
        )
        .addColumn('display_name', 'text', (c) => c.notNull())
        .addColumn('password_hash', 'text', (c) => c.notNull())
        .addColumn('must_change_password', 'boolean', (c) => c.notNull().defaultTo(false))
        .addColumn('status', 'text', (c) =>
          c.notNull().defaultTo('active').check(sql`status in ('active', 'disabled')`),
        )
        .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
        .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
        .execute();

      await s
        .createTable('grants')
        .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(uuid))
        .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('tenant_id', 'uuid', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
        .addColumn('role', 'text', (c) =>
          c
            .notNull()
            .check(
              sql`role in ('city_admin', 'inspector', 'district_admin', 'org_secretary', 'member', 'committee_chair', 'committee_member')`,
            ),
        )
        // Organisation / member ids live in the tenant schema: no cross-schema foreign key (Citus).
        .addColumn('scope_org_id', 'uuid')
        .addColumn('member_id', 'uuid')
        .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
        .execute();
      await sql`create unique index grants_unique on ${sql.id('platform', 'grants')}
        (user_id, tenant_id, role, coalesce(scope_org_id, '00000000-0000-0000-0000-000000000000'::uuid))`.execute(
        trx,
      );
      await s.createIndex('grants_tenant_idx').on('grants').column('tenant_id').execute();

      await s
        .createTable('sessions')
        .addColumn('id', 'text', (c) => c.primaryKey().check(sql`id ~ '^[0-9a-f]{64}$'`))
        .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('grant_id', 'uuid', (c) => c.references('grants.id').onDelete('set null'))
        .addColumn('client', 'text', (c) => c.notNull().check(sql`client in ('admin', 'miniprogram')`))
        .addColumn('ip', 'text')
        .addColumn('user_agent', 'text')
        .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
        .addColumn('last_seen_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
        .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
        .addColumn('revoked_at', 'timestamptz')
        .execute();
      await s.createIndex('sessions_user_idx').on('sessions').column('user_id').execute();

      // Append-only; no foreign keys so entries outlive the rows they mention.
      await s
        .createTable('audit_log')
        .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(uuid))
        .addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(now))
        .addColumn('user_id', 'uuid')
        .addColumn('tenant_id', 'uuid')
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('target_type', 'text')
        .addColumn('target_id', 'text')
        .addColumn('detail', 'jsonb')
        .addColumn('ip', 'text')
        .execute();
      await s.createIndex('audit_log_at_idx').on('audit_log').column('at').execute();
      await s.createIndex('audit_log_tenant_at_idx').on('audit_log').columns(['tenant_id', 'at']).execute();
      await s.createIndex('audit_log_user_at_idx').on('audit_log').columns(['user_id', 'at']).execute();

      await s
        .createTable('rules')
        .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(uuid))
        .addColumn('key', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull().check(sql`version >= 1`))
        .addColumn('effective_from', 'date', (c) => c.notNull())
        .addColumn('value', 'jsonb', (c) => c.notNull())
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('note', 'text')
        .addColumn('created_by', 'uuid', (c) => c.references('users.id').onDelete('set null'))
        .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
        .addUniqueConstraint('rules_key_version', ['key', 'version'])
        .execute();

      // Role prefix: roles are cluster-global, so every database gets its own random prefix.
      // The runner checks pg_roles so the prefix is not in use by another database.
      const prefix = await freshRolePrefix(trx);
      await trx.insertInto('platform.settings').values({ key: 'role_prefix', value: prefix }).execute();

      // The group role of all tenant roles: what a tenant may touch outside its own schema.
      const base = tenantBaseRoleName(prefix);
      await sql`create role ${sql.id(base)} nologin`.execute(trx);
      await sql`grant usage on schema platform to ${sql.id(base)}`.execute(trx);
      await sql`grant insert on ${sql.id('platform', 'audit_log')} to ${sql.id(base)}`.execute(trx);
      await sql`grant select on ${sql.id('platform', 'rules')} to ${sql.id(base)}`.execute(trx);
    },
  },
  {
    version: 2,
    name: '0002_transfers',
    up: transfersUp,
  },
  {
    version: 3,
    name: '0003_number_blocks',
    up: numberBlocksUp,
  },
  {
    version: 4,
    name: '0004_lectures',
    up: lecturesUp,
  },
  {
    version: 5,
    name: '0005_rollups',
    up: rollupsUp,
  },
  {
    version: 6,
    name: '0006_handbook',
    up: handbookUp,
  },
  {
    version: 7,
    name: '0007_inspections',
    up: inspectionsUp,
  },
  {
    version: 8,
    name: '0008_assessment',
    up: assessmentUp,
  },
  {
    version: 9,
    name: '0009_research',
    up: researchUp,
  },
  {
    version: 10,
    name: '0010_committee_directory',
    up: committeeDirectoryUp,
  },
  {
    version: 11,
    name: '0011_instructors',
    up: instructorsUp,
  },
];

assertMigrationList('platform', platformMigrations);

async function freshRolePrefix(trx: Parameters<PlatformMigration['up']>[0]): Promise<string> {
  for (let i = 0; i < 20; i++) {
    const prefix = assertRolePrefix(`tj${randomBytes(3).toString('hex')}_`);
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from pg_roles
      where starts_with(rolname, ${prefix})`.execute(trx);
    if ((rows[0]?.n ?? 0) === 0) return prefix;
  }
  throw new Error('无法生成未被占用的数据库角色前缀');
}
