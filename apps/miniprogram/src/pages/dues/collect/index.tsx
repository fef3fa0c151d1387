import { useMutation, useQuery } from '@tanstack/react-query';
import { Button, Input, Text, View } from '@tarojs/components';
import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { formatChineseMonth, formatFen } from '@tuanjian/domain';
import { useState } from 'react';
import { Empty, ErrorBlock, Loading } from '../../../components/states';
import { toastError } from '../../../lib/errors';
import { trpc } from '../../../lib/trpc';
import '../dues.css';

/**
 * 登记团费 (secretary): this month's list of who owes what — the amounts are already there; she
 * ticks who paid and submits. Tapping a member already recorded as paid offers 撤销登记 (a wrong
 * record is voided with a reason, never deleted; the month becomes unpaid again). Stable ids for
 * tests: #dues-collect-submit, .dues-item, #dues-void-panel, #dues-void-reason, #dues-void-confirm.
 */
export default function CollectPage() {
  const month = useQuery({
    queryKey: ['dues', 'branchMonth'],
    queryFn: () => trpc.dues.branchMonth.query({}),
  });
  const [ticked, setTicked] = useState<string[]>([]);
  const [voiding, setVoiding] = useState<{ paymentId: string; name: string } | null>(null);
  const [reason, setReason] = useState('');
  const voidPayment = useMutation({
    mutationFn: (v: { paymentId: string; reason: string }) => trpc.dues.voidPayment.mutate(v),
    onSuccess: (r) => {
      void Taro.showToast({ title: r.message, icon: 'none', duration: 3000 });
      setVoiding(null);
      setReason('');
      void month.refetch();
    },
    onError: toastError,
  });
  const record = useMutation({
    mutationFn: (memberIds: string[]) =>
      trpc.dues.record.mutate({ memberIds, months: [month.data?.month ?? ''], method: 'cash' }),
    onSuccess: (r) => {
      void Taro.showToast({ title: r.message, icon: 'none', duration: 3000 });
      setTicked([]);
      void month.refetch();
    },
    onError: toastError,
  });
  usePullDownRefresh(() => {
    void month.refetch().finally(() => Taro.stopPullDownRefresh());
  });
  if (month.isPending) return <Loading />;
  if (month.error) return <ErrorBlock error={month.error} onRetry={() => void month.refetch()} />;
  const d = month.data;
  const total = d.rows.filter((r) => ticked.includes(r.memberId)).reduce((s, r) => s + r.payableFen, 0);
  const toggle = (id: string) => setTicked((t) => (t.includes(id) ? t.filter((x) => x !== id) : [...t, id]));
  return (
    <View className="page">
      <View className="card">
        <Text className="card-title">
          {d.org.name} · {formatChineseMonth(d.month)}
        </Text>
        <View className="dues-summary">
          <Text>
            已交 {d.tally.paidCount} / {d.tally.dueCount} 人
          </Text>
          <Text>
            {formatFen(d.tally.paidFen)} / {formatFen(d.tally.dueFen)}
          </Text>
        </View>
      </View>
      {d.rows.length === 0 ? (
        <View className="card">
          <Empty title="还没有团员" text="团员由团支部书记或上级团委在管理后台录入。" />
        </View>
      ) : (
        <View className="card">
          <Text className="muted">点选本次交纳团费的团员，金额由系统按团费标准计算。</Text>
          {d.rows.map((r) => {
            const on = ticked.includes(r.memberId);
            return (
              <View
                key={r.memberId}
                className="dues-item"
                onClick={() =>
                  r.paid
                    ? r.paymentId && setVoiding({ paymentId: r.paymentId, name: r.name })
                    : toggle(r.memberId)
                }
              >
                <View className={`dues-tick ${r.paid ? 'dues-tick-done' : on ? 'dues-tick-on' : ''}`}>
                  {r.paid || on ? '✓' : ''}
                </View>
                <View className="dues-name">
                  <Text>
                    {r.name}
                    {r.mobile ? <Text className="dues-sub">（流动团员）</Text> : null}
                  </Text>
                  <View>
                    <Text className={`dues-sub ${r.arrearsMonths.length > 1 ? 'dues-owed' : ''}`}>
                      {r.paid
                        ? '本月已交 · 点击可撤销登记'
                        : r.arrearsMonths.length > 1
                          ? `累计欠交${r.arrearsMonths.length}个月 ${formatFen(r.arrearsFen)}`
                          : `${r.categoryLabel}`}
                    </Text>
                  </View>
                </View>
                <Text className="dues-amount">{formatFen(r.payableFen)}</Text>
              </View>
            );
          })}
        </View>
      )}
      {voiding ? (
        <View id="dues-void-panel" className="card">
          <Text className="card-title">
            撤销{voiding.name}
            {formatChineseMonth(d.month)}的团费登记
          </Text>
          <Text className="muted">
            登记有误时撤销：记录保留、留痕可查，该笔登记的月份恢复为未交。书记只能在登记当月撤销，逾期请上级团委办理。
          </Text>
          <Input
            id="dues-void-reason"
            className="dues-void-input"
            placeholder="请填写撤销原因"
            maxlength={200}
            value={reason}
            onInput={(e) => setReason(e.detail.value)}
          />
          <View className="dues-void-actions">
            <Button className="btn" onClick={() => setVoiding(null)}>
              取消
            </Button>
            <Button
              id="dues-void-confirm"
              className="btn btn-danger"
              disabled={voidPayment.isPending}
              onClick={() => {
                if (reason.trim().length < 2) {
                  void Taro.showToast({ title: '请填写撤销原因（至少2个字）', icon: 'none' });
                  return;
                }
                voidPayment.mutate({ paymentId: voiding.paymentId, reason: reason.trim() });
              }}
            >
              确认撤销
            </Button>
          </View>
        </View>
      ) : null}
      <View className="dues-footer">
        <Button
          id="dues-collect-submit"
          className={`btn btn-primary ${record.isPending ? 'btn-busy' : ''}`}
          disabled={ticked.length === 0 || record.isPending}
          onClick={() => record.mutate(ticked)}
        >
          {ticked.length ? `登记已交 ${ticked.length} 人，共${formatFen(total)}` : '请点选已交团费的团员'}
        </Button>
      </View>
    </View>
  );
}
