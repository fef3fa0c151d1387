/**
 * Issue 10 "accounts": a correction of a name / 身份证号 needs a superior's approval (never the
 * proposer's own), before/after in the audit log (ID masked + sealed, never in clear), direct
 * edits closed for secretaries; bulk reset codes work exactly once, expire, force a new password.
 */

import { randomBytes } from 'node:crypto';
import type { Member, PlatformDatabase, Tenant } from '@tuanjian/db';
import { idCardCheckChar, maskIdCard } from '@tuanjian/domain';
import ExcelJS from 'exceljs';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  callerAs,
  callerWith,
  DEMO_PASSWORD,
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
let branchId: string;
let branchMembers: Member[];
let evidenceId: string;

const ID_RE = /\d{17}[\dX]/;

function validId(m: Pick<Member, 'birth_date' | 'gender'>, seq: string): string {
  const first17 = `620102${m.birth_date.replaceAll('-', '')}${seq}`;
  return first17 + idCardCheckChar(first17);
}

async function auditOf(action: string, targetId: string) {
  return db
    .selectFrom('platform.audit_log')
    .selectAll()
    .where('action', '=', action)
    .where('target_id', '=', targetId)
    .orderBy('at', 'desc')
    .execute();
}

beforeAll(async () => {
  database = await demoDatabase();
  db = database.db;
  chengguan = await tenantByCode(db, 'chengguan');
  branchId = (await grantsOf(db, 'chengguan.branch'))[0]!.scope_org_id!;
  const t = tenantTables(db, chengguan);
  branchMembers = await t
    .selectFrom('members')
    .selectAll()
    .where('org_id', '=', branchId)
    .orderBy('name')
    .execute();
  const f = await t
    .insertInto('files')
    .values({
      org_id: branchId,
      uploaded_by: (await grantsOf(db, 'chengguan.branch'))[0]!.user_id,
      kind: 'document',
      mime: 'application/pdf',
      size_bytes: 1234,
      original_name: '户口簿复印件.pdf',
      storage_key: `test/${randomBytes(8).toString('hex')}`,
      sha256: randomBytes(32).toString('hex'),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  evidenceId = f.id;
}, 300_000);

afterAll(async () => {
  await database?.close();
});

describe('corrections instead of deletions', () => {
  it('a name correction changes nothing until a superior approves; the proposer cannot approve', async () => {
    const m = branchMembers[0]!;
    const secretary = await callerAs(database, 'chengguan.branch');
    const { id } = await secretary.caller.accounts.proposeCorrection({
      memberId: m.id,
      field: 'name',
      value: `${m.name}更`,
      reason: '户口簿姓名与档案不一致',
      evidenceFileIds: [evidenceId],
    });
    const t = tenantTables(db, chengguan);
    expect(
      (await t.selectFrom('members').select('name').where('id', '=', m.id).executeTakeFirstOrThrow()).name,
    ).toBe(m.name);
    // A second open request for the same field is refused.
    expect(
      await errorOf(
        secretary.caller.accounts.proposeCorrection({
          memberId: m.id,
          field: 'name',
          value: `${m.name}二`,
          reason: '再次申请',
          evidenceFileIds: [evidenceId],
        }),
      ),
    ).toMatchObject({ code: 'CONFLICT' });
    const own = await secretary.caller.accounts.corrections({});
    expect(own.find((c) => c.id === id)).toMatchObject({
      status: 'pending',
      canDecide: false,
      before: m.name,
    });
    expect(await errorOf(secretary.caller.accounts.decideCorrection({ id, approve: true }))).toMatchObject({
      code: 'FORBIDDEN',
      message: expect.stringContaining('不能审核本人'),
    });

    const superior = await callerAs(database, 'chengguan.secretary');
    const toDecide = await superior.caller.accounts.corrections({ toDecide: true });
    expect(toDecide.map((c) => c.id)).toContain(id);
    expect(toDecide.find((c) => c.id === id)?.evidence[0]?.originalName).toBe('户口簿复印件.pdf');
    const todos = await superior.caller.todos.list();
    expect(todos.find((x) => x.kind === 'corrections_waiting')?.count).toBeGreaterThanOrEqual(1);

    expect(
      await errorOf(superior.caller.accounts.decideCorrection({ id, approve: true, note: '属实' })),
    ).toBeNull();
    const after = await t
      .selectFrom('members')
      .select('name')
      .where('id', '=', m.id)
      .executeTakeFirstOrThrow();
    expect(after.name).toBe(`${m.name}更`);
    const [entry] = await auditOf('accounts.decideCorrection', m.id);
    expect(entry?.detail).toMatchObject({
      field: 'name',
      before: m.name,
      after: `${m.name}更`,
      correctionId: id,
    });
    // The district admin reads the same entry on the member page; a secretary may not.
    const admin = await callerAs(database, 'chengguan.admin');
    expect((await admin.caller.accounts.correctionAudit({ memberId: m.id }))[0]).toMatchObject({
      fieldLabel: '姓名',
      before: m.name,
      after: `${m.name}更`,
    });
    expect(await errorOf(superior.caller.accounts.correctionAudit({ memberId: m.id }))).toMatchObject({
      code: 'FORBIDDEN',
    });
    // Decided once only.
    expect(
      await errorOf(superior.caller.accounts.decideCorrection({ id, approve: false, note: 'x' })),
    ).toMatchObject({
      code: 'CONFLICT',
    });
  });

  it('an ID correction is approved by the district admin; the audit log keeps it masked and sealed only', async () => {
    const m = branchMembers.find((x) => x.id_card_sealed)!;
    const next = validId(m, m.gender === 'male' ? '351' : '352');
    const secretary = await callerAs(database, 'chengguan.branch');
    const { id } = await secretary.caller.accounts.proposeCorrection({
      memberId: m.id,
      field: 'idCard',
      value: next,
      reason: '身份证号录入错误（第16位）',
      evidenceFileIds: [evidenceId],
    });
    const admin = await callerAs(database, 'chengguan.admin');
    const listed = await admin.caller.accounts.corrections({ status: 'pending' });
    expect(JSON.stringify(listed)).not.toMatch(ID_RE);
    await admin.caller.accounts.decideCorrection({ id, approve: true });
    const t = tenantTables(db, chengguan);
    const row = await t.selectFrom('members').selectAll().where('id', '=', m.id).executeTakeFirstOrThrow();
    expect(row.id_card_masked).toBe(maskIdCard(next));
    expect(row.id_card_sealed).not.toBe(m.id_card_sealed);
    const [entry] = await auditOf('accounts.decideCorrection', m.id);
    const text = JSON.stringify(entry?.detail);
    expect(text).not.toMatch(ID_RE);
    // What the member page shows from the audit log: masked before/after, no sealed copies.
    const shown = await admin.caller.accounts.correctionAudit({ memberId: m.id });
    expect(shown[0]).toMatchObject({ fieldLabel: '身份证号', after: maskIdCard(next) });
    expect(JSON.stringify(shown)).not.toMatch(ID_RE);
    expect(JSON.stringify(shown)).not.toContain('ealed');
    expect(entry?.detail).toMatchObject({
      field: 'idCard',
      before: m.id_card_masked,
      after: row.id_card_masked,
      beforeSealed: m.id_card_sealed,
      afterSealed: row.id_card_sealed,
    });
    // The proposal's own audit entry carries masked values only.
    expect(JSON.stringify((await auditOf('accounts.proposeCorrection', id))[0]?.detail)).not.toMatch(ID_RE);
  });

  it('refuses an ID already recorded for another member, a rejection needs a reason', async () => {
    const [a, b] = branchMembers.filter((x) => x.id_card_sealed).slice(1, 3) as [Member, Member];
    const secretary = await callerAs(database, 'chengguan.branch');
    const otherId = (await callerAs(database, 'chengguan.admin')).caller.members.revealPii({
      id: b.id,
      field: 'idCard',
      reason: '测试重复身份证号',
    });
    const full = (await otherId).value as string;
    expect(
      await errorOf(
        secretary.caller.accounts.proposeCorrection({
          memberId: a.id,
          field: 'idCard',
          value: full,
          reason: '重复号码',
          evidenceFileIds: [evidenceId],
        }),
      ),
    ).toMatchObject({ code: expect.stringMatching(/CONFLICT|BAD_REQUEST/) });
    const { id } = await secretary.caller.accounts.proposeCorrection({
      memberId: a.id,
      field: 'name',
      value: `${a.name}甲`,
      reason: '核对户籍',
      evidenceFileIds: [evidenceId],
    });
    const admin = await callerAs(database, 'chengguan.admin');
    expect(await errorOf(admin.caller.accounts.decideCorrection({ id, approve: false }))).toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringContaining('驳回理由'),
    });
    await admin.caller.accounts.decideCorrection({ id, approve: false, note: '材料不足' });
    const t = tenantTables(db, chengguan);
    expect(
      (await t.selectFrom('members').select('name').where('id', '=', a.id).executeTakeFirstOrThrow()).name,
    ).toBe(a.name);
  });

  it('without evidence a proposal is refused; direct edits of name and ID are closed for secretaries', async () => {
    const m = branchMembers[3]!;
    const secretary = await callerAs(database, 'chengguan.branch');
    expect(
      await errorOf(
        secretary.caller.accounts.proposeCorrection({
          memberId: m.id,
          field: 'name',
          value: '张三',
          reason: '无材料',
          evidenceFileIds: [],
        }),
      ),
    ).toMatchObject({ code: 'BAD_REQUEST', message: '请上传证明材料' });
    expect(await errorOf(secretary.caller.archive.update({ id: m.id, name: `${m.name}改` }))).toMatchObject({
      code: 'FORBIDDEN',
      message: expect.stringContaining('更正申请'),
    });
    expect(await errorOf(secretary.caller.archive.update({ id: m.id, ethnicity: '回族' }))).toBeNull();
  });
});

describe('bulk password reset with one-time codes', () => {
  it('a branch secretary cannot reset her own branch; the superior gets each code once', async () => {
    const secretary = await callerAs(database, 'chengguan.branch');
    expect(await errorOf(secretary.caller.accounts.issueResetCodes({ orgId: branchId }))).toMatchObject({
      code: 'FORBIDDEN',
    });
    const superior = await callerAs(database, 'chengguan.secretary');
    const issued = await superior.caller.accounts.issueResetCodes({ orgId: branchId });
    const mine = issued.codes.find((c) => c.username === 'chengguan.member')!;
    expect(mine.code).toMatch(/^[A-Z2-9]{10}$/);
    // Hashed at rest.
    const t = tenantTables(db, chengguan);
    const rows = await t
      .selectFrom('password_reset_codes')
      .selectAll()
      .where('batch_id', '=', issued.batchId)
      .execute();
    expect(rows).toHaveLength(issued.codes.length);
    expect(JSON.stringify(rows)).not.toContain(mine.code);
    // The Excel list comes with the same answer and holds the same codes.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(issued.file.base64, 'base64') as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0]!;
    expect(String(sheet.getCell('A1').value)).toContain('一次性验证码');
    expect(sheet.getRow(3).values).toEqual([undefined, '姓名', '登录账号', '一次性验证码']);
    const fileCodes = new Map<string, string>();
    sheet.eachRow((row, n) => {
      if (n > 3) fileCodes.set(String(row.getCell(2).value), String(row.getCell(3).value));
    });
    expect(fileCodes.size).toBe(issued.codes.length);
    expect(fileCodes.get('chengguan.member')).toBe(mine.code);
    expect(issued.file.fileName).toMatch(/^一次性验证码_.+\.xlsx$/);
    const batches = await superior.caller.accounts.resetBatches();
    expect(batches.find((b) => b.batchId === issued.batchId)).toMatchObject({
      total: issued.codes.length,
      used: 0,
    });
    expect(JSON.stringify(batches)).not.toContain(mine.code);
    const [entry] = await auditOf('accounts.issueResetCodes', branchId);
    expect(JSON.stringify(entry?.detail)).not.toContain(mine.code);

    // The code logs in once and forces a new password; the old password no longer works.
    const login = (password: string, now?: () => Date) =>
      callerWith(database, now ? { now } : {}).caller.auth.login({
        username: 'chengguan.member',
        password,
        client: 'miniprogram',
      });
    const first = await login(mine.code.toLowerCase());
    expect(first.me.user.mustChangePassword).toBe(true);
    expect(await errorOf(login(mine.code))).toMatchObject({
      code: 'UNAUTHORIZED',
      message: expect.stringContaining('已使用'),
    });
    expect(await errorOf(login(DEMO_PASSWORD))).toMatchObject({ code: 'UNAUTHORIZED' });
    const member = callerWith(database, { token: first.token, via: 'bearer' });
    expect(await errorOf(member.caller.todos.list())).toMatchObject({ code: 'FORBIDDEN' });
    await member.caller.auth.changePassword({ oldPassword: mine.code, newPassword: 'Neues2026pw' });
    expect((await login('Neues2026pw')).me.user.mustChangePassword).toBe(false);
    expect(await errorOf(login(mine.code))).toMatchObject({ code: 'UNAUTHORIZED' });
    expect(
      (await superior.caller.accounts.resetBatches()).find((b) => b.batchId === issued.batchId)?.used,
    ).toBe(1);
  });

  it('an expired code is refused; a newer batch voids the older codes', async () => {
    const admin = await callerAs(database, 'chengguan.admin');
    const older = await admin.caller.accounts.issueResetCodes({ orgId: branchId });
    const newer = await admin.caller.accounts.issueResetCodes({ orgId: branchId });
    const oldCode = older.codes.find((c) => c.username === 'chengguan.member2')!.code;
    const code = newer.codes.find((c) => c.username === 'chengguan.member2')!.code;
    const login = (password: string, now?: () => Date) =>
      callerWith(database, now ? { now } : {}).caller.auth.login({
        username: 'chengguan.member2',
        password,
        client: 'miniprogram',
      });
    expect(await errorOf(login(oldCode))).toMatchObject({ message: expect.stringContaining('已过期') });
    const later = new Date(newer.expiresAt.getTime() + 60_000);
    expect(await errorOf(login(code, () => later))).toMatchObject({
      code: 'UNAUTHORIZED',
      message: expect.stringContaining('已过期'),
    });
    // Still valid before it expires; 72 h by default (rule account.resetCode).
    expect(newer.expiresAt.getTime() - Date.now()).toBeGreaterThan(71 * 3600_000);
    expect((await login(code)).me.user.mustChangePassword).toBe(true);
  });
});
