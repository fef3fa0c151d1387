import { useQuery } from '@tanstack/react-query';
import { Button, Text, View } from '@tarojs/components';
import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { Empty, ErrorBlock, Loading } from '../../../components/states';
import { formatDate } from '../../../lib/format';
import { trpc } from '../../../lib/trpc';
import '../development.css';
import { DevelopmentSteps } from '../steps';

/** 我的发展进度: the applications the user submitted, each as a step view. */
export default function ProgressPage() {
  const mine = useQuery({ queryKey: ['development', 'mine'], queryFn: () => trpc.development.mine.query() });
  usePullDownRefresh(() => {
    void mine.refetch().finally(() => Taro.stopPullDownRefresh());
  });
  if (mine.isPending) return <Loading />;
  if (mine.error) return <ErrorBlock error={mine.error} onRetry={() => void mine.refetch()} />;
  if (mine.data.length === 0) {
    return (
      <View className="page">
        <Empty title="还没有入团申请" text="提交入团申请后，可以在这里查看每一步的进度。">
          <Button
            className="btn btn-primary"
            onClick={() => void Taro.navigateTo({ url: '/pages/development/apply/index' })}
          >
            提交入团申请
          </Button>
        </Empty>
      </View>
    );
  }
  return (
    <View className="page">
      {mine.data.map((a) => (
        <View className="card" key={a.id}>
          <Text className="card-title">
            {a.name} · {a.orgName}
          </Text>
          <Text className="muted">
            {formatDate(a.appliedOn)}提交 · 当前：{a.stageLabel}
            {a.memberNumber ? ` · 团员编号 ${a.memberNumber}` : ''}
          </Text>
          <DevelopmentSteps timeline={a.timeline} />
        </View>
      ))}
    </View>
  );
}
