import { useQuery } from '@tanstack/react-query';
import { View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { useEffect } from 'react';
import { Empty, ErrorBlock, Loading } from '../../components/states';
import { queryClient, queryKeys } from '../../lib/query';
import { getToken, goToLogin } from '../../lib/session';
import { trpc } from '../../lib/trpc';
import { LectureSection } from '../lectures/section';
import { MemberThemeDay } from './theme-day-member';
import { SecretaryThemeDay } from './theme-day-secretary';
import './activities.css';

/**
 * 活动 tab: this month's 主题团日 (LIFE-2; the secretary keeps it, a member checks in) and the
 * 五四讲堂 (LIFE-3). Each part is its own section component; pull to refresh refetches them all.
 */
export default function ActivitiesPage() {
  const signedIn = Boolean(getToken());
  const me = useQuery({ queryKey: queryKeys.me, queryFn: () => trpc.auth.me.query(), enabled: signedIn });
  useEffect(() => {
    if (!signedIn) goToLogin();
  }, [signedIn]);
  useDidShow(() => {
    if (signedIn) void queryClient.invalidateQueries({ queryKey: ['themeDays'] });
  });
  usePullDownRefresh(() => {
    void queryClient.invalidateQueries().finally(() => Taro.stopPullDownRefresh());
  });
  if (!signedIn || me.isPending) return <Loading />;
  if (me.error) return <ErrorBlock error={me.error} onRetry={() => void me.refetch()} />;
  const grant = me.data.grants.find((g) => g.id === me.data.activeGrantId);
  const role = grant?.role;
  const district = grant?.tenant.kind === 'district';
  return (
    <View className="page">
      {/* ================= 主题团日+ (LIFE-2, helper "themeday") ================= */}
      <View id="theme-day-section">
        {district && role === 'org_secretary' ? <SecretaryThemeDay /> : null}
        {district && role === 'member' ? <MemberThemeDay /> : null}
        {!district || (role !== 'org_secretary' && role !== 'member') ? (
          <View className="card">
            <Empty
              title="主题团日"
              text="团支部书记在这里开展本月主题团日，团员在这里签到；上级团委请在管理后台查看各团支部完成情况。"
            />
          </View>
        ) : null}
      </View>

      {/* ================= 五四讲堂 (LIFE-3, helper "lectures") ================= */}
      <View id="lectures-section">
        {district ? (
          <LectureSection />
        ) : (
          <View className="card">
            <Empty title="五四讲堂" text="团市委每月举办五四讲堂，区县团员在这里报名和签到。" />
          </View>
        )}
      </View>
    </View>
  );
}
