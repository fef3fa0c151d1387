/**
 * SUP-3 年终考核 and SUP-4 每月述职 through the routers on a real database (PGlite and PostgreSQL):
 * scores → ranking (tie at place 3) → publication → actions over three consecutive years → the
 * letter; a month of hearings (5–8, due in 7 days in Asia/Shanghai) → a district files its report →
 * overdue flags and to-dos; the database keeps each tenant to its own results, hearings and reports.
 */
import type { PlatformDatabase, Tenant } from '@tuanjian/db';
import { withTenant } from '@tuanjian/db';
import { shanghaiInstant } from '@tuanjian/domain';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSession } from '../auth/session';
import {
  callerWith,
  demoDatabase,
  errorOf,
  grantsOf,
  TEST_CONFIG,
  type TestDatabase,
  tenantByCode,
  tenantTables,
  userByName,
} from '../test/helpers';

let database: TestDatabase;
let db: Kysely<PlatformDatabase>;
let chengguan: Tenant;
let qilihe: Tenant;

async function callerAt(username: string, now: Date) {
  const user = await userByName(db, username);
  const [g] = await grantsOf(db, username);
  const { token } = await createSession(db, {
    userId: user.id,
    grantId: g!.id,
    client: 'admin',
    ip: '127.0.0.1',
    userAgent: 'vitest',
    ttlMs: TEST_CONFIG.sessionTtlMs,
    now,
  });
  return callerWith(database, { token, now: () => now }).caller;
}

const items = (total: number) => {
  // Spread a total (tenths) over the five default items (max 25/25/20/20/10).
  const caps = [250, 250, 200, 200, 100];
  const keys = ['organisation', 'education', 'service', 'reform', 'review'];
  let left = total;
  const out: Record<string, number> = {};
  keys.forEach((k, i) => {
    const v = Math.min(caps[i]!, left);
    out[k] = v;
    left -= v;
  });
  return out;
};

beforeAll(async () => {
  database = await demoDatabase();
  db = database.db;
  chengguan = await tenantByCode(db, 'chengguan');
  qilihe = await tenantByCode(db, 'qilihe');
}, 900_000);

afterAll(async () => {
  await database?.close();
});

/** Scores one year: `low` get the lowest totals in order (first = lowest), everyone else high. */
async function runYear(year: number, low: string[], extra: Record<string, number> = {}) {
  const now = shanghaiInstant(`${year}-12-20`, '10:00');
  const city = await callerAt('city.admin', now);
  const units = await city.assessment.units();
  const round = await city.assessment.createRound({ year });
  let i = 0;
  for (const u of units) {
    const idx = low.indexOf(u.code);
    const total = extra[u.code] ?? (idx >= 0 ? 600 + idx * 10 : 900 - i++ * 5);
    await city.assessment.saveScore({ roundId: round.id, tenantId: u.tenantId, itemScores: items(total) });
  }
  return { city, round, units, now };
}

describe('assessment (SUP-3)', () => {
  it('the assessed units are the district tenants, each with its party committee', async () => {
    const city = await callerAt('city.admin', new Date());
    const units = await city.assessment.units();
    expect(units.length).toBeGreaterThanOrEqual(10);
    expect(units.find((u) => u.code === 'chengguan')?.partyCommittee).toBe('中共城关区委员会');
    const u = await city.assessment.updateUnit({
      tenantId: chengguan.id,
      partyCommittee: '中共兰州市城关区委员会',
    });
    expect(u.partyCommittee).toBe('中共兰州市城关区委员会');
  });

  it('refuses bad scores in Chinese and publication while a unit has no score', async () => {
    const now = shanghaiInstant('2040-12-20', '10:00');
    const city = await callerAt('city.admin', now);
    const round = await city.assessment.createRound({ year: 2040 });
    expect(
      (
        await errorOf(
          city.assessment.saveScore({
            roundId: round.id,
            tenantId: chengguan.id,
            itemScores: { organisation: 300 },
          }),
        )
      )?.message,
    ).toBe('“组织建设”的得分应在0到25分之间（最多一位小数）');
    await city.assessment.saveScore({ roundId: round.id, tenantId: chengguan.id, itemScores: items(800) });
    const e = await errorOf(city.assessment.publish({ id: round.id }));
    expect(e?.message).toMatch(/^以下单位尚未评分，不能公布：/);
    expect(e?.message).toContain('七里河');
    expect((await errorOf(city.assessment.createRound({ year: 2040 })))?.message).toBe(
      '2040年度的年终考核已创建',
    );
    // The draft is invisible to the district.
    const cg = await callerAt('chengguan.admin', now);
    expect((await cg.assessment.myResults()).find((r) => r.year === 2040)).toBeUndefined();
  });

  it('three consecutive years in the bottom 3 → 提醒约谈, 告诫约谈, 建议调整函; ties at place 3 all count', async () => {
    // 2041: chengguan lowest, xigu and anning tied at place 3 from the bottom → 4 units in the bottom group.
    const y1 = await runYear(2041, ['chengguan', 'qilihe'], { xigu: 640, anning: 640 });
    const draft = await y1.city.assessment.round({ id: y1.round.id });
    expect(draft.preview).toBe(true);
    expect(draft.rows.filter((r) => r.inBottom).map((r) => r.name)).toHaveLength(4);
    const p1 = await y1.city.assessment.publish({ id: y1.round.id });
    expect(p1.status).toBe('published');
    const l1 = Object.fromEntries(p1.actions.map((a) => [a.unitName, a.levelLabel]));
    expect(l1).toMatchObject({ 城关区团委: '提醒约谈', 七里河区团委: '提醒约谈' });
    expect(Object.keys(l1)).toHaveLength(4);

    // 2042: chengguan again, qilihe out (gap), xigu again.
    const y2 = await runYear(2042, ['chengguan', 'xigu', 'honggu']);
    const p2 = await y2.city.assessment.publish({ id: y2.round.id });
    const l2 = Object.fromEntries(p2.actions.map((a) => [a.tenantId, [a.level, a.consecutiveYears]]));
    expect(l2[chengguan.id]).toEqual(['warning_talk', 2]);
    expect(l2[qilihe.id]).toBeUndefined();

    // 2043: chengguan a third year → 建议调整函; qilihe back in after its gap → 提醒约谈 again.
    const y3 = await runYear(2043, ['chengguan', 'qilihe', 'xigu']);
    const p3 = await y3.city.assessment.publish({ id: y3.round.id });
    const byTenant = new Map(p3.actions.map((a) => [a.tenantId, a]));
    const letterAction = byTenant.get(chengguan.id)!;
    expect([letterAction.level, letterAction.consecutiveYears]).toEqual(['adjustment_letter', 3]);
    expect(letterAction.letterNo).toBe('兰团建调〔2043〕1号');
    expect(letterAction.letterAddressee).toBe('中共兰州市城关区委员会');
    expect(byTenant.get(qilihe.id)?.level).toBe('reminder_talk');
    expect(byTenant.get((await tenantByCode(db, 'xigu')).id)?.level).toBe('adjustment_letter');

    const letter = await y3.city.assessment.letter({ actionId: letterAction.id });
    expect(letter.years.map((y) => y.year)).toEqual([2041, 2042, 2043]);
    expect(letter.unitName).toBe('城关区团委');
    expect(letter.issuedOn).toBe('2043-12-20');

    // 约谈 records for talks; none for a letter.
    const talk = byTenant.get(qilihe.id)!;
    const recorded = await y3.city.assessment.recordTalk({
      actionId: talk.id,
      talkOn: '2043-12-20',
      talkBy: '团市委副书记',
      note: '指出排名靠后的原因，提出整改要求',
    });
    expect(recorded.talkOn).toBe('2043-12-20');
    expect(
      (
        await errorOf(
          y3.city.assessment.recordTalk({
            actionId: letterAction.id,
            talkOn: '2043-12-20',
            talkBy: '甲',
            note: '乙',
          }),
        )
      )?.message,
    ).toBe('建议调整函不需登记约谈，请打印函件送达其党组织');
    expect(
      (
        await errorOf(
          y3.city.assessment.saveScore({ roundId: y3.round.id, tenantId: qilihe.id, itemScores: items(900) }),
        )
      )?.message,
    ).toBe('考核结果已公布，不能再修改得分');

    // The district sees its own published results and actions only.
    const cg = await callerAt('chengguan.admin', y3.now);
    const mine = (await cg.assessment.myResults()).filter((r) => r.year >= 2041);
    expect(mine.map((r) => [r.year, r.action?.levelLabel])).toEqual([
      [2043, '建议调整函'],
      [2042, '告诫约谈'],
      [2041, '提醒约谈'],
    ]);
    expect(await errorOf(cg.assessment.rounds())).toMatchObject({ code: 'FORBIDDEN' });
    const sec = await callerAt('chengguan.secretary', y3.now);
    expect(await errorOf(sec.assessment.myResults())).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('the database shows a tenant role only its own published score rows and actions', async () => {
    await withTenant(db, qilihe, async (_tdb, trx) => {
      const q = trx as unknown as Kysely<PlatformDatabase>;
      const scores = await q.selectFrom('platform.assessment_scores').select(['tenant_id']).execute();
      expect(scores.length).toBeGreaterThan(0);
      expect(new Set(scores.map((s) => s.tenant_id))).toEqual(new Set([qilihe.id]));
      const rounds = await q.selectFrom('platform.assessment_rounds').select(['status']).execute();
      expect(rounds.every((r) => r.status === 'published')).toBe(true);
      const actions = await q.selectFrom('platform.assessment_actions').select(['tenant_id']).execute();
      expect(actions.every((a) => a.tenant_id === qilihe.id)).toBe(true);
    });
  });
});

describe('monthly hearings (SUP-4)', () => {
  let sessionId: string;
  const heldOn = '2044-01-28';
  const at = (d: string, t = '10:00') => shanghaiInstant(d, t);

  async function pick(tenant: Tenant, n: number) {
    const city = await callerAt('city.admin', at(heldOn));
    const orgs = await city.hearings.candidates({ tenantId: tenant.id });
    return orgs
      .slice(0, n)
      .map((o) => ({ tenantId: tenant.id, orgId: o.orgId, secretaryName: o.secretaryName ?? '张书记' }));
  }

  it('schedules 5–8 organisations a month; the report is due 7 days later (1月28日 → 2月4日)', async () => {
    const city = await callerAt('city.admin', at('2044-01-20'));
    const four = await pick(chengguan, 4);
    expect((await errorOf(city.hearings.schedule({ heldOn, speakers: four })))?.message).toBe(
      '每月述职应安排5至8个组织（《每月述职》规则），当前为4个',
    );
    const speakers = [...(await pick(chengguan, 3)), ...(await pick(qilihe, 3))];
    const r = await city.hearings.schedule({ heldOn, venue: '团市委会议室', speakers });
    sessionId = r.id;
    const s = await city.hearings.session({ id: r.id });
    expect(s.speakers).toHaveLength(6);
    expect(s.speakers.every((x) => x.reportDueOn === '2044-02-04')).toBe(true);
    expect((await errorOf(city.hearings.schedule({ heldOn: '2044-01-05', speakers })))?.message).toBe(
      '2044年1月的述职已安排',
    );
    await city.hearings.comment({
      speakerId: s.speakers[0]!.id,
      comments: '基础工作扎实，青年大学习参与率偏低',
    });
  });

  it('a district sees and files only its own; on time until 2月4日 in Shanghai; overdue flags and to-dos', async () => {
    const cg = await callerAt('chengguan.admin', at('2044-02-04', '23:30'));
    const mine = await cg.hearings.mine();
    expect(mine.filter((m) => m.sessionId === sessionId)).toHaveLength(3);
    expect(mine.every((m) => m.tenantId === chengguan.id)).toBe(true);
    const [first, second] = mine.filter((m) => m.sessionId === sessionId);
    expect(first!.comments).toBe('基础工作扎实，青年大学习参与率偏低');
    const todos = await cg.todos.list();
    expect(todos.find((t) => t.kind === 'hearing_reports')).toMatchObject({ count: 3, overdue: false });

    const qh = await callerAt('qilihe.admin', at('2044-02-04'));
    expect(
      (
        await errorOf(
          qh.hearings.fileReport({
            speakerId: first!.id,
            summary: '越权',
            tasks: [{ title: '甲', dueOn: '2044-02-10' }],
          }),
        )
      )?.code,
    ).toBe('NOT_FOUND');
    expect(
      (
        await errorOf(
          cg.hearings.fileReport({
            speakerId: first!.id,
            summary: '整改',
            tasks: [{ title: '补开支委会', dueOn: '2044-01-20' }],
          }),
        )
      )?.message,
    ).toBe('“补开支委会”：整改任务的完成期限不能早于述职日期');
    const filed = await cg.hearings.fileReport({
      speakerId: first!.id,
      summary: '针对述职点评意见，制定整改措施如下。',
      tasks: [
        { title: '提高青年大学习参与率', dueOn: '2044-02-10' },
        { title: '补齐团员档案', dueOn: '2044-03-31' },
      ],
    });
    expect(filed.reportStatus).toBe('filed');
    expect(
      (
        await errorOf(
          cg.hearings.fileReport({
            speakerId: first!.id,
            summary: '再交',
            tasks: [{ title: '甲', dueOn: '2044-02-10' }],
          }),
        )
      )?.message,
    ).toBe('整改报告已提交，不能重复提交');

    // 2月5日 00:30 in Shanghai (still 2月4日 in UTC): the other two are overdue.
    const late = await callerAt('chengguan.admin', at('2044-02-05', '00:30'));
    const after = (await late.hearings.mine()).filter((m) => m.sessionId === sessionId);
    expect(after.map((m) => m.reportStatusLabel).sort()).toEqual(['已提交', '已逾期', '已逾期']);
    expect((await late.todos.list()).find((t) => t.kind === 'hearing_reports')).toMatchObject({
      count: 2,
      overdue: true,
    });
    const lateFiled = await late.hearings.fileReport({
      speakerId: second!.id,
      summary: '逾期提交的整改报告',
      tasks: [{ title: '整改', dueOn: '2044-02-20' }],
    });
    expect(lateFiled.reportStatus).toBe('filed_late');

    // 2月11日: a task is overdue, for the district and for the city.
    const feb11 = await callerAt('chengguan.admin', at('2044-02-11'));
    // (The demo seed's own hearing may add open tasks of its own: compare before / after.)
    const tasksTodo = (await feb11.todos.list()).find((t) => t.kind === 'hearing_tasks')!;
    expect(tasksTodo.overdue).toBe(true);
    expect(tasksTodo.count).toBeGreaterThanOrEqual(1);
    const city = await callerAt('city.admin', at('2044-02-11'));
    const s = await city.hearings.session({ id: sessionId });
    expect(s).toMatchObject({ filedCount: 2, overdueReports: 4, overdueTasks: 1 });
    expect((await city.hearings.flagged()).some((f) => f.id === first!.id)).toBe(true);
    const task = filed.tasks[0]!;
    const done = await feb11.hearings.completeTask({ taskId: task.id, note: '参与率已达90%' });
    expect(done.tasks[0]).toMatchObject({ doneOn: '2044-02-11', overdue: false });
    expect((await errorOf(feb11.hearings.completeTask({ taskId: task.id })))?.message).toBe(
      '该整改任务已完成',
    );
    expect((await feb11.todos.list()).find((t) => t.kind === 'hearing_tasks')?.count).toBe(
      tasksTodo.count - 1,
    );
    expect(await errorOf(qh.hearings.completeTask({ taskId: filed.tasks[1]!.id }))).toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it('the database refuses a tenant role the rows of another tenant', async () => {
    const [speaker] = await db
      .selectFrom('platform.hearing_speakers')
      .select(['id'])
      .where('tenant_id', '=', chengguan.id)
      .where('session_id', '=', sessionId)
      .execute();
    await withTenant(db, qilihe, async (_tdb, trx) => {
      const q = trx as unknown as Kysely<PlatformDatabase>;
      const sp = await q.selectFrom('platform.hearing_speakers').select(['tenant_id']).execute();
      expect(new Set(sp.map((s) => s.tenant_id))).toEqual(new Set([qilihe.id]));
      const reports = await q.selectFrom('platform.hearing_reports').select(['tenant_id']).execute();
      expect(reports.every((r) => r.tenant_id === qilihe.id)).toBe(true);
    });
    await expect(
      withTenant(db, qilihe, (_tdb, trx) =>
        (trx as unknown as Kysely<PlatformDatabase>)
          .insertInto('platform.hearing_reports')
          .values({ speaker_id: speaker!.id, tenant_id: chengguan.id, summary: '越权' })
          .execute(),
      ),
    ).rejects.toThrow();
    await expect(
      withTenant(db, qilihe, (_tdb, trx) =>
        (trx as unknown as Kysely<PlatformDatabase>)
          .insertInto('platform.hearing_reports')
          .values({ speaker_id: speaker!.id, tenant_id: qilihe.id, summary: '越权' })
          .execute(),
      ),
    ).rejects.toThrow(/hearing_wrong_tenant/);
    void tenantTables;
  });
});
