/**
 * ORG-6 merge / dissolve moves every record that belongs to the organisation (records.ts decides
 * per column): every `org_id` / `*_org_id` column of the district template is classified; per-table
 * counts before and after a merge and a dissolve-with-receiver prove nothing is lost or doubled;
 * open transfers refuse; two executions racing apply once; a grant scoped to a merged organisation
 * acts for the surviving one, a dissolved one has no scope.
 */
import { randomUUID } from 'node:crypto';
import {
  createDatabase,
  type Database,
  type Organisation,
  type PlatformDatabase,
  type Tenant,
} from '@tuanjian/db';
import { todayInShanghai } from '@tuanjian/domain';
import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isOrgColumn, ORG_RECORD_POLICY } from '../services/org/records';
import {
  callerAs,
  callerWith,
  demoDatabase,
  errorOf,
  grantsOf,
  sessionFor,
  type TestDatabase,
  tenantByCode,
  tenantTables,
} from '../test/helpers';

let database: TestDatabase;
let db: Kysely<PlatformDatabase>;
let chengguan: Tenant;
let scopeOrg: Organisation;
let admin: Awaited<ReturnType<typeof callerAs>>['caller'];
const today = todayInShanghai();
const year = Number(today.slice(0, 4));

beforeAll(async () => {
  database = await demoDatabase();
  db = database.db;
  chengguan = await tenantByCode(db, 'chengguan');
  const grant = (await grantsOf(db, 'chengguan.secretary'))[0]!;
  scopeOrg = await t()
    .selectFrom('organisations')
    .selectAll()
    .where('id', '=', grant.scope_org_id!)
    .executeTakeFirstOrThrow();
  admin = (await callerAs(database, 'chengguan.admin')).caller;
}, 300_000);

afterAll(async () => {
  await database?.close();
});

const t = () => tenantTables(db, chengguan);

/** Every `org_id` / `*_org_id` column of the district template (the chengguan schema). */
async function orgColumns(): Promise<string[]> {
  const rows = await sql<{ table_name: string; column_name: string }>`
    select table_name, column_name from information_schema.columns
    where table_schema = ${chengguan.schema_name}`.execute(db);
  return rows.rows
    .filter((r) => isOrgColumn(r.column_name))
    .map((r) => `${r.table_name}.${r.column_name}`)
    .sort();
}

describe('every column naming an organisation is classified (records.ts)', () => {
  it('no org_id / *_org_id column is neither moved nor explicitly kept as history', async () => {
    const columns = await orgColumns();
    expect(columns.length).toBeGreaterThan(15);
    const unclassified = columns.filter((c) => !ORG_RECORD_POLICY[c]);
    expect(
      unclassified,
      `classify these columns in services/org/records.ts: ${unclassified.join(', ')}`,
    ).toEqual([]);
    // And every entry still names a real column (no stale classification).
    expect(Object.keys(ORG_RECORD_POLICY).filter((k) => !columns.includes(k))).toEqual([]);
  });
});

let seq = 0;
async function branchWith(n: number, name: string) {
  const org = await admin.organisations.create({
    parentId: scopeOrg.id,
    kind: 'branch',
    name: `${name}${++seq}`,
    sector: 'community',
  });
  const members = n
    ? await t()
        .insertInto('members')
        .values(
          Array.from({ length: n }, (_, i) => ({
            org_id: org.id,
            name: `${org.name}团员${i + 1}`,
            gender: (i % 2 ? 'male' : 'female') as 'male' | 'female',
            birth_date: '2000-01-01',
          })),
        )
        .returning('id')
        .execute()
    : [];
  return { ...org, memberIds: members.map((m) => m.id) };
}

let blockSeq = 0;
let numberSeq = 0;
/** Records of every module for `org`: work in progress and history. */
async function seedRecords(orgId: string, memberIds: string[]) {
  const [m1, m2, m3] = memberIds as [string, string, string];
  const number = `2998${String(620000 + ++numberSeq).padStart(8, '0')}`;
  await t().updateTable('members').set({ member_number: number }).where('id', '=', m3).execute();
  await t()
    .insertInto('development_applications')
    .values([
      { org_id: orgId, name: '申请人甲', gender: 'male', birth_date: '2010-01-01', applied_on: today },
      {
        org_id: orgId,
        name: '申请人乙',
        gender: 'female',
        birth_date: '2010-02-01',
        applied_on: today,
        stage: 'activist',
      },
      {
        org_id: orgId,
        name: '已入团者',
        gender: 'female',
        birth_date: '2008-02-01',
        applied_on: '2024-01-01',
        stage: 'sworn',
        member_id: m3,
        member_number: number,
        approving_org_id: scopeOrg.id,
      },
    ])
    .execute();
  await t()
    .insertInto('party_recommendations')
    .values([
      {
        member_id: m1,
        org_id: orgId,
        stage: 'nominated',
        party_application_date: '2024-01-01',
        nominated_on: today,
      },
      {
        member_id: m2,
        org_id: orgId,
        stage: 'sent',
        party_application_date: '2023-01-01',
        nominated_on: '2024-01-01',
      },
    ])
    .execute();
  await t()
    .insertInto('dues_payments')
    .values([
      {
        member_id: m1,
        org_id: orgId,
        amount_fen: 50,
        paid_on: today,
        method: 'cash',
        collected_by_name: '书记',
      },
      {
        member_id: m2,
        org_id: orgId,
        amount_fen: 50,
        paid_on: today,
        method: 'wechat',
        collected_by_name: '书记',
      },
    ])
    .execute();
  await t()
    .insertInto('lapse_decisions')
    .values({ member_id: m2, org_id: orgId, decision: 'retained', meeting_date: today, unpaid_months: 6 })
    .execute();
  await t()
    .insertInto('evaluation_rounds')
    .values({ org_id: orgId, year, held_on: today, entitled: memberIds.length, present: memberIds.length })
    .execute();
  const start = 900000 + ++blockSeq * 100;
  await t()
    .insertInto('number_blocks')
    .values({
      org_id: orgId,
      city_block_id: randomUUID(),
      year: 2998,
      start_seq: start,
      end_seq: start + 9,
      next_seq: start + 3,
    })
    .execute();
  await t()
    .insertInto('coverage_gaps')
    .values({
      unit_name: `未建团单位${blockSeq}`,
      unit_kind: '企业',
      responsible_org_id: orgId,
      registered_on: today,
    })
    .execute();
  await t().insertInto('org_tags').values({ org_id: orgId, tag: 'regional', tagged_on: today }).execute();
  await t()
    .insertInto('org_leaders')
    .values({ org_id: orgId, member_id: m1, name: '书记甲', position: 'secretary', term_start: '2024-01-01' })
    .execute();
  const review = await t()
    .insertInto('org_inventory_reviews')
    .values({ org_id: orgId, reviewed_on: today, reviewer_id: randomUUID(), reviewer_name: '区团委' })
    .returning('id')
    .executeTakeFirstOrThrow();
  await t()
    .insertInto('org_inventory_findings')
    .values({ review_id: review.id, org_id: orgId, problem: 'activities_abnormal' })
    .execute();
  // A completed transfer out of the branch (history).
  await t()
    .insertInto('transfers')
    .values(transferRow(orgId, 'completed', '已转出者'))
    .execute();
}

function transferRow(orgId: string, status: 'completed' | 'pending_target', name: string) {
  return {
    id: randomUUID(),
    side: 'internal' as const,
    kind: 'internal' as const,
    status,
    member_name: name,
    member_gender: 'male' as const,
    member_birth_year: 2000,
    source_tenant_id: chengguan.id,
    source_tenant_name: chengguan.name,
    source_org_id: orgId,
    source_org_name: '原组织',
    target_tenant_id: chengguan.id,
    target_tenant_name: chengguan.name,
    target_org_id: scopeOrg.id,
    target_org_name: scopeOrg.name,
  };
}

type Snapshot = Record<string, { subject: number; target: number; total: number }>;

/** Rows per classified column: naming the subject, naming the target, and all rows of the table. */
async function snapshot(subjectId: string, targetId: string): Promise<Snapshot> {
  const out: Snapshot = {};
  for (const key of await orgColumns()) {
    const [table, column] = key.split('.') as [string, string];
    const r = await sql<{ subject: string; target: string; total: string }>`
      select count(*) filter (where ${sql.ref(column)} = ${subjectId}) as subject,
             count(*) filter (where ${sql.ref(column)} = ${targetId}) as target,
             count(*) as total
      from ${sql.id(chengguan.schema_name!, table)}`.execute(db);
    const row = r.rows[0]!;
    out[key] = { subject: Number(row.subject), target: Number(row.target), total: Number(row.total) };
  }
  return out;
}

/** The expected snapshot after applying: `moves` rows per column go from subject to target. */
function expected(
  before: Snapshot,
  moves: Record<string, number>,
  extra: Record<string, Partial<Snapshot[string]>>,
) {
  const out: Snapshot = structuredClone(before);
  for (const [k, n] of Object.entries(moves)) {
    out[k]!.subject -= n;
    out[k]!.target += n;
  }
  for (const [k, d] of Object.entries(extra)) {
    out[k]!.subject += d.subject ?? 0;
    out[k]!.target += d.target ?? 0;
    out[k]!.total += d.total ?? 0;
  }
  return out;
}

async function approved(kind: 'merge' | 'dissolve', orgId: string, targetOrgId: string) {
  const p = await admin.org.proposals.create({
    kind,
    orgId,
    targetOrgId,
    reason: '测试调整',
    effectiveOn: today,
  });
  await admin.org.proposals.decide({ id: p.id, approve: true });
  return p;
}

describe('merge / dissolve move every record once (ORG-6)', () => {
  for (const kind of ['merge', 'dissolve'] as const) {
    it(`${kind}: per-table counts before and after; work in progress follows, history stays`, async () => {
      const subject = await branchWith(5, `${kind}原团支部`);
      const target = await branchWith(3, `${kind}接收团支部`);
      await seedRecords(subject.id, subject.memberIds);
      const allMembers = (await t().selectFrom('members').select('id').execute()).map((m) => m.id).sort();
      const p = await approved(kind, subject.id, target.id);
      const before = await snapshot(subject.id, target.id);
      const done = await admin.org.proposals.execute({ id: p.id });
      expect(done.status).toBe('applied');
      const moves = {
        'members.org_id': 5,
        'development_applications.org_id': 2, // the sworn one stays
        'party_recommendations.org_id': 1, // the sent one stays
        'number_blocks.org_id': 1,
        'coverage_gaps.responsible_org_id': 1,
      };
      const after = await snapshot(subject.id, target.id);
      expect(after).toEqual(
        expected(before, moves, {
          // copied, the old tag stays as history
          'org_tags.org_id': { target: 1, total: 1 },
          // one status-history row for each side, each naming the other
          'org_status_history.org_id': { subject: 1, target: 1, total: 2 },
          'org_status_history.related_org_id': { subject: 1, target: 1, total: 2 },
        }),
      );
      expect(done.result?.recordsMoved).toMatchObject({
        'development_applications.org_id': 2,
        'party_recommendations.org_id': 1,
        'number_blocks.org_id': 1,
        'coverage_gaps.responsible_org_id': 1,
        'org_tags.org_id': 1,
      });
      // No member lost or doubled in the tenant.
      const now = (await t().selectFrom('members').select('id').execute()).map((m) => m.id).sort();
      expect(now).toEqual(allMembers);
      // The old leadership's term ended on the effective date.
      const leaders = await t()
        .selectFrom('org_leaders')
        .selectAll()
        .where('org_id', '=', subject.id)
        .execute();
      expect(leaders.map((l) => l.term_end)).toEqual([today]);
      const status = await t()
        .selectFrom('organisations')
        .select('status')
        .where('id', '=', subject.id)
        .executeTakeFirstOrThrow();
      expect(status.status).toBe(kind === 'merge' ? 'merged' : 'dissolved');
    });
  }

  it('open transfers from or to the organisation refuse the proposal, naming them; nothing moves', async () => {
    const subject = await branchWith(3, '有转接团支部');
    const target = await branchWith(3, '转接接收团支部');
    await t()
      .insertInto('transfers')
      .values(transferRow(subject.id, 'pending_target', '转接中团员'))
      .execute();
    const preview = await admin.org.proposals.preview({
      kind: 'merge',
      orgId: subject.id,
      targetOrgId: target.id,
    });
    expect(preview.ok).toBe(false);
    expect(preview.checks.find((c) => !c.ok)?.text).toBe(
      '该组织有未办结的组织关系转接：转接中团员（转出），请先办结、撤回或退回后再执行',
    );
    const err = await errorOf(
      admin.org.proposals.create({
        kind: 'merge',
        orgId: subject.id,
        targetOrgId: target.id,
        reason: '合并',
        effectiveOn: today,
      }),
    );
    expect(err).toMatchObject({ appCode: 'INVALID_STATE' });
    expect(err?.message).toContain('转接中团员（转出）');

    // Approved before the transfer started: execution re-checks and refuses, nothing moves.
    const other = await branchWith(2, '后有转接团支部');
    const p = await approved('dissolve', other.id, target.id);
    await t()
      .insertInto('transfers')
      .values({ ...transferRow(scopeOrg.id, 'pending_target', '转入中团员'), target_org_id: other.id })
      .execute();
    const before = await snapshot(other.id, target.id);
    const refused = await errorOf(admin.org.proposals.execute({ id: p.id }));
    expect(refused?.message).toContain('转入中团员（转入）');
    expect(await snapshot(other.id, target.id)).toEqual(before);
    expect((await admin.org.proposals.get({ id: p.id })).status).toBe('approved');
  });

  it('dissolve without a receiver is refused while work in progress would be left behind', async () => {
    const subject = await branchWith(0, '空团支部');
    await t()
      .insertInto('development_applications')
      .values({
        org_id: subject.id,
        name: '申请人丙',
        gender: 'male',
        birth_date: '2010-01-01',
        applied_on: today,
      })
      .execute();
    const preview = await admin.org.proposals.preview({ kind: 'dissolve', orgId: subject.id });
    expect(preview.ok).toBe(false);
    expect(preview.checks.map((c) => c.text)).toContain(
      '该组织还有团员0人、下级组织0个、进行中的入团申请1份，撤销前须指定接收组织',
    );
  });
});

describe('two executions racing (separate connections)', () => {
  it('exactly one applies; the other is refused in Chinese and changes nothing', async () => {
    const subject = await branchWith(4, '竞争原团支部');
    const target = await branchWith(2, '竞争接收团支部');
    await seedRecords(subject.id, subject.memberIds);
    const p = await approved('merge', subject.id, target.id);
    const before = await snapshot(subject.id, target.id);
    // A second database handle on PostgreSQL (its own pool); PGlite has one connection.
    const second: Pick<Database, 'db'> & { close?: () => Promise<void> } = database.url
      ? await createDatabase({ url: database.url, poolSize: 1 })
      : database;
    try {
      const a = callerWith(database, { token: await sessionFor(db, 'chengguan.admin') }).caller;
      const b = callerWith(second, { token: await sessionFor(db, 'chengguan.admin') }).caller;
      const results = await Promise.allSettled([
        a.org.proposals.execute({ id: p.id }),
        b.org.proposals.execute({ id: p.id }),
      ]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const lost = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
      expect((lost.reason as Error).message).toBe('该申请已执行，不能重复执行（本次未作任何更改）');
    } finally {
      if (second !== database) await second.close?.();
    }
    expect(await snapshot(subject.id, target.id)).toEqual(
      expected(
        before,
        {
          'members.org_id': 4,
          'development_applications.org_id': 2,
          'party_recommendations.org_id': 1,
          'number_blocks.org_id': 1,
          'coverage_gaps.responsible_org_id': 1,
        },
        {
          'org_tags.org_id': { target: 1, total: 1 },
          'org_status_history.org_id': { subject: 1, target: 1, total: 2 },
          'org_status_history.related_org_id': { subject: 1, target: 1, total: 2 },
        },
      ),
    );
  });
});

describe('grants scoped to a merged or dissolved organisation', () => {
  it('merged: the grant acts for the surviving organisation; dissolved: refused in Chinese', async () => {
    const a = await branchWith(3, '授权原团支部');
    const b = await branchWith(3, '授权接收团支部');
    const c = await branchWith(3, '再接收团支部');
    const grant = (await grantsOf(db, 'chengguan.secretary'))[0]!;
    await db.updateTable('platform.grants').set({ scope_org_id: a.id }).where('id', '=', grant.id).execute();
    const secretary = () => callerAs(database, 'chengguan.secretary').then((x) => x.caller);
    expect(await errorOf((await secretary()).organisations.get({ id: b.id }))).toMatchObject({
      code: 'FORBIDDEN',
    });

    await admin.org.proposals.execute({ id: (await approved('merge', a.id, b.id)).id });
    // Acts for b now (and still cannot see c, a sibling).
    expect((await (await secretary()).organisations.get({ id: b.id })).id).toBe(b.id);
    expect(await errorOf((await secretary()).organisations.get({ id: c.id }))).toMatchObject({
      code: 'FORBIDDEN',
    });
    // The grant row itself was not rewritten (tenant roles cannot update platform.grants).
    expect((await grantsOf(db, 'chengguan.secretary'))[0]!.scope_org_id).toBe(a.id);

    await admin.org.proposals.execute({ id: (await approved('dissolve', b.id, c.id)).id });
    const err = await errorOf((await secretary()).organisations.get({ id: c.id }));
    expect(err).toMatchObject({ code: 'FORBIDDEN' });
    expect(err?.message).toContain('已撤销');
    expect(err?.message).toContain(b.name);
  });
});
