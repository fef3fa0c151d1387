/**
 * Corrections instead of deletions (issue 10): a wrong name or 身份证号 of a member is changed only
 * through a reviewed request. The secretary (org_secretary, or district_admin) proposes it with a
 * reason and evidence files; a superior approves or rejects it:
 * - district_admin of the tenant, or
 * - the org_secretary of a higher organisation (its scope is a strict ancestor of the proposer's),
 * never the proposer. On approval the member record changes and the audit entry keeps before/after:
 * names in clear, ID numbers masked plus their sealed (encrypted) copies — never in clear.
 */
import { decryptPii } from '@tuanjian/db';
import { maskIdCard } from '@tuanjian/domain';
import type { AuditRecorder } from '../../audit';
import { asDate, tsValue } from '../../db-types';
import { appError, forbiddenRole, forbiddenScope, notFound } from '../../errors';
import { sealIdCard } from '../archive';
import { assertFilesUsable, describeFiles } from '../files';
import { escapeLike, pathInScope, type Scope, type TenantDb } from '../scope';

export const CORRECTION_FIELDS = ['name', 'idCard'] as const;
export type CorrectionField = (typeof CORRECTION_FIELDS)[number];
export const correctionFieldLabel: Record<CorrectionField, string> = { name: '姓名', idCard: '身份证号' };
export type CorrectionStatus = 'pending' | 'approved' | 'rejected';

export interface Actor {
  id: string;
  displayName: string;
}

function requireSecretaryOrAdmin(scope: Scope): void {
  if (scope.role !== 'district_admin' && scope.role !== 'org_secretary')
    throw forbiddenRole('仅区县团委管理员和团组织书记可以办理信息更正');
}

async function memberForCorrection(tdb: TenantDb, scope: Scope, memberId: string) {
  const m = await tdb
    .selectFrom('members as m')
    .innerJoin('organisations as o', 'o.id', 'm.org_id')
    .select([
      'm.id',
      'm.name',
      'm.gender',
      'm.birth_date',
      'm.id_card_sealed',
      'm.id_card_masked',
      'o.path as org_path',
      'o.name as org_name',
    ])
    .where('m.id', '=', memberId)
    .executeTakeFirst();
  if (!m) throw notFound('团员');
  if (!pathInScope(scope, m.org_path)) throw forbiddenScope('该团员不在您管理的组织范围内');
  return m;
}

export interface ProposeCorrectionInput {
  memberId: string;
  field: CorrectionField;
  /** The correct name, or the correct full 身份证号. */
  value: string;
  reason: string;
  evidenceFileIds: string[];
}

async function assertIdUnused(tdb: TenantDb, index: string, memberId: string): Promise<void> {
  const dup = await tdb
    .selectFrom('members')
    .select('id')
    .where('id_card_index', '=', index)
    .where('id', '!=', memberId)
    .executeTakeFirst();
  if (dup) throw appError('CONFLICT', 'CONFLICT', '该身份证号已登记在其他团员名下，不能更正为此号码');
}

export async function propose(
  tdb: TenantDb,
  scope: Scope,
  actor: Actor,
  audit: AuditRecorder,
  input: ProposeCorrectionInput,
): Promise<{ id: string }> {
  requireSecretaryOrAdmin(scope);
  const m = await memberForCorrection(tdb, scope, input.memberId);
  if (input.evidenceFileIds.length === 0) throw appError('BAD_REQUEST', 'INVALID_INPUT', '请上传证明材料');
  await assertFilesUsable(tdb, input.evidenceFileIds);
  let row: {
    before_text: string | null;
    before_sealed: string | null;
    after_text: string;
    after_sealed: string | null;
    after_index: string | null;
  };
  if (input.field === 'name') {
    const name = input.value.trim();
    if (name === m.name) throw appError('BAD_REQUEST', 'INVALID_INPUT', '更正后的姓名与现有姓名相同');
    row = {
      before_text: m.name,
      before_sealed: null,
      after_text: name,
      after_sealed: null,
      after_index: null,
    };
  } else {
    const sealed = sealIdCard(input.value.trim().toUpperCase());
    if (!sealed.id_card_sealed || !sealed.id_card_masked || !sealed.id_card_index)
      throw appError('BAD_REQUEST', 'INVALID_INPUT', '请填写更正后的身份证号');
    const current = m.id_card_sealed ? decryptPii(m.id_card_sealed) : null;
    if (current && decryptPii(sealed.id_card_sealed) === current)
      throw appError('BAD_REQUEST', 'INVALID_INPUT', '更正后的身份证号与现有号码相同');
    if (sealed.birthDate && sealed.birthDate !== m.birth_date)
      throw appError(
        'BAD_REQUEST',
        'INVALID_INPUT',
        `身份证号中的出生日期（${sealed.birthDate}）与档案出生日期（${m.birth_date}）不一致，请先更正出生日期`,
      );
    if (sealed.gender && sealed.gender !== m.gender)
      throw appError('BAD_REQUEST', 'INVALID_INPUT', '身份证号中的性别与档案性别不一致');
    await assertIdUnused(tdb, sealed.id_card_index, m.id);
    row = {
      before_text: m.id_card_masked ?? (current ? maskIdCard(current) : null),
      before_sealed: m.id_card_sealed,
      after_text: sealed.id_card_masked,
      after_sealed: sealed.id_card_sealed,
      after_index: sealed.id_card_index,
    };
  }
  const open = await tdb
    .selectFrom('member_corrections')
    .select('id')
    .where('member_id', '=', m.id)
    .where('field', '=', input.field)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  if (open)
    throw appError('CONFLICT', 'CONFLICT', `该团员的${correctionFieldLabel[input.field]}更正申请正在审核中`);
  const created = await tdb
    .insertInto('member_corrections')
    .values({
      member_id: m.id,
      field: input.field,
      ...row,
      reason: input.reason.trim(),
      evidence_file_ids: [...new Set(input.evidenceFileIds)],
      proposed_by: actor.id,
      proposed_by_name: actor.displayName,
      proposer_scope_path: scope.org?.path ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  audit.target('member_correction', created.id, {
    memberId: m.id,
    field: input.field,
    before: row.before_text,
    after: row.after_text,
  });
  return { id: created.id };
}

/** May this grant decide a request proposed from `proposerScopePath` (null = the whole tenant)? */
export function isSuperiorOf(scope: Scope, proposerScopePath: string | null): boolean {
  if (scope.role === 'district_admin') return true;
  if (scope.role !== 'org_secretary' || !scope.org || proposerScopePath === null) return false;
  return proposerScopePath.startsWith(scope.org.path) && proposerScopePath !== scope.org.path;
}

export interface CorrectionRow {
  id: string;
  memberId: string;
  memberName: string;
  orgName: string;
  field: CorrectionField;
  fieldLabel: string;
  /** Name, or the masked 身份证号. */
  before: string | null;
  after: string;
  reason: string;
  evidence: { id: string; url: string; thumbUrl: string; originalName: string }[];
  status: CorrectionStatus;
  proposedBy: string;
  proposedAt: Date;
  decidedBy: string | null;
  decidedAt: Date | null;
  decisionNote: string | null;
  /** The acting grant may approve or reject it now. */
  canDecide: boolean;
}

export async function list(
  tdb: TenantDb,
  scope: Scope,
  actor: Actor,
  input: { status?: CorrectionStatus; memberId?: string; toDecide?: boolean },
): Promise<CorrectionRow[]> {
  requireSecretaryOrAdmin(scope);
  let q = tdb
    .selectFrom('member_corrections as c')
    .innerJoin('members as m', 'm.id', 'c.member_id')
    .innerJoin('organisations as o', 'o.id', 'm.org_id')
    .selectAll('c')
    .select(['m.name as member_name', 'o.name as org_name']);
  if (scope.org) q = q.where('o.path', 'like', `${escapeLike(scope.org.path)}%`);
  if (input.status) q = q.where('c.status', '=', input.status);
  if (input.memberId) q = q.where('c.member_id', '=', input.memberId);
  const rows = await q.orderBy('c.proposed_at', 'desc').limit(500).execute();
  const out: CorrectionRow[] = [];
  for (const r of rows) {
    const canDecide =
      r.status === 'pending' && r.proposed_by !== actor.id && isSuperiorOf(scope, r.proposer_scope_path);
    if (input.toDecide && !canDecide) continue;
    const files = await describeFiles(tdb, r.evidence_file_ids);
    out.push({
      id: r.id,
      memberId: r.member_id,
      memberName: r.member_name,
      orgName: r.org_name,
      field: r.field,
      fieldLabel: correctionFieldLabel[r.field],
      before: r.before_text,
      after: r.after_text,
      reason: r.reason,
      evidence: files.map((f) => ({
        id: f.id,
        url: f.url,
        thumbUrl: f.thumbUrl,
        originalName: f.originalName,
      })),
      status: r.status,
      proposedBy: r.proposed_by_name,
      proposedAt: asDate(r.proposed_at),
      decidedBy: r.decided_by_name,
      decidedAt: r.decided_at ? asDate(r.decided_at) : null,
      decisionNote: r.decision_note,
      canDecide,
    });
  }
  return out;
}

/** Number of requests the grant may decide (to-do). */
export async function countToDecide(tdb: TenantDb, scope: Scope): Promise<number> {
  if (scope.role !== 'district_admin' && scope.role !== 'org_secretary') return 0;
  let q = tdb
    .selectFrom('member_corrections as c')
    .innerJoin('members as m', 'm.id', 'c.member_id')
    .innerJoin('organisations as o', 'o.id', 'm.org_id')
    .select(['c.proposed_by', 'c.proposer_scope_path'])
    .where('c.status', '=', 'pending');
  if (scope.org) q = q.where('o.path', 'like', `${escapeLike(scope.org.path)}%`);
  const rows = await q.execute();
  return rows.filter((r) => r.proposed_by !== scope.userId && isSuperiorOf(scope, r.proposer_scope_path))
    .length;
}

export async function decide(
  tdb: TenantDb,
  scope: Scope,
  actor: Actor,
  audit: AuditRecorder,
  input: { id: string; approve: boolean; note?: string | null },
): Promise<{ id: string; status: CorrectionStatus }> {
  requireSecretaryOrAdmin(scope);
  const c = await tdb
    .selectFrom('member_corrections')
    .selectAll()
    .where('id', '=', input.id)
    .forUpdate()
    .executeTakeFirst();
  if (!c) throw notFound('更正申请');
  const m = await memberForCorrection(tdb, scope, c.member_id);
  if (c.status !== 'pending') throw appError('CONFLICT', 'INVALID_STATE', '该更正申请已审核，不能重复处理');
  if (c.proposed_by === actor.id)
    throw forbiddenRole('不能审核本人提交的更正申请，请由上级团组织或区县团委审核');
  if (!isSuperiorOf(scope, c.proposer_scope_path))
    throw forbiddenRole('更正申请须由提出人的上级团组织书记或区县团委管理员审核');
  const note = input.note?.trim() || null;
  if (!input.approve && !note) throw appError('BAD_REQUEST', 'INVALID_INPUT', '请填写驳回理由');
  const decided = {
    decided_by: actor.id,
    decided_by_name: actor.displayName,
    decided_at: new Date(),
    decision_note: note,
  };
  if (!input.approve) {
    await tdb
      .updateTable('member_corrections')
      .set({ status: 'rejected', ...decided })
      .where('id', '=', c.id)
      .execute();
    audit.target('member_correction', c.id, { memberId: m.id, field: c.field, decision: 'rejected' });
    return { id: c.id, status: 'rejected' };
  }
  if (c.field === 'name') {
    await tdb
      .updateTable('members')
      .set({ name: c.after_text, updated_at: tsValue(new Date()) })
      .where('id', '=', m.id)
      .execute();
    audit.target('member', m.id, {
      correctionId: c.id,
      field: 'name',
      fieldLabel: '姓名',
      before: m.name,
      after: c.after_text,
    });
  } else {
    if (!c.after_sealed || !c.after_index)
      throw appError('INTERNAL_SERVER_ERROR', 'INTERNAL', '更正申请数据不完整');
    await assertIdUnused(tdb, c.after_index, m.id);
    await tdb
      .updateTable('members')
      .set({
        id_card_sealed: c.after_sealed,
        id_card_masked: c.after_text,
        id_card_index: c.after_index,
        updated_at: tsValue(new Date()),
      })
      .where('id', '=', m.id)
      .execute();
    audit.target('member', m.id, {
      correctionId: c.id,
      field: 'idCard',
      fieldLabel: '身份证号',
      // Masked for reading, sealed (AES-GCM) copies for a later audit — never the number in clear.
      before: m.id_card_masked,
      after: c.after_text,
      beforeSealed: m.id_card_sealed,
      afterSealed: c.after_sealed,
    });
  }
  await tdb
    .updateTable('member_corrections')
    .set({ status: 'approved', ...decided })
    .where('id', '=', c.id)
    .execute();
  return { id: c.id, status: 'approved' };
}
