/**
 * Reminders for a secretary (mini-program lists): who has not completed this week's 青年大学习 and
 * who owes dues, within the scope (or one organisation of it). The dues figures come from the dues
 * module's own month view, so the amounts are the ones the dues pages show.
 */
import { formatFen, shanghaiMonth } from '@tuanjian/domain';
import * as dues from '../dues/dues';
import type { Scope, TenantDb } from '../scope';
import { assertStudyManager } from './access';
import { weekView } from './study';

export interface Reminders {
  scopeName: string;
  study: {
    weekStart: string;
    label: string;
    imported: boolean;
    total: number;
    completed: number;
    notCompleted: { memberId: string; name: string; orgName: string; mobile: boolean }[];
  };
  dues: {
    month: string;
    members: {
      memberId: string;
      name: string;
      orgName: string;
      months: number;
      amount: string;
      lapseCandidate: boolean;
    }[];
  };
}

export async function reminders(
  tdb: TenantDb,
  scope: Scope,
  input: { orgId?: string },
  now: Date,
): Promise<Reminders> {
  assertStudyManager(scope);
  const week = await weekView(tdb, scope, { orgId: input.orgId }, now);
  const month = await dues.branchMonth(tdb, scope, { orgId: input.orgId, month: shanghaiMonth(now) }, now);
  return {
    scopeName: week.scopeName,
    study: {
      weekStart: week.weekStart,
      label: week.label,
      imported: week.imported,
      total: week.total,
      completed: week.completed,
      notCompleted: week.notCompleted.map((m) => ({
        memberId: m.memberId,
        name: m.name,
        orgName: m.orgName,
        mobile: m.mobile,
      })),
    },
    dues: {
      month: month.month,
      members: month.rows
        .filter((r) => r.arrearsMonths.length > 0)
        .map((r) => ({
          memberId: r.memberId,
          name: r.name,
          orgName: r.orgName,
          months: r.arrearsMonths.length,
          amount: formatFen(r.arrearsFen),
          lapseCandidate: r.lapseCandidate,
        })),
    },
  };
}
