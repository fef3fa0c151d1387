/**
 * Tenant templates: the ordered migrations of a `district` and a `committee` schema.
 * Applied per schema by the runner (`runner.ts`), tracked in `<schema>._migrations` and mirrored
 * in `platform.tenants.schema_version`. Append only: never edit a released step, add a new one.
 */
import { sql } from 'kysely';
import { up as committeeWork } from './committee/work';
import { up as accountsMigration } from './district/accounts';
import { archiveMigration } from './district/archive';
import { developmentMigration } from './district/development';
import { up as duesMigration } from './district/dues';
import { up as duesPaymentVoidsMigration } from './district/dues-voids';
import { up as filesMigration } from './district/files';
import { up as instructorVisitsMigration } from './district/instructor-visits';
import { up as liftMigration } from './district/lift';
import { up as meetingsMigration } from './district/meetings';
import { orgSystem } from './district/org-system';
import { up as rectificationMigration } from './district/rectification';
import { up as starRatingsMigration } from './district/star-ratings';
import { up as themeDaysMigration } from './district/theme-days';
import { up as transfersMigration } from './district/transfers';
import { up as transfersMaskedIdMigration } from './district/transfers-masked-id';
import { youthUp as youthStudyMigration } from './district/youth-study';
import { assertMigrationList, type TenantMigration, type TenantTemplates } from './types';

const now = sql`now()`;
const uuid = sql`gen_random_uuid()`;

export const districtMigrations: readonly TenantMigration[] = [
  {
    version: 1,
    name: 'organisations_members',
    async up(trx, schema) {
      const s = trx.schema.withSchema(schema);
      await s
        .createTable('organisations')
        .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(uuid))
        .addColumn('parent_id', 'uuid', (c) => c.references('organisations.id'))
        .addColumn('path', 'text', (c) => c.notNull().check(sql`path ~ '^(/[0-9a-f-]{36})+/$'`))
        .addColumn('kind', 'text', (c) =>
          c
            .notNull()
            .check(
              sql`kind in ('league_committee', 'working_committee', 'general_branch', 'branch', 'group')`,
            ),
        )
        .addColumn('name', 'text', (c) => c.notNull().check(sql`length(btrim(name)) > 0`))
        .addColumn('sector', 'text')
        .addColumn('unit_name', 'text')
        .addColumn('address', 'text')
        .addColumn('founded_on', 'date')
        .addColumn('status', 'text', (c) =>
          c.notNull().defaultTo('active').check(sql`status in ('active', 'merged', 'dissolved')`),
        )
        .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
        .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
        .execute();
      await s.createIndex('organisations_parent_idx').on('organisations').column('parent_id').execute();
      // Subtree queries: path LIKE '/root/child/%'.
      await sql`create index organisations_path_idx on ${sql.id(schema, 'organisations')} (path text_pattern_ops)`.execute(
        trx,
      );

      await s
        .createTable('members')
        .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(uuid))
        .addColumn('org_id', 'uuid', (c) => c.notNull().references('organisations.id'))
        .addColumn('name', 'text', (c) => c.notNull().check(sql`length(btrim(name)) > 0`))
        .addColumn('gender', 'text', (c) => c.notNull().check(sql`gender in ('male', 'female')`))
        .addColumn('ethnicity', 'text')
        .addColumn('birth_date', 'date', (c) => c.notNull())
        .addColumn('join_date', 'date')
        .addColumn('member_number', 'text', (c) => c.unique().check(sql`member_number ~ '^[0-9]{12}$'`))
        .addColumn('education', 'text')
        .addColumn('occupation_category', 'text')
        .addColumn('status', 'text', (c) =>
          c
            .notNull()
            .defaultTo('active')
            .check(sql`status in ('active', 'transferred_out', 'lapsed', 'left')`),
        )
        .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
        .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
        .execute();
      await s.createIndex('members_org_idx').on('members').columns(['org_id', 'name']).execute();
      await s.createIndex('members_name_idx').on('members').column('name').execute();
    },
  },
  {
    version: 2,
    name: 'member_archive_pii_imports',
    up: archiveMigration,
  },
  {
    version: 3,
    name: 'transfers_graduation',
    up: transfersMigration,
  },
  {
    version: 4,
    name: 'development_blocks_two_systems',
    up: developmentMigration,
  },
  {
    version: 5,
    name: 'org_system',
    up: orgSystem,
  },
  {
    version: 6,
    name: 'dues_party_recommendations',
    up: duesMigration,
  },
  {
    version: 7,
    name: 'transfers_masked_id',
    up: transfersMaskedIdMigration,
  },
  {
    version: 8,
    name: 'files',
    up: filesMigration,
  },
  {
    version: 9,
    name: 'theme_days',
    up: themeDaysMigration,
  },
  {
    version: 10,
    name: 'meetings',
    up: meetingsMigration,
  },
  {
    version: 11,
    name: 'dues_payment_voids',
    up: duesPaymentVoidsMigration,
  },
  {
    version: 12,
    name: 'rectification',
    up: rectificationMigration,
  },
  {
    version: 13,
    name: 'star_ratings',
    up: starRatingsMigration,
  },
  {
    version: 14,
    name: 'youth_study_mobile_members',
    up: youthStudyMigration,
  },
  {
    version: 15,
    name: 'member_corrections_reset_codes',
    up: accountsMigration,
  },
  {
    version: 16,
    name: 'lift_records',
    up: liftMigration,
  },
  {
    version: 17,
    name: 'instructor_visits',
    up: instructorVisitsMigration,
  },
];

export const committeeMigrations: readonly TenantMigration[] = [
  {
    version: 1,
    name: 'committee_roster',
    async up(trx, schema) {
      const s = trx.schema.withSchema(schema);
      await s
        .createTable('committee_roster')
        .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(uuid))
        // platform.users id; no cross-schema foreign key (Citus).
        .addColumn('user_id', 'uuid')
        .addColumn('name', 'text', (c) => c.notNull().check(sql`length(btrim(name)) > 0`))
        .addColumn('position', 'text', (c) =>
          c.notNull().check(sql`position in ('chair', 'member', 'alternate')`),
        )
        .addColumn('unit_name', 'text')
        .addColumn('start_date', 'date', (c) => c.notNull())
        .addColumn('end_date', 'date')
        .addColumn('status', 'text', (c) =>
          c.notNull().defaultTo('serving').check(sql`status in ('serving', 'resigned')`),
        )
        .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
        .execute();
      // At most one serving chair.
      await sql`create unique index committee_roster_one_chair on ${sql.id(schema, 'committee_roster')} ((true))
        where position = 'chair' and status = 'serving'`.execute(trx);
    },
  },
  {
    version: 2,
    name: 'files',
    up: filesMigration,
  },
  {
    version: 3,
    name: 'committee_work',
    up: committeeWork,
  },
];

export const tenantTemplates: TenantTemplates = {
  district: districtMigrations,
  committee: committeeMigrations,
};

assertMigrationList('district', districtMigrations);
assertMigrationList('committee', committeeMigrations);
