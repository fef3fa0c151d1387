import { useQueries, useQuery } from '@tanstack/react-query';
import { Button, Text, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { transferStatusLabel } from '@tuanjian/domain';
import { Empty, ErrorBlock, Loading } from '../../../components/states';
import { trpc } from '../../../lib/trpc';
import '../../development/development.css';
import '../transfer.css';
import { TransferSteps } from '../steps';

/** 我的转接: a member's own transfers, each step by step; start one when none is open. */
export default function MyTransfersPage() {
  const mine = useQuery({
    queryKey: ['transfers', 'mine'],
    queryFn: () => trpc.transfers.list.query({ box: 'mine', pageSize: 20 }),
  });
  const details = useQueries({
    queries: (mine.data?.items ?? []).map((t) => ({
      queryKey: ['transfers', 'get', t.id],
      queryFn: () => trpc.transfers.get.query({ id: t.id }),
    })),
  });
  useDidShow(() => void mine.refetch());
  usePullDownRefresh(() => {
    void mine.refetch().finally(() => Taro.stopPullDownRefresh());
  });
  if (mine.isPending) return <Loading />;
  if (mine.error) return <ErrorBlock error={mine.error} onRetry={() => void mine.refetch()} />;
  const open = mine.data.items.some((t) => t.status === 'pending_source' || t.status === 'pending_target');
  const apply = (
    <Button
      className="btn btn-primary"
      id="transfer-apply"
      onClick={() => void Taro.navigateTo({ url: '/pages/transfer/apply/index' })}
    >
      申请转接组织关系
    </Button>
  );
  if (mine.data.items.length === 0) {
    return (
      <View className="page">
        <Empty title="没有组织关系转接" text="工作、学习单位变动时，申请把组织关系转到新的团组织。">
          {apply}
        </Empty>
      </View>
    );
  }
  return (
    <View className="page">
      {open ? null : apply}
      {mine.data.items.map((t, i) => {
        const d = details[i]?.data;
        return (
          <View className="card" key={t.id}>
            <Text className="card-title">
              转往
              {t.kind === 'out_of_city'
                ? t.externalOrgName
                : `${t.targetTenantName ?? ''} ${t.targetOrgName ?? ''}`}
              <Text className={`tr-status${t.escalated ? ' tr-escalated' : ''}`}>
                {transferStatusLabel[t.status]}
              </Text>
            </Text>
            {d ? <TransferSteps detail={d} /> : <Text className="muted">正在加载进度…</Text>}
            {d?.actions.cancel ? (
              <Button
                className="btn btn-default"
                onClick={async () => {
                  const ok = await Taro.showModal({
                    title: '撤销转接申请',
                    content: '确定撤销这次组织关系转接吗？',
                  });
                  if (!ok.confirm) return;
                  await trpc.transfers.cancel.mutate({ id: t.id });
                  void mine.refetch();
                  void details[i]?.refetch();
                }}
              >
                撤销申请
              </Button>
            ) : null}
          </View>
        );
      })}
    </View>
  );
}
