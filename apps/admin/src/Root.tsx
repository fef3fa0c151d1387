import { QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import { useEffect } from 'react';
import { RouterProvider } from 'react-router-dom';
import { configureErrorHandler } from './lib/error-handler';
import './lib/format'; // dayjs zh-cn
import { queryClient, trpc } from './lib/trpc';
import { router } from './router';
import { theme } from './theme';

function currentLocation(): string {
  const { pathname, search } = router.state.location;
  return `${pathname}${search}`;
}

/** Connects the global error handler to antd's message API and the router. */
function ErrorBridge() {
  const { message } = AntApp.useApp();
  useEffect(() => {
    configureErrorHandler({
      showError: (text) => {
        void message.error({ content: text, key: text, duration: 4 });
      },
      toLogin: () => {
        const here = currentLocation();
        if (here.startsWith('/login')) return;
        const hadSession = queryClient.getQueryData(trpc.auth.me.queryKey()) !== undefined;
        queryClient.clear();
        if (hadSession) void message.warning({ content: '登录已过期，请重新登录', key: 'session-expired' });
        void router.navigate(`/login?redirect=${encodeURIComponent(here)}`, { replace: true });
      },
      toIdentity: () => {
        const here = currentLocation();
        if (here.startsWith('/select-identity') || here.startsWith('/login')) return;
        void router.navigate(`/select-identity?redirect=${encodeURIComponent(here)}`, { replace: true });
      },
    });
  }, [message]);
  return null;
}

export function Root() {
  return (
    <ConfigProvider locale={zhCN} theme={theme} button={{ autoInsertSpace: false }}>
      <AntApp>
        <QueryClientProvider client={queryClient}>
          <ErrorBridge />
          <RouterProvider router={router} />
        </QueryClientProvider>
      </AntApp>
    </ConfigProvider>
  );
}
