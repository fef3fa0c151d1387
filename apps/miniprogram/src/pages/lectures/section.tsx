import { useQuery } from '@tanstack/react-query';
import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { shanghaiMonth } from '@tuanjian/domain';
import { ErrorBlock, Loading } from '../../components/states';
import { trpc } from '../../lib/trpc';
import { LectureCard, lectureKeys } from './shared';

/**
 * The 五四讲堂 section of the 活动 tab (and anywhere a member should see it): this month's lecture
 * (or the next one), with links to the list and to my sign-ups. Members of a district only.
 */
export function LectureSection() {
  const q = useQuery({ queryKey: lectureKeys.upcoming, queryFn: () => trpc.lectures.upcoming.query() });
  const month = shanghaiMonth(new Date());
  const current =
    q.data?.find((l) => l.month === month && l.status === 'published') ??
    q.data?.find((l) => l.status === 'published') ??
    null;
  return (
    <View id="lectures">
      <View className="section-head">
        <Text className="section-title">五四讲堂</Text>
        <Text className="muted">团市委每月举办</Text>
      </View>
      {q.isPending ? <Loading /> : null}
      {q.error ? <ErrorBlock error={q.error} onRetry={() => void q.refetch()} /> : null}
      {q.data && current ? <LectureCard lecture={current} /> : null}
      {q.data && !current ? (
        <View className="card">
          <Text className="muted">近期暂无可报名的讲堂。</Text>
        </View>
      ) : null}
      <View className="lecture-links">
        <Button
          className="btn btn-default"
          id="lecture-list-link"
          onClick={() => void Taro.navigateTo({ url: '/pages/lectures/list/index' })}
        >
          全部讲堂
        </Button>
        <Button
          className="btn btn-default"
          onClick={() => void Taro.navigateTo({ url: '/pages/lectures/mine/index' })}
        >
          我的报名
        </Button>
      </View>
    </View>
  );
}
