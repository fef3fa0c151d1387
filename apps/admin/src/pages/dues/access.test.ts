import { describe, expect, it } from 'vitest';
import { canAccess, menuForRole, pageForPath } from '../../lib/access';

describe('团费 and 推优入党 pages', () => {
  it('are open to district admins and organisation secretaries only', () => {
    for (const page of ['dues', 'recommendations'] as const) {
      expect(canAccess('district_admin', page)).toBe(true);
      expect(canAccess('org_secretary', page)).toBe(true);
      expect(canAccess('member', page)).toBe(false);
      expect(canAccess('city_admin', page)).toBe(false);
    }
    expect(menuForRole('org_secretary').map((p) => p.title)).toEqual(
      expect.arrayContaining(['团费管理', '推优入党']),
    );
  });
  it('the city-wide collection rates are for the 团市委 admin', () => {
    expect(canAccess('city_admin', 'duesCity')).toBe(true);
    expect(canAccess('district_admin', 'duesCity')).toBe(false);
  });
  it('a recommendation detail belongs to the 推优入党 menu entry', () => {
    expect(pageForPath('/recommendations/0b6f7a9e-0000-4000-8000-000000000000')).toBe('recommendations');
    expect(pageForPath('/dues')).toBe('dues');
  });
});
