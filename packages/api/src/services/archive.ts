/**
 * Member archive (MEM-1, slice "archive"): audited reveal of the sealed personal information,
 * audited edits of archive fields, archive audits (核查), and the completeness view per branch.
 *
 * Who may: district_admin (whole tenant) and the org_secretary whose subtree holds the member;
 * a member only for their own record and only to read (reveal their own number). Committee
 * tenants never reach here (districtProcedure).
 */
import { decryptPii, encryptPii, piiBlindIndex } from '@tuanjian/db';
import {
  type ArchiveCheckResult,
  archiveCompleteness,
  type Gender,
  isValidMemberNumber,
  isValidPhone,
  maskIdCard,
  maskPhone,
  normalizePhone,
  type PiiField,
  parseIdCard,
  phoneProblemMessage,
  piiFieldLabel,
} from '@tuanjian/domain';
import type { AuditRecorder } from '../audit';
import { asDate } from '../db-types';
import { appError, forbiddenRole, forbiddenScope, notFound } from '../errors';
import { getOrgInScope } from './organisations';
import { escapeLike, pathInScope, type Scope, type TenantDb } from './scope';

async function memberInScope(
  tdb: TenantDb,
  scope: Scope,
  id: string,
  opts: { self: 'read' | 'never'; action: string },
) {
  if (scope.role === 'member') {
    if (opts.self === 'never' || id !== scope.memberId)
      throw forbiddenRole(`团员不能${opts.action}其他团员的档案`);
  } else if (scope.role !== 'district_admin' && scope.role !== 'org_secretary') {
    throw forbiddenRole(`您的角色无权${opts.action}团员档案`);
  }
  const m = await tdb
    .selectFrom('members as m')
    .innerJoin('organisations as o', 'o.id', 'm.org_id')
    .selectAll('m')
    .select(['o.path as org_path', 'o.name as org_name'])
    .where('m.id', '=', id)
    .executeTakeFirst();
  if (!m) throw notFound('团员');
  if (scope.role !== 'member' && !pathInScope(scope, m.org_path))
    throw forbiddenScope('该团员不在您管理的组织范围内');
  return m;
}

// ---------------------------------------------------------------- reveal

export interface RevealPiiInput {
  id: string;
  field: PiiField;
  reason: string;
}

/**
 * The full value of a sealed field. The caller is a mutation: the procedure writes the audit entry
 * (who, tenant, member, field, reason, when) in the same transaction — no audit, no value.
 */
export async function revealPii(
  tdb: TenantDb,
  scope: Scope,
  audit: AuditRecorder,
  input: RevealPiiInput,
): Promise<{ memberId: string; field: PiiField; value: string | null }> {
  if (scope.role === 'member' && input.id !== scope.memberId)
    throw forbiddenRole('团员只能查看本人的完整信息');
  const m = await memberInScope(tdb, scope, input.id, { self: 'read', action: '查看' });
  const sealed = input.field === 'idCard' ? m.id_card_sealed : m.phone_sealed;
  audit.target('member', m.id, {
    field: input.field,
    fieldLabel: piiFieldLabel[input.field],
    reason: input.reason,
    memberName: m.name,
  });
  return { memberId: m.id, field: input.field, value: sealed ? decryptPii(sealed) : null };
}

// ---------------------------------------------------------------- edit

export interface UpdateArchiveInput {
  id: string;
  name?: string;
  gender?: Gender;
  ethnicity?: string | null;
  birthDate?: string;
  joinDate?: string | null;
  memberNumber?: string | null;
  education?: string | null;
  occupationCategory?: string | null;
  /** Full 身份证号; null clears it. */
  idCard?: string | null;
  phone?: string | null;
}

export interface SealedPii {
  id_card_sealed: string | null;
  id_card_masked: string | null;
  id_card_index: string | null;
}

/** Validated and sealed columns of an ID number (throws a Chinese INVALID_INPUT). */
export function sealIdCard(raw: string | null): SealedPii & { birthDate?: string; gender?: Gender } {
  if (raw === null || raw.trim() === '')
    return { id_card_sealed: null, id_card_masked: null, id_card_index: null };
  const p = parseIdCard(raw);
  if (!p.ok) throw appError('BAD_REQUEST', 'INVALID_INPUT', p.message);
  return {
    id_card_sealed: encryptPii(p.info.value),
    id_card_masked: maskIdCard(p.info.value),
    id_card_index: piiBlindIndex(p.info.value),
    birthDate: p.info.birthDate,
    gender: p.info.gender,
  };
}

export function sealPhone(raw: string | null): { phone_sealed: string | null; phone_masked: string | null } {
  if (raw === null || raw.trim() === '') return { phone_sealed: null, phone_masked: null };
  if (!isValidPhone(raw)) throw appError('BAD_REQUEST', 'INVALID_INPUT', phoneProblemMessage);
  const v = normalizePhone(raw);
  return { phone_sealed: encryptPii(v), phone_masked: maskPhone(v) };
}

const FIELD_LABELS: Record<string, string> = {
  name: '姓名',
  gender: '性别',
  ethnicity: '民族',
  birthDate: '出生日期',
  joinDate: '入团时间',
  memberNumber: '团员编号',
  education: '学历',
  occupationCategory: '职业类别',
  idCard: '身份证号',
  phone: '手机号码',
};

/** Edits archive fields; the audit entry names the changed fields (never the personal values). */
export async function updateArchive(
  tdb: TenantDb,
  scope: Scope,
  audit: AuditRecorder,
  input: UpdateArchiveInput,
): Promise<{ id: string; changed: string[] }> {
  const m = await memberInScope(tdb, scope, input.id, { self: 'never', action: '修改' });
  const set: Record<string, unknown> = {};
  const changed: string[] = [];
  const plain: [keyof UpdateArchiveInput, string, unknown][] = [
    ['name', 'name', m.name],
    ['gender', 'gender', m.gender],
    ['ethnicity', 'ethnicity', m.ethnicity],
    ['birthDate', 'birth_date', m.birth_date],
    ['joinDate', 'join_date', m.join_date],
    ['memberNumber', 'member_number', m.member_number],
    ['education', 'education', m.education],
    ['occupationCategory', 'occupation_category', m.occupation_category],
  ];
  for (const [key, col, current] of plain) {
    const v = input[key];
    if (v === undefined) continue;
    const value = typeof v === 'string' && v.trim() === '' && key !== 'name' ? null : v;
    if (value !== current) {
      set[col] = value;
      changed.push(key);
    }
  }
  if (input.memberNumber && !isValidMemberNumber(input.memberNumber))
    throw appError('BAD_REQUEST', 'INVALID_INPUT', '团员编号应为12位数字（年份+省份代码+顺序号）');
  const birthDate = (set.birth_date as string | undefined) ?? m.birth_date;
  const gender = (set.gender as Gender | undefined) ?? m.gender;
  if (input.idCard !== undefined) {
    const current = m.id_card_sealed ? decryptPii(m.id_card_sealed) : null;
    const next = input.idCard?.trim() ? input.idCard.trim().toUpperCase() : null;
    if (next !== current) {
      const sealed = sealIdCard(next);
      if (sealed.birthDate && sealed.birthDate !== birthDate)
        throw appError(
          'BAD_REQUEST',
          'INVALID_INPUT',
          `身份证号中的出生日期（${sealed.birthDate}）与档案出生日期（${birthDate}）不一致`,
        );
      if (sealed.gender && sealed.gender !== gender)
        throw appError('BAD_REQUEST', 'INVALID_INPUT', '身份证号中的性别与档案性别不一致');
      if (sealed.id_card_index) {
        const dup = await tdb
          .selectFrom('members')
          .select('id')
          .where('id_card_index', '=', sealed.id_card_index)
          .where('id', '!=', m.id)
          .executeTakeFirst();
        if (dup) throw appError('CONFLICT', 'CONFLICT', '该身份证号已登记在其他团员名下');
      }
      set.id_card_sealed = sealed.id_card_sealed;
      set.id_card_masked = sealed.id_card_masked;
      set.id_card_index = sealed.id_card_index;
      changed.push('idCard');
    }
  }
  if (input.phone !== undefined) {
    const current = m.phone_sealed ? decryptPii(m.phone_sealed) : null;
    const next = input.phone?.trim() ? normalizePhone(input.phone) : null;
    if (next !== current) {
      Object.assign(set, sealPhone(next));
      changed.push('phone');
    }
  }
  if (set.member_number) {
    const dup = await tdb
      .selectFrom('members')
      .select('id')
      .where('member_number', '=', set.member_number as string)
      .where('id', '!=', m.id)
      .executeTakeFirst();
    if (dup) throw appError('CONFLICT', 'CONFLICT', `团员编号 ${set.member_number} 已被其他团员使用`);
  }
  // Issue 10: a secretary corrects a recorded name or 身份证号 only through a reviewed request
  // (accounts.proposeCorrection); filling in a missing 身份证号 stays a direct edit. district_admin
  // keeps direct edits (and the Excel import), audited as before.
  if (
    scope.role === 'org_secretary' &&
    (changed.includes('name') || (changed.includes('idCard') && m.id_card_sealed !== null))
  )
    throw appError(
      'FORBIDDEN',
      'FORBIDDEN_ROLE',
      '姓名和身份证号的更正须提交更正申请，由上级团组织或区县团委审核后生效',
    );
  audit.target('member', m.id, { changed, changedLabels: changed.map((c) => FIELD_LABELS[c]) });
  if (changed.length > 0) {
    await tdb
      .updateTable('members')
      .set({ ...set, updated_at: new Date() } as never)
      .where('id', '=', m.id)
      .execute();
  }
  return { id: m.id, changed };
}

// ---------------------------------------------------------------- 核查

export interface ArchiveCheck {
  id: string;
  memberId: string;
  result: ArchiveCheckResult;
  notes: string | null;
  score: number;
  checkedBy: string;
  checkedByName: string;
  checkedAt: Date;
}

function completenessOf(m: {
  name: string;
  gender: string;
  ethnicity: string | null;
  birth_date: string;
  id_card_masked: string | null;
  phone_masked: string | null;
  join_date: string | null;
  member_number: string | null;
  education: string | null;
  occupation_category: string | null;
  org_id: string;
}) {
  return archiveCompleteness({
    name: m.name,
    gender: m.gender,
    ethnicity: m.ethnicity,
    birthDate: m.birth_date,
    hasIdCard: m.id_card_masked !== null,
    hasPhone: m.phone_masked !== null,
    joinDate: m.join_date,
    memberNumber: m.member_number,
    education: m.education,
    occupationCategory: m.occupation_category,
    orgId: m.org_id,
  });
}

export async function addCheck(
  tdb: TenantDb,
  scope: Scope,
  audit: AuditRecorder,
  user: { id: string; displayName: string },
  input: { memberId: string; result: ArchiveCheckResult; notes?: string | null },
): Promise<ArchiveCheck> {
  const m = await memberInScope(tdb, scope, input.memberId, { self: 'never', action: '核查' });
  const score = completenessOf(m).score;
  const row = await tdb
    .insertInto('member_archive_checks')
    .values({
      member_id: m.id,
      result: input.result,
      notes: input.notes?.trim() || null,
      score,
      checked_by: user.id,
      checked_by_name: user.displayName,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  audit.target('member', m.id, { checkId: row.id, result: input.result, score });
  return toCheck(row);
}

function toCheck(r: {
  id: string;
  member_id: string;
  result: ArchiveCheckResult;
  notes: string | null;
  score: number;
  checked_by: string;
  checked_by_name: string;
  checked_at: unknown;
}): ArchiveCheck {
  return {
    id: r.id,
    memberId: r.member_id,
    result: r.result,
    notes: r.notes,
    score: r.score,
    checkedBy: r.checked_by,
    checkedByName: r.checked_by_name,
    checkedAt: asDate(r.checked_at),
  };
}

export async function listChecks(tdb: TenantDb, scope: Scope, memberId: string): Promise<ArchiveCheck[]> {
  await memberInScope(tdb, scope, memberId, { self: 'read', action: '查看' });
  const rows = await tdb
    .selectFrom('member_archive_checks')
    .selectAll()
    .where('member_id', '=', memberId)
    .orderBy('checked_at', 'desc')
    .execute();
  return rows.map(toCheck);
}

// ---------------------------------------------------------------- completeness view

export interface BranchCompleteness {
  orgId: string;
  orgName: string;
  members: number;
  complete: number;
  /** complete / members, 0–100 (one decimal). */
  rate: number;
  averageScore: number;
}

export interface IncompleteMember {
  id: string;
  name: string;
  memberNumber: string | null;
  orgId: string;
  orgName: string;
  score: number;
  missingLabels: string[];
  lastCheckedAt: Date | null;
}

export async function completeness(
  tdb: TenantDb,
  scope: Scope,
  input: { orgId?: string; page: number; pageSize: number; q?: string },
): Promise<{
  summary: { members: number; complete: number; rate: number };
  branches: BranchCompleteness[];
  incomplete: { items: IncompleteMember[]; total: number; page: number; pageSize: number };
}> {
  if (scope.role !== 'district_admin' && scope.role !== 'org_secretary')
    throw forbiddenRole('您的角色无权查看档案完备情况');
  let prefix: string | null = scope.org?.path ?? null;
  if (input.orgId) prefix = (await getOrgInScope(tdb, scope, input.orgId)).path;
  let q = tdb
    .selectFrom('members as m')
    .innerJoin('organisations as o', 'o.id', 'm.org_id')
    .select([
      'm.id',
      'm.name',
      'm.gender',
      'm.ethnicity',
      'm.birth_date',
      'm.id_card_masked',
      'm.phone_masked',
      'm.join_date',
      'm.member_number',
      'm.education',
      'm.occupation_category',
      'm.org_id',
      'o.name as org_name',
    ])
    .select((eb) =>
      eb
        .selectFrom('member_archive_checks as c')
        .whereRef('c.member_id', '=', 'm.id')
        .select((e) => e.fn.max('c.checked_at').as('x'))
        .as('last_checked_at'),
    )
    .where('m.status', '=', 'active');
  if (prefix) q = q.where('o.path', 'like', `${escapeLike(prefix)}%`);
  const rows = await q.orderBy('o.path').orderBy('m.name').execute();
  const byOrg = new Map<string, BranchCompleteness & { scoreSum: number }>();
  const incomplete: IncompleteMember[] = [];
  const text = input.q?.trim();
  for (const r of rows) {
    const c = completenessOf(r);
    let b = byOrg.get(r.org_id);
    if (!b) {
      b = {
        orgId: r.org_id,
        orgName: r.org_name,
        members: 0,
        complete: 0,
        rate: 0,
        averageScore: 0,
        scoreSum: 0,
      };
      byOrg.set(r.org_id, b);
    }
    b.members++;
    b.scoreSum += c.score;
    if (c.complete) b.complete++;
    else if (!text || r.name.includes(text) || r.member_number?.startsWith(text))
      incomplete.push({
        id: r.id,
        name: r.name,
        memberNumber: r.member_number,
        orgId: r.org_id,
        orgName: r.org_name,
        score: c.score,
        missingLabels: c.missingLabels,
        lastCheckedAt: r.last_checked_at ? asDate(r.last_checked_at) : null,
      });
  }
  const branches = [...byOrg.values()]
    .map(({ scoreSum, ...b }) => ({
      ...b,
      rate: Math.round((b.complete * 1000) / b.members) / 10,
      averageScore: Math.round((scoreSum * 10) / b.members) / 10,
    }))
    .sort((a, b) => a.rate - b.rate || a.orgName.localeCompare(b.orgName, 'zh-CN'));
  const complete = branches.reduce((n, b) => n + b.complete, 0);
  incomplete.sort((a, b) => a.score - b.score || a.name.localeCompare(b.name, 'zh-CN'));
  const start = (input.page - 1) * input.pageSize;
  return {
    summary: {
      members: rows.length,
      complete,
      rate: rows.length ? Math.round((complete * 1000) / rows.length) / 10 : 0,
    },
    branches,
    incomplete: {
      items: incomplete.slice(start, start + input.pageSize),
      total: incomplete.length,
      page: input.page,
      pageSize: input.pageSize,
    },
  };
}
