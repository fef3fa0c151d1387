/**
 * RECT-1…RECT-5 整理整顿 (district template).
 * - `health_checks`: one health check (体检) per 团支部 and year, opened by a superior for the branches
 *   under it (`superior_org_id` = the organisation whose ranking it enters); scores per source and
 *   overall (0–100, one decimal, recomputed on every input) under the rule versions in force.
 * - `health_check_inputs`: one submission of one source (团员提 / 支部查 / 上级点 / 互相评) with the grade
 *   per checklist item. A member input carries **no** member reference: the member is recorded only in
 *   `health_check_member_receipts` as a one-way key (sha256 of check id and member id) so a member
 *   submits once, and that table has no link to the input and no time — no procedure reads it back.
 * - `health_check_peers`: peer branches the superior assigned to evaluate a branch (互相评).
 * - `rectification_tasks`: the 整改任务清单 (owner, deadline, evidence text and `files` ids, status).
 * - `key_rectifications`: the 《重点整顿团组织信息台帐》 — the bottom share of a superior's ranking;
 *   its items are the branch's tasks, closed one by one by the superior (对账销号).
 * - `rectification_warnings`: 通报 / 约谈 records; `rectification_acceptances`: 考核验收.
 */
import { type Kysely, sql } from 'kysely';
import type { PlatformDatabase } from '../../schema';

const now = sql`now()`;
const uuid = sql`gen_random_uuid()`;
const noIds = sql`'{}'::uuid[]`;
const score = (col: string) => sql`${sql.ref(col)} is null or ${sql.ref(col)} between 0 and 100`;

export async function up(trx: Kysely<PlatformDatabase>, schema: string): Promise<void> {
  const s = trx.schema.withSchema(schema);
  await s
    .createTable('health_checks')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(uuid))
    .addColumn('org_id', 'uuid', (c) => c.notNull().references('organisations.id'))
    .addColumn('superior_org_id', 'uuid', (c) => c.notNull().references('organisations.id'))
    .addColumn('year', 'integer', (c) => c.notNull().check(sql`year between 2000 and 2100`))
    .addColumn('status', 'text', (c) =>
      c.notNull().defaultTo('open').check(sql`status in ('open', 'closed')`),
    )
    .addColumn('checklist_version', 'integer', (c) => c.notNull())
    .addColumn('sources_version', 'integer', (c) => c.notNull())
    .addColumn('score_member', 'double precision', (c) => c.check(score('score_member')))
    .addColumn('score_self', 'double precision', (c) => c.check(score('score_self')))
    .addColumn('score_superior', 'double precision', (c) => c.check(score('score_superior')))
    .addColumn('score_peer', 'double precision', (c) => c.check(score('score_peer')))
    .addColumn('overall', 'double precision', (c) => c.check(score('overall')))
    .addColumn('member_input_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('opened_by', 'uuid', (c) => c.notNull()) // platform.users id
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addUniqueConstraint('health_checks_org_year', ['org_id', 'year'])
    .execute();
  await s
    .createIndex('health_checks_superior_idx')
    .on('health_checks')
    .columns(['superior_org_id', 'year'])
    .execute();

  await s
    .createTable('health_check_inputs')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(uuid))
    .addColumn('health_check_id', 'uuid', (c) =>
      c.notNull().references('health_checks.id').onDelete('cascade'),
    )
    .addColumn('source', 'text', (c) =>
      c.notNull().check(sql`source in ('member', 'self', 'superior', 'peer')`),
    )
    .addColumn('grades', 'jsonb', (c) => c.notNull())
    .addColumn('score', 'double precision', (c) => c.notNull().check(sql`score between 0 and 100`))
    .addColumn('notes', 'text')
    // self / superior / peer: the organisation that evaluated and the user; member: both null (anonymous)
    .addColumn('by_org_id', 'uuid', (c) => c.references('organisations.id'))
    .addColumn('submitted_by', 'uuid')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addCheckConstraint(
      'health_check_inputs_anonymous_members',
      sql`(source = 'member') = (submitted_by is null and by_org_id is null)`,
    )
    .execute();
  // self and superior: one input each (resubmission replaces it); peer: one per assigned branch
  await sql`create unique index health_check_inputs_one_self_superior on ${sql.id(schema, 'health_check_inputs')}
    (health_check_id, source) where source in ('self', 'superior')`.execute(trx);
  await sql`create unique index health_check_inputs_one_peer on ${sql.id(schema, 'health_check_inputs')}
    (health_check_id, by_org_id) where source = 'peer'`.execute(trx);

  await s
    .createTable('health_check_member_receipts')
    .addColumn('health_check_id', 'uuid', (c) =>
      c.notNull().references('health_checks.id').onDelete('cascade'),
    )
    .addColumn('member_key', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('health_check_member_receipts_pk', ['health_check_id', 'member_key'])
    .execute();

  await s
    .createTable('health_check_peers')
    .addColumn('health_check_id', 'uuid', (c) =>
      c.notNull().references('health_checks.id').onDelete('cascade'),
    )
    .addColumn('peer_org_id', 'uuid', (c) => c.notNull().references('organisations.id'))
    .addColumn('assigned_by', 'uuid', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addPrimaryKeyConstraint('health_check_peers_pk', ['health_check_id', 'peer_org_id'])
    .execute();
  await s.createIndex('health_check_peers_peer_idx').on('health_check_peers').column('peer_org_id').execute();

  await s
    .createTable('rectification_tasks')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(uuid))
    .addColumn('health_check_id', 'uuid', (c) => c.notNull().references('health_checks.id'))
    .addColumn('org_id', 'uuid', (c) => c.notNull().references('organisations.id'))
    .addColumn('title', 'text', (c) => c.notNull().check(sql`length(btrim(title)) > 0`))
    .addColumn('owner_name', 'text', (c) => c.notNull().check(sql`length(btrim(owner_name)) > 0`))
    .addColumn('deadline', 'date', (c) => c.notNull())
    .addColumn('evidence', 'text')
    .addColumn('evidence_file_ids', sql`uuid[]`, (c) => c.notNull().defaultTo(noIds))
    .addColumn('status', 'text', (c) =>
      c.notNull().defaultTo('open').check(sql`status in ('open', 'submitted', 'confirmed', 'overdue')`),
    )
    .addColumn('submitted_at', 'timestamptz')
    .addColumn('confirmed_by', 'uuid')
    .addColumn('confirmed_at', 'timestamptz')
    .addColumn('created_by', 'uuid', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .execute();
  await s
    .createIndex('rectification_tasks_check_idx')
    .on('rectification_tasks')
    .column('health_check_id')
    .execute();
  await s.createIndex('rectification_tasks_org_idx').on('rectification_tasks').column('org_id').execute();

  await s
    .createTable('key_rectifications')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(uuid))
    .addColumn('org_id', 'uuid', (c) => c.notNull().references('organisations.id'))
    .addColumn('superior_org_id', 'uuid', (c) => c.notNull().references('organisations.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('health_check_id', 'uuid', (c) => c.references('health_checks.id'))
    .addColumn('overall', 'double precision')
    .addColumn('rank', 'integer')
    .addColumn('reason', 'text', (c) => c.notNull())
    // carried over from last year's unfinished entry (RECT-4)
    .addColumn('carried_from_id', 'uuid', (c) => c.references('key_rectifications.id'))
    .addColumn('status', 'text', (c) =>
      c.notNull().defaultTo('open').check(sql`status in ('open', 'closed')`),
    )
    .addColumn('closed_at', 'timestamptz')
    // ORG-6 proposal raised after rounds without marked improvement
    .addColumn('proposal_id', 'uuid', (c) => c.references('org_proposals.id'))
    .addColumn('created_by', 'uuid', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addUniqueConstraint('key_rectifications_org_year', ['org_id', 'year'])
    .execute();
  await s
    .createIndex('key_rectifications_superior_idx')
    .on('key_rectifications')
    .columns(['superior_org_id', 'year'])
    .execute();

  await s
    .createTable('rectification_warnings')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(uuid))
    .addColumn('org_id', 'uuid', (c) => c.notNull().references('organisations.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('circular', 'talk')`))
    .addColumn('task_id', 'uuid', (c) => c.references('rectification_tasks.id'))
    .addColumn('reason', 'text', (c) => c.notNull().check(sql`length(btrim(reason)) > 0`))
    .addColumn('recorded_by', 'uuid', (c) => c.notNull())
    .addColumn('recorded_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .execute();
  await s
    .createIndex('rectification_warnings_org_idx')
    .on('rectification_warnings')
    .columns(['org_id', 'year'])
    .execute();

  await s
    .createTable('rectification_acceptances')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(uuid))
    .addColumn('org_id', 'uuid', (c) => c.notNull().references('organisations.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('result', 'text', (c) => c.notNull().check(sql`result in ('passed', 'failed')`))
    .addColumn('notes', 'text')
    .addColumn('decided_by', 'uuid', (c) => c.notNull())
    .addColumn('decided_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addUniqueConstraint('rectification_acceptances_org_year', ['org_id', 'year'])
    .execute();
}
