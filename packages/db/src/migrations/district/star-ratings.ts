/**
 * RATE-1…RATE-3 对标定级 (district template): a superior's rating round per year (the rule version
 * `rating.stars` it uses, the caps applied at publication), one star rating per rated 团支部 / 团总支
 * per year (self-assessment signed by the secretary and a member representative → superior review →
 * published level after the caps), and the per-criterion scores with evidence (`files` ids, checked
 * with `assertFilesUsable` when saved). Points are integer hundredths (centipoints).
 */
import { type Kysely, sql } from 'kysely';
import type { PlatformDatabase } from '../../schema';

const now = sql`now()`;
const uuid = sql`gen_random_uuid()`;
const levels = sql`('five', 'four', 'three', 'lagging', 'weak')`;

export async function up(trx: Kysely<PlatformDatabase>, schema: string): Promise<void> {
  const s = trx.schema.withSchema(schema);
  await s
    .createTable('star_rating_rounds')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(uuid))
    .addColumn('org_id', 'uuid', (c) => c.notNull().references('organisations.id'))
    .addColumn('year', 'integer', (c) => c.notNull().check(sql`year between 2000 and 2100`))
    .addColumn('rule_version', 'integer', (c) => c.notNull())
    .addColumn('rating_date', 'date', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c.notNull().defaultTo('open').check(sql`status in ('open', 'published')`),
    )
    .addColumn('cap_report', 'jsonb')
    .addColumn('started_by', 'uuid', (c) => c.notNull()) // platform.users id
    .addColumn('published_by', 'uuid')
    .addColumn('published_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addUniqueConstraint('star_rating_rounds_org_year', ['org_id', 'year'])
    .execute();

  await s
    .createTable('star_ratings')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(uuid))
    .addColumn('round_id', 'uuid', (c) => c.notNull().references('star_rating_rounds.id'))
    .addColumn('org_id', 'uuid', (c) => c.notNull().references('organisations.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('rule_version', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .check(sql`status in ('self_assessing', 'self_assessed', 'reviewed', 'published', 'ineligible')`),
    )
    .addColumn('ineligible_reason', 'text')
    .addColumn('computed', 'jsonb', (c) => c.notNull())
    .addColumn('computed_at', 'timestamptz', (c) => c.notNull())
    .addColumn('study_permille', 'integer', (c) => c.check(sql`study_permille between 0 and 1000`))
    .addColumn('veto_items', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'::text[]`))
    .addColumn('total_centi', 'integer', (c) => c.check(sql`total_centi between 0 and 10000`))
    .addColumn('score_level', 'text', (c) => c.check(sql`score_level in ${levels}`))
    .addColumn('level', 'text', (c) => c.check(sql`level in ${levels}`))
    .addColumn('level_reasons', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('published_level', 'text', (c) => c.check(sql`published_level in ${levels}`))
    .addColumn('capped', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('cap_reason', 'text')
    // Self-assessment signatures: the secretary (platform user) and a member representative.
    .addColumn('secretary_user_id', 'uuid')
    .addColumn('secretary_name', 'text')
    .addColumn('member_rep_id', 'uuid', (c) => c.references('members.id'))
    .addColumn('member_rep_name', 'text')
    .addColumn('signed_at', 'timestamptz')
    .addColumn('reviewed_by', 'uuid')
    .addColumn('reviewed_at', 'timestamptz')
    .addColumn('review_note', 'text')
    .addColumn('published_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addUniqueConstraint('star_ratings_org_year', ['org_id', 'year'])
    .addCheckConstraint(
      'star_ratings_signed_both',
      sql`(signed_at is null) = (secretary_name is null) and (signed_at is null) = (member_rep_name is null)`,
    )
    .execute();
  await s.createIndex('star_ratings_round_idx').on('star_ratings').column('round_id').execute();

  await s
    .createTable('star_rating_scores')
    .addColumn('rating_id', 'uuid', (c) => c.notNull().references('star_ratings.id').onDelete('cascade'))
    .addColumn('criterion_key', 'text', (c) => c.notNull())
    .addColumn('self_centi', 'integer', (c) => c.check(sql`self_centi >= 0`))
    .addColumn('self_note', 'text')
    .addColumn('evidence_ids', sql`uuid[]`, (c) => c.notNull().defaultTo(sql`'{}'::uuid[]`))
    .addColumn('reviewed_centi', 'integer', (c) => c.check(sql`reviewed_centi >= 0`))
    .addColumn('review_note', 'text')
    .addPrimaryKeyConstraint('star_rating_scores_pk', ['rating_id', 'criterion_key'])
    .execute();
}
