/**
 * LIFE-3 五四讲堂 end to end through the router: the city publishes, members of two districts sign
 * up / cancel / re-sign / check in, the city and a district see attendance; capacity is never
 * exceeded under 200 concurrent sign-ups (PGlite serialises them; PostgreSQL runs them on a pool of
 * real connections); the database itself keeps each tenant to its own sign-ups.
 */
import type { PlatformDatabase, Tenant } from '@tuanjian/db';
import { shanghaiInstant } from '@tuanjian/domain';
import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSession } from '../auth/session';
import { LECTURE_FULL_MESSAGE } from '../services/lectures/member';
import { readLedger } from '../test/excel';
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

const DAY = '2030-05-04';
const before = shanghaiInstant('2030-05-01', '09:00'); // sign-up open
const during = shanghaiInstant(DAY, '14:45'); // check-in open, sign-up closed
const after = shanghaiInstant(DAY, '17:00');
const at = (d: Date) => () => d;

const fields = (over: Record<string, unknown> = {}) => ({
  format: 'guest_lecture' as const,
  theme: '青春心向党 建功新时代',
  speaker: '王教授',
  speakerTitle: '兰州大学马克思主义学院',
  venueKind: 'youth_home' as const,
  venue: '兰州市青年之家',
  date: DAY,
  startMinute: 14 * 60 + 30,
  endMinute: 16 * 60 + 30,
  capacity: 100,
  ...over,
});

/** A session made on the test's clock (sessions expire against `ctx.now()`). */
async function sessionAt(username: string, now: Date, tenantCode?: string): Promise<string> {
  const user = await userByName(db, username);
  const grants = await grantsOf(db, username);
  const g = tenantCode ? grants.find((x) => x.tenant_code === tenantCode) : grants[0];
  const { token } = await createSession(db, {
    userId: user.id,
    grantId: g!.id,
    client: 'miniprogram',
    ip: '127.0.0.1',
    userAgent: 'vitest',
    ttlMs: TEST_CONFIG.sessionTtlMs,
    now,
  });
  return token;
}

async function callerAt(username: string, now: Date) {
  return callerWith(database, { token: await sessionAt(username, now), now: at(now), via: 'bearer' }).caller;
}

const cityCaller = (now = before) => callerAt('city.admin', now);

async function publishedLecture(over: Record<string, unknown> = {}) {
  const c = await cityCaller();
  const l = await c.lectures.create(fields(over));
  await c.lectures.publish({ id: l.id });
  return l.id;
}

/** Users linked to `n` active members of a tenant (one member grant each), skipping used members. */
const usedMembers = new Set<string>();
let userSeq = 0;
async function memberUsers(
  tenant: Tenant,
  n: number,
): Promise<{ username: string; memberId: string; orgId: string }[]> {
  const rows = await tenantTables(db, tenant)
    .selectFrom('members')
    .select(['id', 'org_id'])
    .where('status', '=', 'active')
    .orderBy('id')
    .execute();
  const free = rows.filter((r) => !usedMembers.has(r.id)).slice(0, n);
  if (free.length < n) throw new Error(`not enough members in ${tenant.code}`);
  const out: { username: string; memberId: string; orgId: string }[] = [];
  for (const m of free) {
    usedMembers.add(m.id);
    const username = `lt.${tenant.code}.${++userSeq}`;
    const u = await db
      .insertInto('platform.users')
      .values({ username, display_name: username, password_hash: 'x' })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('platform.grants')
      .values({
        user_id: u.id,
        tenant_id: tenant.id,
        role: 'member',
        scope_org_id: m.org_id,
        member_id: m.id,
      })
      .execute();
    out.push({ username, memberId: m.id, orgId: m.org_id });
  }
  return out;
}

const memberCaller = (username: string, now = before) => callerAt(username, now);

async function seatState(lectureId: string) {
  const l = await db
    .selectFrom('platform.lectures')
    .select(['booked_count', 'capacity'])
    .where('id', '=', lectureId)
    .executeTakeFirstOrThrow();
  const { n } = await db
    .selectFrom('platform.lecture_signups')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('lecture_id', '=', lectureId)
    .where('status', '!=', 'cancelled')
    .executeTakeFirstOrThrow();
  return { booked: l.booked_count, rows: n, capacity: l.capacity };
}

beforeAll(async () => {
  database = await demoDatabase();
  db = database.db;
  chengguan = await tenantByCode(db, 'chengguan');
  qilihe = await tenantByCode(db, 'qilihe');
});

afterAll(async () => {
  await database?.close();
});

describe('the city runs a lecture; members sign up, cancel, re-sign and check in', () => {
  it('draft → published; members see only published lectures of the coming months, never the code', async () => {
    const c = await cityCaller();
    const draft = await c.lectures.create(fields({ theme: '草稿讲堂' }));
    expect(draft.status).toBe('draft');
    expect(draft.checkInCode).toMatch(/^\d{6}$/);
    expect(draft.month).toBe('2030-05');
    expect(draft.startsAt.toISOString()).toBe('2030-05-04T06:30:00.000Z');
    const [m] = await memberUsers(chengguan, 1);
    const mc = await memberCaller(m!.username);
    expect((await mc.lectures.upcoming()).map((l) => l.id)).not.toContain(draft.id);
    expect((await errorOf(mc.lectures.detail({ id: draft.id })))?.code).toBe('NOT_FOUND');
    expect((await errorOf(mc.lectures.signUp({ lectureId: draft.id })))?.code).toBe('NOT_FOUND');

    await c.lectures.publish({ id: draft.id });
    const list = await mc.lectures.upcoming();
    const item = list.find((l) => l.id === draft.id);
    expect(item).toMatchObject({ theme: '草稿讲堂', seatsLeft: 100, mySignup: null });
    expect(JSON.stringify(list)).not.toContain(draft.checkInCode);
    // Months outside the window (this month + 2 by rule lecture.signup) are not listed.
    const far = await memberCaller(m!.username, shanghaiInstant('2029-01-10', '10:00'));
    expect((await far.lectures.upcoming()).map((l) => l.id)).not.toContain(draft.id);
    // Only city_admin manages lectures.
    const admin = await callerAt('chengguan.admin', before);
    expect((await errorOf(admin.lectures.create(fields())))?.appCode).toBe('FORBIDDEN_ROLE');
    expect((await errorOf(mc.lectures.list({})))?.appCode).toBe('FORBIDDEN_ROLE');
  });

  it('sign up → cancel frees the seat → sign up again; no double booking; check-in needs the window and the code', async () => {
    const id = await publishedLecture({ capacity: 2 });
    const [a, b, d] = await memberUsers(chengguan, 3);
    const ma = await memberCaller(a!.username);
    const r1 = await ma.lectures.signUp({ lectureId: id });
    expect(r1.mySignup?.status).toBe('booked');
    expect(r1.seatsLeft).toBe(1);
    expect((await errorOf(ma.lectures.signUp({ lectureId: id })))?.message).toContain('已报名');

    const mb = await memberCaller(b!.username);
    await mb.lectures.signUp({ lectureId: id });
    const md = await memberCaller(d!.username);
    const full = await errorOf(md.lectures.signUp({ lectureId: id }));
    expect(full).toMatchObject({ code: 'CONFLICT', message: LECTURE_FULL_MESSAGE });
    expect((await md.lectures.detail({ id })).signUpBlockedReason).toBe('名额已满');

    const cancelled = await ma.lectures.cancelSignup({ lectureId: id });
    expect(cancelled.mySignup?.status).toBe('cancelled');
    expect(cancelled.seatsLeft).toBe(1);
    await md.lectures.signUp({ lectureId: id });
    expect((await errorOf(ma.lectures.signUp({ lectureId: id })))?.message).toBe(LECTURE_FULL_MESSAGE);
    await mb.lectures.cancelSignup({ lectureId: id });
    const again = await ma.lectures.signUp({ lectureId: id });
    expect(again.mySignup?.status).toBe('booked');
    expect(await seatState(id)).toEqual({ booked: 2, rows: 2, capacity: 2 });

    // Check-in: not before the window, not with a wrong code, not when not booked, once.
    const code = (await (await cityCaller()).lectures.get({ id })).checkInCode;
    expect((await errorOf(ma.lectures.checkIn({ lectureId: id, code })))?.message).toContain('签到尚未开始');
    const maLive = await memberCaller(a!.username, during);
    const wrong = code === '000000' ? '111111' : '000000';
    expect((await errorOf(maLive.lectures.checkIn({ lectureId: id, code: wrong })))?.message).toContain(
      '签到码不正确',
    );
    const mbLive = await memberCaller(b!.username, during);
    expect((await errorOf(mbLive.lectures.checkIn({ lectureId: id, code })))?.message).toContain('未报名');
    expect((await errorOf(mbLive.lectures.signUp({ lectureId: id })))?.message).toContain('报名已截止');
    expect((await errorOf(maLive.lectures.cancelSignup({ lectureId: id })))?.message).toContain('不能取消');
    const checked = await maLive.lectures.checkIn({ lectureId: id, code });
    expect(checked.mySignup?.status).toBe('attended');
    expect((await errorOf(maLive.lectures.checkIn({ lectureId: id, code })))?.message).toContain('已签到');
    const late = await memberCaller(d!.username, after);
    expect((await errorOf(late.lectures.checkIn({ lectureId: id, code })))?.message).toContain('签到已结束');

    const mine = await ma.lectures.mine();
    expect(
      mine
        .filter((s) => s.lecture.id === id)
        .map((s) => s.status)
        .sort(),
    ).toEqual(['attended', 'cancelled']);

    // The city: per tenant, per branch, names (no ID / phone), export.
    const c = await cityCaller(after);
    const detail = await c.lectures.get({ id });
    expect(detail.byTenant).toEqual([
      expect.objectContaining({
        tenantName: chengguan.name,
        signedUp: 2,
        attended: 1,
        cancelled: 2,
        attendancePermille: 500,
      }),
    ]);
    expect(detail.byBranch.reduce((n, b) => n + b.signedUp, 0)).toBe(2);
    expect(detail.signups).toHaveLength(4);
    const file = await c.lectures.exportAttendance({ id });
    const sheet = await readLedger(file);
    expect(sheet.headers).toEqual([
      '区县团委',
      '所在团组织',
      '姓名',
      '状态',
      '报名时间',
      '签到时间',
      '取消时间',
    ]);
    expect(sheet.records.map((r) => r.状态).sort()).toEqual(['已取消', '已取消', '已报名', '已签到']);
    const finished = await c.lectures.finish({ id });
    expect(finished.status).toBe('finished');

    // The district sees its own attendance per branch.
    const admin = await callerAt('chengguan.admin', before);
    const att = await admin.lectures.tenantAttendance({ lectureId: id });
    expect(att.lectures.find((l) => l.id === id)).toMatchObject({ signedUp: 2, attended: 1 });
    expect(att.branches.reduce((n, b) => n + b.attended, 0)).toBe(1);
  });

  it('the city cannot shrink capacity below the seats taken; a cancelled lecture takes no sign-ups', async () => {
    const id = await publishedLecture({ capacity: 3 });
    const users = await memberUsers(chengguan, 2);
    for (const u of users) await (await memberCaller(u.username)).lectures.signUp({ lectureId: id });
    const c = await cityCaller();
    const e = await errorOf(c.lectures.update({ id, ...fields({ capacity: 1 }) }));
    expect(e?.message).toBe('名额不能少于已报名人数（2人）');
    const widened = await c.lectures.update({ id, ...fields({ capacity: 5, theme: '新主题' }) });
    expect(widened).toMatchObject({ capacity: 5, theme: '新主题', seatsLeft: 3 });
    await c.lectures.cancel({ id });
    const [x] = await memberUsers(chengguan, 1);
    const e2 = await errorOf((await memberCaller(x!.username)).lectures.signUp({ lectureId: id }));
    expect(e2?.message).toBe('讲堂已取消，不能报名');
    // A district admin without a member link cannot sign up.
    const admin = await callerAt('chengguan.admin', before);
    const pid = await publishedLecture();
    expect((await errorOf(admin.lectures.signUp({ lectureId: pid })))?.message).toContain('未关联团员档案');
  });
});

describe('isolation: the database keeps each tenant to its own sign-ups', () => {
  it('a member of 七里河区 neither sees nor cancels 城关区 sign-ups; the tenant role cannot read the code', async () => {
    const id = await publishedLecture();
    const [cg] = await memberUsers(chengguan, 1);
    const [ql] = await memberUsers(qilihe, 1);
    await (await memberCaller(cg!.username)).lectures.signUp({ lectureId: id });
    const qc = await memberCaller(ql!.username);
    // Nothing of 城关区 in 七里河区's views.
    expect((await qc.lectures.detail({ id })).mySignup).toBeNull();
    expect(await qc.lectures.mine()).toEqual([]);
    expect((await errorOf(qc.lectures.cancelSignup({ lectureId: id })))?.message).toContain(
      '没有该讲堂的有效报名',
    );
    const qadmin = await callerAt('qilihe.admin', before);
    expect((await qadmin.lectures.tenantAttendance({ lectureId: id })).branches).toEqual([]);

    // The database layer itself, under 七里河区's role.
    const role = qilihe.db_role!;
    const seen = await db.transaction().execute(async (trx) => {
      await sql`set local role ${sql.id(role)}`.execute(trx);
      return trx
        .selectFrom('platform.lecture_signups')
        .select(['tenant_id'])
        .where('lecture_id', '=', id)
        .execute();
    });
    expect(seen).toEqual([]);
    const codeRead = await errorOf(
      db.transaction().execute(async (trx) => {
        await sql`set local role ${sql.id(role)}`.execute(trx);
        return trx.selectFrom('platform.lectures').select('check_in_code').execute();
      }),
    );
    expect(codeRead?.message).toMatch(/permission denied/);
    const forged = await errorOf(
      db.transaction().execute(async (trx) => {
        await sql`set local role ${sql.id(role)}`.execute(trx);
        await trx
          .insertInto('platform.lecture_signups')
          .values({
            lecture_id: id,
            tenant_id: chengguan.id,
            member_id: cg!.memberId,
            org_id: cg!.orgId,
            org_name: 'x',
            member_name: 'x',
          })
          .execute();
      }),
    );
    expect(forged?.message).toMatch(/row-level security/);
    const forgedCount = await errorOf(
      db.transaction().execute(async (trx) => {
        await sql`set local role ${sql.id(role)}`.execute(trx);
        await trx.updateTable('platform.lectures').set({ booked_count: 0 }).where('id', '=', id).execute();
      }),
    );
    expect(forgedCount?.message).toMatch(/permission denied/);
    expect(await seatState(id)).toEqual({ booked: 1, rows: 1, capacity: 100 });
  });
});

describe('capacity under concurrency (issue 4: 200 sign-ups for 100 seats → exactly 100 booked)', () => {
  it('200 members of two districts sign up at once for a 100-seat lecture', async () => {
    const id = await publishedLecture({ capacity: 100, theme: '并发报名' });
    const users = [...(await memberUsers(chengguan, 100)), ...(await memberUsers(qilihe, 100))];
    const callers = await Promise.all(users.map((u) => memberCaller(u.username)));
    const results = await Promise.allSettled(callers.map((c) => c.lectures.signUp({ lectureId: id })));
    const ok = results.filter((r) => r.status === 'fulfilled');
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(ok).toHaveLength(100);
    expect(refused).toHaveLength(100);
    for (const r of refused) expect((r.reason as Error).message).toBe(LECTURE_FULL_MESSAGE);
    expect(await seatState(id)).toEqual({ booked: 100, rows: 100, capacity: 100 });
  }, 240_000);

  it('cancellations racing sign-ups on a full lecture: the count always equals the rows, never above capacity', async () => {
    const id = await publishedLecture({ capacity: 10, theme: '取消与报名并发' });
    const holders = await memberUsers(chengguan, 10);
    for (const u of holders) await (await memberCaller(u.username)).lectures.signUp({ lectureId: id });
    const newcomers = await memberUsers(qilihe, 20);
    const holderCallers = await Promise.all(holders.slice(0, 5).map((u) => memberCaller(u.username)));
    const newCallers = await Promise.all(newcomers.map((u) => memberCaller(u.username)));
    const results = await Promise.allSettled([
      ...holderCallers.map((c) => c.lectures.cancelSignup({ lectureId: id })),
      ...newCallers.map((c) => c.lectures.signUp({ lectureId: id })),
    ]);
    const cancels = results.slice(0, 5);
    expect(cancels.every((r) => r.status === 'fulfilled')).toBe(true);
    const won = results.slice(5).filter((r) => r.status === 'fulfilled').length;
    for (const r of results.slice(5)) {
      if (r.status === 'rejected') expect((r.reason as Error).message).toBe(LECTURE_FULL_MESSAGE);
    }
    expect(won).toBeLessThanOrEqual(5);
    const s = await seatState(id);
    expect(s.booked).toBe(s.rows);
    expect(s.rows).toBe(5 + won);
    // The seats freed are all usable afterwards.
    for (const u of newcomers) {
      if ((await seatState(id)).booked >= 10) break;
      await (await memberCaller(u.username)).lectures.signUp({ lectureId: id }).catch(() => undefined);
    }
    expect(await seatState(id)).toEqual({ booked: 10, rows: 10, capacity: 10 });
  }, 120_000);
});
