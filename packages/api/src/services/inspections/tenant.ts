/**
 * SUP-1, the inspected organisation's side: inside the tenant's transaction under its own role.
 * RLS shows the tenant only findings about its own organisations; an org_secretary sees those of
 * its subtree; the answer (text + files of this tenant) moves the finding to 已答复.
 */
import { awaitsAnswer, type FindingStatus, todayInShanghai } from '@tuanjian/domain';
import { forbiddenRole, notFound } from '../../errors';
import { assertFilesUsable } from '../files';
import { pathInScope, type Scope, type TenantDb } from '../scope';
import { badInput, invalidState, platformOf } from './common';
import { evidenceInOwnTenant } from './files';
import {
  type AnswerItem,
  type FindingDetail,
  type FindingItem,
  findingColumns,
  toFindingItem,
} from './findings';

function requireManager(scope: Scope) {
  if (scope.role !== 'district_admin' && scope.role !== 'org_secretary') {
    throw forbiddenRole('仅区县团委管理员和团组织书记可以查看和答复督导检查问题');
  }
}

/** Organisation ids of the tenant within the scope (null = the whole tenant). */
async function orgIdsInScope(tdb: TenantDb, scope: Scope): Promise<string[] | null> {
  if (!scope.org) return null;
  const rows = await tdb
    .selectFrom('organisations')
    .select('id')
    .where('path', 'like', `${scope.org.path}%`)
    .execute();
  return rows.map((r) => r.id);
}

export interface MyFindingItem extends FindingItem {
  planTitle: string;
}

export async function myFindings(
  tdb: TenantDb,
  scope: Scope,
  input: { status?: FindingStatus | undefined; waiting?: boolean | undefined },
  now: Date,
): Promise<MyFindingItem[]> {
  requireManager(scope);
  const ids = await orgIdsInScope(tdb, scope);
  if (ids && ids.length === 0) return [];
  let q = platformOf(tdb)
    .selectFrom('platform.inspection_findings as f')
    .innerJoin('platform.inspection_plans as p', 'p.id', 'f.plan_id')
    .select([...findingColumns, 'p.title as plan_title']);
  if (ids) q = q.where('f.org_id', 'in', ids);
  if (input.status) q = q.where('f.status', '=', input.status);
  if (input.waiting) q = q.where('f.status', 'in', ['open', 'returned']);
  const rows = await q.orderBy('f.deadline').orderBy('f.created_at').execute();
  const today = todayInShanghai(now);
  return rows.map((r) => ({ ...toFindingItem(r, scope.tenant.name, today), planTitle: r.plan_title }));
}

async function findingInScope(tdb: TenantDb, scope: Scope, id: string) {
  requireManager(scope);
  const f = await platformOf(tdb)
    .selectFrom('platform.inspection_findings as f')
    .innerJoin('platform.inspection_plans as p', 'p.id', 'f.plan_id')
    .select([...findingColumns, 'p.title as plan_title'])
    .where('f.id', '=', id)
    .executeTakeFirst();
  if (!f) throw notFound('检查发现的问题');
  if (scope.org) {
    const org = await tdb
      .selectFrom('organisations')
      .select('path')
      .where('id', '=', f.org_id)
      .executeTakeFirst();
    if (!org || !pathInScope(scope, org.path)) throw notFound('检查发现的问题');
  }
  return f;
}

export async function myFinding(
  tdb: TenantDb,
  scope: Scope,
  id: string,
  now: Date,
): Promise<FindingDetail & { canAnswer: boolean }> {
  const f = await findingInScope(tdb, scope, id);
  const answers = await platformOf(tdb)
    .selectFrom('platform.inspection_answers')
    .selectAll()
    .where('finding_id', '=', id)
    .orderBy('answered_at')
    .execute();
  const items: AnswerItem[] = [];
  for (const a of answers) {
    items.push({
      id: a.id,
      body: a.body,
      answeredByName: a.answered_by_name,
      answeredAt: a.answered_at,
      files: await evidenceInOwnTenant(tdb, a.file_ids),
    });
  }
  return {
    ...toFindingItem(f, scope.tenant.name, todayInShanghai(now)),
    planTitle: f.plan_title,
    evidence: await evidenceInOwnTenant(tdb, f.evidence_file_ids),
    answers: items,
    canAnswer: awaitsAnswer(f.status as FindingStatus),
  };
}

export async function answerFinding(
  tdb: TenantDb,
  scope: Scope,
  input: { id: string; body: string; fileIds: string[] },
  answeredByName: string,
  now: Date,
): Promise<{ id: string; status: FindingStatus }> {
  const f = await findingInScope(tdb, scope, input.id);
  if (!awaitsAnswer(f.status as FindingStatus))
    throw invalidState('该问题已答复，等待团市委审核；退回后可再次答复');
  if (!input.body.trim()) throw badInput('请填写整改情况');
  await assertFilesUsable(tdb, input.fileIds);
  const p = platformOf(tdb);
  const answer = await p
    .insertInto('platform.inspection_answers')
    .values({
      finding_id: f.id,
      tenant_id: scope.tenant.id,
      body: input.body,
      file_ids: input.fileIds,
      answered_by: scope.userId,
      answered_by_name: answeredByName,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const r = await p
    .updateTable('platform.inspection_findings')
    .set({ status: 'answered', answered_at: now, updated_at: now })
    .where('id', '=', f.id)
    .where('status', 'in', ['open', 'returned'])
    .executeTakeFirst();
  if (Number(r.numUpdatedRows) !== 1) throw invalidState('该问题已答复，请刷新后查看');
  return { id: answer.id, status: 'answered' };
}

/** To-dos: findings of the scope still waiting for an answer, and how many are overdue. */
export async function findingTodoCounts(tdb: TenantDb, scope: Scope, now: Date) {
  if (scope.role !== 'district_admin' && scope.role !== 'org_secretary') return null;
  const items = await myFindings(tdb, scope, { waiting: true }, now);
  return {
    waiting: items.length,
    overdue: items.filter((i) => i.overdue).length,
    nextDeadline: items.map((i) => i.deadline).sort()[0] ?? null,
  };
}
