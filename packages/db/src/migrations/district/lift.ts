/**
 * LIFT-1 records a district enters (district template):
 * - `brand_projects` 工作品牌: name, organisation, year, description, evidence files (`files` ids,
 *   checked with `assertFilesUsable` when saved), status;
 * - `cadre_trainings` 团干部培训: a serving or former leader (`org_leaders`) trained — 任职培训 or
 *   任期轮训 — on a date, hours, topic / provider;
 * - `cadre_contacts` 团干部联系青年: a leader, a date, how many youths contacted, notes.
 * No personal data beyond the cadre's name (already on `org_leaders`).
 */
import { type Kysely, sql } from 'kysely';
import type { PlatformDatabase } from '../../schema';

const now = sql`now()`;
const uuid = sql`gen_random_uuid()`;

export async function up(trx: Kysely<PlatformDatabase>, schema: string): Promise<void> {
  const s = trx.schema.withSchema(schema);
  await s
    .createTable('brand_projects')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(uuid))
    .addColumn('org_id', 'uuid', (c) => c.notNull().references('organisations.id'))
    .addColumn('year', 'integer', (c) => c.notNull().check(sql`year between 2000 and 2100`))
    .addColumn('name', 'text', (c) => c.notNull().check(sql`length(btrim(name)) between 1 and 100`))
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('evidence_file_ids', sql`uuid[]`, (c) => c.notNull().defaultTo(sql`'{}'::uuid[]`))
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('ongoing')
        .check(sql`status in ('planned', 'ongoing', 'completed', 'recognised')`),
    )
    .addColumn('created_by', 'uuid', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .execute();
  await sql`create index brand_projects_year_idx on ${sql.id(schema, 'brand_projects')} (year, org_id)`.execute(
    trx,
  );

  await s
    .createTable('cadre_trainings')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(uuid))
    .addColumn('org_id', 'uuid', (c) => c.notNull().references('organisations.id'))
    .addColumn('leader_id', 'uuid', (c) => c.notNull().references('org_leaders.id'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('appointment', 'rotation')`))
    .addColumn('trained_on', 'date', (c) => c.notNull())
    .addColumn('hours', 'integer', (c) => c.notNull().check(sql`hours between 1 and 500`))
    .addColumn('topic', 'text', (c) => c.notNull().check(sql`length(btrim(topic)) > 0`))
    .addColumn('provider', 'text')
    .addColumn('created_by', 'uuid', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .execute();
  await sql`create index cadre_trainings_leader_idx on ${sql.id(schema, 'cadre_trainings')} (leader_id, trained_on)`.execute(
    trx,
  );

  await s
    .createTable('cadre_contacts')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(uuid))
    .addColumn('org_id', 'uuid', (c) => c.notNull().references('organisations.id'))
    .addColumn('leader_id', 'uuid', (c) => c.notNull().references('org_leaders.id'))
    .addColumn('contacted_on', 'date', (c) => c.notNull())
    .addColumn('youth_count', 'integer', (c) => c.notNull().check(sql`youth_count between 1 and 10000`))
    .addColumn('notes', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_by', 'uuid', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .execute();
  await sql`create index cadre_contacts_leader_idx on ${sql.id(schema, 'cadre_contacts')} (leader_id, contacted_on)`.execute(
    trx,
  );
}
