import { describe, expect, it } from 'vitest';
import { ruleCatalogue } from '../rules';
import { cadreStaffing, percent, permilleToPercent, yearOverYear, zombieVerdict } from './lift';

const committee = ruleCatalogue['branch.committee'].value;
const zombie = ruleCatalogue['dataQuality.zombie'].value;

describe('indicator formulas', () => {
  it('percent with one decimal, null without a denominator', () => {
    expect(percent(1, 3)).toBe(33.3);
    expect(percent(2, 3)).toBe(66.7);
    expect(percent(0, 5)).toBe(0);
    expect(percent(5, 5)).toBe(100);
    expect(percent(0, 0)).toBeNull();
    expect(permilleToPercent(875)).toBe(87.5);
    expect(permilleToPercent(null)).toBeNull();
  });

  it('year over year: difference in points, null when a year has no figure', () => {
    expect(yearOverYear(80, 72.5)).toBe(7.5);
    expect(yearOverYear(60, 70)).toBe(-10);
    expect(yearOverYear(null, 70)).toBeNull();
    expect(yearOverYear(70, null)).toBeNull();
  });

  it('cadre staffing: a committee of 书记/组织/宣传 from 7 members, else a 书记', () => {
    expect(cadreStaffing({ kind: 'branch', memberCount: 6, positions: [] }, committee)).toEqual({
      required: 1,
      filled: 0,
      staffed: false,
    });
    expect(
      cadreStaffing({ kind: 'branch', memberCount: 6, positions: ['secretary'] }, committee).staffed,
    ).toBe(true);
    expect(cadreStaffing({ kind: 'branch', memberCount: 7, positions: ['secretary'] }, committee)).toEqual({
      required: 3,
      filled: 1,
      staffed: false,
    });
    expect(
      cadreStaffing(
        { kind: 'branch', memberCount: 7, positions: ['secretary', 'organising', 'publicity', 'member'] },
        committee,
      ),
    ).toEqual({ required: 3, filled: 3, staffed: true });
    // a 团委 with many members still needs only its 书记 under this rule
    expect(
      cadreStaffing({ kind: 'league_committee', memberCount: 40, positions: ['secretary'] }, committee),
    ).toEqual({ required: 1, filled: 1, staffed: true });
  });
});

describe('zombie branch rule (dataQuality.zombie)', () => {
  const none = {
    foundedOn: null,
    lastMeetingOn: null,
    lastThemeDayOn: null,
    lastDuesOn: null,
    lastCheckInOn: null,
  };
  const today = '2026-11-30';

  it('uses the rule version of 6 months', () => {
    expect(zombie.months).toBe(6);
  });

  it('no activity at all is a zombie; the window starts N months back', () => {
    const v = zombieVerdict(none, today, zombie);
    expect(v).toEqual({ zombie: true, since: '2026-05-30', lastActivityOn: null });
  });

  it('activity on the first day of the window counts; the day before does not', () => {
    expect(zombieVerdict({ ...none, lastDuesOn: '2026-05-30' }, today, zombie).zombie).toBe(false);
    expect(zombieVerdict({ ...none, lastDuesOn: '2026-05-29' }, today, zombie).zombie).toBe(true);
    expect(
      zombieVerdict({ ...none, lastCheckInOn: '2026-05-29', lastMeetingOn: '2026-01-01' }, today, zombie),
    ).toMatchObject({ zombie: true, lastActivityOn: '2026-05-29' });
  });

  it('any one kind of activity is enough', () => {
    for (const key of ['lastMeetingOn', 'lastThemeDayOn', 'lastDuesOn', 'lastCheckInOn'] as const) {
      expect(zombieVerdict({ ...none, [key]: '2026-11-01' }, today, zombie).zombie).toBe(false);
    }
  });

  it('a branch founded inside the window is not flagged yet', () => {
    expect(zombieVerdict({ ...none, foundedOn: '2026-06-01' }, today, zombie).zombie).toBe(false);
    expect(zombieVerdict({ ...none, foundedOn: '2026-05-29' }, today, zombie).zombie).toBe(true);
  });

  it('month ends clamp (31 Aug − 6 months = 28 Feb)', () => {
    expect(zombieVerdict(none, '2026-08-31', zombie).since).toBe('2026-02-28');
    expect(zombieVerdict(none, '2026-08-31', { months: 1 }).since).toBe('2026-07-31');
  });
});
