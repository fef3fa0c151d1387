import { describe, expect, it } from 'vitest';
import { ruleCatalogue } from '../rules';
import {
  daysOverdue,
  isSchoolToSocietySector,
  isTransferEscalated,
  maskBirthDate,
  receiverDueOn,
  schoolToSocietyRate,
  statusAfterSourceApproval,
  transferActionAllowed,
} from './transfer';

describe('transfer statuses', () => {
  it('lets each side act only on its turn', () => {
    expect(transferActionAllowed('approve', 'pending_source', 'source')).toBe(true);
    expect(transferActionAllowed('approve', 'pending_source', 'target')).toBe(false);
    expect(transferActionAllowed('accept', 'pending_target', 'target')).toBe(true);
    expect(transferActionAllowed('accept', 'pending_target', 'source')).toBe(false);
    expect(transferActionAllowed('accept', 'cancelled', 'target')).toBe(false);
    expect(transferActionAllowed('cancel', 'pending_target', 'source')).toBe(true);
    expect(transferActionAllowed('cancel', 'completed', 'source')).toBe(false);
    expect(transferActionAllowed('return', 'pending_target', 'target')).toBe(true);
    expect(transferActionAllowed('return', 'pending_target', 'source')).toBe(false);
  });
  it('completes an out-of-city transfer at the source review', () => {
    expect(statusAfterSourceApproval('out_of_city')).toBe('completed');
    expect(statusAfterSourceApproval('cross_tenant')).toBe('pending_target');
  });
});

describe('receiver timeout (transfer.timeout)', () => {
  const days = ruleCatalogue['transfer.timeout'].value.receiverDays;
  it('is 15 days by default', () => expect(days).toBe(15));
  it('escalates the day after the due day, not on it', () => {
    const due = receiverDueOn('2026-11-01', days);
    expect(due).toBe('2026-11-16');
    expect(isTransferEscalated('pending_target', due, '2026-11-16')).toBe(false);
    expect(isTransferEscalated('pending_target', due, '2026-11-17')).toBe(true);
    expect(isTransferEscalated('completed', due, '2026-12-17')).toBe(false);
    expect(daysOverdue(due, '2026-11-16')).toBe(0);
    expect(daysOverdue(due, '2026-11-20')).toBe(4);
  });
  it('crosses month and year ends', () => {
    expect(receiverDueOn('2026-12-20', 15)).toBe('2027-01-04');
  });
});

describe('学社衔接 rate (transfer.schoolToSociety)', () => {
  const min = ruleCatalogue['transfer.schoolToSociety'].value.minPercent;
  it('meets the 50 % target at exactly half', () => {
    expect(schoolToSocietyRate(10, 5, min)).toMatchObject({ percent: 50, meetsTarget: true });
    expect(schoolToSocietyRate(10, 4, min)).toMatchObject({ percent: 40, meetsTarget: false });
    expect(schoolToSocietyRate(3, 1, min)).toMatchObject({ percent: 33.3, meetsTarget: false });
    expect(schoolToSocietyRate(0, 0, min)).toMatchObject({ percent: null, meetsTarget: null });
  });
  it('compares exactly, not the rounded percent', () => {
    // 999/1999 = 49.97 % rounds to 50.0 but is below the target.
    expect(schoolToSocietyRate(1999, 999, 50)).toMatchObject({ percent: 50, meetsTarget: false });
  });
  it('applies to 普通高校 / 中职 / 普通高中 only', () => {
    expect(isSchoolToSocietySector('university')).toBe(true);
    expect(isSchoolToSocietySector('high_school')).toBe(true);
    expect(isSchoolToSocietySector('middle_school')).toBe(false);
    expect(isSchoolToSocietySector(null)).toBe(false);
  });
  it('masks a birth date to its year', () => expect(maskBirthDate('2003-05-17')).toBe('2003-**-**'));
});
