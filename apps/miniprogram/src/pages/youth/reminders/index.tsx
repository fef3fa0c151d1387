import { useQuery } from '@tanstack/react-query';
import { Text, View } from '@tarojs/components';
import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { ErrorBlock, Loading } from '../../../components/states';
import { trpc } from '../../../lib/trpc';
import '../youth.css';

/**
 * 提醒名单 (secretary): who has not completed this week's 青年大学习 and who owes dues, in the
 * organisations the secretary is responsible for (mobile members where they are placed).
 */
export default function RemindersPage() {
  const r = useQuery({
    queryKey: ['youthStudy', 'reminders'],
    queryFn: () => trpc.youthStudy.reminders.query({}),
  });
  usePullDownRefresh(() => {
    void r.refetch().finally(() => Taro.stopPullDownRefresh());
  });
  if (r.isPending) return <Loading />;
  if (r.error) return <ErrorBlock error={r.error} onRetry={() => void r.refetch()} />;
  const d = r.data;
  return (
    <View className="page">
      <View className="card" id="reminders-study">
        <Text className="card-title">本周青年大学习未完成（{d.study.notCompleted.length}人）</Text>
        <Text className="muted">
          {d.scopeName} · {d.study.label} · 已完成 {d.study.completed}/{d.study.total}
        </Text>
        {!d.study.imported ? <Text className="yt-missing">本周尚未导入完成名单</Text> : null}
        {d.study.notCompleted.length === 0 ? <Text className="yt-done">全部完成</Text> : null}
        {d.study.notCompleted.map((m) => (
          <View className="yt-row" key={m.memberId}>
            <View className="yt-main">
              <Text>
                {m.name}
                {m.mobile ? <Text className="yt-tag">流动团员</Text> : null}
              </Text>
              <Text className="muted">{m.orgName}</Text>
            </View>
            <Text className="yt-missing">未完成</Text>
          </View>
        ))}
      </View>
      <View className="card" id="reminders-dues">
        <Text className="card-title">团费欠交（{d.dues.members.length}人）</Text>
        {d.dues.members.length === 0 ? <Text className="yt-done">无欠交</Text> : null}
        {d.dues.members.map((m) => (
          <View className="yt-row" key={m.memberId}>
            <View className="yt-main">
              <Text>{m.name}</Text>
              <Text className="muted">{m.orgName}</Text>
            </View>
            <Text className="yt-missing">
              欠 {m.months} 个月 {m.amount}
            </Text>
          </View>
        ))}
      </View>
    </View>
  );
}
