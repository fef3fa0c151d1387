/**
 * ORG-1…ORG-6 (district template): organisation status history, leadership (班子) and election
 * records, inventory reviews with the five problems, key build-out tags, the coverage-gap
 * registry and adjust / merge / dissolve proposals. Organisations are never deleted.
 */
import { type Kysely, sql } from 'kysely';
import type { PlatformDatabase } from '../../schema';

const now = sql`now()`;
const uuid = sql`gen_random_uuid()`;

export async function orgSystem(trx: Kysely<PlatformDatabase>, schema: string): Promise<void> {
  const s = trx.schema.withSchema(schema);

  await s
    .createTable('org_proposals')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(uuid))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('adjust', 'merge', 'dissolve')`))
    .addColumn('org_id', 'uuid', (c) => c.notNull().references('organisations.id'))
    /** merge: the receiving organisation; dissolve: where members and children go; adjust: the new parent. */
    .addColumn('target_org_id', 'uuid', (c) => c.references('organisations.id'))
    .addColumn('new_name', 'text')
    .addColumn('reason', 'text', (c) => c.notNull().check(sql`length(btrim(reason)) > 0`))
    .addColumn('effective_on', 'date', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c.notNull().defaultTo('pending').check(sql`status in ('pending', 'approved', 'rejected', 'applied')`),
    )
    .addColumn('proposed_by', 'uuid', (c) => c.notNull())
    .addColumn('proposed_by_name', 'text', (c) => c.notNull())
    .addColumn('proposed_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('decided_by', 'uuid')
    .addColumn('decided_by_name', 'text')
    .addColumn('decided_at', 'timestamptz')
    .addColumn('decision_note', 'text')
    .addColumn('applied_by', 'uuid')
    .addColumn('applied_at', 'timestamptz')
    /** What the apply moved: counts before/after and the ids moved. */
    .addColumn('result', 'jsonb')
    .execute();
  await s.createIndex('org_proposals_org_idx').on('org_proposals').columns(['org_id', 'status']).execute();
  // One open proposal per organisation at a time.
  await sql`create unique index org_proposals_one_open on ${sql.id(schema, 'org_proposals')} (org_id)
    where status in ('pending', 'approved')`.execute(trx);

  await s
    .createTable('org_status_history')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(uuid))
    .addColumn('org_id', 'uuid', (c) => c.notNull().references('organisations.id'))
    .addColumn('from_status', 'text', (c) => c.notNull())
    .addColumn('to_status', 'text', (c) =>
      c.notNull().check(sql`to_status in ('active', 'merged', 'dissolved')`),
    )
    .addColumn('changed_on', 'date', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    /** Also used for adjustments that keep the status (e.g. 调整隶属): the event's name. */
    .addColumn('event', 'text', (c) => c.notNull())
    .addColumn('related_org_id', 'uuid', (c) => c.references('organisations.id'))
    .addColumn('proposal_id', 'uuid', (c) => c.references('org_proposals.id'))
    .addColumn('detail', 'jsonb')
    .addColumn('created_by', 'uuid')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .execute();
  await s.createIndex('org_status_history_org_idx').on('org_status_history').column('org_id').execute();

  await s
    .createTable('org_elections')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(uuid))
    .addColumn('org_id', 'uuid', (c) => c.notNull().references('organisations.id'))
    .addColumn('elected_on', 'date', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('first', 'regular', 'by_election')`))
    .addColumn('method', 'text', (c) => c.notNull().check(sql`method in ('competitive', 'equal')`))
    .addColumn('entitled_count', 'integer', (c) => c.notNull().check(sql`entitled_count >= 0`))
    .addColumn('present_count', 'integer', (c) => c.notNull().check(sql`present_count >= 0`))
    .addColumn('term_years', 'integer', (c) => c.notNull().check(sql`term_years between 1 and 10`))
    /** The 换届 this election answered was due on (null for the first); on_schedule = elected by then. */
    .addColumn('previous_due_on', 'date')
    .addColumn('on_schedule', 'boolean', (c) => c.notNull())
    .addColumn('result', 'text', (c) => c.notNull())
    .addColumn('rule_version', 'integer', (c) => c.notNull())
    .addColumn('created_by', 'uuid')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .execute();
  await s
    .createIndex('org_elections_org_idx')
    .on('org_elections')
    .columns(['org_id', 'elected_on'])
    .execute();

  await s
    .createTable('org_leaders')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(uuid))
    .addColumn('org_id', 'uuid', (c) => c.notNull().references('organisations.id'))
    .addColumn('member_id', 'uuid', (c) => c.references('members.id'))
    .addColumn('name', 'text', (c) => c.notNull().check(sql`length(btrim(name)) > 0`))
    .addColumn('position', 'text', (c) =>
      c
        .notNull()
        .check(sql`position in ('secretary', 'deputy_secretary', 'organising', 'publicity', 'member')`),
    )
    .addColumn('term_start', 'date', (c) => c.notNull())
    .addColumn('term_end', 'date')
    .addColumn('election_id', 'uuid', (c) => c.references('org_elections.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .execute();
  await s.createIndex('org_leaders_org_idx').on('org_leaders').columns(['org_id', 'term_end']).execute();
  // At most one serving 书记 per organisation.
  await sql`create unique index org_leaders_one_secretary on ${sql.id(schema, 'org_leaders')} (org_id)
    where position = 'secretary' and term_end is null`.execute(trx);

  await s
    .createTable('org_inventory_reviews')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(uuid))
    .addColumn('org_id', 'uuid', (c) => c.notNull().references('organisations.id'))
    .addColumn('reviewed_on', 'date', (c) => c.notNull())
    .addColumn('reviewer_id', 'uuid', (c) => c.notNull())
    .addColumn('reviewer_name', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .execute();
  await s
    .createIndex('org_inventory_reviews_org_idx')
    .on('org_inventory_reviews')
    .columns(['org_id', 'reviewed_on'])
    .execute();
  await s
    .createTable('org_inventory_findings')
    .addColumn('review_id', 'uuid', (c) => c.notNull().references('org_inventory_reviews.id'))
    .addColumn('org_id', 'uuid', (c) => c.notNull().references('organisations.id'))
    .addColumn('problem', 'text', (c) =>
      c
        .notNull()
        .check(
          sql`problem in ('setup_incomplete', 'affiliation_unclear', 'leadership_incomplete', 'mechanism_not_smooth', 'activities_abnormal')`,
        ),
    )
    .addColumn('note', 'text')
    .addPrimaryKeyConstraint('org_inventory_findings_pk', ['review_id', 'problem'])
    .execute();

  await s
    .createTable('org_tags')
    .addColumn('org_id', 'uuid', (c) => c.notNull().references('organisations.id'))
    .addColumn('tag', 'text', (c) =>
      c
        .notNull()
        .check(
          sql`tag in ('non_public_enterprise', 'internet_social', 'township_committee', 'regional', 'school_class')`,
        ),
    )
    .addColumn('tagged_on', 'date', (c) => c.notNull())
    .addColumn('created_by', 'uuid')
    .addPrimaryKeyConstraint('org_tags_pk', ['org_id', 'tag'])
    .execute();

  await s
    .createTable('coverage_gaps')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(uuid))
    .addColumn('unit_name', 'text', (c) => c.notNull().check(sql`length(btrim(unit_name)) > 0`))
    .addColumn('unit_kind', 'text', (c) => c.notNull())
    .addColumn('sector', 'text')
    .addColumn('address', 'text')
    .addColumn('youth_count', 'integer')
    /** The organisation responsible for covering it (in scope of its secretary). */
    .addColumn('responsible_org_id', 'uuid', (c) => c.references('organisations.id'))
    .addColumn('registered_on', 'date', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('status', 'text', (c) =>
      c.notNull().defaultTo('open').check(sql`status in ('open', 'covered')`),
    )
    .addColumn('covered_org_id', 'uuid', (c) => c.references('organisations.id'))
    .addColumn('covered_on', 'date')
    .addColumn('created_by', 'uuid')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addCheckConstraint(
      'coverage_gaps_covered',
      sql`(status = 'covered') = (covered_org_id is not null and covered_on is not null)`,
    )
    .execute();
  await s
    .createIndex('coverage_gaps_status_idx')
    .on('coverage_gaps')
    .columns(['status', 'unit_kind'])
    .execute();
}
