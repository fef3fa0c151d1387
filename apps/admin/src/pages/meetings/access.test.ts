import { describe, expect, it } from 'vitest';
import { canAccess, pageForPath } from '../../lib/access';

describe('三会两制一课 pages', () => {
  it('are for district admins and organisation secretaries', () => {
    for (const page of ['meetings', 'meetingsCompliance', 'wallCharts'] as const) {
      expect(canAccess('district_admin', page)).toBe(true);
      expect(canAccess('org_secretary', page)).toBe(true);
      expect(canAccess('member', page)).toBe(false);
      expect(canAccess('city_admin', page)).toBe(false);
    }
  });
  it('map their locations to the right menu entry', () => {
    expect(pageForPath('/meetings/new')).toBe('meetings');
    expect(pageForPath('/meetings-compliance')).toBe('meetingsCompliance');
    expect(pageForPath('/wall-charts')).toBe('wallCharts');
  });
});
