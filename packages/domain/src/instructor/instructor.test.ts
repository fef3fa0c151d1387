import { describe, expect, it } from 'vitest';
import { ruleCatalogue } from '../rules';
import {
  coverageKey,
  coverageRate,
  instructorFieldsSchema,
  summariseCoverage,
  trainingFieldsSchema,
  visitStatus,
  visitsExpected,
} from './instructor';

const T1 = '00000000-0000-4000-8000-000000000001';
const T2 = '00000000-0000-4000-8000-000000000002';

describe('coverage (ORG-7)', () => {
  it('is covered / total in percent with one decimal, null without branches, never above 100', () => {
    expect(coverageRate(0, 0)).toBeNull();
    expect(coverageRate(1, 3)).toBe(33.3);
    expect(coverageRate(2, 3)).toBe(66.7);
    expect(coverageRate(3, 3)).toBe(100);
    expect(coverageRate(5, 3)).toBe(100);
  });

  it('counts each branch once per tenant and per sector; assignments outside the branch list are ignored', () => {
    const branches = [
      { tenantId: T1, orgId: 'a', sector: 'school' },
      { tenantId: T1, orgId: 'b', sector: 'school' },
      { tenantId: T1, orgId: 'c', sector: null },
      { tenantId: T2, orgId: 'a', sector: 'enterprise' },
    ];
    // T1:a covered; T2:a covered; T1:z is a merged / dissolved organisation (not in the list)
    const covered = new Set([coverageKey(T1, 'a'), coverageKey(T2, 'a'), coverageKey(T1, 'z')]);
    const s = summariseCoverage(branches, covered);
    expect(s.total).toEqual({ key: '', total: 4, covered: 2, rate: 50 });
    expect(s.byTenant).toEqual([
      { key: T1, total: 3, covered: 1, rate: 33.3 },
      { key: T2, total: 1, covered: 1, rate: 100 },
    ]);
    expect(s.bySector).toEqual([
      { key: 'school', total: 2, covered: 1, rate: 50 },
      { key: '', total: 1, covered: 0, rate: 0 },
      { key: 'enterprise', total: 1, covered: 1, rate: 100 },
    ]);
  });

  it('the same org id in two tenants is two branches', () => {
    const s = summariseCoverage(
      [
        { tenantId: T1, orgId: 'x', sector: null },
        { tenantId: T2, orgId: 'x', sector: null },
      ],
      new Set([coverageKey(T2, 'x')]),
    );
    expect(s.total.covered).toBe(1);
  });
});

describe('visits expected (rule instructor.visits)', () => {
  const rule = ruleCatalogue['instructor.visits'].value;

  it('has a source and the default of 4 a year', () => {
    expect(rule.perBranchPerYear).toBe(4);
    expect(ruleCatalogue['instructor.visits'].source).toBeTruthy();
  });

  it('a whole year expects the yearly number; a part year is prorated by months and rounded up', () => {
    expect(visitsExpected(rule, { startsOn: '2020-03-01', endsOn: null }, 2026)).toBe(4);
    expect(visitsExpected(rule, { startsOn: '2026-07-01', endsOn: null }, 2026)).toBe(2); // 6 months
    expect(visitsExpected(rule, { startsOn: '2026-12-31', endsOn: null }, 2026)).toBe(1); // 1 month → 1/3 → 1
    expect(visitsExpected(rule, { startsOn: '2026-01-01', endsOn: '2026-03-31' }, 2026)).toBe(1);
    expect(visitsExpected(rule, { startsOn: '2026-01-01', endsOn: '2026-04-01' }, 2026)).toBe(2); // 4 months
  });

  it('expects nothing outside the assignment', () => {
    expect(visitsExpected(rule, { startsOn: '2027-01-01', endsOn: null }, 2026)).toBe(0);
    expect(visitsExpected(rule, { startsOn: '2024-01-01', endsOn: '2025-12-31' }, 2026)).toBe(0);
  });
});

describe('visit status and inputs', () => {
  it('a visit is 已计入 once it names a health check, else 待计入', () => {
    expect(visitStatus({ healthCheckId: null })).toBe('pending');
    expect(visitStatus({ healthCheckId: T1 })).toBe('applied');
  });

  it('refuses empty names, units and bad hours with Chinese messages', () => {
    const bad = instructorFieldsSchema.safeParse({ name: ' ', unit: '' });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues.map((i) => i.message)).toContain('请填写姓名');
    const t = (hours: number) =>
      trainingFieldsSchema.safeParse({
        instructorId: T1,
        trainedOn: '2026-04-01',
        course: '岗前培训',
        hours,
      });
    expect(t(2.5).success).toBe(true);
    expect(t(0).error?.issues[0]?.message).toBe('学时须大于0');
    expect(t(1.25).error?.issues[0]?.message).toBe('学时最多保留一位小数');
    expect(t(501).error?.issues[0]?.message).toBe('学时不能超过500');
  });
});
