import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import type { ReactNode } from 'react';
import { createMemoryRouter, type RouteObject, RouterProvider } from 'react-router-dom';
import type { Me } from '../lib/api-types';
import { trpc } from '../lib/trpc';

type Role = Me['grants'][number]['role'];

export function makeMe(role: Role, extra: Partial<Me> = {}): Me {
  const grant = {
    id: 'g1',
    role,
    tenant: { id: 't1', code: 'chengguan', name: '城关区团委', kind: 'district' },
    scopeOrg: null,
  } as Me['grants'][number];
  return {
    user: { id: 'u1', username: 'chengguan.admin', displayName: '王敏', mustChangePassword: false },
    grants: [grant],
    activeGrantId: 'g1',
    ...extra,
  } as Me;
}

/** Renders routes with `auth.me` already answered, so nothing is fetched. */
export function renderRoutes(routes: RouteObject[], opts: { me: Me; at: string }) {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false, staleTime: Infinity } } });
  queryClient.setQueryData(trpc.auth.me.queryKey(), opts.me);
  const router = createMemoryRouter(routes, { initialEntries: [opts.at] });
  const wrap = (children: ReactNode) => (
    <ConfigProvider locale={zhCN} button={{ autoInsertSpace: false }}>
      <AntApp>
        <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
      </AntApp>
    </ConfigProvider>
  );
  return { ...render(wrap(<RouterProvider router={router} />)), router, queryClient };
}
