import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { makeMe, renderRoutes } from '../test/render';
import { RequirePage } from './RequirePage';

const routes = [
  {
    path: '/tenants',
    element: (
      <RequirePage page="tenants">
        <h1>租户管理</h1>
      </RequirePage>
    ),
  },
  {
    path: '/members',
    element: (
      <RequirePage page="members">
        <h1>团员管理</h1>
      </RequirePage>
    ),
  },
];

describe('RequirePage', () => {
  it('shows the page to a role that may open it', async () => {
    renderRoutes(routes, { me: makeMe('city_admin'), at: '/tenants' });
    expect(await screen.findByRole('heading', { name: '租户管理' })).toBeTruthy();
    expect(screen.queryByText('403')).toBeNull();
    expect(document.title).toBe('租户管理 - 团建云 管理后台');
  });

  it('shows 403 in Chinese to a role that may not', async () => {
    renderRoutes(routes, { me: makeMe('district_admin'), at: '/tenants' });
    expect(await screen.findByText('403')).toBeTruthy();
    expect(screen.getByText(/您当前的身份无权访问此页面/)).toBeTruthy();
    expect(screen.getByRole('button', { name: '返回工作台' })).toBeTruthy();
    expect(screen.queryByRole('heading', { name: '租户管理' })).toBeNull();
    expect(document.title).toBe('无权访问 - 团建云 管理后台');
  });

  it('keeps a committee member out of the member list', async () => {
    renderRoutes(routes, { me: makeMe('committee_member'), at: '/members' });
    expect(await screen.findByText('403')).toBeTruthy();
    expect(screen.queryByRole('heading', { name: '团员管理' })).toBeNull();
  });
});
