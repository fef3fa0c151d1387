import { Button, Text, View } from '@tarojs/components';
import { useQuery } from '@tanstack/react-query';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { useEffect } from 'react';
import { Empty, ErrorBlock, Loading } from '../../components/states';
import { appCodeOf, isUnauthorized, toastError } from '../../lib/errors';
import { formatMemberNumber } from '../../lib/format';
import { memberStatusText, orgKindText } from '../../lib/labels';
import { goChooseIdentity, PASSWORD_PAGE } from '../../lib/navigation';
import { queryKeys } from '../../lib/query';
import { getToken, goToLogin } from '../../lib/session';
import { trpc } from '../../lib/trpc';
import './index.css';

/**
 * 首页: the branch of the current identity and its members (`home.summary`).
 * Stable texts for end-to-end tests: the branch name heading (#home-branch-name)
 * and the section heading 本支部团员 (#home-members-title).
 */
export default function HomePage() {
  const signedIn = Boolean(getToken());

  const summary = useQuery({
    queryKey: queryKeys.homeSummary,
    queryFn: () => trpc.home.summary.query(),
    enabled: signedIn,
  });

  useEffect(() => {
    if (!signedIn) goToLogin();
  }, [signedIn]);

  // Identity not chosen yet / first password not changed: send the user to the step that is missing.
  const code = appCodeOf(summary.error);
  useEffect(() => {
    if (code === 'TENANT_REQUIRED') goChooseIdentity();
    if (code === 'PASSWORD_CHANGE_REQUIRED') void Taro.redirectTo({ url: PASSWORD_PAGE });
  }, [code]);

  useDidShow(() => {
    if (signedIn && summary.isStale) void summary.refetch();
  });

  usePullDownRefresh(() => {
    summary
      .refetch()
      .then((result) => {
        if (result.error && !isUnauthorized(result.error)) toastError(result.error);
      })
      .finally(() => Taro.stopPullDownRefresh());
  });

  if (!signedIn) return null;
  if (summary.isPending) return <Loading />;
  if (summary.error) {
    if (code === 'TENANT_REQUIRED') {
      return (
        <Empty title='请先选择身份' text='您在多个团组织有身份，选择一个身份后即可查看本支部。'>
          <Button className='btn btn-primary' onClick={goChooseIdentity}>
            选择身份
          </Button>
        </Empty>
      );
    }
    return <ErrorBlock error={summary.error} onRetry={() => void summary.refetch()} />;
  }

  const { branch, members } = summary.data;

  if (!branch) {
    return (
      <View className='page'>
        <Empty
          title='当前身份没有所属团支部'
          text='首页显示您所在团支部的情况。如果您在团支部任职或是团员，请切换到该身份；如果还没有加入团支部，请联系所在团组织或上级团委。'
        >
          <Button className='btn btn-primary' onClick={goChooseIdentity}>
            切换身份
          </Button>
        </Empty>
      </View>
    );
  }

  return (
    <View className='page'>
      <View className='card branch-card'>
        <Text className='tag'>{orgKindText(branch.kind)}</Text>
        <Text id='home-branch-name' className='branch-name'>
          {branch.name}
        </Text>
        <Text className='branch-meta'>上级组织：{branch.parentName || '—'}</Text>
      </View>

      <View className='section-head'>
        <Text id='home-members-title' className='section-title'>
          本支部团员
        </Text>
        <Text className='muted'>共 {members.length} 人</Text>
      </View>

      {members.length === 0 ? (
        <View className='card'>
          <Empty
            title='本支部还没有团员'
            text='团员信息由团支部书记或上级团委在管理后台录入。录入后，在本页下拉即可刷新。'
          />
        </View>
      ) : (
        <View className='card members'>
          {members.map((m) => (
            <View key={m.id} className='member'>
              <View>
                <Text className='member-name'>{m.name}</Text>
                <Text className='member-number'>团员编号 {formatMemberNumber(m.memberNumber)}</Text>
              </View>
              <Text className={m.status === 'active' ? 'tag' : 'tag tag-grey'}>{memberStatusText(m.status)}</Text>
            </View>
          ))}
        </View>
      )}
      <Text className='refresh-hint muted'>下拉可刷新</Text>
    </View>
  );
}
