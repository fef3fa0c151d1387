/**
 * 待办事项 of 团市委 (PLAT-3, SUP-1, SUP-2, SUP-4): what waits on the city's staff, counted from the
 * platform tables through the platform handle — 月度述职 reports and tasks overdue in any district,
 * inspection answers to close or return, findings past their rectification deadline, good practices
 * submitted for promotion. Counts only; each item links to the city's own list page.
 */
import type { PlatformDatabase } from '@tuanjian/db';
import { todayInShanghai } from '@tuanjian/domain';
import type { Kysely } from 'kysely';
import { flagged } from './hearings/city';
import type { TodoItem } from './todos';

type Db = Kysely<PlatformDatabase>;

export async function listCityTodos(db: Db, now: Date): Promise<TodoItem[]> {
  const today = todayInShanghai(now);
  const [overdueHearings, answered, late, practices] = await Promise.all([
    flagged(db, now),
    db
      .selectFrom('platform.inspection_findings')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('status', '=', 'answered')
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('platform.inspection_findings')
      .select([(eb) => eb.fn.countAll<number>().as('n'), (eb) => eb.fn.min('deadline').as('due')])
      .where('status', 'in', ['open', 'returned'])
      .where('deadline', '<', today)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('platform.good_practices')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('status', '=', 'submitted')
      .executeTakeFirstOrThrow(),
  ]);
  const hearingDue = overdueHearings.map((s) => s.reportDueOn).sort()[0] ?? null;
  return [
    {
      kind: 'city_hearings_overdue',
      title: '月度述职整改报告或任务逾期',
      count: overdueHearings.length,
      dueDate: hearingDue,
      overdue: overdueHearings.length > 0,
      link: '/hearings',
      page: null,
    },
    {
      kind: 'city_findings_answered',
      title: '督导问题整改答复待审核',
      count: Number(answered.n),
      dueDate: null,
      overdue: false,
      link: '/inspections',
      page: null,
    },
    {
      kind: 'city_findings_overdue',
      title: '督导问题逾期未答复',
      count: Number(late.n),
      dueDate: (late.due as string | null) ?? null,
      overdue: Number(late.n) > 0,
      link: '/inspections',
      page: null,
    },
    {
      kind: 'city_good_practices',
      title: '好经验好做法待审核推广',
      count: Number(practices.n),
      dueDate: null,
      overdue: false,
      link: '/good-practices',
      page: null,
    },
  ];
}
