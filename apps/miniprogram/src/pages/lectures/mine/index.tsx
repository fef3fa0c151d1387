import { useQuery } from '@tanstack/react-query';
import { Text, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { lectureFormatLabel, lectureSignupStatusLabel } from '@tuanjian/domain';
import { Empty, ErrorBlock, Loading } from '../../../components/states';
import { trpc } from '../../../lib/trpc';
import { lectureKeys, lectureTime, openLecture } from '../shared';

/** 我的报名: every 五四讲堂 sign-up of the member, latest lecture first. */
export default function MyLecturesPage() {
  const q = useQuery({ queryKey: lectureKeys.mine, queryFn: () => trpc.lectures.mine.query() });
  useDidShow(() => void q.refetch());
  usePullDownRefresh(() => {
    void q.refetch().finally(() => Taro.stopPullDownRefresh());
  });
  if (q.isPending) return <Loading />;
  if (q.error) return <ErrorBlock error={q.error} onRetry={() => void q.refetch()} />;
  if (q.data.length === 0) {
    return (
      <View className="page">
        <Empty title="还没有报名记录" text="在五四讲堂列表中选择一场讲堂报名。" />
      </View>
    );
  }
  return (
    <View className="page" id="lecture-mine">
      {q.data.map((s) => (
        <View key={s.id} className="card lecture-card" onClick={() => openLecture(s.lecture.id)}>
          <View className="lecture-head">
            <Text className="lecture-format">{lectureFormatLabel[s.lecture.format]}</Text>
            <Text className={`tag ${s.status === 'cancelled' ? 'tag-grey' : ''}`}>
              {lectureSignupStatusLabel[s.status]}
            </Text>
          </View>
          <Text className="lecture-theme">{s.lecture.theme}</Text>
          <Text className="muted lecture-line">时间：{lectureTime(s.lecture)}</Text>
          <Text className="muted lecture-line">地点：{s.lecture.venue}</Text>
        </View>
      ))}
    </View>
  );
}
