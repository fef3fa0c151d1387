/**
 * ORG-1…ORG-6 through the API: leadership and elections with the 换届 due date, size warnings
 * from rule data, inventory reviews, tags, the 信息台帐 and its Excel export, coverage gaps, and
 * the adjust / merge / dissolve workflow (no member lost or doubled).
 */
import type { Organisation, PlatformDatabase, Tenant } from '@tuanjian/db';
import { addTermYears, todayInShanghai } from '@tuanjian/domain';
import ExcelJS from 'exceljs';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  callerAs,
  demoDatabase,
  errorOf,
  grantsOf,
  type TestDatabase,
  tenantByCode,
  tenantTables,
} from '../test/helpers';

let database: TestDatabase;
let db: Kysely<PlatformDatabase>;
let chengguan: Tenant;
let scopeOrg: Organisation;
let admin: Awaited<ReturnType<typeof callerAs>>['caller'];
let secretary: Awaited<ReturnType<typeof callerAs>>['caller'];
const today = todayInShanghai();

beforeAll(async () => {
  database = await demoDatabase();
  db = database.db;
  chengguan = await tenantByCode(db, 'chengguan');
  const grant = (await grantsOf(db, 'chengguan.secretary'))[0]!;
  scopeOrg = await tenantTables(db, chengguan)
    .selectFrom('organisations')
    .selectAll()
    .where('id', '=', grant.scope_org_id!)
    .executeTakeFirstOrThrow();
  admin = (await callerAs(database, 'chengguan.admin')).caller;
  secretary = (await callerAs(database, 'chengguan.secretary')).caller;
}, 300_000);

afterAll(async () => {
  await database?.close();
});

let seq = 0;
/** A new 团支部 under the secretary's 团总支 with `n` active members. */
async function branchWith(
  n: number,
  name = `测试团支部${++seq}`,
  sector: 'university' | 'community' = 'community',
) {
  const org = await admin.organisations.create({ parentId: scopeOrg.id, kind: 'branch', name, sector });
  if (n > 0) {
    await tenantTables(db, chengguan)
      .insertInto('members')
      .values(
        Array.from({ length: n }, (_, i) => ({
          org_id: org.id,
          name: `${name}团员${i + 1}`,
          gender: (i % 2 ? 'male' : 'female') as 'male' | 'female',
          birth_date: '2000-01-01',
        })),
      )
      .execute();
  }
  return org;
}

async function memberIdsOf(orgId: string) {
  const rows = await tenantTables(db, chengguan)
    .selectFrom('members')
    .select('id')
    .where('org_id', '=', orgId)
    .execute();
  return rows.map((r) => r.id);
}

describe('leadership, elections and the 换届 due date (ORG-2)', () => {
  it('no election yet: a warning; an election sets the leadership and the due date from branch.term', async () => {
    const org = await branchWith(8);
    let p = await secretary.org.profile({ id: org.id });
    expect(p.warnings.map((w) => w.code)).toEqual(
      expect.arrayContaining(['committee_missing', 'secretary_missing', 'election_missing']),
    );
    expect(p.term).toMatchObject({ student: false, minYears: 2, maxYears: 3 });

    const electedOn = '2025-03-01';
    p = await secretary.org.recordElection({
      orgId: org.id,
      electedOn,
      kind: 'first',
      method: 'competitive',
      entitledCount: 8,
      presentCount: 7,
      result: '选举产生支部委员会委员3名',
      leaders: [
        { name: '张书记', position: 'secretary' },
        { name: '李组织', position: 'organising' },
        { name: '王宣传', position: 'publicity' },
      ],
    });
    expect(p.leaders.map((l) => l.position)).toEqual(['secretary', 'organising', 'publicity']);
    expect(p.due).toMatchObject({ termStart: electedOn, dueOn: '2028-03-01', overdue: false });
    expect(p.warnings).toEqual([]);
    expect(p.elections[0]).toMatchObject({ kind: 'first', termYears: 3, onSchedule: true, ruleVersion: 1 });

    // A regular election replaces the leadership; the former one stays as history.
    p = await secretary.org.recordElection({
      orgId: org.id,
      electedOn: today,
      kind: 'regular',
      method: 'equal',
      entitledCount: 8,
      presentCount: 5,
      termYears: 2,
      result: '换届选举',
      leaders: [{ name: '赵书记', position: 'secretary' }],
    });
    expect(p.leaders.map((l) => l.name)).toEqual(['赵书记']);
    expect(p.formerLeaders).toHaveLength(3);
    expect(p.due.dueOn).toBe(addTermYears(today, 2));
    expect(p.warnings.map((w) => w.code)).toEqual(['committee_missing']);
  });

  it('overdue: elected more than the term ago', async () => {
    const org = await branchWith(4);
    const p = await admin.org.recordElection({
      orgId: org.id,
      electedOn: '2020-05-04',
      kind: 'first',
      method: 'equal',
      entitledCount: 4,
      presentCount: 4,
      result: '选举书记',
      leaders: [{ name: '钱书记', position: 'secretary' }],
    });
    expect(p.due).toMatchObject({ dueOn: '2023-05-04', overdue: true });
    expect(p.warnings.map((w) => w.code)).toEqual(['election_overdue']);
    expect(p.warnings[0]!.message).toContain('团支部工作条例');
  });

  it('student branch: 1-year term; other lengths refused with the rule', async () => {
    const org = await branchWith(5, '计算机2401班团支部', 'university');
    const base = {
      orgId: org.id,
      electedOn: today,
      kind: 'first' as const,
      method: 'equal' as const,
      entitledCount: 5,
      presentCount: 5,
      result: '选举',
      leaders: [{ name: '孙书记', position: 'secretary' as const }],
    };
    const err = await errorOf(admin.org.recordElection({ ...base, termYears: 2 }));
    expect(err).toMatchObject({ code: 'BAD_REQUEST', appCode: 'INVALID_STATE' });
    expect(err!.message).toContain('学生团支部每届任期1年');
    const p = await admin.org.recordElection(base);
    expect(p.term.student).toBe(true);
    expect(p.due.dueOn).toBe(addTermYears(today, 1));
  });

  it('按程序选举: not more than half present, or no secretary, is refused', async () => {
    const org = await branchWith(6);
    const base = {
      orgId: org.id,
      electedOn: today,
      kind: 'first' as const,
      method: 'equal' as const,
      entitledCount: 6,
      presentCount: 3,
      result: '选举',
      leaders: [{ name: '周书记', position: 'secretary' as const }],
    };
    expect((await errorOf(admin.org.recordElection(base)))?.message).toContain('未超过应到6人的半数');
    expect(
      (await errorOf(admin.org.recordElection({ ...base, presentCount: 4, leaders: [] })))?.message,
    ).toContain('书记1名');
  });
});

describe('size warnings from rule data (branch.setup, branch.committee)', () => {
  it('a branch of 2 members: 联合团支部; 51 members: too large', async () => {
    const small = await branchWith(2);
    const p = await admin.org.profile({ id: small.id });
    expect(p.warnings.map((w) => w.code)).toContain('branch_too_small');
    expect(p.rules.map((r) => r.key)).toEqual(['branch.setup', 'branch.committee', 'branch.term']);
    const big = await branchWith(51);
    expect((await admin.org.profile({ id: big.id })).warnings.map((w) => w.code)).toContain(
      'branch_too_large',
    );
  });

  it('a new rule version in force changes the warning', async () => {
    const org = await branchWith(4);
    expect((await admin.org.profile({ id: org.id })).warnings.map((w) => w.code)).not.toContain(
      'branch_too_small',
    );
    await db
      .insertInto('platform.rules')
      .values({
        key: 'branch.setup',
        version: 99,
        effective_from: '2999-01-01',
        value: JSON.stringify({ minMembers: 5, normalMaxMembers: 50 }),
        source: '测试',
        note: null,
      })
      .execute();
    // Not yet in force.
    expect((await admin.org.profile({ id: org.id })).warnings.map((w) => w.code)).not.toContain(
      'branch_too_small',
    );
    await db
      .updateTable('platform.rules')
      .set({ effective_from: '2020-01-01' })
      .where('version', '=', 99)
      .execute();
    const p = await admin.org.profile({ id: org.id });
    expect(p.warnings.map((w) => w.code)).toContain('branch_too_small');
    expect(p.rules.find((r) => r.key === 'branch.setup')?.version).toBe(99);
    await db.deleteFrom('platform.rules').where('version', '=', 99).execute();
  });
});

describe('inventory reviews, tags and the 信息台帐 (ORG-3, ORG-4)', () => {
  it('a superior sets the five-problem flags; the secretary cannot review its own organisation', async () => {
    const org = await branchWith(3);
    const p = await secretary.org.reviewInventory({
      orgId: org.id,
      reviewedOn: today,
      note: '年度排查',
      findings: [
        { problem: 'leadership_incomplete', note: '缺宣传委员' },
        { problem: 'activities_abnormal', note: '半年未开展主题团日' },
      ],
    });
    expect(p.reviews[0]).toMatchObject({
      reviewedOn: today,
      reviewerName: expect.any(String),
      note: '年度排查',
    });
    expect(p.reviews[0]!.findings.map((f) => f.problem).sort()).toEqual([
      'activities_abnormal',
      'leadership_incomplete',
    ]);
    expect(
      await errorOf(secretary.org.reviewInventory({ orgId: scopeOrg.id, reviewedOn: today, findings: [] })),
    ).toMatchObject({ code: 'FORBIDDEN', appCode: 'FORBIDDEN_SCOPE' });

    const tagged = await secretary.org.setTags({
      orgId: org.id,
      tags: ['regional', 'non_public_enterprise'],
    });
    expect(tagged.tags.map((t) => t.tag).sort()).toEqual(['non_public_enterprise', 'regional']);

    const byProblem = await admin.org.ledger.list({ problem: 'activities_abnormal' });
    expect(byProblem.items.map((r) => r.id)).toContain(org.id);
    expect(byProblem.items.every((r) => r.problems.includes('activities_abnormal'))).toBe(true);
    const byTag = await secretary.org.ledger.list({ tag: 'regional', pageSize: 200 });
    expect(byTag.items.map((r) => r.id)).toContain(org.id);
    expect(byTag.items.every((r) => r.tags.includes('regional'))).toBe(true);

    // A later review with no findings clears the flags (the history stays).
    await admin.org.reviewInventory({ orgId: org.id, reviewedOn: today, findings: [] });
    expect(
      (await admin.org.ledger.list({ problem: 'activities_abnormal' })).items.map((r) => r.id),
    ).not.toContain(org.id);
    expect((await admin.org.profile({ id: org.id })).reviews).toHaveLength(2);
  });

  it('the ledger is scoped: the secretary sees only its subtree', async () => {
    const all = await admin.org.ledger.list({ pageSize: 200 });
    const mine = await secretary.org.ledger.list({ pageSize: 200 });
    expect(mine.total).toBeLessThan(all.total);
    const orgs = await tenantTables(db, chengguan)
      .selectFrom('organisations')
      .select('id')
      .where('path', 'like', `${scopeOrg.path}%`)
      .execute();
    expect(mine.total).toBe(orgs.length);
    const member = (await callerAs(database, 'chengguan.member')).caller;
    expect(await errorOf(member.org.ledger.list({}))).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('Excel export: the same rows and columns as the screen, the filters in the file name', async () => {
    const filters = { kind: 'branch' as const, withWarnings: true };
    const screen = await secretary.org.ledger.list({ ...filters, pageSize: 200 });
    const file = await secretary.org.ledger.export(filters);
    expect(file.fileName).toMatch(/^信息台帐_城关区团委_团支部_有规则提示_\d{8}\.xlsx$/);
    expect(file.rows).toBe(screen.total);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(file.base64, 'base64') as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('信息台帐')!;
    expect(ws.getRow(2).getCell(1).text).toContain('团支部；有规则提示');
    expect(ws.getRow(3).getCell(1).text).toBe('组织名称');
    expect(ws.rowCount).toBe(3 + screen.total);
    const names = Array.from({ length: screen.total }, (_, i) => ws.getRow(4 + i).getCell(1).text);
    expect(names).toEqual(screen.items.map((r) => r.name));
  });
});

describe('coverage gaps (ORG-5)', () => {
  it('registered, listed until covered by linking an organisation', async () => {
    const gap = await secretary.org.gaps.create({
      unitName: '兰州某民办学校',
      unitKind: '民办学校',
      sector: 'high_school',
      youthCount: 120,
      responsibleOrgId: scopeOrg.id,
    });
    expect(gap).toMatchObject({ status: 'open', responsibleOrg: { id: scopeOrg.id } });
    expect(
      await errorOf(
        secretary.org.gaps.create({
          unitName: '兰州某民办学校',
          unitKind: '民办学校',
          responsibleOrgId: scopeOrg.id,
        }),
      ),
    ).toMatchObject({ code: 'CONFLICT' });
    expect((await admin.org.gaps.list({ status: 'open' })).items.map((g) => g.id)).toContain(gap.id);

    const org = await branchWith(3, '民办学校团支部');
    const covered = await secretary.org.gaps.cover({ id: gap.id, orgId: org.id });
    expect(covered).toMatchObject({ status: 'covered', coveredOrg: { id: org.id }, coveredOn: today });
    expect((await admin.org.gaps.list({ status: 'open' })).items.map((g) => g.id)).not.toContain(gap.id);
    expect(await errorOf(secretary.org.gaps.cover({ id: gap.id, orgId: org.id }))).toMatchObject({
      appCode: 'INVALID_STATE',
    });
    // A secretary must name an organisation of its own subtree as responsible.
    expect(
      await errorOf(secretary.org.gaps.create({ unitName: '某社会组织', unitKind: '社会组织' })),
    ).toMatchObject({ code: 'BAD_REQUEST' });
  });
});

describe('adjust / merge / dissolve (ORG-6)', () => {
  it('merge: proposal → approval by the district admin → apply moves every member once, history kept', async () => {
    const subject = await branchWith(6, '被合并团支部');
    const target = await branchWith(4, '接收团支部');
    const group = await admin.organisations.create({
      parentId: subject.id,
      kind: 'group',
      name: '第一团小组',
    });
    await tenantTables(db, chengguan)
      .insertInto('members')
      .values({ org_id: group.id, name: '团小组团员', gender: 'male', birth_date: '2001-01-01' })
      .execute();
    await admin.org.setTags({ orgId: subject.id, tags: ['regional'] });
    const subjectMembers = await memberIdsOf(subject.id);
    const targetMembers = await memberIdsOf(target.id);
    const tenantBefore = await tenantTables(db, chengguan).selectFrom('members').select('id').execute();

    const preview = await secretary.org.proposals.preview({
      kind: 'merge',
      orgId: subject.id,
      targetOrgId: target.id,
    });
    expect(preview.ok).toBe(true);
    expect(preview.subject).toMatchObject({ directMembers: 6, children: 1 });

    const proposal = await secretary.org.proposals.create({
      kind: 'merge',
      orgId: subject.id,
      targetOrgId: target.id,
      reason: '两个团支部团员人数少，合并设置',
      effectiveOn: today,
    });
    expect(proposal.status).toBe('pending');
    // Not before approval, and not by the secretary.
    expect(await errorOf(admin.org.proposals.execute({ id: proposal.id }))).toMatchObject({
      appCode: 'INVALID_STATE',
    });
    expect(await errorOf(secretary.org.proposals.decide({ id: proposal.id, approve: true }))).toMatchObject({
      code: 'FORBIDDEN',
      appCode: 'FORBIDDEN_ROLE',
    });
    expect(
      await errorOf(
        secretary.org.proposals.create({
          kind: 'dissolve',
          orgId: subject.id,
          targetOrgId: target.id,
          reason: '重复',
          effectiveOn: today,
        }),
      ),
    ).toMatchObject({ code: 'CONFLICT' });
    const approved = await admin.org.proposals.decide({ id: proposal.id, approve: true, note: '同意' });
    expect(approved.status).toBe('approved');
    const applied = await admin.org.proposals.execute({ id: proposal.id });
    expect(applied.status).toBe('applied');
    expect(applied.result).toMatchObject({ membersMoved: 6, childrenMoved: 1 });

    // No member lost or doubled.
    const after = await tenantTables(db, chengguan).selectFrom('members').select(['id', 'org_id']).execute();
    expect(after.map((m) => m.id).sort()).toEqual(tenantBefore.map((m) => m.id).sort());
    expect(new Set(after.map((m) => m.id)).size).toBe(after.length);
    const nowInTarget = await memberIdsOf(target.id);
    expect(nowInTarget.sort()).toEqual([...subjectMembers, ...targetMembers].sort());
    expect(await memberIdsOf(subject.id)).toEqual([]);
    // The 团小组 moved under the target, with its member and a rewritten path.
    const groupRow = await tenantTables(db, chengguan)
      .selectFrom('organisations')
      .selectAll()
      .where('id', '=', group.id)
      .executeTakeFirstOrThrow();
    const targetRow = await tenantTables(db, chengguan)
      .selectFrom('organisations')
      .selectAll()
      .where('id', '=', target.id)
      .executeTakeFirstOrThrow();
    expect(groupRow.parent_id).toBe(target.id);
    expect(groupRow.path).toBe(`${targetRow.path}${group.id}/`);
    expect(await memberIdsOf(group.id)).toHaveLength(1);

    // History: the subject is kept as merged, never deleted.
    const subjectProfile = await admin.org.profile({ id: subject.id });
    expect(subjectProfile.status).toBe('merged');
    expect(subjectProfile.history[0]).toMatchObject({
      event: 'merged_into',
      fromStatus: 'active',
      toStatus: 'merged',
      changedOn: today,
      relatedOrg: { id: target.id },
      proposalId: proposal.id,
    });
    const targetProfile = await admin.org.profile({ id: target.id });
    expect(targetProfile.history[0]).toMatchObject({ event: 'merged_from', relatedOrg: { id: subject.id } });
    expect(targetProfile.tags.map((t) => t.tag)).toContain('regional');
    // A merged organisation cannot be changed any more.
    expect(await errorOf(admin.org.setTags({ orgId: subject.id, tags: [] }))).toMatchObject({
      appCode: 'INVALID_STATE',
    });
    expect(await errorOf(admin.org.proposals.execute({ id: proposal.id }))).toMatchObject({
      appCode: 'INVALID_STATE',
    });
  });

  it('dissolve: with members a receiving organisation is required; rejected proposals are not applied', async () => {
    const subject = await branchWith(2, '待撤销团支部');
    const err = await errorOf(
      admin.org.proposals.create({
        kind: 'dissolve',
        orgId: subject.id,
        reason: '单位撤销',
        effectiveOn: today,
      }),
    );
    expect(err).toMatchObject({ appCode: 'INVALID_STATE' });
    expect(err!.message).toContain('撤销前须指定接收组织');

    const empty = await branchWith(0, '空团支部');
    const p = await admin.org.proposals.create({
      kind: 'dissolve',
      orgId: empty.id,
      reason: '无团员',
      effectiveOn: today,
    });
    expect(await errorOf(admin.org.proposals.decide({ id: p.id, approve: false }))).toMatchObject({
      code: 'BAD_REQUEST',
    });
    const rejected = await admin.org.proposals.decide({ id: p.id, approve: false, note: '先联合设置' });
    expect(rejected.status).toBe('rejected');
    expect(await errorOf(admin.org.proposals.execute({ id: p.id }))).toMatchObject({
      appCode: 'INVALID_STATE',
    });

    const again = await admin.org.proposals.create({
      kind: 'dissolve',
      orgId: empty.id,
      reason: '无团员',
      effectiveOn: today,
    });
    await admin.org.proposals.decide({ id: again.id, approve: true });
    const done = await admin.org.proposals.execute({ id: again.id });
    expect(done.result).toMatchObject({ membersMoved: 0 });
    expect((await admin.organisations.get({ id: empty.id })).status).toBe('dissolved');
  });

  it('execution re-checks the rules: a target gone since approval refuses, and nothing moves', async () => {
    const subject = await branchWith(3, '复核团支部');
    const target = await branchWith(3, '复核接收团支部');
    const before = await memberIdsOf(subject.id);
    const p = await admin.org.proposals.create({
      kind: 'merge',
      orgId: subject.id,
      targetOrgId: target.id,
      reason: '合并',
      effectiveOn: today,
    });
    await admin.org.proposals.decide({ id: p.id, approve: true });
    await tenantTables(db, chengguan)
      .updateTable('organisations')
      .set({ status: 'dissolved' })
      .where('id', '=', target.id)
      .execute();
    const err = await errorOf(admin.org.proposals.execute({ id: p.id }));
    expect(err).toMatchObject({ appCode: 'INVALID_STATE' });
    expect(err!.message).toContain('目标组织已撤销或合并');
    expect((await memberIdsOf(subject.id)).sort()).toEqual(before.sort());
    expect((await admin.org.proposals.get({ id: p.id })).status).toBe('approved');
  });

  it('adjust: moves the subtree under a new parent with the kind rules checked', async () => {
    const subject = await branchWith(3, '调整团支部');
    const group = await admin.organisations.create({
      parentId: subject.id,
      kind: 'group',
      name: '调整团小组',
    });
    const tree = await tenantTables(db, chengguan)
      .selectFrom('organisations')
      .selectAll()
      .where('kind', '=', 'general_branch')
      .where('id', '!=', scopeOrg.id)
      .where('status', '=', 'active')
      .executeTakeFirstOrThrow();
    const branch = await tenantTables(db, chengguan)
      .selectFrom('organisations')
      .selectAll()
      .where('kind', '=', 'branch')
      .where('id', '!=', subject.id)
      .executeTakeFirstOrThrow();
    const bad = await admin.org.proposals.preview({
      kind: 'adjust',
      orgId: subject.id,
      targetOrgId: branch.id,
    });
    expect(bad.ok).toBe(false);
    expect(bad.checks.find((c) => !c.ok)?.text).toContain('团支部下不能设立团支部');

    const p = await admin.org.proposals.create({
      kind: 'adjust',
      orgId: subject.id,
      targetOrgId: tree.id,
      newName: '调整后团支部',
      reason: '隶属关系调整',
      effectiveOn: today,
    });
    await admin.org.proposals.decide({ id: p.id, approve: true });
    await admin.org.proposals.execute({ id: p.id });
    const moved = await admin.organisations.get({ id: group.id });
    expect(moved.breadcrumbs.map((b) => b.id)).toEqual(
      expect.arrayContaining([tree.id, subject.id, group.id]),
    );
    const s = await admin.org.profile({ id: subject.id });
    expect(s).toMatchObject({ name: '调整后团支部', status: 'active', directMemberCount: 3 });
    expect(s.history[0]).toMatchObject({ event: 'adjusted', relatedOrg: { id: tree.id } });
    // Out of the secretary's subtree now.
    expect(await errorOf(secretary.org.profile({ id: subject.id }))).toMatchObject({
      appCode: 'FORBIDDEN_SCOPE',
    });
  });
});
