import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import {
  type LectureSignupStatus,
  lectureFormatLabel,
  lectureSignupStatusLabel,
  lectureStatusLabel,
  lectureVenueKindLabel,
  minuteToTime,
} from '@tuanjian/domain';
import { formatDate } from '../../lib/format';
import type { RouterOutputs } from '../../lib/trpc';
import './lectures.css';

export type LectureItem = RouterOutputs['lectures']['upcoming'][number];

export const lectureKeys = {
  upcoming: ['lectures', 'upcoming'] as const,
  mine: ['lectures', 'mine'] as const,
  detail: (id: string) => ['lectures', 'detail', id] as const,
};

export function lectureTime(l: { date: string; startMinute: number; endMinute: number }): string {
  return `${formatDate(l.date)} ${minuteToTime(l.startMinute)}–${minuteToTime(l.endMinute)}`;
}

export function openLecture(id: string): void {
  void Taro.navigateTo({ url: `/pages/lectures/detail/index?id=${id}` });
}

function statusText(l: LectureItem): { text: string; grey: boolean } {
  if (l.status !== 'published') return { text: lectureStatusLabel[l.status], grey: true };
  const s = l.mySignup?.status as LectureSignupStatus | undefined;
  if (s && s !== 'cancelled') return { text: lectureSignupStatusLabel[s], grey: false };
  if (l.seatsLeft <= 0) return { text: '名额已满', grey: true };
  return { text: `余${l.seatsLeft}席`, grey: false };
}

/** One lecture as a tappable card (list, 活动 tab). */
export function LectureCard({ lecture: l }: { lecture: LectureItem }) {
  const st = statusText(l);
  return (
    <View className="card lecture-card" onClick={() => openLecture(l.id)}>
      <View className="lecture-head">
        <Text className="lecture-format">{lectureFormatLabel[l.format]}</Text>
        <Text className={`tag ${st.grey ? 'tag-grey' : ''}`}>{st.text}</Text>
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
    </View>
  );
}
