import { useQuery } from '@tanstack/react-query';
import { Text, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { formatPermille, todayInShanghai } from '@tuanjian/domain';
import { useEffect } from 'react';
import { ErrorBlock, Loading } from '../../components/states';
import { queryKeys } from '../../lib/query';
import { getToken, goToLogin } from '../../lib/session';
import { trpc } from '../../lib/trpc';
import { HandbookEntry } from '../handbook/entry';
import '../meetings/meetings.css';

interface Entry {
  id: string;
  title: string;
  text: string;
  url: string;
}

/**
 * 团务 (tab): the branch's affairs in one place. A secretary: 会议记录 (三会两制一课), the compliance
 * calendar, 登记团费, 入团申请审批, 转接待办. A member: the branch's meetings and calendar, my dues,
 * my development progress, my transfer.
 */
export default function AffairsPage() {
  const signedIn = Boolean(getToken());
  useEffect(() => {
    if (!signedIn) goToLogin();
  }, [signedIn]);
  const me = useQuery({ queryKey: queryKeys.me, queryFn: () => trpc.auth.me.query(), enabled: signedIn });
  const role = me.data?.grants.find((g) => g.id === me.data?.activeGrantId)?.role;
  const year = Number(todayInShanghai().slice(0, 4));
  const calendar = useQuery({
    queryKey: ['meetings', 'calendar', 'own', year],
    queryFn: () => trpc.meetings.calendar.query({ year }),
    enabled: signedIn && (role === 'member' || role === 'org_secretary'),
    retry: false,
  });
  useDidShow(() => {
    if (signedIn && calendar.isStale) void calendar.refetch();
  });
  usePullDownRefresh(() => {
    void Promise.allSettled([me.refetch(), calendar.refetch()]).finally(() => Taro.stopPullDownRefresh());
  });
  if (me.isPending) return <Loading />;
  if (me.error) return <ErrorBlock error={me.error} onRetry={() => void me.refetch()} />;
  const manager = role === 'org_secretary' || role === 'district_admin';
  const meetings: Entry[] = manager
    ? [
        {
          id: 'affairs-meetings',
          title: '会议记录',
          text: '三会两制一课：登记会议、勾选出席、拍照留存',
          url: '/pages/meetings/list/index',
        },
        {
          id: 'affairs-calendar',
          title: '落实日历',
          text: '本支部每月、每季度、每年的落实情况',
          url: '/pages/meetings/calendar/index',
        },
      ]
    : role === 'member'
      ? [
          {
            id: 'affairs-meetings',
            title: '支部会议',
            text: '本支部的三会两制一课记录和我的出席',
            url: '/pages/meetings/list/index',
          },
          {
            id: 'affairs-calendar',
            title: '落实日历',
            text: '本支部的落实情况',
            url: '/pages/meetings/calendar/index',
          },
        ]
      : [];
  const others: Entry[] = manager
    ? [
        {
          id: 'affairs-reminders',
          title: '提醒名单',
          text: '本周青年大学习未完成、团费欠交的团员',
          url: '/pages/youth/reminders/index',
        },
        {
          id: 'affairs-mobile',
          title: '流动团员',
          text: '本组织负责的流动团员和外出流动的团员',
          url: '/pages/youth/mobile/index',
        },
        {
          id: 'affairs-dues',
          title: '登记团费',
          text: '本月谁交了、谁还欠着',
          url: '/pages/dues/collect/index',
        },
        {
          id: 'affairs-review',
          title: '入团申请审批',
          text: '待您办理的发展团员步骤',
          url: '/pages/development/review/index',
        },
        {
          id: 'affairs-transfer',
          title: '转接待办',
          text: '转入本组织的组织关系',
          url: '/pages/transfer/incoming/index',
        },
        {
          id: 'affairs-correction',
          title: '信息更正',
          text: '姓名、身份证号登记有误：提出更正申请，上级审核',
          url: '/pages/accounts/correction/index',
        },
        {
          id: 'affairs-rating',
          title: '我的星级',
          text: '星级评定：本组织的星级、怎样提升、自评签字',
          url: '/pages/rating/mine/index',
        },
        {
          id: 'affairs-rectification',
          title: '整理整顿',
          text: '支部查、互相评，整改任务和佐证材料',
          url: '/pages/rectification/mine/index',
        },
      ]
    : role === 'member'
      ? [
          {
            id: 'affairs-youth',
            title: '我的青年大学习',
            text: '本周是否完成、最近各期记录',
            url: '/pages/youth/study/index',
          },
          {
            id: 'affairs-dues',
            title: '我的团费',
            text: '交纳情况和欠交月份',
            url: '/pages/dues/mine/index',
          },
          {
            id: 'affairs-mobile',
            title: '我的流动登记',
            text: '外出务工、求学时的实际所在地和负责团支部',
            url: '/pages/youth/mobile/index',
          },
          {
            id: 'affairs-progress',
            title: '我的发展进度',
            text: '入团申请每一步',
            url: '/pages/development/progress/index',
          },
          {
            id: 'affairs-transfer',
            title: '我的转接',
            text: '办理或查看组织关系转接',
            url: '/pages/transfer/mine/index',
          },
          {
            id: 'affairs-rectification',
            title: '团员提',
            text: '匿名评价本支部（每年一次）',
            url: '/pages/rectification/mine/index',
          },
        ]
      : [];
  const cell = (e: Entry) => (
    <View key={e.id} id={e.id} className="mt-cell" onClick={() => void Taro.navigateTo({ url: e.url })}>
      <View className="mt-cell-main">
        <Text className="mt-cell-title">{e.title}</Text>
        <Text className="muted">{e.text}</Text>
      </View>
      <Text className="mt-arrow">›</Text>
    </View>
  );
  return (
    <View className="page">
      <HandbookEntry />
      {calendar.data ? (
        <View className="card" id="affairs-rate">
          <Text className="card-title">
            {calendar.data.branch.name} · {year}年三会两制一课
          </Text>
          <View className="mt-stat">
            <Text>落实率 {formatPermille(calendar.data.permille)}</Text>
            <Text>
              已落实 {calendar.data.tally.met} · 未落实 {calendar.data.tally.missing}
            </Text>
          </View>
        </View>
      ) : null}
      {meetings.length ? (
        <View className="card">
          <Text className="card-title">三会两制一课</Text>
          {meetings.map(cell)}
        </View>
      ) : null}
      {others.length ? (
        <View className="card">
          <Text className="card-title">基础团务</Text>
          {others.map(cell)}
        </View>
      ) : (
        <View className="card">
          <Text className="muted">当前身份没有需要办理的团务。</Text>
        </View>
      )}
    </View>
  );
}
