import type { PlatformDatabase, Tenant } from '@tuanjian/db';
import { addDays, todayInShanghai } from '@tuanjian/domain';
import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadGrants } from '../services/me';
import * as transfers from '../services/transfers';
import {
  callerAs,
  demoDatabase,
  errorOf,
  grantsOf,
  type TestDatabase,
  tenantByCode,
  tenantTables,
  userByName,
} from '../test/helpers';

let database: TestDatabase;
let db: Kysely<PlatformDatabase>;
let chengguan: Tenant;
let qilihe: Tenant;
let qiliheBranch: { id: string; name: string };
const used = new Set<string>();

/** A fresh active member of a 城关区 branch (never the demo member user), not used before. */
async function pickMember(where?: { orgId?: string }) {
  const memberUser = (await grantsOf(db, 'chengguan.member'))[0]!;
  const rows = await tenantTables(db, chengguan)
    .selectFrom('members as m')
    .innerJoin('organisations as o', 'o.id', 'm.org_id')
    .select(['m.id', 'm.name', 'm.member_number', 'm.org_id', 'o.path'])
    .where('m.status', '=', 'active')
    .where('o.kind', '=', 'branch')
    .where('m.member_number', 'is not', null)
    .where('m.id', '!=', memberUser.member_id)
    .$if(!!where?.orgId, (q) => q.where('m.org_id', '=', where!.orgId!))
    .orderBy('m.id')
    .execute();
  const m = rows.find((r) => !used.has(r.id))!;
  used.add(m.id);
  return m as { id: string; name: string; member_number: string; org_id: string; path: string };
}

/** Active rows with this 团员编号 in 城关区 and 七里河区 together. */
async function placesOf(number: string): Promise<number> {
  let n = 0;
  for (const t of [chengguan, qilihe]) {
    const r = await tenantTables(db, t)
      .selectFrom('members')
      .select(sql<number>`count(*)::int`.as('n'))
      .where('member_number', '=', number)
      .where('status', '=', 'active')
      .executeTakeFirstOrThrow();
    n += r.n;
  }
  return n;
}

async function statusesOf(id: string) {
  const route = await db
    .selectFrom('platform.transfers')
    .select('status')
    .where('id', '=', id)
    .executeTakeFirst();
  const src = await tenantTables(db, chengguan)
    .selectFrom('transfers')
    .select('status')
    .where('id', '=', id)
    .executeTakeFirst();
  const dst = await tenantTables(db, qilihe)
    .selectFrom('transfers')
    .select('status')
    .where('id', '=', id)
    .executeTakeFirst();
  return { route: route?.status, source: src?.status, target: dst?.status };
}

beforeAll(async () => {
  database = await demoDatabase();
  db = database.db;
  chengguan = await tenantByCode(db, 'chengguan');
  qilihe = await tenantByCode(db, 'qilihe');
  qiliheBranch = await tenantTables(db, qilihe)
    .selectFrom('organisations')
    .select(['id', 'name'])
    .where('kind', '=', 'branch')
    .orderBy('path')
    .executeTakeFirstOrThrow();
}, 300_000);

afterAll(async () => {
  await database?.close();
});

describe('transfers across tenants (城关区 → 七里河区)', () => {
  it('start → incoming with a snapshot → accept: the member moves, in exactly one place', async () => {
    const m = await pickMember();
    const cg = await callerAs(database, 'chengguan.admin');
    const ql = await callerAs(database, 'qilihe.admin');
    const districts = await cg.caller.transfers.districts();
    expect(districts.map((d) => d.name)).toContain(qilihe.name);
    expect(districts.map((d) => d.id)).not.toContain(chengguan.id);
    const targets = await cg.caller.transfers.targetOrgs({ tenantId: qilihe.id });
    expect(targets.map((o) => o.id)).toContain(qiliheBranch.id);

    const started = await cg.caller.transfers.start({
      memberId: m.id,
      target: { type: 'cross_tenant', tenantId: qilihe.id, orgId: qiliheBranch.id },
      reason: '工作调动',
    });
    expect(started.status).toBe('pending_target');
    expect(await statusesOf(started.id)).toEqual({
      route: 'pending_target',
      source: 'pending_target',
      target: 'pending_target',
    });

    // The receiver finds it by name and by 团员编号, and sees the snapshot only.
    const byName = await ql.caller.transfers.list({ box: 'incoming', q: m.name });
    expect(byName.items.map((i) => i.id)).toContain(started.id);
    const byNumber = await ql.caller.transfers.list({ box: 'incoming', q: m.member_number.slice(0, 10) });
    expect(byNumber.items.map((i) => i.id)).toContain(started.id);
    const detail = await ql.caller.transfers.get({ id: started.id });
    expect(detail).toMatchObject({
      side: 'incoming',
      memberName: m.name,
      memberNumber: m.member_number,
      memberId: null,
      sourceOrgId: null,
      sourceTenantName: chengguan.name,
      targetOrgId: qiliheBranch.id,
      receiverDueOn: addDays(todayInShanghai(), 15),
      escalated: false,
      actions: { accept: true, return: true, approve: false, cancel: false },
    });
    expect(detail.memberBirthMasked).toMatch(/^\d{4}-\*\*-\*\*$/);
    // The masked 身份证号 as lists show it (never the sealed number), and searchable by its last digits.
    const masked = (
      await tenantTables(db, chengguan)
        .selectFrom('members')
        .select('id_card_masked')
        .where('id', '=', m.id)
        .executeTakeFirstOrThrow()
    ).id_card_masked;
    expect(detail.memberIdCardMasked).toBe(masked);
    if (masked) {
      const byTail = await ql.caller.transfers.list({ box: 'incoming', q: masked.slice(-4) });
      expect(byTail.items.map((i) => i.id)).toContain(started.id);
    }
    expect(JSON.stringify(detail)).not.toContain(m.org_id);
    expect(detail.events.map((e) => e.step)).toEqual(['applied', 'source_approved']);

    // The source cannot accept its own transfer; the receiver accepts.
    expect((await errorOf(cg.caller.transfers.accept({ id: started.id })))?.appCode).toBe('INVALID_STATE');
    const accepted = await ql.caller.transfers.accept({ id: started.id, note: '同意接收' });
    expect(accepted.status).toBe('completed');
    expect(await statusesOf(started.id)).toEqual({
      route: 'completed',
      source: 'completed',
      target: 'completed',
    });
    expect(await placesOf(m.member_number)).toBe(1);
    const inQilihe = await ql.caller.members.list({ q: m.member_number });
    expect(inQilihe.items.map((x) => x.id)).toEqual([accepted.memberId]);
    expect(inQilihe.items[0]).toMatchObject({ orgId: qiliheBranch.id, status: 'active' });
    const inChengguan = await cg.caller.members.list({ q: m.member_number, status: 'active' });
    expect(inChengguan.total).toBe(0);
    const src = await cg.caller.transfers.get({ id: started.id });
    expect(src.events.map((e) => e.step)).toEqual(['applied', 'source_approved', 'target_accepted']);
    expect(src.events[2]).toMatchObject({ note: '同意接收', actorUnit: qilihe.name });
    // Audited.
    const audit = await db
      .selectFrom('platform.audit_log')
      .select(['action', 'tenant_id'])
      .where('target_id', '=', started.id)
      .orderBy('at')
      .execute();
    expect(audit).toEqual([
      { action: 'transfers.start', tenant_id: chengguan.id },
      { action: 'transfers.accept', tenant_id: qilihe.id },
    ]);
  });

  it('accept racing its own cancellation: exactly one wins, the member is in one place', async () => {
    for (let round = 0; round < 4; round++) {
      const m = await pickMember();
      const cg = await callerAs(database, 'chengguan.admin');
      const ql = await callerAs(database, 'qilihe.admin');
      const { id } = await cg.caller.transfers.start({
        memberId: m.id,
        target: { type: 'cross_tenant', tenantId: qilihe.id, orgId: qiliheBranch.id },
      });
      const accept = ql.caller.transfers.accept({ id });
      const cancel = cg.caller.transfers.cancel({ id, note: '撤回' });
      const results = await Promise.allSettled(round % 2 ? [cancel, accept] : [accept, cancel]);
      const won = results.filter((r) => r.status === 'fulfilled');
      expect(won).toHaveLength(1);
      const lost = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
      expect(lost.reason.cause?.appCode).toBe('INVALID_STATE');
      const s = await statusesOf(id);
      expect(s.route).toBe(s.source);
      expect(s.target).toBe(s.source);
      expect(['completed', 'cancelled']).toContain(s.route);
      expect(await placesOf(m.member_number)).toBe(1);
      const inQilihe = await tenantTables(db, qilihe)
        .selectFrom('members')
        .select('status')
        .where('member_number', '=', m.member_number)
        .execute();
      expect(inQilihe.map((r) => r.status)).toEqual(s.route === 'completed' ? ['active'] : []);
    }
  });

  it('two accepts racing: exactly one wins', async () => {
    const m = await pickMember();
    const cg = await callerAs(database, 'chengguan.admin');
    const ql1 = await callerAs(database, 'qilihe.admin');
    const ql2 = await callerAs(database, 'multi.admin', { tenantCode: 'qilihe' });
    const { id } = await cg.caller.transfers.start({
      memberId: m.id,
      target: { type: 'cross_tenant', tenantId: qilihe.id, orgId: qiliheBranch.id },
    });
    const results = await Promise.allSettled([
      ql1.caller.transfers.accept({ id }),
      ql2.caller.transfers.accept({ id }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(await statusesOf(id)).toEqual({ route: 'completed', source: 'completed', target: 'completed' });
    expect(await placesOf(m.member_number)).toBe(1);
  });

  it('a crash between the two halves rolls both back', async () => {
    const m = await pickMember();
    const cg = await callerAs(database, 'chengguan.admin');
    const { id } = await cg.caller.transfers.start({
      memberId: m.id,
      target: { type: 'cross_tenant', tenantId: qilihe.id, orgId: qiliheBranch.id },
    });
    const user = await userByName(db, 'qilihe.admin');
    const grant = (await loadGrants(db, user.id)).find((g) => g.tenant.id === qilihe.id)!;
    await expect(
      db.transaction().execute((trx) =>
        transfers.act(
          trx,
          { userId: user.id, displayName: user.display_name, grant, now: new Date() },
          {
            id,
            action: 'accept',
            onBetweenHalves: () => {
              throw new Error('injected crash');
            },
          },
        ),
      ),
    ).rejects.toThrow('injected crash');
    expect(await statusesOf(id)).toEqual({
      route: 'pending_target',
      source: 'pending_target',
      target: 'pending_target',
    });
    expect(await placesOf(m.member_number)).toBe(1);
    const src = await tenantTables(db, chengguan)
      .selectFrom('members')
      .select('status')
      .where('id', '=', m.id)
      .executeTakeFirstOrThrow();
    expect(src.status).toBe('active');
  });

  it('the receiver returns with a reason; escalation after the timeout shows to the superior', async () => {
    const cg = await callerAs(database, 'chengguan.admin');
    const ql = await callerAs(database, 'qilihe.admin');
    const m1 = await pickMember();
    const t1 = await cg.caller.transfers.start({
      memberId: m1.id,
      target: { type: 'cross_tenant', tenantId: qilihe.id, orgId: qiliheBranch.id },
    });
    expect((await errorOf(ql.caller.transfers.return({ id: t1.id })))?.message).toContain('退回理由');
    await ql.caller.transfers.return({ id: t1.id, note: '接收组织不对' });
    expect(await statusesOf(t1.id)).toEqual({ route: 'returned', source: 'returned', target: 'returned' });
    expect(await placesOf(m1.member_number)).toBe(1);

    const m2 = await pickMember();
    const t2 = await cg.caller.transfers.start({
      memberId: m2.id,
      target: { type: 'cross_tenant', tenantId: qilihe.id, orgId: qiliheBranch.id },
    });
    // 16 days later (Shanghai): past the 15-day due day.
    const reached = addDays(todayInShanghai(), -16);
    await tenantTables(db, qilihe)
      .updateTable('transfers')
      .set({ receiver_due_on: addDays(reached, 15) })
      .where('id', '=', t2.id)
      .execute();
    const esc = await ql.caller.transfers.list({ box: 'escalated' });
    const item = esc.items.find((i) => i.id === t2.id);
    expect(item).toMatchObject({ escalated: true, daysOverdue: 1 });
    // The superior of the receiving branch is the district: a secretary of the branch itself does not
    // see it as escalated; the incoming list flags it.
    const incoming = await ql.caller.transfers.list({ box: 'incoming', status: 'pending_target' });
    expect(incoming.items.find((i) => i.id === t2.id)?.escalated).toBe(true);
    await ql.caller.transfers.accept({ id: t2.id });
  });
});

describe('transfers within 城关区 and out of the city', () => {
  it('a member applies; the branch secretary approves; the district accepts; the member moves branch', async () => {
    const memberGrant = (await grantsOf(db, 'chengguan.member'))[0]!;
    const me = await callerAs(database, 'chengguan.member');
    const branch = await callerAs(database, 'chengguan.branch');
    const admin = await callerAs(database, 'chengguan.admin');
    const target = await tenantTables(db, chengguan)
      .selectFrom('organisations')
      .select(['id', 'name'])
      .where('kind', '=', 'branch')
      .where('id', '!=', memberGrant.scope_org_id ?? '')
      .where('id', 'not in', (eb) =>
        eb.selectFrom('members').select('org_id').where('id', '=', memberGrant.member_id!),
      )
      .orderBy('path', 'desc')
      .executeTakeFirstOrThrow();
    // A member can apply only for themself.
    const other = await pickMember();
    expect(
      (
        await errorOf(
          me.caller.transfers.start({ memberId: other.id, target: { type: 'internal', orgId: target.id } }),
        )
      )?.appCode,
    ).toBe('FORBIDDEN_ROLE');
    const { id, status } = await me.caller.transfers.start({
      memberId: memberGrant.member_id!,
      target: { type: 'internal', orgId: target.id },
      reason: '搬家',
    });
    expect(status).toBe('pending_source');
    const mine = await me.caller.transfers.list({ box: 'mine' });
    expect(mine.items.map((i) => i.id)).toContain(id);
    expect((await errorOf(me.caller.transfers.approve({ id })))?.appCode).toBe('FORBIDDEN_ROLE');
    // A second open transfer of the same member is refused.
    expect(
      (
        await errorOf(
          admin.caller.transfers.start({
            memberId: memberGrant.member_id!,
            target: { type: 'internal', orgId: target.id },
          }),
        )
      )?.appCode,
    ).toBe('CONFLICT');

    await branch.caller.transfers.approve({ id, note: '同意' });
    const d = await admin.caller.transfers.get({ id });
    expect(d).toMatchObject({ status: 'pending_target', side: 'internal', actions: { accept: true } });
    await admin.caller.transfers.accept({ id });
    const after = await me.caller.transfers.get({ id });
    expect(after.status).toBe('completed');
    expect(after.events.map((e) => e.step)).toEqual(['applied', 'source_approved', 'target_accepted']);
    const row = await tenantTables(db, chengguan)
      .selectFrom('members')
      .select(['org_id', 'status'])
      .where('id', '=', memberGrant.member_id!)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ org_id: target.id, status: 'active' });
    // The member's own view follows to the new branch.
    expect((await me.caller.home.summary()).branch?.id).toBe(target.id);
  });

  it('out of the city: recorded with the receiver’s name and contact, the member is transferred_out', async () => {
    const m = await pickMember();
    const admin = await callerAs(database, 'chengguan.admin');
    const r = await admin.caller.transfers.start({
      memberId: m.id,
      target: { type: 'out_of_city', name: '上海市浦东新区团委', contact: '王老师 021-12345678' },
    });
    expect(r.status).toBe('completed');
    const row = await tenantTables(db, chengguan)
      .selectFrom('members')
      .select('status')
      .where('id', '=', m.id)
      .executeTakeFirstOrThrow();
    expect(row.status).toBe('transferred_out');
    const d = await admin.caller.transfers.get({ id: r.id });
    expect(d).toMatchObject({
      kind: 'out_of_city',
      externalOrgName: '上海市浦东新区团委',
      targetTenantName: null,
    });
  });

  it('a secretary acts only within the subtree', async () => {
    const sec = await callerAs(database, 'chengguan.secretary');
    const g = (await grantsOf(db, 'chengguan.secretary'))[0]!;
    const scope = await tenantTables(db, chengguan)
      .selectFrom('organisations')
      .select('path')
      .where('id', '=', g.scope_org_id!)
      .executeTakeFirstOrThrow();
    const outside = await tenantTables(db, chengguan)
      .selectFrom('members as m')
      .innerJoin('organisations as o', 'o.id', 'm.org_id')
      .select('m.id')
      .where('m.status', '=', 'active')
      .where('o.path', 'not like', `${scope.path}%`)
      .executeTakeFirstOrThrow();
    const e = await errorOf(
      sec.caller.transfers.start({
        memberId: outside.id,
        target: { type: 'cross_tenant', tenantId: qilihe.id, orgId: qiliheBranch.id },
      }),
    );
    expect(e?.appCode).toBe('FORBIDDEN_SCOPE');
  });
});

describe('学社衔接', () => {
  it('marks a school branch graduating and reports the yearly rate against the 50 % target', async () => {
    const admin = await callerAs(database, 'chengguan.admin');
    const t = tenantTables(db, chengguan);
    const orgs = await t.selectFrom('organisations').select(['id', 'path', 'sector', 'kind']).execute();
    const byId = new Map(orgs.map((o) => [o.id, o]));
    const sectorOf = (o: (typeof orgs)[number]) => {
      for (const id of o.path.split('/').filter(Boolean).reverse()) {
        const s = byId.get(id)?.sector;
        if (s) return s;
      }
      return null;
    };
    const counts = await t
      .selectFrom('members')
      .select(['org_id', sql<number>`count(*)::int`.as('n')])
      .where('status', '=', 'active')
      .groupBy('org_id')
      .execute();
    const n = new Map(counts.map((c) => [c.org_id, c.n]));
    const school = orgs.find(
      (o) => o.kind === 'branch' && sectorOf(o) === 'university' && (n.get(o.id) ?? 0) >= 2,
    )!;
    const nonSchool = orgs.find((o) => o.kind === 'branch' && sectorOf(o) === 'state_enterprise')!;
    expect(school).toBeDefined();

    const e = await errorOf(admin.caller.transfers.markGraduating({ orgId: nonSchool.id, year: 2031 }));
    expect(e?.appCode).toBe('INVALID_STATE');
    const { updated } = await admin.caller.transfers.markGraduating({ orgId: school.id, year: 2031 });
    expect(updated).toBe(n.get(school.id));

    const before = await admin.caller.transfers.schoolToSociety({ year: 2031 });
    expect(before.rule).toMatchObject({ minPercent: 50 });
    expect(before.total).toMatchObject({
      graduating: updated,
      transferred: 0,
      percent: 0,
      meetsTarget: false,
    });

    const grads = await t
      .selectFrom('members')
      .select('id')
      .where('org_id', '=', school.id)
      .where('graduation_year', '=', 2031)
      .execute();
    const half = Math.ceil(grads.length / 2);
    for (const g of grads.slice(0, half)) {
      await admin.caller.transfers.start({
        memberId: g.id,
        target: { type: 'out_of_city', name: '北京某公司团委', contact: '010-12345678' },
      });
    }
    const after = await admin.caller.transfers.schoolToSociety({ year: 2031 });
    expect(after.total).toMatchObject({ graduating: updated, transferred: half, meetsTarget: true });
    expect(after.branches.find((b) => b.orgId === school.id)).toMatchObject({
      transferred: half,
      sector: 'university',
    });
  });
});

describe('a member moves to another district and the login follows', () => {
  it('member applies → branch approves → 七里河区 accepts → the member user now acts in 七里河区', async () => {
    const memberGrant = (await grantsOf(db, 'chengguan.member'))[0]!;
    const me = await callerAs(database, 'chengguan.member');
    const admin = await callerAs(database, 'chengguan.admin');
    const ql = await callerAs(database, 'qilihe.admin');
    const targets = await me.caller.transfers.targetOrgs({ tenantId: qilihe.id });
    expect(targets.length).toBeGreaterThan(0);
    const { id, status } = await me.caller.transfers.start({
      memberId: memberGrant.member_id!,
      target: { type: 'cross_tenant', tenantId: qilihe.id, orgId: qiliheBranch.id },
      reason: '工作调动',
    });
    expect(status).toBe('pending_source');
    // Not visible to the receiver before the source review.
    expect(await statusesOf(id)).toEqual({
      route: 'pending_source',
      source: 'pending_source',
      target: undefined,
    });
    // The source reviews…
    await admin.caller.transfers.approve({ id });
    expect(await statusesOf(id)).toEqual({
      route: 'pending_target',
      source: 'pending_target',
      target: 'pending_target',
    });
    // …and 七里河区 accepts.
    const r = await ql.caller.transfers.accept({ id });
    const number = (
      await tenantTables(db, chengguan)
        .selectFrom('members')
        .select('member_number')
        .where('id', '=', memberGrant.member_id!)
        .executeTakeFirstOrThrow()
    ).member_number!;
    expect(await placesOf(number)).toBe(1);
    const grant = (await grantsOf(db, 'chengguan.member'))[0]!;
    expect(grant).toMatchObject({ tenant_code: 'qilihe', member_id: r.memberId });
    // The same session now sees its own record in 七里河区, and the finished transfer.
    const summary = await me.caller.home.summary();
    expect(summary.branch?.id).toBe(qiliheBranch.id);
    const mine = await me.caller.transfers.list({ box: 'mine' });
    expect(mine.items.map((i) => [i.id, i.status, i.side])).toEqual([[id, 'completed', 'incoming']]);
  });
});

describe('escalation to the receiver’s superior (transfer.timeout)', () => {
  it('past the due day, the 团总支 above the receiving branch sees it; the branch itself still has it as incoming', async () => {
    const secGrant = (await grantsOf(db, 'chengguan.secretary'))[0]!;
    const branchGrant = (await grantsOf(db, 'chengguan.branch'))[0]!;
    const t = tenantTables(db, chengguan);
    const secOrg = await t
      .selectFrom('organisations')
      .select(['id', 'path'])
      .where('id', '=', secGrant.scope_org_id!)
      .executeTakeFirstOrThrow();
    const branchOrg = await t
      .selectFrom('organisations')
      .select(['id', 'path'])
      .where('id', '=', branchGrant.scope_org_id!)
      .executeTakeFirstOrThrow();
    const target = branchOrg.path.startsWith(secOrg.path)
      ? branchOrg
      : await t
          .selectFrom('organisations')
          .select(['id', 'path'])
          .where('kind', '=', 'branch')
          .where('path', 'like', `${secOrg.path}%`)
          .executeTakeFirstOrThrow();
    // 七里河区 sends one of its members to that branch.
    const qlMember = await tenantTables(db, qilihe)
      .selectFrom('members')
      .select(['id', 'member_number'])
      .where('status', '=', 'active')
      .where('member_number', 'is not', null)
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    const ql = await callerAs(database, 'qilihe.admin');
    const { id } = await ql.caller.transfers.start({
      memberId: qlMember.id,
      target: { type: 'cross_tenant', tenantId: chengguan.id, orgId: target.id },
    });
    await t
      .updateTable('transfers')
      .set({ receiver_due_on: addDays(todayInShanghai(), -1) })
      .where('id', '=', id)
      .execute();
    const sec = await callerAs(database, 'chengguan.secretary');
    const esc = await sec.caller.transfers.list({ box: 'escalated' });
    expect(esc.items.find((i) => i.id === id)).toMatchObject({ escalated: true, daysOverdue: 1 });
    // The superior may act on it.
    expect((await sec.caller.transfers.get({ id })).actions.accept).toBe(true);
    if (target.id === branchOrg.id) {
      const br = await callerAs(database, 'chengguan.branch');
      expect((await br.caller.transfers.list({ box: 'escalated' })).items.map((i) => i.id)).not.toContain(id);
      expect(
        (await br.caller.transfers.list({ box: 'incoming' })).items.find((i) => i.id === id)?.escalated,
      ).toBe(true);
    }
    await sec.caller.transfers.accept({ id, note: '上级督办后接收' });
    expect(await placesOf(qlMember.member_number!)).toBe(1);
  });
});
