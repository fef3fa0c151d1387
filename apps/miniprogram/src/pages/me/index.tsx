import { useQuery } from '@tanstack/react-query';
import { Button, Text, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { ErrorBlock, Loading } from '../../components/states';
import { appCodeOf } from '../../lib/errors';
import { formatDate, formatMemberNumber } from '../../lib/format';
import { roleText } from '../../lib/labels';
import { goChooseIdentity, PASSWORD_PAGE } from '../../lib/navigation';
import { queryClient, queryKeys } from '../../lib/query';
import { clearToken, getToken, goToLogin, LOGIN_PAGE } from '../../lib/session';
import { trpc } from '../../lib/trpc';
import './index.css';

/** 我的: own profile, the current identity, 切换身份, 修改密码, 退出登录. */
export default function MePage() {
  const signedIn = Boolean(getToken());
  const [loggingOut, setLoggingOut] = useState(false);

  // The same query as 首页: it carries me, branch and the own member profile.
  const summary = useQuery({
    queryKey: queryKeys.homeSummary,
    queryFn: () => trpc.home.summary.query(),
    enabled: signedIn,
  });

  useEffect(() => {
    if (!signedIn) goToLogin();
  }, [signedIn]);

  useDidShow(() => {
    if (signedIn && summary.isStale) void summary.refetch();
  });

  usePullDownRefresh(() => {
    void summary.refetch().finally(() => Taro.stopPullDownRefresh());
  });

  const logout = async () => {
    if (loggingOut) return;
    const answer = await Taro.showModal({
      title: '退出登录',
      content: '确定退出登录吗？',
      confirmText: '退出',
      cancelText: '取消',
      confirmColor: '#c8161d',
    });
    if (!answer.confirm) return;
    setLoggingOut(true);
    try {
      await trpc.auth.logout.mutate();
    } catch {
      // The session is dropped locally either way.
    }
    clearToken();
    queryClient.clear();
    void Taro.reLaunch({ url: LOGIN_PAGE });
  };

  if (!signedIn) return null;
  if (summary.isPending) return <Loading />;

  const actions = (
    <View className="actions">
      <Button className="btn btn-default" onClick={goChooseIdentity}>
        切换身份
      </Button>
      <Button className="btn btn-default" onClick={() => void Taro.navigateTo({ url: PASSWORD_PAGE })}>
        修改密码
      </Button>
      <Button className="btn btn-danger" onClick={logout}>
        {loggingOut ? '正在退出…' : '退出登录'}
      </Button>
    </View>
  );

  if (summary.error) {
    // Without an identity there is no summary, but 切换身份 and 退出登录 must stay reachable.
    return (
      <View className="page">
        {appCodeOf(summary.error) === 'TENANT_REQUIRED' ? (
          <View className="card">
            <Text className="card-title">当前身份</Text>
            <Text className="identity-now">尚未选择身份</Text>
          </View>
        ) : (
          <ErrorBlock error={summary.error} onRetry={() => void summary.refetch()} />
        )}
        {actions}
      </View>
    );
  }

  const { me, branch, profile } = summary.data;
  const grant = me.grants.find((g) => g.id === me.activeGrantId) ?? null;

  return (
    <View className="page">
      <View className="card">
        <Text id="me-name" className="profile-name">
          {profile?.name ?? me.user.displayName}
        </Text>
        <Text className="profile-username muted">账号 {me.user.username}</Text>
        {profile ? (
          <View>
            <View className="row">
              <Text className="row-label">团员编号</Text>
              <Text className="row-value">{formatMemberNumber(profile.memberNumber)}</Text>
            </View>
            <View className="row">
              <Text className="row-label">所在团支部</Text>
              <Text className="row-value">{profile.orgName || branch?.name || '—'}</Text>
            </View>
            <View className="row">
              <Text className="row-label">入团时间</Text>
              <Text className="row-value">{formatDate(profile.joinDate)}</Text>
            </View>
          </View>
        ) : (
          <Text className="muted">
            当前身份没有关联团员档案。以团员身份登录时，这里显示团员编号、所在团支部和入团时间。
          </Text>
        )}
      </View>

      <View className="card">
        <Text className="card-title">当前身份</Text>
        {grant ? (
          <View>
            <Text id="me-identity" className="identity-now">
              {grant.tenant.name} · {roleText(grant.role)}
            </Text>
            {grant.scopeOrg ? <Text className="muted">{grant.scopeOrg.name}</Text> : null}
          </View>
        ) : (
          <Text className="identity-now">尚未选择身份</Text>
        )}
      </View>

      {actions}
    </View>
  );
}
