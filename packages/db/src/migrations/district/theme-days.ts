/**
 * LIFE-2 主题团日+ (district template): one theme day per 团支部 and month ('YYYY-MM', Asia/Shanghai),
 * the seven required actions (七事联动, keys from rule `themeDay.requirements`) with evidence text and
 * photos, self-chosen actions (自选动作), ceremony photos per item (团旗, 入团誓词, 团徽, 团章) and
 * member check-ins (once per member and event). Photos are `files` ids (uuid[]; checked with
 * `assertFilesUsable` when saved). The check-in code is unique among the tenant's open events.
 */
import { type Kysely, sql } from 'kysely';
import type { PlatformDatabase } from '../../schema';

const now = sql`now()`;
const uuid = sql`gen_random_uuid()`;
const noIds = sql`'{}'::uuid[]`;

export async function up(trx: Kysely<PlatformDatabase>, schema: string): Promise<void> {
  const s = trx.schema.withSchema(schema);
  await s
    .createTable('theme_days')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(uuid))
    .addColumn('org_id', 'uuid', (c) => c.notNull().references('organisations.id'))
    .addColumn('month', 'text', (c) => c.notNull().check(sql`month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'`))
    .addColumn('theme', 'text', (c) => c.notNull().check(sql`length(btrim(theme)) > 0`))
    .addColumn('held_at', 'timestamptz')
    .addColumn('place', 'text')
    .addColumn('status', 'text', (c) =>
      c.notNull().defaultTo('draft').check(sql`status in ('draft', 'open', 'closed')`),
    )
    .addColumn('check_in_code', 'text', (c) => c.check(sql`check_in_code ~ '^[0-9A-Z]{4,12}$'`))
    .addColumn('check_in_opened_at', 'timestamptz')
    .addColumn('check_in_closes_at', 'timestamptz')
    .addColumn('closed_at', 'timestamptz')
    // Active members of the branch when check-in closed (the participation denominator).
    .addColumn('member_count', 'integer', (c) => c.check(sql`member_count >= 0`))
    .addColumn('created_by', 'uuid', (c) => c.notNull()) // platform.users id (no cross-schema FK)
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addUniqueConstraint('theme_days_org_month', ['org_id', 'month'])
    .addCheckConstraint('theme_days_open_has_code', sql`status = 'draft' or check_in_code is not null`)
    .execute();
  await s.createIndex('theme_days_month_idx').on('theme_days').column('month').execute();
  await sql`create unique index theme_days_open_code on ${sql.id(schema, 'theme_days')} (check_in_code)
    where status = 'open'`.execute(trx);

  await s
    .createTable('theme_day_actions')
    .addColumn('theme_day_id', 'uuid', (c) => c.notNull().references('theme_days.id').onDelete('cascade'))
    .addColumn('action_key', 'text', (c) => c.notNull())
    .addColumn('done', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('evidence', 'text')
    .addColumn('photo_ids', sql`uuid[]`, (c) => c.notNull().defaultTo(noIds))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addPrimaryKeyConstraint('theme_day_actions_pk', ['theme_day_id', 'action_key'])
    .execute();

  await s
    .createTable('theme_day_self_actions')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(uuid))
    .addColumn('theme_day_id', 'uuid', (c) => c.notNull().references('theme_days.id').onDelete('cascade'))
    .addColumn('title', 'text', (c) => c.notNull().check(sql`length(btrim(title)) > 0`))
    .addColumn('evidence', 'text')
    .addColumn('photo_ids', sql`uuid[]`, (c) => c.notNull().defaultTo(noIds))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .execute();
  await s
    .createIndex('theme_day_self_actions_day_idx')
    .on('theme_day_self_actions')
    .column('theme_day_id')
    .execute();

  await s
    .createTable('theme_day_ceremony_photos')
    .addColumn('theme_day_id', 'uuid', (c) => c.notNull().references('theme_days.id').onDelete('cascade'))
    .addColumn('item_key', 'text', (c) => c.notNull())
    .addColumn('photo_ids', sql`uuid[]`, (c) => c.notNull().defaultTo(noIds))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addPrimaryKeyConstraint('theme_day_ceremony_photos_pk', ['theme_day_id', 'item_key'])
    .execute();

  await s
    .createTable('theme_day_check_ins')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(uuid))
    .addColumn('theme_day_id', 'uuid', (c) => c.notNull().references('theme_days.id').onDelete('cascade'))
    .addColumn('member_id', 'uuid', (c) => c.notNull().references('members.id'))
    .addColumn('checked_in_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addUniqueConstraint('theme_day_check_ins_once', ['theme_day_id', 'member_id'])
    .execute();
  await s
    .createIndex('theme_day_check_ins_member_idx')
    .on('theme_day_check_ins')
    .column('member_id')
    .execute();
}
