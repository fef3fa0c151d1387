import { describe, expect, it } from 'vitest';
import { readFilters, writeFilters } from './filters';

describe('ledger filters in the URL', () => {
  it('round-trips every filter and drops defaults', () => {
    const f = {
      q: '团支部',
      kind: 'branch' as const,
      problem: 'activities_abnormal' as const,
      tag: 'regional' as const,
      overdue: true,
      withWarnings: true,
      page: 3,
      pageSize: 50,
    };
    const p = writeFilters(f);
    expect(readFilters(p)).toEqual(f);
    expect(writeFilters({ page: 1, pageSize: 20 }).toString()).toBe('');
    expect(readFilters(new URLSearchParams(''))).toEqual({ page: 1, pageSize: 20 });
  });
});
