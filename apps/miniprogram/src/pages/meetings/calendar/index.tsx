import { useQuery } from '@tanstack/react-query';
import { Text, View } from '@tarojs/components';
import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { complianceStatusLabel, formatPermille, todayInShanghai } from '@tuanjian/domain';
import { ErrorBlock, Loading } from '../../../components/states';
import { trpc } from '../../../lib/trpc';
import '../meetings.css';

/** 落实日历: this branch's periods of each kind this year — 已落实 / 未落实 / 进行中 / 不适用. */
export default function MeetingCalendarPage() {
  const year = Number(todayInShanghai().slice(0, 4));
  const cal = useQuery({
    queryKey: ['meetings', 'calendar', 'own', year],
    queryFn: () => trpc.meetings.calendar.query({ year }),
  });
  usePullDownRefresh(() => {
    void cal.refetch().finally(() => Taro.stopPullDownRefresh());
  });
  if (cal.isPending) return <Loading />;
  if (cal.error) return <ErrorBlock error={cal.error} onRetry={() => void cal.refetch()} />;
  const c = cal.data;
  return (
    <View className="page">
      <View className="card">
        <Text className="card-title">
          {c.branch.name} · {c.year}年
        </Text>
        <View className="mt-stat">
          <Text id="calendar-rate">落实率 {formatPermille(c.permille)}</Text>
          <Text>
            已落实 {c.tally.met} · 未落实 {c.tally.missing}
          </Text>
        </View>
      </View>
      {c.rows.map((r) => (
        <View className="card mt-grid-row" key={r.kind}>
          <Text className="card-title">{r.label}</Text>
          <Text className="muted">{r.requirement.text}</Text>
          <View className="mt-grid-cells">
            {r.cells.map((cell) => (
              <View key={cell.key} className={`mt-period mt-${cell.status}`} id={`cal-${r.kind}-${cell.key}`}>
                <Text>{cell.label}</Text>
                <View>
                  <Text>{cell.reason ? '不适用' : complianceStatusLabel[cell.status]}</Text>
                </View>
              </View>
            ))}
          </View>
        </View>
      ))}
      <Text className="muted">依据：{c.source}</Text>
    </View>
  );
}
