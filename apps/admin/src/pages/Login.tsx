import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Form, Input } from 'antd';
import { useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { AuthShell } from '../components/AuthShell';
import { useDocumentTitle } from '../components/PageHeader';
import { safeRedirect } from '../lib/access';
import type { Me } from '../lib/api-types';
import { describeError } from '../lib/errors';
import { trpc } from '../lib/trpc';

interface Values {
  username: string;
  password: string;
}

/** Where to go after login: straight in, or first choose among several identities. */
export function nextStepAfterLogin(me: Me): 'enter' | 'choose' | 'auto' | 'none' {
  if (me.activeGrantId) return 'enter';
  if (me.grants.length === 0) return 'none';
  if (me.grants.length === 1) return 'auto';
  return 'choose';
}

export default function LoginPage() {
  useDocumentTitle('登录');
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<{ message: string; rateLimited: boolean } | null>(null);
  const redirect = safeRedirect(params.get('redirect'));

  const switchTenant = useMutation(trpc.auth.switchTenant.mutationOptions({ meta: { silent: true } }));

  const login = useMutation(
    trpc.auth.login.mutationOptions({
      meta: { silent: true },
      onSuccess: async ({ me }) => {
        // Nothing cached under a previous user may survive a new login.
        queryClient.getQueryCache().clear();
        queryClient.setQueryData(trpc.auth.me.queryKey(), me);
        const step = nextStepAfterLogin(me);
        if (step === 'enter') {
          navigate(redirect, { replace: true });
        } else if (step === 'choose') {
          navigate(`/select-identity?redirect=${encodeURIComponent(redirect)}`, { replace: true });
        } else if (step === 'auto') {
          try {
            const next = await switchTenant.mutateAsync({ grantId: me.grants[0]!.id });
            queryClient.setQueryData(trpc.auth.me.queryKey(), next);
            navigate(redirect, { replace: true });
          } catch (e) {
            setError({ message: describeError(e).message, rateLimited: false });
          }
        } else {
          setError({ message: '该账号尚未分配任何身份，请联系上级团组织管理员。', rateLimited: false });
        }
      },
      onError: (e) => {
        const info = describeError(e);
        const rateLimited = info.appCode === 'AUTH_RATE_LIMITED' || info.code === 'TOO_MANY_REQUESTS';
        setError({ message: info.message, rateLimited });
        if (!rateLimited) form.setFieldValue('password', '');
      },
    }),
  );

  const busy = login.isPending || switchTenant.isPending;

  return (
    <AuthShell>
      <h1 style={{ margin: '0 0 24px', fontSize: 20, fontWeight: 600, textAlign: 'center' }}>账号登录</h1>
      {params.get('redirect') && !error ? (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title="请先登录，登录后将回到您刚才访问的页面。"
        />
      ) : null}
      {error ? (
        <Alert
          type={error.rateLimited ? 'warning' : 'error'}
          showIcon
          role="alert"
          style={{ marginBottom: 16 }}
          title={error.message}
        />
      ) : null}
      <Form<Values>
        form={form}
        name="login"
        layout="vertical"
        requiredMark={false}
        size="large"
        disabled={busy}
        onValuesChange={() => {
          if (error && !error.rateLimited) setError(null);
        }}
        onFinish={(v) => {
          setError(null);
          login.mutate({ username: v.username.trim(), password: v.password, client: 'admin' });
        }}
      >
        <Form.Item
          label="用户名"
          name="username"
          rules={[{ required: true, whitespace: true, message: '请输入用户名' }]}
        >
          <Input
            prefix={<UserOutlined aria-hidden />}
            autoComplete="username"
            autoFocus
            placeholder="请输入用户名"
          />
        </Form.Item>
        <Form.Item label="密码" name="password" rules={[{ required: true, message: '请输入密码' }]}>
          <Input.Password
            prefix={<LockOutlined aria-hidden />}
            autoComplete="current-password"
            placeholder="请输入密码"
          />
        </Form.Item>
        <Form.Item style={{ marginBottom: 0, marginTop: 8 }}>
          <Button type="primary" htmlType="submit" block loading={busy}>
            登录
          </Button>
        </Form.Item>
      </Form>
    </AuthShell>
  );
}
