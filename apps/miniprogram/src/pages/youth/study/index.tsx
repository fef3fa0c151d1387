import { useQuery } from '@tanstack/react-query';
import { Text, View } from '@tarojs/components';
import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { formatPermille } from '@tuanjian/domain';
import { ErrorBlock, Loading } from '../../../components/states';
import { trpc } from '../../../lib/trpc';
import '../youth.css';

/** 我的青年大学习 (member): this week's session, the last weeks and this year's rate, from the imported lists. */
export default function MyYouthStudyPage() {
  const mine = useQuery({ queryKey: ['youthStudy', 'mine'], queryFn: () => trpc.youthStudy.mine.query() });
  usePullDownRefresh(() => {
    void mine.refetch().finally(() => Taro.stopPullDownRefresh());
  });
  if (mine.isPending) return <Loading />;
  if (mine.error) return <ErrorBlock error={mine.error} onRetry={() => void mine.refetch()} />;
  const m = mine.data;
  return (
    <View className="page">
      <View className="card" id="youth-this-week">
        <Text className="card-title">本周（{m.thisWeek.label}）</Text>
        {m.thisWeek.completed ? (
          <Text className="yt-done">已完成本周青年大学习</Text>
        ) : (
          <Text className="yt-missing">本周青年大学习尚未完成（或尚未导入），请及时学习</Text>
        )}
      </View>
      <View className="card">
        <Text className="card-title">本年度</Text>
        <View className="yt-stat">
          <Text>已导入 {m.year.sessions} 期</Text>
          <Text>完成 {m.year.completed} 期</Text>
          <Text>完成率 {formatPermille(m.year.permille)}</Text>
        </View>
      </View>
      <View className="card" id="youth-weeks">
        <Text className="card-title">最近各期</Text>
        {m.weeks.map((w) => (
          <View className="yt-row" key={w.weekStart}>
            <View className="yt-main">
              <Text>{w.label}</Text>
              {w.sessionLabel ? <Text className="muted">{w.sessionLabel}</Text> : null}
            </View>
            {w.completed ? (
              <Text className="yt-done">已完成</Text>
            ) : w.imported ? (
              <Text className="yt-missing">未完成</Text>
            ) : (
              <Text className="muted">未导入</Text>
            )}
          </View>
        ))}
      </View>
    </View>
  );
}
