import {
  formatPermille,
  type LectureSignupStatus,
  type LectureStatus,
  lectureFormatLabel,
  lectureVenueKindLabel,
  minuteToTime,
} from '@tuanjian/domain';
import type { RouterOutputs } from '../../lib/api-types';
import { formatDate } from '../../lib/format';

export type LectureRow = RouterOutputs['lectures']['list']['items'][number];
export type LectureDetail = RouterOutputs['lectures']['get'];

export const LECTURE_STATUS_COLOR: Record<LectureStatus, string> = {
  draft: 'default',
  published: 'green',
  cancelled: 'red',
  finished: 'blue',
};

export const SIGNUP_STATUS_COLOR: Record<LectureSignupStatus, string> = {
  booked: 'processing',
  cancelled: 'default',
  attended: 'success',
};

/** '2026年12月4日 14:30–16:30' (Beijing time). */
export function lectureTimeText(l: { date: string; startMinute: number; endMinute: number }): string {
  return `${formatDate(l.date)} ${minuteToTime(l.startMinute)}–${minuteToTime(l.endMinute)}`;
}

export function venueText(l: { venueKind: keyof typeof lectureVenueKindLabel; venue: string }): string {
  return `${lectureVenueKindLabel[l.venueKind]}·${l.venue}`;
}

export function formatText(f: keyof typeof lectureFormatLabel): string {
  return lectureFormatLabel[f];
}

export function rateText(permille: number | null): string {
  return permille === null ? '—' : formatPermille(permille);
}
