import { useQuery } from '@tanstack/react-query';
import { Button, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { Empty, ErrorBlock, Loading } from '../../../components/states';
import { trpc } from '../../../lib/trpc';
import { LectureCard, lectureKeys } from '../shared';

/** 五四讲堂: the city's lectures of this month and the coming months; tap one to sign up. */
export default function LectureListPage() {
  const q = useQuery({ queryKey: lectureKeys.upcoming, queryFn: () => trpc.lectures.upcoming.query() });
  useDidShow(() => void q.refetch());
  usePullDownRefresh(() => {
    void q.refetch().finally(() => Taro.stopPullDownRefresh());
  });
  if (q.isPending) return <Loading />;
  if (q.error) return <ErrorBlock error={q.error} onRetry={() => void q.refetch()} />;
  return (
    <View className="page" id="lecture-list">
      <Button
        className="btn btn-default"
        id="lecture-mine-link"
        onClick={() => void Taro.navigateTo({ url: '/pages/lectures/mine/index' })}
      >
        我的报名
      </Button>
      {q.data.length === 0 ? (
        <Empty title="近期暂无五四讲堂" text="团市委发布讲堂后，会在这里显示，届时可以报名。" />
      ) : (
        q.data.map((l) => <LectureCard key={l.id} lecture={l} />)
      )}
    </View>
  );
}
