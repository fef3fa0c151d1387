/**
 * Correction of a recorded development step (MEM-2): the district admin withdraws the last step
 * with a reason (audited with the withdrawn values); the application goes back one stage and the
 * step can be recorded again. A secretary cannot; nothing recorded yet → refused.
 */
import type { PlatformDatabase } from '@tuanjian/db';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerWith, demoDatabase, errorOf, grantsOf, sessionFor, type TestDatabase } from '../test/helpers';

// 2026-11-29 12:00 in Shanghai.
const NOW = new Date('2026-11-29T04:00:00Z');

let database: TestDatabase;
let db: Kysely<PlatformDatabase>;
let branchId: string;

async function as(username: string) {
  const token = await sessionFor(db, username);
  return callerWith(database, { token, now: () => NOW }).caller;
}

beforeAll(async () => {
  database = await demoDatabase();
  db = database.db;
  branchId = (await grantsOf(db, 'chengguan.branch'))[0]!.scope_org_id!;
}, 300_000);

afterAll(async () => {
  await database?.close();
});

describe('withdrawing a wrongly recorded development step', () => {
  it('the district admin withdraws the last step with a reason; it can be recorded again', async () => {
    const sec = await as('chengguan.branch');
    const admin = await as('chengguan.admin');
    const app = await sec.development.submit({
      orgId: branchId,
      name: '王更正',
      gender: 'male',
      birthDate: '2011-03-01',
      appliedOn: '2026-10-01',
    });
    expect(await errorOf(admin.development.withdrawStep({ id: app.id, reason: '登记错误' }))).toMatchObject({
      appCode: 'INVALID_STATE',
      message: '该申请还没有登记任何步骤，无需更正',
    });
    await sec.development.advance({ id: app.id, step: 'talked', talkOn: '2026-10-20' });
    await sec.development.advance({
      id: app.id,
      step: 'activist',
      activistOn: '2026-10-25',
      source: 'recommendation',
      noticeOn: '2026-10-26',
    });

    expect(await errorOf(sec.development.withdrawStep({ id: app.id, reason: '登记错误' }))).toMatchObject({
      code: 'FORBIDDEN',
    });
    expect(await errorOf(admin.development.withdrawStep({ id: app.id, reason: ' ' }))).toMatchObject({
      code: 'BAD_REQUEST',
    });
    const r = await admin.development.withdrawStep({ id: app.id, reason: '确定积极分子的日期登记错误' });
    expect(r).toMatchObject({ stage: 'talked' });
    expect(r.message).toBe('已撤回王更正的“确定入团积极分子”登记，退回到“谈话”，可重新登记');
    const detail = await sec.development.get({ id: app.id });
    expect(detail).toMatchObject({ stage: 'talked', activistSource: null });
    expect(JSON.stringify(detail.timeline)).not.toContain('2026-10-25');
    expect(JSON.stringify(detail.timeline)).toContain('2026-10-20');

    const audit = await db
      .selectFrom('platform.audit_log')
      .selectAll()
      .where('action', '=', 'development.withdrawStep')
      .where('target_id', '=', app.id)
      .executeTakeFirstOrThrow();
    const d = (typeof audit.detail === 'string' ? JSON.parse(audit.detail) : audit.detail) as Record<
      string,
      unknown
    >;
    expect(d).toMatchObject({
      reason: '确定积极分子的日期登记错误',
      from: 'activist',
      to: 'talked',
      withdrawn: {
        activist_on: '2026-10-25',
        activist_source: 'recommendation',
        activist_notice_on: '2026-10-26',
      },
    });

    await sec.development.advance({
      id: app.id,
      step: 'activist',
      activistOn: '2026-10-27',
      source: 'recommendation',
      noticeOn: '2026-10-28',
    });
    const again = await sec.development.get({ id: app.id });
    expect(again).toMatchObject({ stage: 'activist', activistSource: 'recommendation' });
    expect(JSON.stringify(again.timeline)).toContain('2026-10-27');
  });
});
