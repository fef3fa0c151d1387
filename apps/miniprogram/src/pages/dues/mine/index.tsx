import { useQuery } from '@tanstack/react-query';
import { Text, View } from '@tarojs/components';
import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { formatChineseMonth, formatFen, paymentMethodLabel } from '@tuanjian/domain';
import { ErrorBlock, Loading } from '../../../components/states';
import { formatDate } from '../../../lib/format';
import { trpc } from '../../../lib/trpc';
import '../dues.css';

/** 我的团费 (member): the monthly amount and why, arrears, and each paid month recorded by the secretary. */
export default function MyDuesPage() {
  const status = useQuery({ queryKey: ['dues', 'mine'], queryFn: () => trpc.dues.memberStatus.query({}) });
  usePullDownRefresh(() => {
    void status.refetch().finally(() => Taro.stopPullDownRefresh());
  });
  if (status.isPending) return <Loading />;
  if (status.error) return <ErrorBlock error={status.error} onRetry={() => void status.refetch()} />;
  const s = status.data;
  return (
    <View className="page">
      <View className="card">
        <Text className="card-title">每月团费 {formatFen(s.payableFen)}</Text>
        <Text className="muted">
          {s.categoryLabel} · {s.basis}
        </Text>
      </View>
      <View className="card">
        <Text className="card-title" id="dues-arrears">
          {s.arrearsMonths.length
            ? `欠交 ${s.arrearsMonths.length} 个月，共${formatFen(s.arrearsFen)}`
            : '团费已交清'}
        </Text>
        {s.arrearsMonths.length ? (
          <Text className="muted dues-owed">{s.arrearsMonths.map(formatChineseMonth).join('、')}</Text>
        ) : null}
        {s.lapse.candidate ? <Text className="muted dues-owed">{s.lapse.message}</Text> : null}
      </View>
      <View className="card">
        <Text className="card-title">交纳记录</Text>
        {s.paid.length === 0 ? <Text className="muted">还没有交纳记录</Text> : null}
        {s.paid.map((p) => (
          <View className="dues-item" key={p.month}>
            <View className="dues-name">
              <Text>{formatChineseMonth(p.month)}</Text>
              <View>
                <Text className="dues-sub">
                  {formatDate(p.paidOn)} · {paymentMethodLabel(p.method)} · 由{p.collectedByName}登记
                </Text>
              </View>
            </View>
            <Text className="dues-amount">{formatFen(p.amountFen)}</Text>
          </View>
        ))}
      </View>
    </View>
  );
}
