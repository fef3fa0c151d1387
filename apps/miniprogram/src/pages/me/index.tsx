import { useQuery } from '@tanstack/react-query';
import { Button, Text, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { ErrorBlock, Loading } from '../../components/states';
import { formatDate, formatMemberNumber } from '../../lib/format';
import { roleText } from '../../lib/labels';
import { goChooseIdentity, PASSWORD_PAGE } from '../../lib/navigation';
import { queryClient, queryKeys } from '../../lib/query';
import { clearToken, getToken, goToLogin, LOGIN_PAGE } from '../../lib/session';
import { trpc } from '../../lib/trpc';
import './index.css';

/**
 * 我的: own profile, the current identity, 切换身份, 修改密码, 退出登录.
 * The identity comes from `auth.me` (works for every identity); the member record from
 * `home.summary` (shared with 首页; absent for identities without one).
 */
export default function MePage() {
  const signedIn = Boolean(getToken());
  const [loggingOut, setLoggingOut] = useState(false);

  const me = useQuery({
    queryKey: queryKeys.me,
    queryFn: () => trpc.auth.me.query(),
    enabled: signedIn,
  });
  const summary = useQuery({
    queryKey: queryKeys.homeSummary,
    queryFn: () => trpc.home.summary.query(),
    enabled: signedIn,
  });

  const isSecretary = me.data?.grants.find((g) => g.id === me.data?.activeGrantId)?.role === 'org_secretary';
  const waiting = useQuery({
    queryKey: ['development', 'waiting'],
    queryFn: () => trpc.development.waiting.query(),
    enabled: signedIn && isSecretary,
  });

  useEffect(() => {
    if (!signedIn) goToLogin();
  }, [signedIn]);

  useDidShow(() => {
    if (!signedIn) return;
    if (me.isStale) void me.refetch();
    if (summary.isStale) void summary.refetch();
  });

  usePullDownRefresh(() => {
    void Promise.allSettled([me.refetch(), summary.refetch()]).finally(() => Taro.stopPullDownRefresh());
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
  if (me.isPending) return <Loading />;

  const actions = (
    <View className="actions">
      <Button className="btn btn-default" onClick={goChooseIdentity}>
        切换身份
      </Button>
      <Button className="btn btn-default" onClick={() => void Taro.navigateTo({ url: PASSWORD_PAGE })}>
        修改密码
      </Button>
      <Button className={loggingOut ? 'btn btn-danger btn-busy' : 'btn btn-danger'} onClick={logout}>
        {loggingOut ? '正在退出…' : '退出登录'}
      </Button>
    </View>
  );

  if (me.error) {
    // 切换身份 and 退出登录 stay reachable whatever went wrong.
    return (
      <View className="page">
        <ErrorBlock error={me.error} onRetry={() => void me.refetch()} />
        {actions}
      </View>
    );
  }

  const { user, grants, activeGrantId } = me.data;
  const grant = grants.find((g) => g.id === activeGrantId) ?? null;
  const profile = summary.data?.profile ?? null;

  return (
    <View className="page">
      <View className="card">
        <Text id="me-name" className="profile-name">
          {profile?.name ?? user.displayName}
        </Text>
        <Text className="profile-username muted">账号 {user.username}</Text>
        {profile ? (
          <View>
            <View className="row">
              <Text className="row-label">团员编号</Text>
              <Text className="row-value">{formatMemberNumber(profile.memberNumber)}</Text>
            </View>
            <View className="row">
              <Text className="row-label">所在团支部</Text>
              <Text className="row-value">{profile.orgName || summary.data?.branch?.name || '—'}</Text>
            </View>
            <View className="row">
              <Text className="row-label">入团时间</Text>
              <Text className="row-value">{formatDate(profile.joinDate)}</Text>
            </View>
          </View>
        ) : summary.isPending ? (
          <Text className="muted">正在加载团员信息…</Text>
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
        {grants.length > 1 ? (
          <Text className="muted identity-count">共有 {grants.length} 个身份可切换</Text>
        ) : null}
      </View>

      <View className="card">
        <Text className="card-title">团费</Text>
        {grant?.role === 'org_secretary' ? (
          <Button
            className="btn btn-default"
            id="me-dues-collect"
            onClick={() => void Taro.navigateTo({ url: '/pages/dues/collect/index' })}
          >
            登记本月团费
          </Button>
        ) : null}
        {grant?.role === 'member' ? (
          <Button
            className="btn btn-default"
            id="me-dues-mine"
            onClick={() => void Taro.navigateTo({ url: '/pages/dues/mine/index' })}
          >
            我的团费
          </Button>
        ) : null}
      </View>

      <View className="card">
        <Text className="card-title">发展团员</Text>
        <Button
          className="btn btn-default"
          id="me-dev-apply"
          onClick={() => void Taro.navigateTo({ url: '/pages/development/apply/index' })}
        >
          提交入团申请
        </Button>
        <Button
          className="btn btn-default"
          id="me-dev-progress"
          onClick={() => void Taro.navigateTo({ url: '/pages/development/progress/index' })}
        >
          我的发展进度
        </Button>
        {grant?.role === 'org_secretary' ? (
          <Button
            className="btn btn-default"
            id="me-dev-review"
            onClick={() => void Taro.navigateTo({ url: '/pages/development/review/index' })}
          >
            入团申请审批{waiting.data?.length ? `（${waiting.data.length}）` : ''}
          </Button>
        ) : null}
      </View>

      <View className="card">
        <Text className="card-title">组织关系转接</Text>
        {grant?.role === 'member' ? (
          <Button
            className="btn btn-default"
            id="me-transfer-mine"
            onClick={() => void Taro.navigateTo({ url: '/pages/transfer/mine/index' })}
          >
            我的转接
          </Button>
        ) : null}
        {grant?.role === 'org_secretary' || grant?.role === 'district_admin' ? (
          <Button
            className="btn btn-default"
            id="me-transfer-incoming"
            onClick={() => void Taro.navigateTo({ url: '/pages/transfer/incoming/index' })}
          >
            转接待办
          </Button>
        ) : null}
      </View>

      {actions}
    </View>
  );
}
