import type { PlatformDatabase, Tenant } from '@tuanjian/db';
import { ruleCatalogue, themeDayMonth } from '@tuanjian/domain';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readLedger } from '../test/excel';
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
  userByName,
} from '../test/helpers';

let database: TestDatabase;
let db: Kysely<PlatformDatabase>;
let chengguan: Tenant;
let branchId: string;
let otherBranchId: string;
let photoId: string;
const month = themeDayMonth(new Date());
const rule = ruleCatalogue['themeDay.requirements'].value;

async function addPhoto(tenant: Tenant): Promise<string> {
  const user = await userByName(db, 'chengguan.branch');
  const row = await tenantTables(db, tenant)
    .insertInto('files')
    .values({
      uploaded_by: user.id,
      kind: 'image',
      mime: 'image/jpeg',
      size_bytes: 1234,
      original_name: '团旗.jpg',
      storage_key: `test/${crypto.randomUUID()}`,
      thumb_key: null,
      width: 640,
      height: 480,
      sha256: 'a'.repeat(64),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

beforeAll(async () => {
  database = await demoDatabase();
  db = database.db;
  chengguan = await tenantByCode(db, 'chengguan');
  branchId = (await grantsOf(db, 'chengguan.branch'))[0]!.scope_org_id!;
  const secretaryRoot = (await grantsOf(db, 'chengguan.secretary'))[0]!.scope_org_id!;
  const t = tenantTables(db, chengguan);
  const root = await t
    .selectFrom('organisations')
    .select('path')
    .where('id', '=', secretaryRoot)
    .executeTakeFirstOrThrow();
  // A branch outside the 团总支 of chengguan.secretary.
  const other = await t
    .selectFrom('organisations')
    .select('id')
    .where('kind', '=', 'branch')
    .where('status', '=', 'active')
    .where('path', 'not like', `${root.path}%`)
    .orderBy('path')
    .executeTakeFirstOrThrow();
  otherBranchId = other.id;
  photoId = await addPhoto(chengguan);
}, 300_000);

afterAll(async () => {
  await database?.close();
});

describe('themeDays (LIFE-2)', () => {
  let dayId: string;
  let code: string;

  it('a branch without this month’s theme day is absent on the board', async () => {
    const { caller } = await callerAs(database, 'chengguan.branch');
    const cur = await caller.themeDays.forBranch({});
    expect(cur.org.id).toBe(branchId);
    expect(cur.month).toBe(month);
    expect(cur.themeDay).toBeNull();
    expect(cur.requiredActions).toHaveLength(7);
    const b = await caller.themeDays.board({ month });
    expect(b.rows).toHaveLength(1);
    expect(b.rows[0]).toMatchObject({ orgId: branchId, completeness: 'absent', participationPermille: null });
  });

  it('only a manager creates it; once per branch and month', async () => {
    const member = await callerAs(database, 'chengguan.member');
    expect(await errorOf(member.caller.themeDays.create({ theme: '学习团章' }))).toMatchObject({
      code: 'FORBIDDEN',
    });
    const { caller } = await callerAs(database, 'chengguan.branch');
    const d = await caller.themeDays.create({
      theme: ' 学习团章，争做新时代好青年 ',
      place: '高一（1）班教室',
    });
    dayId = d.id;
    expect(d).toMatchObject({
      month,
      status: 'draft',
      theme: '学习团章，争做新时代好青年',
      checkInCode: null,
    });
    expect(d.evaluation.status).toBe('incomplete');
    expect(d.evaluation.missing).toContain('规定动作“青年大学习”未完成');
    const again = await errorOf(caller.themeDays.create({ theme: '再来一次' }));
    expect(again).toMatchObject({ code: 'CONFLICT' });
    expect(again?.message).toContain('已创建');
    // A 团支部 secretary cannot keep another branch's theme day.
    expect(await errorOf(caller.themeDays.create({ orgId: otherBranchId, theme: '越权' }))).toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it('an action needs evidence; photos must be files of this tenant', async () => {
    const { caller } = await callerAs(database, 'chengguan.branch');
    const noEvidence = await errorOf(
      caller.themeDays.setAction({ id: dayId, actionKey: 'youth_study', done: true, evidence: ' ' }),
    );
    expect(noEvidence?.message).toBe('请为“青年大学习”填写佐证说明或上传照片');
    const strange = await errorOf(
      caller.themeDays.setAction({
        id: dayId,
        actionKey: 'youth_study',
        done: true,
        photoIds: [crypto.randomUUID()],
      }),
    );
    expect(strange).toMatchObject({ code: 'BAD_REQUEST', message: '附件不存在或无权使用' });
    const qiliheFile = await addPhoto(await tenantByCode(db, 'qilihe'));
    expect(
      (
        await errorOf(
          caller.themeDays.setAction({ id: dayId, actionKey: 'dues', done: true, photoIds: [qiliheFile] }),
        )
      )?.message,
    ).toBe('附件不存在或无权使用');
    expect(
      (await errorOf(caller.themeDays.setAction({ id: dayId, actionKey: 'nope', done: true, evidence: 'x' })))
        ?.message,
    ).toBe('规定动作不存在');
    const d = await caller.themeDays.setAction({
      id: dayId,
      actionKey: 'youth_study',
      done: true,
      evidence: '全员完成本期青年大学习',
      photoIds: [photoId],
    });
    const a = d.actions.find((x) => x.key === 'youth_study')!;
    expect(a).toMatchObject({ done: true, evidence: '全员完成本期青年大学习' });
    expect(a.photos.map((p) => p.id)).toEqual([photoId]);
    expect(a.photos[0]!.url).toContain(photoId);
    expect(d.evaluation.missing).not.toContain('规定动作“青年大学习”未完成');
  });

  it('check-in: code from node:crypto, once per member (idempotent), branch members only, refused after close', async () => {
    const sec = await callerAs(database, 'chengguan.branch');
    const closesAt = new Date(Date.now() + 3600_000);
    const opened = await sec.caller.themeDays.openCheckIn({ id: dayId, closesAt: closesAt.toISOString() });
    expect(opened.status).toBe('open');
    code = opened.checkInCode!;
    expect(code).toMatch(/^\d{6}$/);
    expect(opened.checkInQr).toMatch(/^data:image\/png;base64,/);
    expect(opened.checkInClosesAt!.getTime()).toBe(closesAt.getTime());

    const m1 = await callerAs(database, 'chengguan.member');
    expect((await errorOf(m1.caller.themeDays.checkIn({ code: '12345' })))?.message).toBe(
      '签到码为6位数字，请核对后重新输入',
    );
    const wrong = code === '000000' ? '000001' : '000000';
    expect(await errorOf(m1.caller.themeDays.checkIn({ code: wrong }))).toMatchObject({ code: 'NOT_FOUND' });
    const first = await m1.caller.themeDays.checkIn({ code });
    expect(first).toMatchObject({ themeDayId: dayId, alreadyCheckedIn: false, message: '签到成功' });
    const second = await m1.caller.themeDays.checkIn({ code: ` ${code} ` });
    expect(second.alreadyCheckedIn).toBe(true);
    expect(second.checkedInAt.getTime()).toBe(first.checkedInAt.getTime());
    expect(second.message).toMatch(/^您已于.+签到，无需重复签到$/);
    const mine = await m1.caller.themeDays.mine();
    expect(mine.themeDay).toMatchObject({ id: dayId, status: 'open' });
    expect(mine.themeDay?.checkedInAt).not.toBeNull();
    expect(mine.checkIns[0]).toMatchObject({ themeDayId: dayId, month }); // newest first (demo months follow)
    expect(mine.checkIns.filter((c) => c.themeDayId === dayId)).toHaveLength(1);

    // A secretary cannot check in as a member; the count is one.
    expect(await errorOf(sec.caller.themeDays.checkIn({ code }))).toMatchObject({ code: 'FORBIDDEN' });
    const live = await sec.caller.themeDays.get({ id: dayId });
    expect(live.checkedInCount).toBe(1);
    expect(live.checkIns.map((c) => c.name)).toEqual([
      (await userByName(db, 'chengguan.member')).display_name,
    ]);
    expect(live.participationPermille).toBe(Math.floor((2000 + live.memberCount) / (live.memberCount * 2)));

    // Another branch's open theme day: its code is refused for our member.
    const admin = await callerAs(database, 'chengguan.admin');
    const other = await admin.caller.themeDays.create({ orgId: otherBranchId, theme: '另一个团支部' });
    const otherOpen = await admin.caller.themeDays.openCheckIn({ id: other.id });
    expect(otherOpen.checkInCode).not.toBe(code); // unique among open events
    const foreign = await errorOf(m1.caller.themeDays.checkIn({ code: otherOpen.checkInCode! }));
    expect(foreign).toMatchObject({
      code: 'FORBIDDEN',
      message: '该签到码属于其他团支部的主题团日，只能参加本团支部的签到',
    });

    // Past the closing time: refused even before the secretary closes it.
    const m2token = await sessionFor(db, 'chengguan.member2');
    const later = new Date(closesAt.getTime() + 60_000);
    const m2late = callerWith(database, { token: m2token, now: () => later });
    const late = await errorOf(m2late.caller.themeDays.checkIn({ code }));
    expect(late?.code).toBe('PRECONDITION_FAILED');
    expect(late?.message).toMatch(/^本次主题团日签到已于.+截止，不能再签到$/);

    const closed = await sec.caller.themeDays.closeCheckIn({ id: dayId });
    expect(closed).toMatchObject({ status: 'closed', checkInCode: null, checkInQr: null, checkedInCount: 1 });
    const m2 = callerWith(database, { token: m2token });
    const afterClose = await errorOf(m2.caller.themeDays.checkIn({ code }));
    expect(afterClose).toMatchObject({
      code: 'PRECONDITION_FAILED',
      message: '本次主题团日签到已结束，不能再签到',
    });
    expect(await errorOf(sec.caller.themeDays.openCheckIn({ id: dayId }))).toMatchObject({
      code: 'PRECONDITION_FAILED',
    });
    expect((await sec.caller.themeDays.get({ id: dayId })).checkedInCount).toBe(1);
  });

  it('board: incomplete names what is missing; complete once every item has evidence; scope; export', async () => {
    const sec = await callerAs(database, 'chengguan.branch');
    let d = await sec.caller.themeDays.get({ id: dayId });
    expect(d.evaluation.status).toBe('incomplete');
    for (const a of rule.requiredActions) {
      d = await sec.caller.themeDays.setAction({
        id: dayId,
        actionKey: a.key,
        done: true,
        evidence: `${a.label}：已完成`,
      });
    }
    expect(d.evaluation.missing).toEqual([
      '缺少自选动作（至少1项，须有佐证）',
      ...rule.ceremonyItems.map((c) => `缺少仪式照片：${c.label}`),
    ]);
    const upper = await callerAs(database, 'chengguan.secretary');
    let b = await upper.caller.themeDays.board({ month });
    const row = b.rows.find((r) => r.orgId === branchId)!;
    expect(row).toMatchObject({ completeness: 'incomplete', completenessLabel: '未完成', checkedIn: 1 });
    expect(row.missing).toContain('缺少仪式照片：悬挂或摆放团旗');
    expect(b.rows.some((r) => r.orgId === otherBranchId)).toBe(false); // outside the 团总支

    d = await sec.caller.themeDays.addSelfAction({ id: dayId, title: '社区志愿服务', photoIds: [photoId] });
    for (const c of rule.ceremonyItems) {
      d = await sec.caller.themeDays.setCeremonyPhotos({ id: dayId, itemKey: c.key, photoIds: [photoId] });
    }
    expect(d.evaluation).toEqual({ status: 'complete', missing: [] });

    b = await upper.caller.themeDays.board({ month });
    const done = b.rows.find((r) => r.orgId === branchId)!;
    expect(done).toMatchObject({ completeness: 'complete', missing: [], checkedIn: 1 });
    expect(done.participationPermille).toBe(Math.floor((2000 + done.memberCount) / (done.memberCount * 2)));
    expect(b.summary.complete).toBe(1);
    expect(b.summary.total).toBe(b.rows.length);
    expect(b.summary.absent).toBe(b.rows.filter((r) => r.completeness === 'absent').length);
    expect(b.summary.completionPermille).toBe(Math.floor((2000 + b.summary.total) / (b.summary.total * 2)));
    const onlyAbsent = await upper.caller.themeDays.board({ month, completeness: 'absent' });
    expect(onlyAbsent.rows.every((r) => r.completeness === 'absent')).toBe(true);
    expect(onlyAbsent.rows.length).toBe(b.summary.absent);

    // The district sees every branch: ours complete, the other open one incomplete.
    const admin = await callerAs(database, 'chengguan.admin');
    const all = await admin.caller.themeDays.board({ month });
    expect(all.rows.find((r) => r.orgId === otherBranchId)).toMatchObject({ completeness: 'incomplete' });
    expect(all.summary.total).toBeGreaterThan(b.summary.total);
    expect(all.superiors.reduce((n, s) => n + s.total, 0)).toBe(all.summary.total);

    const file = await upper.caller.themeDays.boardExport({ month });
    expect(file.fileName).toMatch(/^主题团日完成情况_.+\.xlsx$/);
    const sheet = await readLedger(file);
    expect(sheet.headers).toEqual([
      '团支部',
      '上级组织',
      '完成情况',
      '主题',
      '签到人数',
      '在册团员',
      '参与率',
      '缺少项目',
    ]);
    expect(sheet.records).toHaveLength(b.rows.length);
    expect(sheet.records.find((r) => r['团支部'] === done.name)).toMatchObject({
      完成情况: '已完成',
      签到人数: 1,
    });
  });

  it('the demo months: seeded branches are incomplete (no photos in the demo) or absent', async () => {
    const admin = await callerAs(database, 'chengguan.admin');
    const b = await admin.caller.themeDays.board({ month: '2026-09' });
    expect(b.summary.complete).toBe(0);
    expect(b.summary.incomplete).toBeGreaterThan(0);
    expect(b.summary.absent).toBeGreaterThan(0);
    const r = b.rows.find((x) => x.completeness === 'incomplete')!;
    expect(r.missing).toContain('缺少仪式照片：悬挂或摆放团旗');
    expect(r.missing).not.toContain('活动签到尚未结束');
    expect(r.checkedIn).toBeGreaterThan(0);
    expect(r.participationPermille).not.toBeNull();
  });

  it('a member of another tenant or a member role sees no board and no record', async () => {
    const qilihe = await callerAs(database, 'qilihe.admin');
    expect(await errorOf(qilihe.caller.themeDays.get({ id: dayId }))).toMatchObject({ code: 'NOT_FOUND' });
    const member = await callerAs(database, 'chengguan.member');
    expect(await errorOf(member.caller.themeDays.board({ month }))).toMatchObject({ code: 'FORBIDDEN' });
    expect(await errorOf(member.caller.themeDays.get({ id: dayId }))).toMatchObject({ code: 'FORBIDDEN' });
  });
});
