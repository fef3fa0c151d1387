import { describe, expect, it } from 'vitest';
import { canAccess, menuForRole, pageForPath, safeRedirect } from './access';

const titles = (role: Parameters<typeof menuForRole>[0]) => menuForRole(role).map((p) => p.title);

describe('menuForRole', () => {
  it('gives 团市委管理员 the workbench and tenant management only', () => {
    expect(titles('city_admin').slice(0, 2)).toEqual(['工作台', '租户管理']);
    expect(titles('city_admin')).not.toContain('组织管理');
    expect(titles('city_admin')).not.toContain('团员管理');
  });

  it('gives district admins and organisation secretaries organisations and members', () => {
    expect(titles('district_admin').slice(0, 3)).toEqual(['工作台', '组织管理', '团员管理']);
    expect(titles('org_secretary').slice(0, 3)).toEqual(['工作台', '组织管理', '团员管理']);
  });

  it('gives committee roles, the inspector and members no roster', () => {
    for (const role of ['committee_chair', 'committee_member', 'inspector', 'member'] as const) {
      expect(titles(role)[0]).toBe('工作台');
      expect(titles(role)).not.toContain('组织管理');
      expect(titles(role)).not.toContain('团员管理');
    }
    expect(titles('member')).toEqual(['工作台', '工作手册', '搜索']);
    expect(titles('inspector')).not.toContain('工作手册');
  });

  it('gives no menu without an active identity', () => {
    expect(menuForRole(undefined)).toEqual([]);
    expect(menuForRole(null)).toEqual([]);
  });

  it('links every entry to its route', () => {
    expect(
      menuForRole('district_admin')
        .map((p) => p.path)
        .slice(0, 3),
    ).toEqual(['/workbench', '/organisations', '/members']);
  });
});

describe('canAccess (route guard)', () => {
  it('lets only the city admin into tenant management', () => {
    expect(canAccess('city_admin', 'tenants')).toBe(true);
    expect(canAccess('district_admin', 'tenants')).toBe(false);
    expect(canAccess('inspector', 'tenants')).toBe(false);
  });

  it('keeps the city admin and committees out of a district’s organisations and members', () => {
    for (const role of ['city_admin', 'committee_chair', 'committee_member', 'member'] as const) {
      expect(canAccess(role, 'organisations')).toBe(false);
      expect(canAccess(role, 'members')).toBe(false);
    }
    expect(canAccess('org_secretary', 'members')).toBe(true);
  });

  it('refuses everything without a role', () => {
    expect(canAccess(undefined, 'workbench')).toBe(false);
  });
});

describe('pageForPath', () => {
  it('finds the menu entry of a location', () => {
    expect(pageForPath('/members')).toBe('members');
    expect(pageForPath('/organisations/abc')).toBe('organisations');
    expect(pageForPath('/membersx')).toBeUndefined();
    expect(pageForPath('/')).toBeUndefined();
  });
});

describe('safeRedirect', () => {
  it('keeps in-app paths with their query', () => {
    expect(safeRedirect('/members?status=active&page=2')).toBe('/members?status=active&page=2');
  });

  it('refuses other origins, protocol-relative URLs and loops back to login', () => {
    expect(safeRedirect('https://evil.example/')).toBe('/workbench');
    expect(safeRedirect('//evil.example/')).toBe('/workbench');
    expect(safeRedirect('/\\evil.example')).toBe('/workbench');
    expect(safeRedirect('/login?redirect=/x')).toBe('/workbench');
    expect(safeRedirect(null)).toBe('/workbench');
  });
});
