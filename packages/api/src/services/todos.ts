/**
 * 待办事项 (PLAT-3): what waits on the acting grant, aggregated read-only from the modules' own
 * tables and list functions (counts only). district_admin: the whole tenant; org_secretary: its
 * subtree; member: own items (transfer in progress, unpaid dues months); committee tenants: the
 * research reports to assign or review. The city's list is `todos-city.ts`.
 * Each item names its admin route (`link`) and the mini-program page that handles it (`page`).
 */
import { todayInShanghai } from '@tuanjian/domain';
import { countToDecide as correctionsToDecide } from './accounts/corrections';
import { researchTodos } from './committees/todos';
import * as development from './development/development';
import * as dues from './dues/dues';
import * as hearings from './hearings/tenant';
import { findingTodoCounts } from './inspections/tenant';
import { escapeLike, type Scope, type TenantDb } from './scope';
import * as transfers from './transfers';
import { youthTodos } from './youth/todos';

export type TodoKind =
  | 'proposals_pending'
  | 'proposals_approved'
  | 'development_waiting'
  | 'transfers_incoming'
  | 'transfers_escalated'
  | 'transfers_mine'
  | 'recommendations_approve'
  | 'lapse_undecided'
  | 'dues_arrears'
  | 'inspection_findings'
  | 'youth_study_missing'
  | 'dues_members_arrears'
  | 'hearing_reports'
  | 'hearing_tasks'
  | 'corrections_waiting'
  | 'research_returned'
  | 'research_to_assign'
  | 'research_to_review'
  | 'city_hearings_overdue'
  | 'city_findings_answered'
  | 'city_findings_overdue'
  | 'city_good_practices';

export interface TodoItem {
  kind: TodoKind;
  /** Chinese title. */
  title: string;
  count: number;
  /** The earliest due date among the items, when the module has one. */
  dueDate?: string | null;
  overdue: boolean;
  /** Admin route of the list page. */
  link: string;
  /** Mini-program page that handles it, or null when it is done in the admin app only. */
  page: string | null;
}

/** Mini-program pages (apps/miniprogram/src/app.config.ts) per kind; null = admin app only. */
const MINI_PAGES: Record<TodoKind, string | null> = {
  proposals_pending: null,
  proposals_approved: null,
  development_waiting: '/pages/development/review/index',
  transfers_incoming: '/pages/transfer/incoming/index',
  transfers_escalated: '/pages/transfer/incoming/index',
  transfers_mine: '/pages/transfer/mine/index',
  recommendations_approve: null,
  lapse_undecided: '/pages/dues/collect/index',
  dues_arrears: '/pages/dues/mine/index',
  inspection_findings: null,
  youth_study_missing: '/pages/youth/study/index',
  dues_members_arrears: '/pages/youth/reminders/index',
  corrections_waiting: null,
  hearing_reports: null,
  hearing_tasks: null,
  research_returned: null,
  research_to_assign: null,
  research_to_review: null,
  city_hearings_overdue: null,
  city_findings_answered: null,
  city_findings_overdue: null,
  city_good_practices: null,
};

type Todo = Omit<TodoItem, 'page'>;

async function proposalTodos(tdb: TenantDb, today: string): Promise<Todo[]> {
  // Deciding and executing 调整/合并/撤销 proposals is district_admin only (whole tenant).
  const rows = await tdb
    .selectFrom('org_proposals')
    .select(['status', (eb) => eb.fn.countAll<number>().as('n'), (eb) => eb.fn.min('effective_on').as('due')])
    .where('status', 'in', ['pending', 'approved'])
    .groupBy('status')
    .execute();
  const out: Todo[] = [];
  for (const status of ['pending', 'approved'] as const) {
    const r = rows.find((x) => x.status === status);
    const count = Number(r?.n ?? 0);
    const due = (r?.due as string | null | undefined) ?? null;
    out.push({
      kind: status === 'pending' ? 'proposals_pending' : 'proposals_approved',
      title: status === 'pending' ? '组织调整申请待审批' : '组织调整已批准待执行',
      count,
      dueDate: due,
      overdue: count > 0 && due !== null && due < today,
      link: '/org-proposals',
    });
  }
  return out;
}

async function recommendationsToApprove(tdb: TenantDb, scope: Scope, today: string): Promise<Todo> {
  // 上级审批 after 公示 ends; a branch secretary never approves its own branch.
  let q = tdb
    .selectFrom('party_recommendations as r')
    .innerJoin('organisations as o', 'o.id', 'r.org_id')
    .where('r.stage', '=', 'publicized')
    .where('r.publicity_to', '<', today);
  if (scope.org)
    q = q.where('o.path', 'like', `${escapeLike(scope.org.path)}%`).where('r.org_id', '!=', scope.org.id);
  const r = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return {
    kind: 'recommendations_approve',
    title: '推优入党待上级审批',
    count: Number(r.n),
    dueDate: null,
    overdue: false,
    link: '/recommendations',
  };
}

export async function listTodos(tdb: TenantDb, scope: Scope, now: Date): Promise<TodoItem[]> {
  const items = await collect(tdb, scope, now);
  return items.map((t) => ({ ...t, page: MINI_PAGES[t.kind] }));
}

async function collect(tdb: TenantDb, scope: Scope, now: Date): Promise<Todo[]> {
  // Committee tenants: the research workflow only (COM-2).
  if (scope.tenant.kind === 'committee') return researchTodos(tdb, scope);
  if (scope.tenant.kind !== 'district') return [];
  const today = todayInShanghai(now);
  const page = { page: 1, pageSize: 1 };

  if (scope.role === 'member') {
    if (!scope.memberId) return [];
    const [toSource, toTarget, myDues] = await Promise.all([
      transfers.list(tdb, scope, { box: 'mine', status: 'pending_source', ...page }, today),
      transfers.list(tdb, scope, { box: 'mine', status: 'pending_target', ...page }, today),
      dues.memberStatus(tdb, scope, undefined, now),
    ]);
    return [
      {
        kind: 'transfers_mine',
        title: '我的组织关系转接办理中',
        count: toSource.total + toTarget.total,
        dueDate: null,
        overdue: false,
        link: '/transfers',
      },
      {
        // Months not paid up to the current month (the current month included), per the dues rules.
        kind: 'dues_arrears',
        title: '我的团费待交纳（月）',
        count: myDues.arrearsMonths.length,
        dueDate: null,
        overdue: myDues.lapse.candidate,
        link: '/dues',
      },
      ...(await youthTodos(tdb, scope, now)),
    ];
  }
  if (scope.role !== 'district_admin' && scope.role !== 'org_secretary') return [];

  const out: Todo[] = [];
  if (scope.role === 'district_admin') out.push(...(await proposalTodos(tdb, today)));

  const waiting = await development.waiting(tdb, scope, today);
  const talkDue = waiting
    .filter((a) => a.stage === 'applied')
    .map((a) => a.talkDueBy)
    .sort()[0];
  out.push({
    kind: 'development_waiting',
    title: '发展团员待办理下一步',
    count: waiting.length,
    dueDate: talkDue ?? null,
    overdue: waiting.some((a) => a.talkOverdue),
    link: '/development',
  });

  const [incoming, escalated] = await Promise.all([
    transfers.list(tdb, scope, { box: 'incoming', status: 'pending_target', ...page }, today),
    transfers.list(tdb, scope, { box: 'escalated', ...page }, today),
  ]);
  out.push(
    {
      kind: 'transfers_incoming',
      title: '组织关系转入待接收',
      count: incoming.total,
      dueDate: null,
      overdue: false,
      link: '/transfers',
    },
    {
      kind: 'transfers_escalated',
      title: '转接超时待督办',
      count: escalated.total,
      dueDate: null,
      overdue: escalated.total > 0,
      link: '/transfers',
    },
  );

  out.push(await recommendationsToApprove(tdb, scope, today));
  // SUP-1: findings of the city's inspections waiting for this scope's answer (overdue past the deadline).
  const insp = await findingTodoCounts(tdb, scope, now);
  if (insp) {
    out.push({
      kind: 'inspection_findings',
      title: '督导检查问题待答复',
      count: insp.waiting,
      dueDate: insp.nextDeadline,
      overdue: insp.overdue > 0,
      link: '/my-findings',
    });
  }
  out.push({
    kind: 'corrections_waiting',
    title: '信息更正申请待审核',
    count: await correctionsToDecide(tdb, scope),
    dueDate: null,
    overdue: false,
    link: '/corrections',
  });

  // SUP-4: 整改报告 to file after a monthly hearing and its tasks (overdue = past the Shanghai date).
  const h = await hearings.todoCounts(tdb, scope, now);
  out.push(
    {
      kind: 'hearing_reports',
      title: '每月述职整改报告待提交',
      count: h.reportsToFile,
      dueDate: h.reportsDue,
      overdue: h.reportsOverdue > 0,
      link: '/my-hearings',
    },
    {
      kind: 'hearing_tasks',
      title: '述职整改任务逾期未完成',
      count: h.tasksOverdue,
      dueDate: h.tasksDue,
      overdue: h.tasksOverdue > 0,
      link: '/my-hearings',
    },
  );

  const lapse = await dues.lapseCandidates(tdb, scope, {}, now);
  out.push({
    kind: 'lapse_undecided',
    title: '连续未交团费待支部大会认定',
    count: lapse.items.filter((i) => i.decision === null).length,
    dueDate: null,
    overdue: false,
    link: '/dues',
  });
  out.push(...(await youthTodos(tdb, scope, now)));
  out.push(...(await researchTodos(tdb, scope)));
  return out;
}
