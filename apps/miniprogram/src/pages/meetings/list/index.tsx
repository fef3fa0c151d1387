import { useQuery } from '@tanstack/react-query';
import { Button, Text, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { Empty, ErrorBlock, Loading } from '../../../components/states';
import { formatDate } from '../../../lib/format';
import { queryKeys } from '../../../lib/query';
import { trpc } from '../../../lib/trpc';
import '../meetings.css';

/** 会议记录: the branch's 三会两制一课 records, newest first; a secretary records a new one. */
export default function MeetingListPage() {
  const me = useQuery({ queryKey: queryKeys.me, queryFn: () => trpc.auth.me.query() });
  const role = me.data?.grants.find((g) => g.id === me.data?.activeGrantId)?.role;
  const list = useQuery({
    queryKey: ['meetings', 'list'],
    queryFn: () => trpc.meetings.list.query({ pageSize: 50 }),
  });
  useDidShow(() => {
    void list.refetch();
  });
  usePullDownRefresh(() => {
    void list.refetch().finally(() => Taro.stopPullDownRefresh());
  });
  if (list.isPending) return <Loading />;
  if (list.error) return <ErrorBlock error={list.error} onRetry={() => void list.refetch()} />;
  const manager = role === 'org_secretary' || role === 'district_admin';
  return (
    <View className="page">
      {manager ? (
        <Button
          id="meeting-new"
          className="btn btn-primary"
          onClick={() => void Taro.navigateTo({ url: '/pages/meetings/edit/index' })}
        >
          登记会议
        </Button>
      ) : null}
      <View className="card">
        {list.data.items.length === 0 ? (
          <Empty
            title="还没有会议记录"
            text={
              manager
                ? '点击“登记会议”，记录支部团员大会、支部委员会、团小组会或团课。'
                : '团支部书记登记会议后会显示在这里。'
            }
          />
        ) : (
          list.data.items.map((m) => (
            <View
              key={m.id}
              className="mt-cell meeting-item"
              onClick={() => void Taro.navigateTo({ url: `/pages/meetings/edit/index?id=${m.id}` })}
            >
              <View className="mt-cell-main">
                <Text className="mt-cell-title">
                  {m.kindLabel} · {m.topic}
                </Text>
                <Text className="muted">
                  {formatDate(m.heldOn)} · 实到 {m.presentCount}/{m.entitledCount} 人
                  {m.counts ? '' : ' · 未达法定人数'}
                </Text>
              </View>
              <Text className="mt-arrow">›</Text>
            </View>
          ))
        )}
      </View>
    </View>
  );
}
