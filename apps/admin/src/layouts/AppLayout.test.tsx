import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { makeMe, renderRoutes } from '../test/render';
import { AppLayout } from './AppLayout';

const routes = [
  {
    path: '/',
    element: <AppLayout />,
    children: [
      { path: 'workbench', element: <h1>工作台</h1> },
      { path: 'organisations', element: <h1>组织管理</h1> },
    ],
  },
  { path: '/select-identity', element: <h1>选择身份/单位</h1> },
];

function menuLabels() {
  const nav = screen.getByRole('navigation', { name: '主菜单' });
  return within(nav)
    .getAllByRole('menuitem')
    .map((el) => el.textContent);
}

describe('AppLayout', () => {
  it('shows the district menu, the tenant and the user', () => {
    renderRoutes(routes, { me: makeMe('district_admin'), at: '/workbench' });
    expect(menuLabels().slice(0, 3)).toEqual(['工作台', '组织管理', '团员管理']);
    expect(screen.getByTestId('current-tenant').textContent).toBe('城关区团委');
    expect(screen.getByText('区县团委管理员')).toBeTruthy();
    expect(screen.getByTestId('current-user').textContent).toContain('王敏');
    expect(screen.getByRole('button', { name: '退出登录' })).toBeTruthy();
    // One identity only: nothing to switch to.
    expect(screen.queryByRole('button', { name: /切换身份/ })).toBeNull();
  }, 20_000);

  it('shows the city admin only the workbench and tenant management', () => {
    const me = makeMe('city_admin');
    me.grants[0]!.tenant = { id: 't0', code: 'lanzhou', name: '团市委', kind: 'city' } as never;
    renderRoutes(routes, { me, at: '/workbench' });
    expect(menuLabels().slice(0, 2)).toEqual(['工作台', '租户管理']);
    expect(menuLabels()).not.toContain('团员管理');
  });

  it('navigates from the menu', async () => {
    renderRoutes(routes, { me: makeMe('org_secretary'), at: '/workbench' });
    fireEvent.click(screen.getByRole('menuitem', { name: '组织管理' }));
    expect(await screen.findByRole('heading', { name: '组织管理' })).toBeTruthy();
  });

  it('offers the identity switcher when the user has several grants', () => {
    const me = makeMe('district_admin');
    me.grants.push({
      id: 'g2',
      role: 'district_admin',
      tenant: { id: 't2', code: 'qilihe', name: '七里河区团委', kind: 'district' },
      scopeOrg: null,
    } as never);
    renderRoutes(routes, { me, at: '/workbench' });
    expect(screen.getByRole('button', { name: /切换身份/ })).toBeTruthy();
  });

  it('sends a user without an active identity to the chooser', async () => {
    const me = makeMe('district_admin', { activeGrantId: null });
    const { router } = renderRoutes(routes, { me, at: '/workbench' });
    expect(await screen.findByRole('heading', { name: '选择身份/单位' })).toBeTruthy();
    expect(router.state.location.search).toBe('?redirect=%2Fworkbench');
  });
});
