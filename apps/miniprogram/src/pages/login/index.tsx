import { useMutation } from '@tanstack/react-query';
import { Button, Input, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { IdentityChooser } from '../../components/identity-chooser';
import { errorMessage } from '../../lib/errors';
import { goHome, NO_IDENTITY_MESSAGE, nextStep, PASSWORD_PAGE } from '../../lib/navigation';
import { queryClient } from '../../lib/query';
import { setToken } from '../../lib/session';
import { type Me, trpc } from '../../lib/trpc';
import './index.css';

/**
 * 登录. Stable texts for end-to-end tests: inputs with placeholders 请输入用户名 /
 * 请输入密码 (ids login-username / login-password), button 登录 (id login-submit);
 * errors in #login-error.
 */
export default function LoginPage() {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [chooserFor, setChooserFor] = useState<Me | null>(null);

  const login = useMutation({
    meta: { authRedirect: false },
    mutationFn: () => trpc.auth.login.mutate({ username: username.trim(), password, client: 'miniprogram' }),
    onSuccess: ({ token, me }) => {
      if (!token) {
        setError('登录失败：服务器没有返回登录凭证，请联系管理员');
        return;
      }
      setToken(token);
      queryClient.clear();
      switch (nextStep(me)) {
        case 'change-password':
          void Taro.redirectTo({ url: PASSWORD_PAGE });
          break;
        case 'choose-identity':
          setChooserFor(me);
          break;
        case 'no-identity':
          setError(NO_IDENTITY_MESSAGE);
          break;
        default:
          goHome();
      }
    },
    onError: (e) => setError(errorMessage(e)),
  });

  const submit = () => {
    if (login.isPending) return;
    if (!username.trim()) {
      setError('请输入用户名');
      return;
    }
    if (!password) {
      setError('请输入密码');
      return;
    }
    setError(null);
    login.mutate();
  };

  if (chooserFor) {
    return (
      <View className="page">
        <Text className="chooser-title">选择身份</Text>
        <Text className="chooser-text">
          您在多个团组织有身份，请选择这次要使用的身份。之后可在“我的”中切换。
        </Text>
        <IdentityChooser me={chooserFor} />
      </View>
    );
  }

  return (
    <View className="login">
      <Text className="login-brand">团建</Text>
      <Text className="login-slogan">团支部书记和团员的掌上团务</Text>

      {error ? (
        <View id="login-error" className="error-block">
          {error}
        </View>
      ) : null}

      <View className="field">
        <Text className="field-label">用户名</Text>
        <Input
          id="login-username"
          className="field-input"
          type="text"
          placeholder="请输入用户名"
          value={username}
          maxlength={64}
          onInput={(e) => setUsername(e.detail.value)}
          onConfirm={submit}
        />
      </View>
      <View className="field">
        <Text className="field-label">密码</Text>
        <Input
          id="login-password"
          className="field-input"
          password
          placeholder="请输入密码"
          value={password}
          maxlength={128}
          onInput={(e) => setPassword(e.detail.value)}
          onConfirm={submit}
        />
      </View>

      <Button
        id="login-submit"
        className={login.isPending ? 'btn btn-primary btn-busy login-submit' : 'btn btn-primary login-submit'}
        onClick={submit}
      >
        {login.isPending ? '正在登录…' : '登录'}
      </Button>
      <Text className="login-help muted">忘记密码请联系所在团组织的管理员重置</Text>
    </View>
  );
}
