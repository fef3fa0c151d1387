import { demoPii, type Member, type Organisation, type PlatformDatabase, type Tenant } from '@tuanjian/db';
import { idCardCheckChar } from '@tuanjian/domain';
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
  userByName,
} from '../test/helpers';

let database: TestDatabase;
let db: Kysely<PlatformDatabase>;
let chengguan: Tenant;
let members: (Member & { org_path: string })[];
let scopeOrg: Organisation;
let inside: Member & { org_path: string };
let outside: Member & { org_path: string };
let self: Member;

beforeAll(async () => {
  database = await demoDatabase();
  db = database.db;
  chengguan = await tenantByCode(db, 'chengguan');
  const t = tenantTables(db, chengguan);
  members = await t
    .selectFrom('members as m')
    .innerJoin('organisations as o', 'o.id', 'm.org_id')
    .selectAll('m')
    .select('o.path as org_path')
    .orderBy('m.name')
    .execute();
  const g = (await grantsOf(db, 'chengguan.secretary'))[0]!;
  scopeOrg = await t
    .selectFrom('organisations')
    .selectAll()
    .where('id', '=', g.scope_org_id!)
    .executeTakeFirstOrThrow();
  inside = members.find((m) => m.org_path.startsWith(scopeOrg.path) && m.id_card_sealed)!;
  outside = members.find((m) => !m.org_path.startsWith(scopeOrg.path) && m.id_card_sealed)!;
  const mg = (await grantsOf(db, 'chengguan.member'))[0]!;
  self = members.find((m) => m.id === mg.member_id)!;
}, 300_000);

afterAll(async () => {
  await database?.close();
});

const ID_RE = /\d{17}[\dX]/;

describe('masked personal information', () => {
  it('members.list and members.get show masked values only', async () => {
    const { caller } = await callerAs(database, 'chengguan.admin');
    const page = await caller.members.list({ pageSize: 200 });
    expect(JSON.stringify(page)).not.toMatch(ID_RE);
    const withId = page.items.find((m) => m.idCardMasked)!;
    expect(withId.idCardMasked).toMatch(/^\d{4}\*{10}[\dX]{4}$/);
    expect(page.items.find((m) => m.phoneMasked)!.phoneMasked).toMatch(/^1\d{2}\*{4}\d{4}$/);
    const detail = await caller.members.get({ id: inside.id });
    expect(JSON.stringify(detail)).not.toMatch(ID_RE);
    expect(detail.idCardMasked).toBe(inside.id_card_masked);
    expect(detail.archive).toMatchObject({ score: expect.any(Number), items: expect.any(Array) });
  });

  it('search by the last digits of the ID number', async () => {
    const { caller } = await callerAs(database, 'chengguan.admin');
    const last4 = inside.id_card_masked!.slice(-4);
    const res = await caller.members.list({ q: last4, pageSize: 200 });
    expect(res.items.map((m) => m.id)).toContain(inside.id);
    expect(
      res.items.every(
        (m) => m.idCardMasked?.endsWith(last4) || m.memberNumber?.startsWith(last4) || m.name.includes(last4),
      ),
    ).toBe(true);
  });
});

describe('members.revealPii', () => {
  it('district_admin sees the full value, and the audit entry (who, what, why, when) is written', async () => {
    const { caller } = await callerAs(database, 'chengguan.admin');
    const before = new Date(Date.now() - 1000);
    const res = await caller.members.revealPii({ id: inside.id, field: 'idCard', reason: '核对入团材料' });
    expect(res.value).toBe(demoPii('chengguan', inside).idCard);
    const phone = await caller.members.revealPii({ id: inside.id, field: 'phone', reason: '联系本人' });
    expect(phone.value).toBe(demoPii('chengguan', inside).phone);
    const admin = await userByName(db, 'chengguan.admin');
    const entries = await db
      .selectFrom('platform.audit_log')
      .selectAll()
      .where('action', '=', 'members.revealPii')
      .where('target_id', '=', inside.id)
      .orderBy('at')
      .execute();
    expect(entries).toHaveLength(2);
    expect(entries[0]).toMatchObject({ user_id: admin.id, tenant_id: chengguan.id, target_type: 'member' });
    expect(entries[0]!.detail).toMatchObject({ field: 'idCard', reason: '核对入团材料' });
    expect(new Date(entries[0]!.at as unknown as string).getTime()).toBeGreaterThan(before.getTime());
    expect(JSON.stringify(entries)).not.toMatch(ID_RE);
    expect(JSON.stringify(entries)).not.toContain(res.value!.slice(-8));
    // The district admin reads the log of reveals; a secretary may not.
    const log = await caller.archive.revealLog({ memberId: inside.id });
    expect(log[0]).toMatchObject({ field: 'phone', reason: '联系本人', by: admin.display_name });
    expect(log[1]).toMatchObject({ field: 'idCard', reason: '核对入团材料' });
    const sec = (await callerAs(database, 'chengguan.secretary')).caller;
    expect(await errorOf(sec.archive.revealLog({ memberId: inside.id }))).toMatchObject({
      code: 'FORBIDDEN',
    });
  });

  it('org_secretary: only within the subtree; a member: only their own; a reason is required', async () => {
    const sec = (await callerAs(database, 'chengguan.secretary')).caller;
    expect((await sec.members.revealPii({ id: inside.id, field: 'idCard', reason: '档案核查' })).value).toBe(
      demoPii('chengguan', inside).idCard,
    );
    expect(
      await errorOf(sec.members.revealPii({ id: outside.id, field: 'idCard', reason: '档案核查' })),
    ).toMatchObject({
      code: 'FORBIDDEN',
      appCode: 'FORBIDDEN_SCOPE',
    });
    expect(
      await errorOf(sec.members.revealPii({ id: inside.id, field: 'idCard', reason: '' })),
    ).toMatchObject({
      code: 'BAD_REQUEST',
    });
    const mem = (await callerAs(database, 'chengguan.member')).caller;
    expect(
      await errorOf(
        mem.members.revealPii({
          id: inside.id === self.id ? outside.id : inside.id,
          field: 'idCard',
          reason: '看看别人',
        }),
      ),
    ).toMatchObject({
      code: 'FORBIDDEN',
    });
    const own = await mem.members.revealPii({ id: self.id, field: 'phone', reason: '核对本人信息' });
    expect(own.value).toBe(demoPii('chengguan', self).phone);
    const chair = (await callerAs(database, 'enterprise.chair')).caller;
    expect(
      await errorOf(chair.members.revealPii({ id: inside.id, field: 'idCard', reason: '查看' })),
    ).toMatchObject({
      code: 'FORBIDDEN',
      appCode: 'TENANT_KIND',
    });
    // Refused reveals leave no audit entry.
    const n = await db
      .selectFrom('platform.audit_log')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('action', '=', 'members.revealPii')
      .where('target_id', '=', outside.id)
      .executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(0);
  });
});

describe('archive.update / checks / completeness', () => {
  it('validates the ID checksum and the birth date against the archive, in Chinese', async () => {
    const { caller } = await callerAs(database, 'chengguan.admin');
    const first17 = `620102${inside.birth_date.replaceAll('-', '')}${inside.gender === 'male' ? '111' : '112'}`;
    const good = first17 + idCardCheckChar(first17);
    const bad = first17 + (good.endsWith('0') ? '1' : '0');
    expect(await errorOf(caller.archive.update({ id: inside.id, idCard: bad }))).toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringContaining('校验码'),
    });
    const other = `62010219900101${inside.gender === 'male' ? '111' : '112'}`;
    expect(
      await errorOf(caller.archive.update({ id: inside.id, idCard: other + idCardCheckChar(other) })),
    ).toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringContaining('出生日期'),
    });
    const res = await caller.archive.update({
      id: inside.id,
      idCard: good,
      phone: '139 0931 0000',
      education: '大学本科',
    });
    expect(res.changed).toEqual(expect.arrayContaining(['idCard', 'phone']));
    const detail = await caller.members.get({ id: inside.id });
    expect(detail.idCardMasked).toBe(`${good.slice(0, 4)}**********${good.slice(-4)}`);
    expect(detail.phoneMasked).toBe('139****0000');
    expect(
      (await caller.members.revealPii({ id: inside.id, field: 'idCard', reason: '核对修改' })).value,
    ).toBe(good);
    // The same values again change nothing.
    expect(
      (await caller.archive.update({ id: inside.id, idCard: good, phone: '13909310000' })).changed,
    ).toEqual([]);
    const audit = await db
      .selectFrom('platform.audit_log')
      .selectAll()
      .where('action', '=', 'archive.update')
      .where('target_id', '=', inside.id)
      .orderBy('at')
      .execute();
    expect(audit[0]!.detail).toMatchObject({ changed: expect.arrayContaining(['idCard', 'phone']) });
    expect(JSON.stringify(audit)).not.toMatch(ID_RE);
    expect(JSON.stringify(audit)).not.toContain('13909310000');
    // A second member cannot take the same number.
    expect(await errorOf(caller.archive.update({ id: outside.id, idCard: good }))).toMatchObject({
      code: expect.any(String),
    });
  });

  it('a member cannot edit; a secretary cannot edit outside the subtree', async () => {
    const mem = (await callerAs(database, 'chengguan.member')).caller;
    expect(await errorOf(mem.archive.update({ id: self.id, education: '博士研究生' }))).toMatchObject({
      code: 'FORBIDDEN',
    });
    const sec = (await callerAs(database, 'chengguan.secretary')).caller;
    expect(await errorOf(sec.archive.update({ id: outside.id, education: '博士研究生' }))).toMatchObject({
      appCode: 'FORBIDDEN_SCOPE',
    });
  });

  it('核查: recorded with who, when, result and notes; listed newest first', async () => {
    const sec = await callerAs(database, 'chengguan.secretary');
    const c = await sec.caller.archive.addCheck({
      memberId: inside.id,
      result: 'needs_correction',
      notes: '缺少手机号码',
    });
    expect(c).toMatchObject({
      result: 'needs_correction',
      notes: '缺少手机号码',
      checkedByName: expect.any(String),
    });
    await sec.caller.archive.addCheck({ memberId: inside.id, result: 'passed' });
    const list = await sec.caller.archive.checks({ memberId: inside.id });
    expect(list.map((x) => x.result)).toEqual(['passed', 'needs_correction']);
  });

  it('completeness view: branches of the scope and the incomplete archives with what is missing', async () => {
    const t = tenantTables(db, chengguan);
    const target = members.find(
      (m) => m.org_path.startsWith(scopeOrg.path) && m.status === 'active' && m.id !== inside.id,
    )!;
    await t
      .updateTable('members')
      .set({ phone_sealed: null, phone_masked: null })
      .where('id', '=', target.id)
      .execute();
    const sec = (await callerAs(database, 'chengguan.secretary')).caller;
    const res = await sec.archive.completeness({ pageSize: 200 });
    const active = members.filter((m) => m.org_path.startsWith(scopeOrg.path) && m.status === 'active');
    expect(res.summary.members).toBe(active.length);
    expect(res.branches.reduce((n, b) => n + b.members, 0)).toBe(active.length);
    const item = res.incomplete.items.find((m) => m.id === target.id)!;
    expect(item.missingLabels).toContain('手机号码');
    expect(item.score).toBeLessThan(100);
    const mem = (await callerAs(database, 'chengguan.member')).caller;
    expect(await errorOf(mem.archive.completeness({}))).toMatchObject({ code: 'FORBIDDEN' });
  });
});
