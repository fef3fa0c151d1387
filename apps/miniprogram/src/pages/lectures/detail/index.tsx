import { useMutation, useQuery } from '@tanstack/react-query';
import { Button, Input, Text, View } from '@tarojs/components';
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro';
import {
  formatShanghaiDateTime,
  lectureFormatLabel,
  lectureSignupStatusLabel,
  lectureStatusLabel,
  lectureVenueKindLabel,
} from '@tuanjian/domain';
import { useState } from 'react';
import { ErrorBlock, Loading } from '../../../components/states';
import { toastError } from '../../../lib/errors';
import { queryClient } from '../../../lib/query';
import { trpc } from '../../../lib/trpc';
import { lectureKeys, lectureTime } from '../shared';

const at = (d: Date | string) => formatShanghaiDateTime(new Date(d));

/**
 * One 五四讲堂: details and seats; sign up, cancel (until the start), check in with the code shown
 * at the venue (during the check-in window). Ids for tests: #lecture-seats, #lecture-signup,
 * #lecture-cancel, #lecture-code, #lecture-checkin, #lecture-my-status.
 */
export default function LectureDetailPage() {
  const { params } = useRouter();
  const id = params.id ?? '';
  const q = useQuery({ queryKey: lectureKeys.detail(id), queryFn: () => trpc.lectures.detail.query({ id }) });
  const [code, setCode] = useState('');
  const done = (title: string) => {
    void Taro.showToast({ title, icon: 'success', duration: 2000 });
    void queryClient.invalidateQueries({ queryKey: ['lectures'] });
  };
  const signUp = useMutation({
    mutationFn: () => trpc.lectures.signUp.mutate({ lectureId: id }),
    onSuccess: () => done('报名成功'),
    onError: (e) => {
      toastError(e);
      void q.refetch();
    },
  });
  const cancel = useMutation({
    mutationFn: () => trpc.lectures.cancelSignup.mutate({ lectureId: id }),
    onSuccess: () => done('已取消报名'),
    onError: toastError,
  });
  const checkIn = useMutation({
    mutationFn: () => trpc.lectures.checkIn.mutate({ lectureId: id, code }),
    onSuccess: () => {
      setCode('');
      done('签到成功');
    },
    onError: toastError,
  });
  usePullDownRefresh(() => {
    void q.refetch().finally(() => Taro.stopPullDownRefresh());
  });
  if (q.isPending) return <Loading />;
  if (q.error) return <ErrorBlock error={q.error} onRetry={() => void q.refetch()} />;
  const l = q.data;
  const mine = l.mySignup && l.mySignup.status !== 'cancelled' ? l.mySignup : null;
  return (
    <View className="page" id="lecture-detail">
      <View className="card">
        <View className="lecture-head">
          <Text className="lecture-format">{lectureFormatLabel[l.format]}</Text>
          <Text className={`tag ${l.status === 'published' ? '' : 'tag-grey'}`}>
            {lectureStatusLabel[l.status]}
          </Text>
        </View>
        <Text className="lecture-theme">{l.theme}</Text>
        <Text className="muted lecture-line">
          主讲：{l.speaker}
          {l.speakerTitle ? `（${l.speakerTitle}）` : ''}
        </Text>
        <Text className="muted lecture-line">时间：{lectureTime(l)}</Text>
        <Text className="muted lecture-line">
          地点：{lectureVenueKindLabel[l.venueKind]}·{l.venue}
        </Text>
        <Text className="lecture-seats" id="lecture-seats">
          名额 {l.capacity} 人，已报名 {l.bookedCount} 人，剩余 {l.seatsLeft} 席
        </Text>
      </View>

      <View className="card">
        <Text className="card-title">报名</Text>
        {mine ? (
          <Text className="lecture-ok" id="lecture-my-status">
            ✓ {lectureSignupStatusLabel[mine.status]}（
            {at(mine.status === 'attended' && mine.checkedInAt ? mine.checkedInAt : mine.bookedAt)}）
          </Text>
        ) : null}
        {l.canSignUp ? (
          <Button
            className="btn btn-primary"
            id="lecture-signup"
            loading={signUp.isPending}
            disabled={signUp.isPending}
            onClick={() => signUp.mutate()}
          >
            立即报名
          </Button>
        ) : null}
        {!mine && !l.canSignUp && l.signUpBlockedReason ? (
          <Text className="muted lecture-line" id="lecture-blocked">
            {l.signUpBlockedReason}
          </Text>
        ) : null}
        {l.canCancel ? (
          <Button
            className="btn btn-default"
            id="lecture-cancel"
            loading={cancel.isPending}
            onClick={async () => {
              const ok = await Taro.showModal({
                title: '取消报名',
                content: '确定取消这场讲堂的报名吗？名额将让给其他团员。',
              });
              if (ok.confirm) cancel.mutate();
            }}
          >
            取消报名
          </Button>
        ) : null}
        <Text className="muted lecture-line">报名截止：{at(l.signupClosesAt)}；开讲前可取消报名。</Text>
      </View>

      {mine?.status === 'booked' ? (
        <View className="card">
          <Text className="card-title">现场签到</Text>
          <Text className="muted lecture-line">
            签到时间：{at(l.checkInOpensAt)} 至 {at(l.checkInClosesAt)}，输入现场公布的6位签到码。
          </Text>
          {l.canCheckIn ? (
            <>
              <Input
                className="lecture-input"
                id="lecture-code"
                type="number"
                maxlength={6}
                placeholder="6位签到码"
                value={code}
                onInput={(e) => setCode(e.detail.value)}
              />
              <Button
                className="btn btn-primary"
                id="lecture-checkin"
                loading={checkIn.isPending}
                disabled={code.trim().length !== 6 || checkIn.isPending}
                onClick={() => checkIn.mutate()}
              >
                签到
              </Button>
            </>
          ) : (
            <Text className="muted lecture-line">当前不在签到时间内。</Text>
          )}
        </View>
      ) : null}
    </View>
  );
}
