import { RightOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type TenantKind, tenantKindLabel } from '@tuanjian/domain';
import { Alert, Button, Flex, Result, Tag, theme } from 'antd';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { AuthShell } from '../components/AuthShell';
import { Loading } from '../components/Loading';
import { useDocumentTitle } from '../components/PageHeader';
import { safeRedirect } from '../lib/access';
import type { Grant } from '../lib/api-types';
import { grantLabel, useLogout, useMe } from '../lib/auth';
import { describeError } from '../lib/errors';
import { trpc } from '../lib/trpc';

export default function SelectIdentityPage() {
  useDocumentTitle('选择身份');
  const { me, isPending, error, refetch } = useMe();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const logout = useLogout();
  const { token } = theme.useToken();
  const redirect = safeRedirect(params.get('redirect'));

  const choose = useMutation(
    trpc.auth.switchTenant.mutationOptions({
      meta: { silent: true },
      onSuccess: (next) => {
        queryClient.getQueryCache().clear();
        queryClient.setQueryData(trpc.auth.me.queryKey(), next);
        navigate(redirect, { replace: true });
      },
    }),
  );

  if (isPending) return <Loading fullPage tip="正在加载您的身份…" />;
  if (error || !me) {
    return (
      <AuthShell>
        <Result
          status="error"
          title="无法加载身份信息"
          subTitle={describeError(error).message}
          extra={<Button onClick={() => void refetch()}>重试</Button>}
        />
      </AuthShell>
    );
  }

  const renderGrant = (g: Grant) => {
    const active = g.id === me.activeGrantId;
    const pending = choose.isPending && choose.variables?.grantId === g.id;
    return (
      <Button
        key={g.id}
        block
        size="large"
        disabled={choose.isPending}
        loading={pending}
        aria-label={grantLabel(g)}
        onClick={() => choose.mutate({ grantId: g.id })}
        style={{ height: 'auto', padding: '12px 16px', textAlign: 'left', justifyContent: 'space-between' }}
      >
        <Flex vertical style={{ minWidth: 0, flex: 1 }}>
          <span style={{ fontWeight: 500, whiteSpace: 'normal' }}>{grantLabel(g)}</span>
          <span style={{ fontSize: 12, color: token.colorTextTertiary, whiteSpace: 'normal' }}>
            {tenantKindLabel[g.tenant.kind as TenantKind] ?? g.tenant.kind}
            {g.scopeOrg ? ` · ${g.scopeOrg.name}` : ''}
          </span>
        </Flex>
        {active ? <Tag color="red">当前</Tag> : <RightOutlined aria-hidden />}
      </Button>
    );
  };

  return (
    <AuthShell width={480}>
      <h1 style={{ margin: '0 0 8px', fontSize: 20, fontWeight: 600, textAlign: 'center' }}>选择身份/单位</h1>
      <p style={{ margin: '0 0 24px', textAlign: 'center', color: token.colorTextSecondary }}>
        {me.user.displayName}，您在多个单位担任职务，请选择本次要进入的身份。
      </p>
      {choose.error ? (
        <Alert
          type="error"
          showIcon
          role="alert"
          style={{ marginBottom: 16 }}
          title={describeError(choose.error).message}
        />
      ) : null}
      {me.grants.length === 0 ? (
        <Alert type="warning" showIcon title="该账号尚未分配任何身份，请联系上级团组织管理员。" />
      ) : (
        <ul
          aria-label="可选身份"
          style={{ listStyle: 'none', margin: 0, padding: 0, display: 'grid', gap: 12 }}
        >
          {me.grants.map((g) => (
            <li key={g.id}>{renderGrant(g)}</li>
          ))}
        </ul>
      )}
      <Flex justify="center" style={{ marginTop: 24 }}>
        <Button type="link" onClick={() => logout.mutate()} loading={logout.isPending}>
          退出登录
        </Button>
      </Flex>
    </AuthShell>
  );
}
