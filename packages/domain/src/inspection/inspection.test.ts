import { describe, expect, it } from 'vitest';
import { SECTORS } from '../enums';
import {
  canMoveFinding,
  defaultRectificationDeadline,
  findingOverdue,
  halfYearLabel,
  halfYearOf,
  INSPECTION_METHODS,
  INSPECTION_SECTOR_ORG_SECTORS,
  INSPECTION_SECTORS,
  inspectionMethodLabel,
  inspectionSectorLabel,
  inspectionSectorOf,
  normaliseTags,
  previousQuarter,
  quarterAt,
  quarterPeriod,
} from './inspection';

describe('inspection vocabulary', () => {
  it('has the six methods of DOMAIN.md §7', () => {
    expect(INSPECTION_METHODS.map((m) => inspectionMethodLabel[m])).toEqual([
      '明察暗访',
      '听取汇报',
      '实地查看',
      '调阅台账',
      '专题座谈',
      '个别谈话',
    ]);
  });

  it('has the six sectors of the seed, and every organisation sector belongs to exactly one', () => {
    expect(INSPECTION_SECTORS.map((s) => inspectionSectorLabel[s])).toEqual([
      '学校',
      '国有企业',
      '机关事业单位',
      '街道乡镇',
      '社区农村',
      '非公有制经济组织和社会组织',
    ]);
    for (const s of SECTORS) {
      const owners = INSPECTION_SECTORS.filter((k) => INSPECTION_SECTOR_ORG_SECTORS[k].includes(s));
      expect(owners, s).toHaveLength(1);
    }
    expect(inspectionSectorOf('high_school')).toBe('school');
    expect(inspectionSectorOf('rural')).toBe('community_rural');
    expect(inspectionSectorOf('internet')).toBe('non_public_social');
    expect(inspectionSectorOf(null)).toBeNull();
  });
});

describe('quarters in Asia/Shanghai', () => {
  it('gives the calendar bounds of each quarter, leap years included', () => {
    expect(quarterPeriod(2024, 1)).toMatchObject({
      start: '2024-01-01',
      end: '2024-03-31',
      label: '2024年第一季度',
    });
    expect(quarterPeriod(2024, 4)).toMatchObject({ start: '2024-10-01', end: '2024-12-31' });
    expect(quarterPeriod(2026, 2)).toMatchObject({ start: '2026-04-01', end: '2026-06-30' });
    expect(() => quarterPeriod(2026, 5)).toThrow('季度应为1–4');
  });

  it('takes the quarter of the Shanghai day, not the UTC day', () => {
    // 2026-03-31T16:30Z is 1 April 00:30 in Shanghai: second quarter.
    expect(quarterAt(new Date('2026-03-31T16:30:00Z'))).toMatchObject({ year: 2026, quarter: 2 });
    expect(quarterAt(new Date('2026-03-31T15:59:00Z'))).toMatchObject({ year: 2026, quarter: 1 });
    // New year's eve 2025 at 17:00 UTC is 2026-01-01 in Shanghai.
    expect(quarterAt(new Date('2025-12-31T17:00:00Z'))).toMatchObject({ year: 2026, quarter: 1 });
    expect(previousQuarter({ year: 2026, quarter: 1 })).toMatchObject({ year: 2025, quarter: 4 });
  });

  it('half-years', () => {
    expect(halfYearOf('2026-06-30')).toBe('2026-H1');
    expect(halfYearOf('2026-07-01')).toBe('2026-H2');
    expect(halfYearLabel('2026-H2')).toBe('2026年下半年');
    expect(() => halfYearLabel('2026-3')).toThrow('半年度格式');
  });
});

describe('findings', () => {
  it('proposes a deadline from the rule and flags overdue only after the deadline day', () => {
    expect(defaultRectificationDeadline('2026-01-20', { rectificationDays: 30 })).toBe('2026-02-19');
    expect(findingOverdue({ status: 'open', deadline: '2026-02-19' }, '2026-02-19')).toBe(false);
    expect(findingOverdue({ status: 'open', deadline: '2026-02-19' }, '2026-02-20')).toBe(true);
    expect(findingOverdue({ status: 'returned', deadline: '2026-02-19' }, '2026-03-01')).toBe(true);
    expect(findingOverdue({ status: 'answered', deadline: '2026-02-19' }, '2026-03-01')).toBe(false);
  });

  it('moves open → answered → closed, or back to returned and answered again', () => {
    expect(canMoveFinding('open', 'answered')).toBe(true);
    expect(canMoveFinding('answered', 'closed')).toBe(true);
    expect(canMoveFinding('answered', 'returned')).toBe(true);
    expect(canMoveFinding('returned', 'answered')).toBe(true);
    expect(canMoveFinding('open', 'closed')).toBe(false);
    expect(canMoveFinding('closed', 'answered')).toBe(false);
  });

  it('normalises tags and refuses in Chinese', () => {
    expect(normaliseTags([' #青年之家 ', '青年之家', '', '智慧团建'])).toEqual(['青年之家', '智慧团建']);
    expect(() => normaliseTags(['一'.repeat(21)])).toThrow('不超过20个字');
    expect(() => normaliseTags(Array.from({ length: 11 }, (_, i) => `t${i}`))).toThrow('最多10个');
  });
});
