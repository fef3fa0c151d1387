import { describe, expect, it } from 'vitest';
import { shanghaiDate } from '../dates';
import { ruleCatalogue } from '../rules';
import {
  type CalendarInput,
  type CalendarMeeting,
  complianceCalendar,
  compliancePermille,
  type MeetingsRule,
  meetingQuorumMet,
  meetingQuorumNeeded,
  meetingQuorumNote,
  meetingRequirements,
  periodOf,
  periodsOfYear,
} from './meetings';
import {
  basicAffairsWallChart,
  meetingsWallChart,
  WALL_CHART_RULE_KEYS,
  type WallChartRules,
} from './wall-charts';

const rule = ruleCatalogue['meetings.frequency'].value as MeetingsRule;

describe('quorum of the 支部团员大会 (more than half)', () => {
  it('exactly half is not enough, one more is', () => {
    expect(meetingQuorumMet(5, 10, 0.5)).toBe(false);
    expect(meetingQuorumMet(6, 10, 0.5)).toBe(true);
    expect(meetingQuorumNeeded(10, 0.5)).toBe(6);
  });
  it('odd rosters: 7 members need 4', () => {
    expect(meetingQuorumMet(3, 7, 0.5)).toBe(false);
    expect(meetingQuorumMet(4, 7, 0.5)).toBe(true);
    expect(meetingQuorumNeeded(7, 0.5)).toBe(4);
  });
  it('an empty roster is never quorate', () => {
    expect(meetingQuorumMet(0, 0, 0.5)).toBe(false);
  });
  it('the fraction is rule data (two-thirds: 6 of 9 is not more than two-thirds)', () => {
    expect(meetingQuorumMet(6, 9, 2 / 3)).toBe(false);
    expect(meetingQuorumMet(7, 9, 2 / 3)).toBe(true);
    expect(meetingQuorumNeeded(9, 2 / 3)).toBe(7);
  });
  it('explains a meeting below quorum in Chinese with the source', () => {
    expect(meetingQuorumNote(6, 10, 0.5)).toBeNull();
    const note = meetingQuorumNote(5, 10, 0.5);
    expect(note).toContain('未达法定人数');
    expect(note).toContain('至少6人');
    expect(note).toContain('中青发〔2017〕5号');
  });
});

describe('requirements from the rule data', () => {
  it('defaults: general quarterly, committee monthly, group as needed, lessons 4 a year', () => {
    const r = meetingRequirements(rule);
    expect(r.general_meeting).toMatchObject({ period: 'quarter', minCount: 1 });
    expect(r.committee_meeting).toMatchObject({ period: 'month', minCount: 1 });
    expect(r.group_meeting).toMatchObject({ period: null, text: '按需召开' });
    expect(r.league_lesson).toMatchObject({ period: 'year', minCount: 4, text: '每年至少4次' });
  });
  it('a version without the group period (seeded earlier) counts per quarter', () => {
    const r = meetingRequirements({ ...rule, groupMeeting: { minimum: 2 } });
    expect(r.group_meeting).toMatchObject({ period: 'quarter', minCount: 2 });
  });
});

describe('periods (Shanghai calendar)', () => {
  it('months, quarters and years of a year', () => {
    expect(periodsOfYear(2026, 'month')).toHaveLength(12);
    expect(periodsOfYear(2024, 'month')[1]).toMatchObject({ key: '2024-02', end: '2024-02-29' });
    expect(periodsOfYear(2026, 'quarter')[0]).toMatchObject({
      key: '2026-Q1',
      start: '2026-01-01',
      end: '2026-03-31',
    });
    expect(periodsOfYear(2026, 'quarter')[3]).toMatchObject({ start: '2026-10-01', end: '2026-12-31' });
    expect(periodsOfYear(2026, 'year')).toEqual([
      { unit: 'year', key: '2026', label: '2026年', start: '2026-01-01', end: '2026-12-31' },
    ]);
  });
  it('an instant late on 31 March UTC is already April (Q2) in Shanghai', () => {
    const late = shanghaiDate(new Date('2026-03-31T16:30:00Z'));
    expect(late).toBe('2026-04-01');
    expect(periodOf(late, 'quarter').key).toBe('2026-Q2');
    expect(periodOf(late, 'month').key).toBe('2026-04');
    const before = shanghaiDate(new Date('2026-03-31T15:59:59Z'));
    expect(periodOf(before, 'quarter').key).toBe('2026-Q1');
  });
});

function input(over: Partial<CalendarInput> & { meetings?: CalendarMeeting[] }): CalendarInput {
  return {
    year: 2026,
    today: '2026-05-15',
    foundedOn: null,
    memberCount: 10,
    meetings: [],
    frequencyOn: () => rule,
    committeeFromMembersOn: () => 7,
    ...over,
  };
}

function cell(cal: ReturnType<typeof complianceCalendar>, kind: string, key: string) {
  const c = cal.rows.find((r) => r.kind === kind)?.cells.find((x) => x.key === key);
  if (!c) throw new Error(`no cell ${kind} ${key}`);
  return c;
}

describe('compliance calendar', () => {
  it('met / missing / upcoming by quarter, and a quarter ends on its last Shanghai day', () => {
    const cal = complianceCalendar(
      input({
        today: '2026-03-31',
        meetings: [{ kind: 'general_meeting', heldOn: '2026-03-31', counts: true }],
      }),
    );
    expect(cell(cal, 'general_meeting', '2026-Q1').status).toBe('met');
    expect(cell(cal, 'general_meeting', '2026-Q2').status).toBe('upcoming');
    // On the last day of Q1 a quarter without a meeting is still open, the day after it is missing.
    const open = complianceCalendar(input({ today: '2026-03-31' }));
    expect(cell(open, 'general_meeting', '2026-Q1').status).toBe('upcoming');
    const over = complianceCalendar(input({ today: '2026-04-01' }));
    expect(cell(over, 'general_meeting', '2026-Q1').status).toBe('missing');
  });

  it('a month ends on its last day: 28/29 February', () => {
    const feb = complianceCalendar(input({ year: 2024, today: '2024-02-29' }));
    expect(cell(feb, 'committee_meeting', '2024-02').status).toBe('upcoming');
    expect(cell(feb, 'committee_meeting', '2024-01').status).toBe('missing');
    const mar = complianceCalendar(input({ year: 2024, today: '2024-03-01' }));
    expect(cell(mar, 'committee_meeting', '2024-02').status).toBe('missing');
  });

  it('a general meeting below quorum is shown but does not count', () => {
    const cal = complianceCalendar(
      input({
        today: '2026-05-01',
        meetings: [{ kind: 'general_meeting', heldOn: '2026-02-10', counts: false }],
      }),
    );
    const q1 = cell(cal, 'general_meeting', '2026-Q1');
    expect(q1).toMatchObject({ status: 'missing', count: 0, notCounted: 1 });
  });

  it('支部委员会 only for branches at or above the committee threshold', () => {
    const six = complianceCalendar(input({ memberCount: 6 }));
    expect(cell(six, 'committee_meeting', '2026-01')).toMatchObject({
      status: 'not_applicable',
      reason: '团员不足7人，不设支部委员会',
    });
    const seven = complianceCalendar(input({ memberCount: 7 }));
    expect(cell(seven, 'committee_meeting', '2026-01').status).toBe('missing');
  });

  it('periods that began before the branch was founded are not applicable', () => {
    const cal = complianceCalendar(input({ foundedOn: '2026-02-01', today: '2026-05-15' }));
    expect(cell(cal, 'committee_meeting', '2026-01').status).toBe('not_applicable');
    expect(cell(cal, 'committee_meeting', '2026-02').status).toBe('missing');
    expect(cell(cal, 'general_meeting', '2026-Q1').status).toBe('not_applicable');
    expect(cell(cal, 'league_lesson', '2026').status).toBe('not_applicable');
  });

  it('团课: four in the year is met, three stays upcoming until the year ends and then is missing', () => {
    const lessons = (n: number): CalendarMeeting[] =>
      Array.from({ length: n }, (_, i) => ({
        kind: 'league_lesson' as const,
        heldOn: `2026-0${i + 1}-10`,
        counts: true,
      }));
    expect(cell(complianceCalendar(input({ meetings: lessons(4) })), 'league_lesson', '2026').status).toBe(
      'met',
    );
    expect(cell(complianceCalendar(input({ meetings: lessons(3) })), 'league_lesson', '2026').status).toBe(
      'upcoming',
    );
    expect(
      cell(complianceCalendar(input({ meetings: lessons(3), today: '2027-01-01' })), 'league_lesson', '2026')
        .status,
    ).toBe('missing');
  });

  it('团小组会 is as needed by default (not applicable), counted when a minimum is set', () => {
    const cal = complianceCalendar(input({}));
    expect(cell(cal, 'group_meeting', '2026-Q1').status).toBe('not_applicable');
    const strict = complianceCalendar(
      input({ frequencyOn: () => ({ ...rule, groupMeeting: { minimum: 1, period: 'quarter' } }) }),
    );
    expect(cell(strict, 'group_meeting', '2026-Q1').status).toBe('missing');
  });

  it('rate = met / (met + missing), upcoming and not applicable left out', () => {
    const cal = complianceCalendar(
      input({
        today: '2026-05-15',
        meetings: [
          { kind: 'general_meeting', heldOn: '2026-01-20', counts: true },
          { kind: 'committee_meeting', heldOn: '2026-01-05', counts: true },
          { kind: 'committee_meeting', heldOn: '2026-03-05', counts: true },
        ],
      }),
    );
    // general: Q1 met, Q2–Q4 upcoming; committee: Jan, Mar met; Feb, Apr missing; May–Dec upcoming.
    expect(cal.tally).toMatchObject({ met: 3, missing: 2 });
    expect(cal.permille).toBe(600);
    expect(compliancePermille({ met: 0, missing: 0, upcoming: 3, notApplicable: 1 })).toBeNull();
    expect(compliancePermille({ met: 2, missing: 1, upcoming: 0, notApplicable: 0 })).toBe(667);
  });

  it('a new version of the rule applies from its date (committee every month → not required in H2)', () => {
    const cal = complianceCalendar(
      input({
        today: '2026-12-31',
        frequencyOn: (d) => (d >= '2026-07-01' ? { ...rule, committeeMeeting: { perMonth: 0 } } : rule),
      }),
    );
    expect(cell(cal, 'committee_meeting', '2026-06').status).toBe('missing');
    expect(cell(cal, 'committee_meeting', '2026-07').status).toBe('not_applicable');
  });
});

describe('wall charts from the rule data', () => {
  const values = Object.fromEntries(
    WALL_CHART_RULE_KEYS.map((k) => [k, ruleCatalogue[k].value]),
  ) as unknown as WallChartRules;
  const sources = Object.fromEntries(
    WALL_CHART_RULE_KEYS.map((k) => [k, { source: ruleCatalogue[k].source, version: 1 }]),
  ) as Parameters<typeof meetingsWallChart>[1];

  it('三会两制一课 prints the frequencies and quorum', () => {
    const text = JSON.stringify(meetingsWallChart(values, sources));
    expect(text).toContain('每季度至少1次');
    expect(text).toContain('每月至少1次');
    expect(text).toContain('每年至少4次');
    expect(text).toContain('超过应到会团员的半数');
    expect(text).toContain('优秀比例不超过30%');
    expect(text).toContain('中青发〔2017〕5号');
  });
  it('四项基础团务 prints the development, dues, transfer and 推优 numbers', () => {
    const text = JSON.stringify(basicAffairsWallChart(values, sources));
    for (const s of ['年满14周岁', '不少于8学时', '¥0.20', '15日内', '不低于50%', '年满18周岁']) {
      expect(text).toContain(s);
    }
  });
  it('a changed rule changes the chart', () => {
    const changed = {
      ...values,
      'meetings.frequency': { ...rule, leagueLesson: { perYear: 6 } },
    } as WallChartRules;
    expect(JSON.stringify(meetingsWallChart(changed, sources))).toContain('每年至少6次');
  });
});
