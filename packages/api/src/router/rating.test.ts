/**
 * RATE (对标定级) through the API on a district with ≥ 30 branches under one superior: start →
 * self-assessment and signing by each branch's secretary → superior review → publication with the
 * caps applied; 不参评 by age, not accepted in rectification → not rated; the 团总支 rule; and
 * recomputing with the stored rule version after the city adds a new version.
 */
import type { PlatformDatabase, Tenant } from '@tuanjian/db';
import { ruleCatalogue, todayInShanghai } from '@tuanjian/domain';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSession } from '../auth/session';
import { readLedger } from '../test/excel';
import {
  callerAs,
  callerWith,
  demoDatabase,
  errorOf,
  TEST_CONFIG,
  type TestDatabase,
  tenantByCode,
  tenantTables,
  userByName,
} from '../test/helpers';

let database: TestDatabase;
let db: Kysely<PlatformDatabase>;
let chengguan: Tenant;
const year = Number(todayInShanghai().slice(0, 4));
let superiorId: string;
let generalId: string;
const branches: { id: string; name: string; memberId: string }[] = [];
let youngId: string;
let notAcceptedId: string;
const N = 30;

const secretaries = new Map<string, ReturnType<typeof callerWith>['caller']>();
async function secretaryCaller(orgId: string) {
  const known = secretaries.get(orgId);
  if (known) return known;
  const user = await userByName(db, 'chengguan.branch');
  const g = await db
    .insertInto('platform.grants')
    .values({
      user_id: user.id,
      tenant_id: chengguan.id,
      role: 'org_secretary',
      scope_org_id: orgId,
      member_id: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const { token } = await createSession(db, {
    userId: user.id,
    grantId: g.id,
    client: 'admin',
    ip: '127.0.0.1',
    userAgent: 'vitest',
    ttlMs: TEST_CONFIG.sessionTtlMs,
  });
  const caller = callerWith(database, { token }).caller;
  secretaries.set(orgId, caller);
  return caller;
}

beforeAll(async () => {
  database = await demoDatabase();
  db = database.db;
  chengguan = await tenantByCode(db, 'chengguan');
  const t = tenantTables(db, chengguan);
  const root = await t
    .selectFrom('organisations')
    .select(['id', 'path'])
    .where('parent_id', 'is', null)
    .orderBy('path')
    .executeTakeFirstOrThrow();
  const admin = await userByName(db, 'chengguan.admin');
  const org = async (parentPath: string, parentId: string, kind: string, name: string, foundedOn: string) => {
    const id = crypto.randomUUID();
    await t
      .insertInto('organisations')
      .values({
        id,
        parent_id: parentId,
        path: `${parentPath}${id}/`,
        kind: kind as 'branch',
        name,
        sector: 'enterprise',
        unit_name: null,
        address: null,
        founded_on: foundedOn,
      })
      .execute();
    return { id, path: `${parentPath}${id}/` };
  };
  const sup = await org(root.path, root.id, 'league_committee', '星级测试团委', '2015-01-01');
  superiorId = sup.id;
  const member = async (orgId: string, name: string) =>
    (
      await t
        .insertInto('members')
        .values({ org_id: orgId, name, gender: 'female', birth_date: '2000-05-01', join_date: '2015-05-04' })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  for (let i = 0; i < N; i++) {
    const b = await org(
      sup.path,
      sup.id,
      'branch',
      `星级测试第${String(i + 1).padStart(2, '0')}团支部`,
      '2020-01-01',
    );
    branches.push({ ...b, name: `第${i + 1}支部`, memberId: await member(b.id, `代表${i + 1}`) });
  }
  const g = await org(sup.path, sup.id, 'general_branch', '星级测试团总支', '2020-01-01');
  generalId = g.id;
  for (let i = 0; i < 2; i++) {
    const b = await org(g.path, g.id, 'branch', `星级测试团总支第${i + 1}团支部`, '2020-01-01');
    branches.push({ ...b, name: `总支第${i + 1}支部`, memberId: await member(b.id, `总支代表${i + 1}`) });
  }
  // Founded 5 months before the rating date (too young) and one not accepted in rectification.
  const young = await org(sup.path, sup.id, 'branch', '星级测试新建团支部', `${year}-07-01`);
  youngId = young.id;
  await member(young.id, '新团员');
  const na = await org(sup.path, sup.id, 'branch', '星级测试未验收团支部', '2020-01-01');
  notAcceptedId = na.id;
  await t
    .insertInto('rectification_acceptances')
    .values(
      [...branches.map((b) => b.id), young.id].map((id) => ({
        org_id: id,
        year,
        result: 'passed' as const,
        notes: null,
        decided_by: admin.id,
      })),
    )
    .execute();
  // Version 2 of the rule (lower thresholds, so a district without a year of data reaches the stars);
  // the round stores it, and a later version 3 must not change its results.
  await db
    .insertInto('platform.rules')
    .values({
      key: 'rating.stars',
      version: 2,
      effective_from: '2019-01-01',
      value: JSON.stringify({
        ...ruleCatalogue['rating.stars'].value,
        fiveStar: 40,
        fourStar: 35,
        threeStar: 30,
        lagging: 20,
      }),
      source: '测试：第2版',
      note: null,
    })
    .execute();
  // notAccepted: failed
  await t
    .insertInto('rectification_acceptances')
    .values({ org_id: na.id, year, result: 'failed', notes: '未通过', decided_by: admin.id })
    .execute();
}, 300_000);

afterAll(async () => {
  await database?.close();
});

const scored = ruleCatalogue['rating.stars'].value.criteria.filter((c) => c.mode === 'scored');

describe('rating (RATE-1…RATE-3)', () => {
  let roundId: string;
  const ratingOf = new Map<string, string>();

  it('a superior starts the year: accepted branches and the 团总支 enter; too young → 不参评', async () => {
    const { caller } = await callerAs(database, 'chengguan.admin');
    const r = await caller.rating.start({ orgId: superiorId, year });
    roundId = r.roundId;
    expect(r.ruleVersion).toBe(2);
    expect(r.notAccepted.map((x) => x.orgId)).toEqual([notAcceptedId]);
    expect(r.ineligible.map((x) => x.orgId)).toEqual([youngId]);
    expect(r.ineligible[0]?.reason).toContain('成立不满6个月');
    expect(r.rated).toBe(N + 2 + 1); // 32 branches + the 团总支
    const again = await errorOf(caller.rating.start({ orgId: superiorId, year }));
    expect(again?.appCode).toBe('CONFLICT');
    const round = await caller.rating.round({ id: roundId });
    expect(round.rows).toHaveLength(N + 2 + 1 + 1);
    for (const row of round.rows) ratingOf.set(row.orgId, row.ratingId);
    // computed criteria come with how they were computed
    const d = await caller.rating.get({ id: ratingOf.get(branches[0]!.id)! });
    const meetings = d.criteria.find((c) => c.key === 'system.meetings');
    expect(meetings?.mode).toBe('computed');
    expect(meetings?.indicator?.formula).toContain('三会两制一课');
    const election = d.criteria.find((c) => c.key === 'team.election');
    expect(election?.indicator?.value).toBe('未录入换届选举');
    expect(election?.points_).toBe(0);
  });

  it('self-assessment: only the branch’s own secretary; computed criteria cannot be scored; signing needs all scored items and a member of the branch', async () => {
    const { caller: admin } = await callerAs(database, 'chengguan.admin');
    const id = ratingOf.get(branches[0]!.id)!;
    const notOwn = await errorOf(admin.rating.selfAssess({ id, scores: [] }));
    expect(notOwn?.appCode).toBe('FORBIDDEN_ROLE');
    const sec = await secretaryCaller(branches[0]!.id);
    const computed = await errorOf(
      sec.rating.selfAssess({ id, scores: [{ key: 'system.meetings', points: 12 }] }),
    );
    expect(computed?.message).toContain('由系统根据数据计算');
    const over = await errorOf(
      sec.rating.selfAssess({ id, scores: [{ key: 'team.quality', points: 12.5 }] }),
    );
    expect(over?.message).toContain('0至12分');
    const badFile = await errorOf(
      sec.rating.selfAssess({
        id,
        scores: [{ key: 'team.quality', points: 12, evidenceIds: [crypto.randomUUID()] }],
      }),
    );
    expect(badFile?.message).toBe('附件不存在或无权使用');
    await sec.rating.selfAssess({ id, scores: [{ key: 'team.quality', points: 12 }] });
    const early = await errorOf(sec.rating.sign({ id, memberRepId: branches[0]!.memberId }));
    expect(early?.message).toContain('请先完成自评');
    const reviewEarly = await errorOf(
      admin.rating.review({ id, scores: [], vetoItems: [], studyPercent: 90 }),
    );
    expect(reviewEarly?.message).toContain('尚未完成自评签字');
  });

  it('refresh: the computed indicators are taken again from current data before publication; the version stays', async () => {
    const { caller: admin } = await callerAs(database, 'chengguan.admin');
    const b = branches[0]!;
    const id = ratingOf.get(b.id)!;
    const before = await admin.rating.get({ id });
    expect(before.criteria.find((c) => c.key === 'team.election')?.points_).toBe(0);
    // a 换届 recorded after the start
    await tenantTables(db, chengguan)
      .insertInto('org_elections')
      .values({
        org_id: b.id,
        elected_on: `${year}-01-01`,
        kind: 'regular',
        method: 'competitive',
        entitled_count: 10,
        present_count: 9,
        term_years: 2,
        previous_due_on: null,
        on_schedule: true,
        result: '选举产生新一届支部委员会',
        rule_version: 1,
        created_by: null,
      })
      .execute();
    // the branch does not see the round; only its superior refreshes
    const sec = await secretaryCaller(b.id);
    expect((await errorOf(sec.rating.refresh({ id: roundId, orgId: b.id })))?.appCode).toBe('NOT_FOUND');
    const r = await admin.rating.refresh({ id: roundId, orgId: b.id });
    expect(r).toMatchObject({ refreshed: 1, ruleVersion: 2 });
    const change = r.changes.find((c) => c.title.includes('换届'));
    expect(change).toMatchObject({ orgId: b.id, before: '未录入换届选举', beforePoints: 0 });
    const after = await admin.rating.get({ id });
    const e = after.criteria.find((c) => c.key === 'team.election')!;
    expect(e.points_).toBe(e.points);
    expect(after.ruleVersion).toBe(2);
    expect(after.computedAt.getTime()).toBeGreaterThanOrEqual(before.computedAt.getTime());
    // the self-assessment is kept
    expect(after.criteria.find((c) => c.key === 'team.quality')?.selfPoints).toBe(12);
    // the whole round: every rated organisation (not the 不参评 one)
    const all = await admin.rating.refresh({ id: roundId });
    expect(all.refreshed).toBe(N + 3);
    expect(all.changes.filter((c) => c.orgId === b.id)).toEqual([]);
    expect((await errorOf(admin.rating.refresh({ id: roundId, orgId: youngId })))?.message).toContain(
      '不在本轮评定中',
    );
  });

  it('33 self-assessments and reviews, then publication applies the caps (五星 ≤ 20 %, 四星 ≤ 60 %), the 团总支 rule and 青年大学习', async () => {
    const { caller: admin } = await callerAs(database, 'chengguan.admin');
    for (const b of branches) {
      const id = ratingOf.get(b.id)!;
      const sec = await secretaryCaller(b.id);
      await sec.rating.selfAssess({
        id,
        scores: scored.map((c) => ({ key: c.key, points: c.points, note: '自评' })),
      });
      const signed = await sec.rating.sign({ id, memberRepId: b.memberId });
      expect(signed.signature?.memberRepName).toBeTruthy();
      expect(signed.status).toBe('self_assessed');
    }
    const gid = ratingOf.get(generalId)!;
    const gsec = await secretaryCaller(generalId);
    await gsec.rating.selfAssess({ id: gid, scores: scored.map((c) => ({ key: c.key, points: c.points })) });
    const gm = await tenantTables(db, chengguan)
      .insertInto('members')
      .values({
        org_id: generalId,
        name: '总支代表',
        gender: 'male',
        birth_date: '2001-01-01',
        join_date: '2016-05-04',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await gsec.rating.sign({ id: gid, memberRepId: gm.id });

    // The superior's review: branch i loses i × 0.25 on 班子 (distinct totals, highest first);
    // branch 1 reports 青年大学习 79 % (barred from 五星); the 团总支's first sub-branch (index N) is vetoed.
    for (const [i, b] of branches.entries()) {
      const r = await admin.rating.review({
        id: ratingOf.get(b.id)!,
        scores: scored.map((c) => ({
          key: c.key,
          points: c.key === 'team.quality' ? c.points - i * 0.25 : c.points,
        })),
        vetoItems: i === N ? ['fraud'] : [],
        studyPercent: i === 1 ? 79 : 85,
        note: '审核通过',
      });
      expect(r.status).toBe('reviewed');
    }
    const vetoed = await admin.rating.get({ id: ratingOf.get(branches[N]!.id)! });
    expect(vetoed.level).toBe('weak');
    expect(vetoed.levelReasons[0]).toContain('一票否决');
    const study = await admin.rating.get({ id: ratingOf.get(branches[1]!.id)! });
    expect(study.level).toBe('four');
    expect(study.levelReasons[0]).toContain('低于80%');
    const pending = await errorOf(admin.rating.publish({ id: roundId }));
    expect(pending?.message).toContain('未审核');
    const g = await admin.rating.review({
      id: gid,
      scores: scored.map((c) => ({ key: c.key, points: c.points })),
      vetoItems: [],
      studyPercent: 90,
    });
    expect(g.level).toBe('four');
    expect(g.levelReasons).toContain('所属团支部中有后进或软弱涣散的，团总支不能评为五星');

    const preview = await admin.rating.publishPreview({ id: roundId });
    expect(preview.published).toBe(false);
    expect(preview.report.count).toBe(N + 3);
    expect(preview.report.fiveStarMax).toBe(6); // floor(33 × 20 %)
    expect(preview.report.fourStarMax).toBe(19); // floor(33 × 60 %)
    expect(preview.report.fiveStarBefore).toBe(N + 2 - 2); // all but the vetoed and the 青年大学习 one
    const pub = await admin.rating.publish({ id: roundId });
    expect(pub.published).toBe(true);
    expect(pub.report.fiveStarAfter).toBe(6);
    expect(pub.report.fourStarAfter).toBe(19);
    // 24 五星 demoted (7 of them, the lowest, on to 三星 by the 四星 cap)
    expect(pub.capped.length).toBe(24);
    const round = await admin.rating.round({ id: roundId });
    const level = (i: number) => round.rows.find((r) => r.orgId === branches[i]!.id);
    expect(round.status).toBe('published');
    expect([0, 2, 3, 4, 5, 6].map((i) => level(i)?.publishedLevel)).toEqual(Array(6).fill('five'));
    expect(level(7)).toMatchObject({ level: 'five', publishedLevel: 'four', capped: true });
    expect(level(7)?.capReason).toContain('33个中最多6个');
    expect(level(1)).toMatchObject({ level: 'four', publishedLevel: 'four', capped: false });
    expect(level(N + 1)).toMatchObject({ level: 'five', publishedLevel: 'three', capped: true });
    expect(level(N)?.publishedLevel).toBe('weak');
    expect(round.rows.find((r) => r.orgId === youngId)?.status).toBe('ineligible');
    const twice = await errorOf(admin.rating.publish({ id: roundId }));
    expect(twice?.message).toContain('已公布');

    // the published star shows on the branch, and the secretary sees what would raise it
    const sec = await secretaryCaller(branches[7]!.id);
    const mine = await sec.rating.mine();
    expect(mine.star).toEqual({ year, level: 'four', label: '四星' });
    expect(mine.raise.length).toBeGreaterThan(0);
    expect(mine.raise.find((r) => r.key === 'team.quality')?.gap).toBe(1.75);
    expect(mine.raise.find((r) => r.key === 'system.meetings')?.explanation).toContain('三会两制一课');
    // … and everywhere the organisation is shown: organisations.get, the tree, the mini-program home
    expect((await admin.organisations.get({ id: branches[7]!.id })).star).toEqual({
      year,
      level: 'four',
      label: '四星',
    });
    const flat = (nodes: Awaited<ReturnType<typeof admin.organisations.tree>>): typeof nodes =>
      nodes.flatMap((n) => [n, ...flat(n.children)]);
    const tree = flat(await admin.organisations.tree());
    expect(tree.find((n) => n.id === branches[0]!.id)?.star?.level).toBe('five');
    expect(tree.find((n) => n.id === branches[N]!.id)?.star?.label).toBe('软弱涣散');
    expect(tree.find((n) => n.id === youngId)?.star).toBeNull();
    expect((await sec.home.summary()).branch?.star?.label).toBe('四星');
    // export with the shared ledger helper
    const file = await admin.rating.export({ id: roundId });
    const parsed = await readLedger(file);
    expect(parsed.headers).toContain('公布等次');
    expect(parsed.records).toHaveLength(N + 4);
  }, 300_000);

  it('recompute: after the city adds a new rule version the round keeps its version and the same result', async () => {
    const { caller: admin } = await callerAs(database, 'chengguan.admin');
    const id = ratingOf.get(branches[2]!.id)!;
    const before = await admin.rating.recompute({ id });
    expect(before.ruleVersion).toBe(2);
    expect(before.level).toBe(before.storedLevel);
    expect(before.totalPoints).toBe(before.storedTotalPoints);
    await db
      .insertInto('platform.rules')
      .values({
        key: 'rating.stars',
        version: 3,
        effective_from: '2019-01-01',
        value: JSON.stringify({ ...ruleCatalogue['rating.stars'].value }),
        source: '测试：第3版（恢复文件标准）',
        note: null,
      })
      .execute();
    const after = await admin.rating.recompute({ id });
    expect(after.ruleVersion).toBe(2);
    expect(after.totalPoints).toBe(before.totalPoints);
    expect(after.level).toBe('five');
    expect(after.level).toBe(before.level);
  });

  it('scope: another branch’s secretary sees nothing; a member is refused', async () => {
    const sec = await secretaryCaller(branches[3]!.id);
    const other = await errorOf(sec.rating.get({ id: ratingOf.get(branches[4]!.id)! }));
    expect(other?.appCode).toBe('NOT_FOUND');
    const { caller: member } = await callerAs(database, 'chengguan.member');
    expect((await errorOf(member.rating.rounds({})))?.appCode).toBe('FORBIDDEN_ROLE');
    const { caller: admin } = await callerAs(database, 'qilihe.admin');
    expect((await errorOf(admin.rating.round({ id: roundId })))?.appCode).toBe('NOT_FOUND');
  });
});
