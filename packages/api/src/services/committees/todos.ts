/**
 * 待办事项 of the research workflow (COM-2): a district's reports returned with comments, to revise;
 * a committee chair's reports waiting for reviewers (including district submissions not yet opened in
 * the committee); a committee member's reports under review assigned to her. Counts only, read-only
 * (the committee's inbox copy is made when the list is opened, not here).
 */
import type { Scope, TenantDb } from '../scope';
import { committeeDb, platformOf } from './common';

export interface ResearchTodo {
  kind: 'research_returned' | 'research_to_assign' | 'research_to_review';
  title: string;
  count: number;
  dueDate: null;
  overdue: false;
  link: string;
}

export async function researchTodos(tdb: TenantDb, scope: Scope): Promise<ResearchTodo[]> {
  if (scope.tenant.kind === 'district') {
    if (scope.role !== 'district_admin') return [];
    const r = await platformOf(tdb)
      .selectFrom('platform.research_submissions')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('from_tenant_id', '=', scope.tenant.id)
      .where('status', '=', 'returned')
      .executeTakeFirstOrThrow();
    return [
      {
        kind: 'research_returned',
        title: '调研报告被退回待修改',
        count: Number(r.n),
        dueDate: null,
        overdue: false,
        link: '/research-submissions',
      },
    ];
  }
  if (scope.tenant.kind !== 'committee') return [];
  const c = committeeDb(tdb);
  const out: ResearchTodo[] = [];
  if (scope.role === 'committee_chair') {
    const [own, subs] = await Promise.all([
      c
        .selectFrom('research_reports')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('status', '=', 'submitted')
        .executeTakeFirstOrThrow(),
      platformOf(tdb)
        .selectFrom('platform.research_submissions')
        .select(['id', 'current_version'])
        .where('to_tenant_id', '=', scope.tenant.id)
        .where('status', '=', 'submitted')
        .execute(),
    ]);
    // District submissions (new, or resubmitted after a return) not yet copied into the committee.
    const copies =
      subs.length === 0
        ? []
        : await c
            .selectFrom('research_reports')
            .select(['submission_id', 'current_version'])
            .where(
              'submission_id',
              'in',
              subs.map((x) => x.id),
            )
            .execute();
    const copied = new Map(copies.map((x) => [x.submission_id, x.current_version]));
    const inbox = subs.filter((x) => (copied.get(x.id) ?? 0) < x.current_version).length;
    out.push({
      kind: 'research_to_assign',
      title: '调研报告待指定审阅人',
      count: Number(own.n) + inbox,
      dueDate: null,
      overdue: false,
      link: '/committee/reports',
    });
  }
  const mine = await c
    .selectFrom('research_reports as r')
    .innerJoin('research_report_reviewers as v', 'v.report_id', 'r.id')
    .innerJoin('committee_roster as m', 'm.id', 'v.roster_id')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('r.status', '=', 'under_review')
    .where('m.user_id', '=', scope.userId)
    .executeTakeFirstOrThrow();
  out.push({
    kind: 'research_to_review',
    title: '调研报告待审阅',
    count: Number(mine.n),
    dueDate: null,
    overdue: false,
    link: '/committee/reports',
  });
  return out;
}
