/**
 * Bulk password reset by a superior (issue 10): for the members of one organisation who have a
 * login, one-time codes are generated (random, argon2id-hashed at rest in the tenant's
 * `password_reset_codes`, valid per rule `account.resetCode`) and shown once to the issuer as a
 * list to print or download. A code logs in exactly once: redeeming it (in `auth.login`) replaces
 * the password with the code's hash, marks the code used and forces a new password; after that
 * the code is refused (also while the password has not been changed yet).
 *
 * Who may: district_admin (any organisation of the tenant) and the org_secretary of a higher
 * organisation (an organisation strictly below its own scope) — not a branch secretary for its own
 * branch. Issuing a new code for a user voids the user's older unused codes.
 */
import { randomInt, randomUUID } from 'node:crypto';
import {
  hashPassword,
  type PasswordResetCodesTable,
  type PlatformDatabase,
  type Tenant,
  verifyPassword,
  withTenant,
} from '@tuanjian/db';
import { todayInShanghai } from '@tuanjian/domain';
import ExcelJS from 'exceljs';
import type { Insertable, Kysely } from 'kysely';
import { appError, forbiddenRole, forbiddenScope, notFound } from '../../errors';
import { ruleOn } from '../development/rules';
import { safeFilePart } from '../excel';
import type { LoadedGrant } from '../me';
import { pathInScope, resolveScope, type TenantDb } from '../scope';

/** No 0/O, 1/I/L: codes are read aloud and typed from paper. */
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

export function generateCode(length: number): string {
  let s = '';
  for (let i = 0; i < length; i++) s += ALPHABET[randomInt(ALPHABET.length)];
  return s;
}

export interface IssuedCode {
  memberId: string;
  memberName: string;
  username: string;
  code: string;
}

export interface IssueResult {
  batchId: string;
  orgName: string;
  expiresAt: Date;
  codes: IssuedCode[];
}

/**
 * Issues codes for the members of `orgId` (not its sub-organisations) who have a login. Platform
 * handle for the users (tenant roles cannot read `platform.grants`), tenant handle under
 * `withTenant` for the scope check and the code rows.
 */
export async function issue(
  db: Kysely<PlatformDatabase>,
  grant: LoadedGrant,
  actor: { id: string; displayName: string },
  orgId: string,
  now: Date,
): Promise<IssueResult> {
  if (grant.tenant.kind !== 'district' || (grant.role !== 'district_admin' && grant.role !== 'org_secretary'))
    throw forbiddenRole('仅区县团委管理员和上级团组织书记可以批量重置团员密码');
  const tenant = grant.tenant as Tenant;
  const found = await withTenant(db, tenant, async (tdb) => {
    const t = tdb as TenantDb;
    const scope = await resolveScope(t, grant, actor.id);
    const org = await t
      .selectFrom('organisations')
      .select(['id', 'name', 'path', 'status'])
      .where('id', '=', orgId)
      .executeTakeFirst();
    if (!org || org.status !== 'active') throw notFound('组织');
    if (!pathInScope(scope, org.path)) throw forbiddenScope('该组织不在您管理的范围内');
    if (scope.org && scope.org.id === org.id)
      throw forbiddenRole('本支部团员的密码须由上级团组织或区县团委重置');
    const members = await t
      .selectFrom('members')
      .select(['id', 'name'])
      .where('org_id', '=', org.id)
      .execute();
    const rule = await ruleOn(t, 'account.resetCode', todayInShanghai(now));
    return { org, members, rule };
  });
  const memberIds = found.members.map((m) => m.id);
  const users =
    memberIds.length === 0
      ? []
      : await db
          .selectFrom('platform.grants as g')
          .innerJoin('platform.users as u', 'u.id', 'g.user_id')
          .select(['u.id as user_id', 'u.username', 'g.member_id'])
          .where('g.tenant_id', '=', tenant.id)
          .where('g.role', '=', 'member')
          .where('g.member_id', 'in', memberIds)
          .where('u.status', '=', 'active')
          .execute();
  if (users.length === 0)
    throw appError('BAD_REQUEST', 'INVALID_STATE', `${found.org.name}没有已开通登录账号的团员`);
  const names = new Map(found.members.map((m) => [m.id, m.name]));
  const expiresAt = new Date(now.getTime() + found.rule.validityHours * 3600_000);
  const batchId = randomUUID();
  const codes: IssuedCode[] = [];
  const rows: Insertable<PasswordResetCodesTable>[] = [];
  for (const u of users) {
    const code = generateCode(found.rule.length);
    codes.push({
      memberId: u.member_id!,
      memberName: names.get(u.member_id!) ?? '',
      username: u.username,
      code,
    });
    rows.push({
      batch_id: batchId,
      org_id: found.org.id,
      member_id: u.member_id!,
      user_id: u.user_id,
      code_hash: await hashPassword(code),
      expires_at: expiresAt,
      issued_by: actor.id,
      issued_by_name: actor.displayName,
    });
  }
  codes.sort((a, b) => a.memberName.localeCompare(b.memberName, 'zh-CN'));
  await withTenant(db, tenant, async (tdb) => {
    const t = tdb as TenantDb;
    // Older unused codes of these users stop working.
    await t
      .updateTable('password_reset_codes')
      .set({ expires_at: now })
      .where(
        'user_id',
        'in',
        users.map((u) => u.user_id),
      )
      .where('used_at', 'is', null)
      .where('expires_at', '>', now)
      .execute();
    await t.insertInto('password_reset_codes').values(rows).execute();
  });
  return { batchId, orgName: found.org.name, expiresAt, codes };
}

export interface BatchSummary {
  batchId: string;
  orgName: string;
  issuedBy: string;
  issuedAt: Date;
  expiresAt: Date;
  total: number;
  used: number;
}

/** Earlier batches of the scope (no codes: they are shown only once). */
export async function batches(
  tdb: TenantDb,
  scope: { org: { path: string } | null },
): Promise<BatchSummary[]> {
  let q = tdb
    .selectFrom('password_reset_codes as c')
    .innerJoin('organisations as o', 'o.id', 'c.org_id')
    .select((eb) => [
      'c.batch_id',
      'o.name as org_name',
      eb.fn.max('c.issued_by_name').as('issued_by'),
      eb.fn.min('c.created_at').as('issued_at'),
      eb.fn.max('c.expires_at').as('expires_at'),
      eb.fn.countAll<number>().as('total'),
      eb.fn.count<number>('c.used_at').as('used'),
    ])
    .groupBy(['c.batch_id', 'o.name']);
  if (scope.org) q = q.where('o.path', 'like', `${scope.org.path.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  const rows = await q.orderBy('issued_at', 'desc').limit(50).execute();
  return rows.map((r) => ({
    batchId: r.batch_id,
    orgName: r.org_name,
    issuedBy: String(r.issued_by ?? ''),
    issuedAt: new Date(r.issued_at as unknown as string),
    expiresAt: new Date(r.expires_at as unknown as string),
    total: Number(r.total),
    used: Number(r.used),
  }));
}

// ---------------------------------------------------------------- login

export type CodeCheck =
  | { result: 'none' }
  | { result: 'redeemed'; passwordHash: string }
  | { result: 'expired' }
  | { result: 'used' };

type Db = Kysely<PlatformDatabase>;

/** District schemas where the user has a member grant (codes live there). */
async function memberSchemas(db: Db, userId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('platform.grants as g')
    .innerJoin('platform.tenants as t', 't.id', 'g.tenant_id')
    .select('t.schema_name')
    .where('g.user_id', '=', userId)
    .where('g.role', '=', 'member')
    .where('t.kind', '=', 'district')
    .where('t.status', '=', 'active')
    .execute();
  return [...new Set(rows.map((r) => r.schema_name).filter((s): s is string => !!s))];
}

function codesOf(db: Db, schema: string) {
  return (db as unknown as Kysely<import('@tuanjian/db').TenantDatabase>).withSchema(schema);
}

/**
 * Login with a one-time code (platform handle, inside `auth.login`): the newest code of the user
 * that matches. Unused and unexpired → redeemed (marked used atomically); expired or used → refused.
 */
export async function redeemCode(db: Db, userId: string, candidate: string, now: Date): Promise<CodeCheck> {
  const code = candidate.trim().toUpperCase();
  if (code.length < 8 || code.length > 16 || !/^[A-Z0-9]+$/.test(code)) return { result: 'none' };
  for (const schema of await memberSchemas(db, userId)) {
    const rows = await codesOf(db, schema)
      .selectFrom('password_reset_codes')
      .select(['id', 'code_hash', 'expires_at', 'used_at'])
      .where('user_id', '=', userId)
      .orderBy('created_at', 'desc')
      .limit(3)
      .execute();
    for (const r of rows) {
      if (!(await verifyPassword(r.code_hash, code))) continue;
      if (r.used_at) return { result: 'used' };
      if (new Date(r.expires_at as unknown as string).getTime() <= now.getTime())
        return { result: 'expired' };
      const taken = await codesOf(db, schema)
        .updateTable('password_reset_codes')
        .set({ used_at: now })
        .where('id', '=', r.id)
        .where('used_at', 'is', null)
        .returning('id')
        .executeTakeFirst();
      if (!taken) return { result: 'used' };
      return { result: 'redeemed', passwordHash: r.code_hash };
    }
  }
  return { result: 'none' };
}

/** Is the user's current password a redeemed one-time code (so logging in with it again is refused)? */
export async function passwordIsUsedCode(db: Db, userId: string, passwordHash: string): Promise<boolean> {
  for (const schema of await memberSchemas(db, userId)) {
    const hit = await codesOf(db, schema)
      .selectFrom('password_reset_codes')
      .select('id')
      .where('user_id', '=', userId)
      .where('code_hash', '=', passwordHash)
      .where('used_at', 'is not', null)
      .executeTakeFirst();
    if (hit) return true;
  }
  return false;
}

/**
 * The code list as an Excel file, built from the one answer that carries the codes (never stored,
 * never rebuilt later): title, validity, then 姓名 / 登录账号 / 一次性验证码 per member.
 */
export async function codesWorkbook(
  r: IssueResult,
  now: Date,
): Promise<{ fileName: string; base64: string; rows: number }> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '团建云';
  wb.created = now;
  const ws = wb.addWorksheet('一次性验证码');
  ws.addRow([`${r.orgName} 一次性验证码`]).font = { bold: true, size: 14 };
  ws.addRow([
    `有效期至：${shanghaiDateTime(r.expiresAt)}　每个验证码只能登录一次，登录后须设置新密码　共${r.codes.length}人`,
  ]);
  const header = ws.addRow(['姓名', '登录账号', '一次性验证码']);
  header.font = { bold: true };
  ws.getColumn(1).width = 14;
  ws.getColumn(2).width = 24;
  ws.getColumn(3).width = 18;
  for (const c of r.codes) ws.addRow([c.memberName, c.username, c.code]);
  ws.views = [{ state: 'frozen', ySplit: 3 }];
  const buf = Buffer.from(await wb.xlsx.writeBuffer());
  return {
    fileName: `一次性验证码_${safeFilePart(r.orgName)}_${todayInShanghai(now).replaceAll('-', '')}.xlsx`,
    base64: buf.toString('base64'),
    rows: r.codes.length,
  };
}

function shanghaiDateTime(d: Date): string {
  return new Intl.DateTimeFormat('zh-CN', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).format(d);
}
