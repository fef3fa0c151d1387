import { forbiddenRole } from '../../errors';
import { loadRuleBook } from '../dues/rules';
import type { Scope, TenantDb } from '../scope';

export function assertStudyManager(scope: Scope): void {
  if (scope.role !== 'district_admin' && scope.role !== 'org_secretary')
    throw forbiddenRole('仅区县团委管理员和团组织书记可以管理青年大学习记录');
}

/** Rule `youthStudy.week` in force on a date. */
export async function studyRule(tdb: TenantDb, onDate: string) {
  const book = await loadRuleBook(tdb, 'youthStudy.week');
  return book(onDate);
}
