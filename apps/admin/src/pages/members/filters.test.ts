import { describe, expect, it } from 'vitest';
import { readFilters, writeFilters } from './filters';

describe('member list filters in the URL', () => {
  it('reads filters and paging with defaults', () => {
    expect(readFilters(new URLSearchParams(''))).toEqual({
      q: undefined,
      orgId: undefined,
      status: undefined,
      page: 1,
      pageSize: 20,
    });
    expect(readFilters(new URLSearchParams('q=%E5%BC%A0&orgId=o1&status=active&page=3&pageSize=50'))).toEqual(
      {
        q: '张',
        orgId: 'o1',
        status: 'active',
        page: 3,
        pageSize: 50,
      },
    );
  });

  it('ignores nonsense paging', () => {
    const f = readFilters(new URLSearchParams('page=-2&pageSize=7'));
    expect(f.page).toBe(1);
    expect(f.pageSize).toBe(20);
  });

  it('writes only what differs from the defaults and keeps other keys', () => {
    const next = writeFilters(new URLSearchParams('member=m1&page=4'), {
      q: ' 李 ',
      orgId: undefined,
      status: 'lapsed',
      page: 1,
      pageSize: 20,
    });
    expect(next.toString()).toBe('member=m1&q=%E6%9D%8E&status=lapsed');
  });

  it('round-trips', () => {
    const f = { q: '2020', orgId: 'x', status: 'left', page: 2, pageSize: 100 };
    expect(readFilters(writeFilters(new URLSearchParams(), f))).toEqual(f);
  });
});
