import type { Organisation, PlatformDatabase, Tenant } from '@tuanjian/db';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  callerWith,
  demoDatabase,
  errorOf,
  grantsOf,
  sessionFor,
  type TestDatabase,
  tenantByCode,
  tenantTables,
} from '../test/helpers';

// 2026-11-29 12:00 in Shanghai.
const NOW = new Date('2026-11-29T04:00:00Z');
const TODAY = '2026-11-29';

let database: TestDatabase;
let db: Kysely<PlatformDatabase>;
let chengguan: Tenant;
let branch: Organisation;
let committee: Organisation;
let introducerIds: string[];

async function as(username: string, tenantCode?: string) {
  const token = await sessionFor(db, username, tenantCode ? { tenantCode } : {});
  return callerWith(database, { token, now: () => NOW }).caller;
}

beforeAll(async () => {
  database = await demoDatabase();
  db = database.db;
  chengguan = await tenantByCode(db, 'chengguan');
  const t = tenantTables(db, chengguan);
  const g = (await grantsOf(db, 'chengguan.branch'))[0]!;
  branch = await t
    .selectFrom('organisations')
    .selectAll()
    .where('id', '=', g.scope_org_id!)
    .executeTakeFirstOrThrow();
  const ancestors = await t
    .selectFrom('organisations')
    .selectAll()
    .where('id', 'in', branch.path.split('/').filter(Boolean))
    .execute();
  committee = ancestors
    .filter((o) => o.kind === 'league_committee' && o.id !== branch.id)
    .sort((a, b) => b.path.length - a.path.length)[0]!;
  const ms = await t
    .selectFrom('members')
    .select('id')
    .where('org_id', '=', branch.id)
    .where('status', '=', 'active')
    .where('member_number', 'is not', null)
    .limit(2)
    .execute();
  introducerIds = ms.map((m) => m.id);
}, 300_000);

afterAll(async () => {
  await database?.close();
});

/** Carries an application from submission to the vote (dates in 2026). */
async function toVoted(birthDate: string, name = '张小青', orgId?: string) {
  const sec = await as(orgId ? 'chengguan.admin' : 'chengguan.branch');
  const app = await sec.development.submit({
    orgId: orgId ?? branch.id,
    name,
    gender: 'female',
    birthDate,
    appliedOn: '2026-01-05',
  });
  const id = app.id;
  await sec.development.advance({ id, step: 'talked', talkOn: '2026-01-20' });
  await sec.development.advance({
    id,
    step: 'activist',
    activistOn: '2026-02-01',
    source: 'pioneer',
    noticeOn: '2026-02-03',
  });
  for (const d of ['2026-02-10', '2026-03-10', '2026-04-10', '2026-05-01']) {
    await sec.development.addLesson({ applicationId: id, heldOn: d, hours: 2, topic: '团章学习' });
  }
  await sec.development.advance({ id, step: 'candidate', candidateOn: '2026-05-10' });
  const admin = await as('chengguan.admin');
  await admin.development.advance({
    id,
    step: 'prechecked',
    precheckOn: '2026-05-15',
    volunteerFormOn: '2026-05-16',
  });
  await sec.development.advance({ id, step: 'introduced', introducedOn: '2026-05-20', introducerIds });
  await sec.development.advance({
    id,
    step: 'voted',
    meetingOn: '2026-06-01',
    entitled: 10,
    present: 8,
    yes: 8,
    no: 0,
  });
  return id;
}

describe('number blocks (号段)', () => {
  it('the city assigns blocks to districts; overlaps and non-city users are refused', async () => {
    const city = await as('city.admin');
    const block = await city.development.assignCityBlock({
      tenantId: chengguan.id,
      year: 2026,
      startSeq: 1,
      endSeq: 1000,
    });
    expect(block).toMatchObject({ tenantName: chengguan.name, size: 1000 });
    const qilihe = await tenantByCode(db, 'qilihe');
    const clash = await errorOf(
      city.development.assignCityBlock({ tenantId: qilihe.id, year: 2026, startSeq: 1000, endSeq: 2000 }),
    );
    expect(clash).toMatchObject({ appCode: 'CONFLICT', message: expect.stringContaining('重叠') });
    await city.development.assignCityBlock({ tenantId: qilihe.id, year: 2026, startSeq: 1001, endSeq: 2000 });
    const admin = await as('chengguan.admin');
    expect(await errorOf(admin.development.cityBlocks())).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('a district assigns sub-blocks to its 团委 within its city block; others are refused', async () => {
    const admin = await as('chengguan.admin');
    const outside = await errorOf(
      admin.development.assignBlock({ orgId: committee.id, year: 2026, startSeq: 900, endSeq: 1100 }),
    );
    expect(outside?.message).toContain('不在团市委分配给本单位的2026年号段之内');
    const notCommittee = await errorOf(
      admin.development.assignBlock({ orgId: branch.id, year: 2026, startSeq: 1, endSeq: 10 }),
    );
    expect(notCommittee?.message).toContain('团委或团工委');
    const sub = await admin.development.assignBlock({
      orgId: committee.id,
      year: 2026,
      startSeq: 1,
      endSeq: 50,
    });
    expect(sub).toMatchObject({ remaining: 50, used: 0 });
    const secretary = await as('chengguan.secretary');
    expect(
      await errorOf(
        secretary.development.assignBlock({ orgId: committee.id, year: 2026, startSeq: 60, endSeq: 70 }),
      ),
    ).toMatchObject({
      appCode: 'FORBIDDEN_ROLE',
    });
    const list = await admin.development.blocks({ year: 2026 });
    expect(list.cityBlocks[0]).toMatchObject({ size: 1000, assigned: 50 });
  });
});

describe('development pipeline (发展团员)', () => {
  it('refuses skipping a stage and dates out of order, quoting the rule', async () => {
    const sec = await as('chengguan.branch');
    const app = await sec.development.submit({
      orgId: branch.id,
      name: '李跳步',
      gender: 'male',
      birthDate: '2011-03-01',
      appliedOn: '2026-10-01',
    });
    expect(app).toMatchObject({ stage: 'applied', talkDueBy: '2026-11-01', talkOverdue: true });
    const skip = await errorOf(
      sec.development.advance({ id: app.id, step: 'candidate', candidateOn: '2026-11-01' }),
    );
    expect(skip).toMatchObject({ appCode: 'INVALID_STATE' });
    expect(skip?.message).toContain('不能跳过“谈话”环节');
    expect(skip?.message).toContain('《发展团员工作细则》');
    const early = await errorOf(
      sec.development.advance({ id: app.id, step: 'talked', talkOn: '2026-09-30' }),
    );
    expect(early?.message).toContain('不能早于');
    await sec.development.advance({ id: app.id, step: 'talked', talkOn: '2026-10-20' });
    await sec.development.advance({
      id: app.id,
      step: 'activist',
      activistOn: '2026-10-25',
      source: 'recommendation',
      noticeOn: '2026-10-26',
    });
    const cult = await errorOf(
      sec.development.advance({ id: app.id, step: 'candidate', candidateOn: '2026-11-28' }),
    );
    expect(cult?.message).toContain('培养教育时间须满3个月');
    const waiting = await sec.development.waiting();
    expect(waiting.map((w) => w.id)).toContain(app.id);
  });

  it('the branch secretary cannot approve; approval under 14 is refused, exactly 14 draws a number', async () => {
    const young = await toVoted('2012-11-30', '王差一天'); // 13 years 364 days on 2026-11-29
    const sec = await as('chengguan.branch');
    const denied = await errorOf(sec.development.advance({ id: young, step: 'approved', approvedOn: TODAY }));
    expect(denied).toMatchObject({ appCode: 'FORBIDDEN_ROLE' });
    const admin = await as('chengguan.admin');
    const under = await errorOf(
      admin.development.advance({ id: young, step: 'approved', approvedOn: TODAY }),
    );
    expect(under).toMatchObject({
      appCode: 'INVALID_STATE',
      message: '未满14周岁，不能批准入团（《发展团员工作细则》）',
    });

    const fourteen = await toVoted('2012-11-29', '赵满十四'); // exactly 14 on 2026-11-29
    const ok = await admin.development.advance({ id: fourteen, step: 'approved', approvedOn: TODAY });
    expect(ok.stage).toBe('approved');
    expect(ok.memberNumber).toMatch(/^202662\d{6}$/);
    expect(ok.approvingOrg?.id).toBe(committee.id);
    const member = await tenantTables(db, chengguan)
      .selectFrom('members')
      .selectAll()
      .where('id', '=', ok.memberId!)
      .executeTakeFirstOrThrow();
    expect(member).toMatchObject({
      status: 'active',
      member_number: ok.memberNumber,
      join_date: '2026-06-01',
      org_id: branch.id,
    });
    const sworn = await sec.development.advance({ id: fourteen, step: 'sworn', oathOn: TODAY });
    expect(sworn.timeline.every((s) => s.done)).toBe(true);
  });

  it('over 28 is refused', async () => {
    const old = await toVoted('1997-11-28', '钱超龄'); // 29 on 2026-11-29
    const admin = await as('chengguan.admin');
    const e = await errorOf(admin.development.advance({ id: old, step: 'approved', approvedOn: TODAY }));
    expect(e?.message).toBe('已超过28周岁，不能批准入团（《发展团员工作细则》）');
  });

  it('no block, or an exhausted block, refuses approval (no member without a number)', async () => {
    const id = await toVoted('2010-01-01', '孙无号');
    const admin = await as('chengguan.admin');
    const t = tenantTables(db, chengguan);
    // Exhaust the committee's block.
    await t.updateTable('number_blocks').set({ next_seq: 51 }).where('org_id', '=', committee.id).execute();
    const e = await errorOf(admin.development.advance({ id, step: 'approved', approvedOn: TODAY }));
    expect(e?.message).toContain('无可用团员编号号段');
    expect(e?.message).toContain('已用完');
    const app = await admin.development.get({ id });
    expect(app).toMatchObject({ stage: 'voted', memberNumber: null, memberId: null });
    const before = await t
      .selectFrom('members')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    await admin.development.assignBlock({ orgId: committee.id, year: 2026, startSeq: 101, endSeq: 200 });
    const ok = await admin.development.advance({ id, step: 'approved', approvedOn: TODAY });
    expect(ok.memberNumber).toBe('202662000101');
    const after = await t
      .selectFrom('members')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n) + 1);
  });

  it('a 团委 without a block for the year refuses approval', async () => {
    const t = tenantTables(db, chengguan);
    const others = await t
      .selectFrom('organisations as b')
      .innerJoin('organisations as c', 'c.id', 'b.parent_id')
      .select(['b.id'])
      .where('b.kind', '=', 'branch')
      .where('c.kind', '=', 'league_committee')
      .where('c.id', '!=', committee.id)
      .limit(1)
      .execute();
    const id = await toVoted('2010-01-01', '周无段', others[0]!.id);
    const admin = await as('chengguan.admin');
    const e = await errorOf(admin.development.advance({ id, step: 'approved', approvedOn: TODAY }));
    expect(e?.message).toContain('无可用团员编号号段');
    expect(e?.message).toContain('2026年号段未分配');
  });

  it('the database itself refuses overlapping blocks and an approved application without a number', async () => {
    const t = tenantTables(db, chengguan);
    const block = await t
      .selectFrom('number_blocks')
      .selectAll()
      .where('org_id', '=', committee.id)
      .executeTakeFirstOrThrow();
    const overlap = await t
      .insertInto('number_blocks')
      .values({
        org_id: committee.id,
        city_block_id: block.city_block_id,
        year: 2026,
        start_seq: 40,
        end_seq: 45,
        next_seq: 40,
      })
      .execute()
      .then(
        () => null,
        (e: Error) => e.message,
      );
    expect(overlap).toMatch(/number_blocks_no_overlap|conflicting key/);
    const app = await t
      .selectFrom('development_applications')
      .select('id')
      .where('stage', 'not in', ['approved', 'sworn'])
      .executeTakeFirstOrThrow();
    const noNumber = await t
      .updateTable('development_applications')
      .set({ stage: 'approved' })
      .where('id', '=', app.id)
      .execute()
      .then(
        () => null,
        (e: Error) => e.message,
      );
    expect(noNumber).toMatch(/development_approved_has_number/);
  });

  it('concurrent approvals never draw the same number', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 6; i++) ids.push(await toVoted('2010-05-05', `并发${i}`));
    const callers = await Promise.all(ids.map(() => as('chengguan.admin')));
    const results = await Promise.allSettled(
      ids.map((id, i) => callers[i]!.development.advance({ id, step: 'approved', approvedOn: TODAY })),
    );
    const numbers = results.map((r) =>
      r.status === 'fulfilled' ? r.value.memberNumber : `failed: ${String(r.reason)}`,
    );
    expect(numbers.every((n) => /^202662\d{6}$/.test(n ?? ''))).toBe(true);
    expect(new Set(numbers).size).toBe(ids.length);
  });

  it('a member user submits an application and sees her progress; she cannot list others', async () => {
    const member = await as('chengguan.member');
    const app = await member.development.submit({
      orgId: branch.id,
      name: '周申请',
      gender: 'female',
      birthDate: '2012-01-01',
    });
    expect(app).toMatchObject({ stage: 'applied', appliedOn: TODAY });
    const mine = await member.development.mine();
    expect(mine.map((a) => a.id)).toContain(app.id);
    expect(mine[0]!.timeline).toHaveLength(9);
    expect(await errorOf(member.development.list({}))).toMatchObject({ code: 'FORBIDDEN' });
  });
});

describe('两制: evaluation and registration', () => {
  it('refuses too many 优秀 and a missing quorum; registers 基本合格 or better; 不合格 re-assessed in 3–6 months', async () => {
    const sec = await as('chengguan.branch');
    const roster = await sec.development.evaluationRoster({ orgId: branch.id, year: 2026 });
    const n = roster.members.length;
    expect(n).toBeGreaterThanOrEqual(4);
    const cap = roster.excellentCapForAll; // floor(n × 30 %)
    const grades = roster.members.map((m, i) => ({
      memberId: m.id,
      grade: (i <= cap ? 'excellent' : i === n - 1 ? 'unqualified' : 'qualified') as
        | 'excellent'
        | 'qualified'
        | 'unqualified',
    }));
    const over = await errorOf(
      sec.development.recordEvaluation({
        orgId: branch.id,
        year: 2026,
        heldOn: '2026-03-01',
        present: n,
        grades,
      }),
    );
    expect(over?.message).toContain('不得超过参加评议团员的30%');
    const noQuorum = await errorOf(
      sec.development.recordEvaluation({
        orgId: branch.id,
        year: 2026,
        heldOn: '2026-03-01',
        present: Math.floor(n / 2),
        grades,
      }),
    );
    expect(noQuorum?.message).toContain('三分之二');
    grades[cap]!.grade = 'qualified';
    const done = await sec.development.recordEvaluation({
      orgId: branch.id,
      year: 2026,
      heldOn: '2026-03-01',
      present: n,
      grades,
    });
    expect(done.round).toMatchObject({ entitled: n, present: n });
    const again = await errorOf(
      sec.development.recordEvaluation({
        orgId: branch.id,
        year: 2026,
        heldOn: '2026-03-02',
        present: n,
        grades,
      }),
    );
    expect(again?.message).toContain('每年进行1次');

    const reg = await sec.development.register({ orgId: branch.id, year: 2026, decidedOn: '2026-03-10' });
    const unq = reg.members.find((m) => m.grade === 'unqualified')!;
    expect(unq.registration).toMatchObject({
      status: 'not_registered',
      reassessFrom: '2026-06-01',
      reassessTo: '2026-09-01',
    });
    expect(reg.members.filter((m) => m.registration?.status === 'registered')).toHaveLength(n - 1);
    const tooEarly = await errorOf(
      sec.development.reassess({
        memberId: unq.id,
        year: 2026,
        reassessedOn: '2026-05-01',
        grade: 'qualified',
      }),
    );
    expect(tooEarly?.message).toContain('3–6个月');
    const other = reg.members.find((m) => m.registration?.status === 'registered')!;
    const deferredRoster = await sec.development.deferRegistration({
      memberId: unq.id,
      year: 2026,
      decidedOn: '2026-07-01',
      reason: '外出务工，暂缓注册',
    });
    expect(deferredRoster.members.find((m) => m.id === unq.id)?.registration).toMatchObject({
      status: 'deferred',
      reason: '外出务工，暂缓注册',
    });
    expect(
      await errorOf(
        sec.development.deferRegistration({
          memberId: other.id,
          year: 2026,
          decidedOn: '2026-07-01',
          reason: '测试',
        }),
      ),
    ).toMatchObject({ appCode: 'INVALID_STATE' });
    const re = await sec.development.reassess({
      memberId: unq.id,
      year: 2026,
      reassessedOn: '2026-07-01',
      grade: 'basically_qualified',
    });
    expect(re.members.find((m) => m.id === unq.id)?.registration?.status).toBe('registered');
  });
});
