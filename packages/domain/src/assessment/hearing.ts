/**
 * SUP-4 每月述职: 5–8 organisations a month report to the city; each files a 整改报告 (with tasks and
 * their deadlines) within 7 days of the hearing (rule `hearing.monthly`, DOMAIN §10 "seed").
 *
 * Dates are Shanghai calendar dates ('YYYY-MM-DD'); "within 7 days" means the report is due on the
 * hearing date + 7 days and is on time when filed on or before that day (Asia/Shanghai). A hearing
 * on 1月28日 is due 2月4日; on 12月28日 due 1月4日 of the next year.
 */
import { addDays, shanghaiDate } from '../dates';

export interface HearingRule {
  minPerMonth: number;
  maxPerMonth: number;
  reportDueDays: number;
}

export function reportDueOn(heldOn: string, rule: Pick<HearingRule, 'reportDueDays'>): string {
  return addDays(heldOn, rule.reportDueDays);
}

/** Chinese error when the number of organisations of a month is outside the rule, else null. */
export function checkHearingSize(count: number, rule: HearingRule): string | null {
  if (count < rule.minPerMonth || count > rule.maxPerMonth) {
    return `每月述职应安排${rule.minPerMonth}至${rule.maxPerMonth}个组织（《每月述职》规则），当前为${count}个`;
  }
  return null;
}

export type ReportStatus = 'waiting' | 'overdue' | 'filed' | 'filed_late';

export const reportStatusLabel: Record<ReportStatus, string> = {
  waiting: '待提交',
  overdue: '已逾期',
  filed: '已提交',
  filed_late: '逾期提交',
};

/** Status of a report on `today` (Shanghai date). */
export function reportStatus(dueOn: string, submittedAt: Date | null, today: string): ReportStatus {
  if (submittedAt) return shanghaiDate(submittedAt) > dueOn ? 'filed_late' : 'filed';
  return today > dueOn ? 'overdue' : 'waiting';
}

/** A task is overdue when it is not done and its deadline has passed (Shanghai date). */
export function taskOverdue(dueOn: string, doneOn: string | null, today: string): boolean {
  return doneOn === null && today > dueOn;
}

/** Chinese error when a task deadline is not acceptable, else null. */
export function checkTaskDueOn(dueOn: string, heldOn: string): string | null {
  if (dueOn < heldOn) return '整改任务的完成期限不能早于述职日期';
  return null;
}
