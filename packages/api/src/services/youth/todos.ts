/**
 * 待办 for 青年大学习 and dues reminders (called from `services/todos.ts`): a member — this week's
 * session not completed yet; a secretary / district admin — members not completed this week and
 * members owing dues, within the scope.
 */
import type { Scope, TenantDb } from '../scope';
import { reminders } from './reminders';
import { memberMissingThisWeek } from './study';

export interface YouthTodo {
  kind: 'youth_study_missing' | 'dues_members_arrears';
  title: string;
  count: number;
  dueDate: string | null;
  overdue: boolean;
  link: string;
}

export async function youthTodos(tdb: TenantDb, scope: Scope, now: Date): Promise<YouthTodo[]> {
  if (scope.role === 'member') {
    if (!scope.memberId) return [];
    const missing = await memberMissingThisWeek(tdb, scope.memberId, now);
    return [
      {
        kind: 'youth_study_missing',
        title: '本周青年大学习待完成',
        count: missing ? 1 : 0,
        dueDate: null,
        overdue: false,
        link: '/youth-study',
      },
    ];
  }
  if (scope.role !== 'district_admin' && scope.role !== 'org_secretary') return [];
  const r = await reminders(tdb, scope, {}, now);
  return [
    {
      kind: 'youth_study_missing',
      title: '本周青年大学习未完成（人）',
      count: r.study.notCompleted.length,
      dueDate: null,
      overdue: false,
      link: '/youth-study',
    },
    {
      kind: 'dues_members_arrears',
      title: '团费欠交团员（人）',
      count: r.dues.members.length,
      dueDate: null,
      overdue: r.dues.members.some((m) => m.lapseCandidate),
      link: '/dues',
    },
  ];
}
