import {
  AimOutlined,
  ApartmentOutlined,
  AuditOutlined,
  BankOutlined,
  CalendarOutlined,
  CloudUploadOutlined,
  DashboardOutlined,
  DownOutlined,
  FlagOutlined,
  KeyOutlined,
  LogoutOutlined,
  MenuFoldOutlined,
  MenuUnfoldOutlined,
  NodeIndexOutlined,
  NumberOutlined,
  PrinterOutlined,
  ProfileOutlined,
  ReadOutlined,
  SafetyCertificateOutlined,
  ScheduleOutlined,
  StarOutlined,
  SwapOutlined,
  TeamOutlined,
  UserAddOutlined,
  UserOutlined,
  WalletOutlined,
} from '@ant-design/icons';
import { roleLabel } from '@tuanjian/domain';
import { Badge, Button, Dropdown, Flex, Layout, Menu, type MenuProps, Tag, theme } from 'antd';
import { type ReactNode, Suspense, useState } from 'react';
import { Navigate, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { ChangePasswordModal } from '../components/ChangePasswordModal';
import { Loading } from '../components/Loading';
import { LoadError } from '../components/lazy-results';
import { PRODUCT_NAME } from '../components/PageHeader';
import { menuForRole, type PageKey, pageForPath } from '../lib/access';
import { grantLabel, useLogout, useMe, useSwitchTenant } from '../lib/auth';
import { describeError, isSessionExpired } from '../lib/errors';
import { todoTotal, useTodos } from '../lib/todos';
import { HeaderSearch } from '../pages/search/HeaderSearch';

const ICONS: Partial<Record<PageKey, ReactNode>> = {
  meetings: <ScheduleOutlined aria-hidden />,
  meetingsCompliance: <CalendarOutlined aria-hidden />,
  wallCharts: <PrinterOutlined aria-hidden />,
  workbench: <DashboardOutlined aria-hidden />,
  tenants: <BankOutlined aria-hidden />,
  organisations: <ApartmentOutlined aria-hidden />,
  members: <TeamOutlined aria-hidden />,
  archiveCompleteness: <SafetyCertificateOutlined aria-hidden />,
  imports: <CloudUploadOutlined aria-hidden />,
  development: <UserAddOutlined aria-hidden />,
  numberBlocks: <NumberOutlined aria-hidden />,
  twoSystems: <AuditOutlined aria-hidden />,
  transfers: <SwapOutlined aria-hidden />,
  schoolToSociety: <SwapOutlined aria-hidden />,
  orgLedger: <ProfileOutlined aria-hidden />,
  orgGaps: <AimOutlined aria-hidden />,
  orgProposals: <NodeIndexOutlined aria-hidden />,
  dues: <WalletOutlined aria-hidden />,
  themeDays: <FlagOutlined aria-hidden />,
  youthStudy: <ReadOutlined aria-hidden />,
  rating: <StarOutlined aria-hidden />,
  rectification: <AimOutlined aria-hidden />,
  recommendations: <FlagOutlined aria-hidden />,
  duesCity: <WalletOutlined aria-hidden />,
  liftDashboard: <DashboardOutlined aria-hidden />,
  liftRecords: <ProfileOutlined aria-hidden />,
  dataQuality: <SafetyCertificateOutlined aria-hidden />,
};

const ellipsis = { overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' } as const;

const COLLAPSED_KEY = 'tj.admin.siderCollapsed';

export function AppLayout() {
  const { me, activeGrant, role, isPending, error, refetch } = useMe();
  const location = useLocation();
  const navigate = useNavigate();
  const { token } = theme.useToken();
  const [collapsed, setCollapsed] = useState(() => localStorage.getItem(COLLAPSED_KEY) === '1');
  const [changingPassword, setChangingPassword] = useState(false);
  const logout = useLogout();
  const switchTenant = useSwitchTenant();
  // The red badge on 工作台: what waits on the user (PLAT-3).
  const todos = useTodos(role);
  const todoCount = todoTotal(todos.data);

  const here = `${location.pathname}${location.search}`;

  if (isPending) return <Loading fullPage tip="正在验证登录状态…" />;
  if (error) {
    const info = describeError(error);
    // The global error handler is already taking the user to the login page.
    if (isSessionExpired(info))
      return <Navigate to={`/login?redirect=${encodeURIComponent(here)}`} replace />;
    return (
      <Suspense fallback={<Loading fullPage />}>
        <LoadError title="无法加载登录信息" message={info.message} onRetry={() => void refetch()} />
      </Suspense>
    );
  }
  if (!me || !activeGrant || !role) {
    return <Navigate to={`/select-identity?redirect=${encodeURIComponent(here)}`} replace />;
  }

  const toggle = () => {
    setCollapsed((c) => {
      localStorage.setItem(COLLAPSED_KEY, c ? '0' : '1');
      return !c;
    });
  };

  const menuItems: MenuProps['items'] = menuForRole(role).map((p) => ({
    key: p.key,
    icon: ICONS[p.key],
    label:
      p.key === 'workbench' && todoCount > 0 ? (
        <Flex align="center" justify="space-between" gap={8}>
          {p.title}
          <Badge count={todoCount} overflowCount={99} size="small" title={`${todoCount} 项待办`} />
        </Flex>
      ) : (
        p.title
      ),
    onClick: () => navigate(p.path),
  }));
  const selected = pageForPath(location.pathname);

  const otherGrants = me.grants.filter((g) => g.id !== activeGrant.id);
  const switcherItems: MenuProps['items'] = [
    { key: 'title', type: 'group', label: '切换身份/单位' },
    ...me.grants.map((g) => ({
      key: g.id,
      disabled: g.id === activeGrant.id,
      label: (
        <div>
          <div>{grantLabel(g)}</div>
          {g.scopeOrg ? (
            <div style={{ fontSize: 12, color: token.colorTextTertiary }}>{g.scopeOrg.name}</div>
          ) : null}
        </div>
      ),
      extra: g.id === activeGrant.id ? <Tag color="red">当前</Tag> : undefined,
    })),
  ];

  const userItems: MenuProps['items'] = [
    {
      key: 'password',
      icon: <KeyOutlined aria-hidden />,
      label: '修改密码',
      onClick: () => setChangingPassword(true),
    },
    { type: 'divider' },
    {
      key: 'logout',
      icon: <LogoutOutlined aria-hidden />,
      label: '退出登录',
      onClick: () => logout.mutate(),
    },
  ];

  const tenantTitle = (
    <Flex align="center" gap={8} style={{ minWidth: 0 }}>
      <span data-testid="current-tenant" style={{ ...ellipsis, fontSize: 16, fontWeight: 600 }}>
        {activeGrant.tenant.name}
      </span>
      <Tag color="red" style={{ marginInlineEnd: 0 }}>
        {roleLabel[role] ?? role}
      </Tag>
      {activeGrant.scopeOrg ? (
        <span style={{ ...ellipsis, color: token.colorTextSecondary }}>{activeGrant.scopeOrg.name}</span>
      ) : null}
    </Flex>
  );

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Sider
        collapsible
        collapsed={collapsed}
        trigger={null}
        width={208}
        breakpoint="lg"
        onBreakpoint={(broken) => setCollapsed(broken)}
      >
        <div
          style={{
            height: 56,
            display: 'flex',
            alignItems: 'center',
            justifyContent: collapsed ? 'center' : 'flex-start',
            padding: collapsed ? 0 : '0 20px',
            color: '#fff',
            fontWeight: 600,
            fontSize: collapsed ? 16 : 17,
            whiteSpace: 'nowrap',
            overflow: 'hidden',
          }}
        >
          <span
            aria-hidden
            style={{
              display: 'inline-flex',
              width: 28,
              height: 28,
              borderRadius: 6,
              background: token.colorPrimary,
              alignItems: 'center',
              justifyContent: 'center',
              marginRight: collapsed ? 0 : 10,
              flex: 'none',
            }}
          >
            团
          </span>
          {collapsed ? null : PRODUCT_NAME}
        </div>
        <nav aria-label="主菜单">
          <Menu theme="dark" mode="inline" selectedKeys={selected ? [selected] : []} items={menuItems} />
        </nav>
      </Layout.Sider>
      <Layout>
        <Layout.Header
          style={{
            display: 'flex',
            alignItems: 'center',
            gap: 12,
            borderBottom: `1px solid ${token.colorBorderSecondary}`,
            position: 'sticky',
            top: 0,
            zIndex: 10,
          }}
        >
          <Button
            type="text"
            aria-label={collapsed ? '展开菜单' : '收起菜单'}
            icon={collapsed ? <MenuUnfoldOutlined aria-hidden /> : <MenuFoldOutlined aria-hidden />}
            onClick={toggle}
          />
          <div style={{ flex: 1, minWidth: 0 }}>{tenantTitle}</div>
          {role !== 'inspector' && role !== 'instructor' ? <HeaderSearch /> : null}
          {otherGrants.length > 0 ? (
            <Dropdown
              trigger={['click']}
              menu={{
                items: switcherItems,
                onClick: ({ key }) => {
                  if (key !== activeGrant.id) switchTenant.mutate({ grantId: key });
                },
              }}
            >
              <Button icon={<SwapOutlined aria-hidden />} loading={switchTenant.isPending}>
                切换身份 <DownOutlined aria-hidden />
              </Button>
            </Dropdown>
          ) : null}
          <Dropdown trigger={['click']} menu={{ items: userItems }}>
            <Button type="text" icon={<UserOutlined aria-hidden />} data-testid="current-user">
              {me.user.displayName} <DownOutlined aria-hidden />
            </Button>
          </Dropdown>
          <Button
            icon={<LogoutOutlined aria-hidden />}
            loading={logout.isPending}
            onClick={() => logout.mutate()}
          >
            退出登录
          </Button>
        </Layout.Header>
        <Layout.Content style={{ padding: 24 }}>
          <main>
            <Suspense fallback={<Loading />}>
              {/* Keyed by the grant: switching identity remounts the page and refetches its data. */}
              <Outlet key={activeGrant.id} />
            </Suspense>
          </main>
        </Layout.Content>
        <Layout.Footer style={{ textAlign: 'center', color: token.colorTextTertiary, padding: '12px 24px' }}>
          {PRODUCT_NAME}
        </Layout.Footer>
      </Layout>
      <ChangePasswordModal
        open={changingPassword || me.user.mustChangePassword}
        forced={me.user.mustChangePassword}
        onClose={() => setChangingPassword(false)}
      />
    </Layout>
  );
}
