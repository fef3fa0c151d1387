/**
 * LIFE-3 五四讲堂 (May Fourth lecture): the city's monthly lecture that members of every district
 * sign up for in the mini-program. Formats, venue kinds, statuses with their Chinese labels; the
 * sign-up, cancellation and check-in windows (rule `lecture.signup`, *local*); attendance rate.
 * Pure: instants are `Date`s, months and days are Asia/Shanghai.
 */
import { z } from 'zod';
import { shanghaiMonth, TIME_ZONE } from '../dates';
import type { ruleCatalogue } from '../rules';
import { dateSchema } from '../schemas';

function labelled<const T extends string>(labels: Record<T, string>) {
  return { values: Object.keys(labels) as [T, ...T[]], labels };
}

const formats = labelled({
  guest_lecture: '名家讲堂',
  ideology_class: '思政课堂',
  youth_forum: '青年论坛',
  mobile_classroom: '流动教室',
});
export const LECTURE_FORMATS = formats.values;
export type LectureFormat = (typeof LECTURE_FORMATS)[number];
export const lectureFormatLabel: Record<LectureFormat, string> = formats.labels;

const venueKinds = labelled({
  youth_home: '青年之家',
  youth_reading_bar: '青年读书吧',
  reader_hut: '读者小屋',
  rural_visit: '走进乡村',
  other: '其他场地',
});
export const LECTURE_VENUE_KINDS = venueKinds.values;
export type LectureVenueKind = (typeof LECTURE_VENUE_KINDS)[number];
export const lectureVenueKindLabel: Record<LectureVenueKind, string> = venueKinds.labels;

const statuses = labelled({
  draft: '草稿',
  published: '已发布',
  cancelled: '已取消',
  finished: '已结束',
});
export const LECTURE_STATUSES = statuses.values;
export type LectureStatus = (typeof LECTURE_STATUSES)[number];
export const lectureStatusLabel: Record<LectureStatus, string> = statuses.labels;

const signupStatuses = labelled({
  booked: '已报名',
  cancelled: '已取消',
  attended: '已签到',
});
export const LECTURE_SIGNUP_STATUSES = signupStatuses.values;
export type LectureSignupStatus = (typeof LECTURE_SIGNUP_STATUSES)[number];
export const lectureSignupStatusLabel: Record<LectureSignupStatus, string> = signupStatuses.labels;

/** A sign-up that holds a seat (booked or checked in). */
export function holdsSeat(status: LectureSignupStatus): boolean {
  return status === 'booked' || status === 'attended';
}

export type LectureSignupRule = z.infer<(typeof ruleCatalogue)['lecture.signup']['schema']>;

export interface LectureTimes {
  status: LectureStatus;
  startsAt: Date;
  endsAt: Date;
}

const MINUTE = 60_000;

/** Refusal with a Chinese reason, or ok. */
export type WindowCheck = { ok: true } | { ok: false; reason: string };

const RULE_NOTE = '（五四讲堂报名规则）';

function notOpen(l: LectureTimes): string | null {
  if (l.status === 'draft') return '讲堂尚未发布';
  if (l.status === 'cancelled') return '讲堂已取消';
  if (l.status === 'finished') return '讲堂已结束';
  return null;
}

/** When sign-up closes: `signupClosesMinutesBeforeStart` before the start. */
export function signupClosesAt(l: Pick<LectureTimes, 'startsAt'>, rule: LectureSignupRule): Date {
  return new Date(l.startsAt.getTime() - rule.signupClosesMinutesBeforeStart * MINUTE);
}

/** When a booked member can no longer cancel. */
export function cancelClosesAt(l: Pick<LectureTimes, 'startsAt'>, rule: LectureSignupRule): Date {
  return new Date(l.startsAt.getTime() - rule.cancelClosesMinutesBeforeStart * MINUTE);
}

/** The check-in window: from `checkInOpensMinutesBeforeStart` before the start to `checkInClosesMinutesAfterEnd` after the end. */
export function checkInWindow(
  l: Pick<LectureTimes, 'startsAt' | 'endsAt'>,
  rule: LectureSignupRule,
): { opensAt: Date; closesAt: Date } {
  return {
    opensAt: new Date(l.startsAt.getTime() - rule.checkInOpensMinutesBeforeStart * MINUTE),
    closesAt: new Date(l.endsAt.getTime() + rule.checkInClosesMinutesAfterEnd * MINUTE),
  };
}

export function canSignUp(l: LectureTimes, now: Date, rule: LectureSignupRule): WindowCheck {
  const closed = notOpen(l);
  if (closed) return { ok: false, reason: `${closed}，不能报名` };
  if (now.getTime() >= signupClosesAt(l, rule).getTime()) {
    return {
      ok: false,
      reason:
        rule.signupClosesMinutesBeforeStart > 0
          ? `报名已截止：开讲前${rule.signupClosesMinutesBeforeStart}分钟停止报名${RULE_NOTE}`
          : `报名已截止：开讲后不再接受报名${RULE_NOTE}`,
    };
  }
  return { ok: true };
}

export function canCancelSignup(l: LectureTimes, now: Date, rule: LectureSignupRule): WindowCheck {
  if (l.status === 'cancelled') return { ok: false, reason: '讲堂已取消，无需再取消报名' };
  if (l.status === 'finished') return { ok: false, reason: '讲堂已结束，不能取消报名' };
  if (now.getTime() >= cancelClosesAt(l, rule).getTime()) {
    return {
      ok: false,
      reason:
        rule.cancelClosesMinutesBeforeStart > 0
          ? `已过取消时限：开讲前${rule.cancelClosesMinutesBeforeStart}分钟后不能取消报名${RULE_NOTE}`
          : `已过取消时限：讲堂开始后不能取消报名${RULE_NOTE}`,
    };
  }
  return { ok: true };
}

export function canCheckIn(l: LectureTimes, now: Date, rule: LectureSignupRule): WindowCheck {
  if (l.status === 'draft' || l.status === 'cancelled') {
    return { ok: false, reason: `${notOpen(l)}，不能签到` };
  }
  const w = checkInWindow(l, rule);
  if (now.getTime() < w.opensAt.getTime()) {
    return {
      ok: false,
      reason: `签到尚未开始：开讲前${rule.checkInOpensMinutesBeforeStart}分钟开放签到${RULE_NOTE}`,
    };
  }
  if (now.getTime() > w.closesAt.getTime()) {
    return { ok: false, reason: `签到已结束${RULE_NOTE}` };
  }
  return { ok: true };
}

/** A lecture may be marked finished once it has ended. */
export function canFinish(l: LectureTimes, now: Date): WindowCheck {
  if (l.status !== 'published') return { ok: false, reason: '只有已发布的讲堂可以标记为已结束' };
  if (now.getTime() < l.endsAt.getTime()) return { ok: false, reason: '讲堂尚未结束' };
  return { ok: true };
}

/** Seats still free (never negative). */
export function seatsLeft(capacity: number, booked: number): number {
  return Math.max(0, capacity - booked);
}

/** Attendance rate in ‰ (half up): checked in / seats held; null when nobody signed up. */
export function attendancePermille(attended: number, signedUp: number): number | null {
  if (signedUp <= 0) return null;
  return Math.floor((attended * 1000) / signedUp + 0.5);
}

/** The Shanghai month 'YYYY-MM' a lecture belongs to (its start). */
export function lectureMonth(startsAt: Date): string {
  return shanghaiMonth(startsAt);
}

let dateTimeFormat: Intl.DateTimeFormat | undefined;
/** '2026-11-29 14:30' in Asia/Shanghai. */
export function formatShanghaiDateTime(instant: Date): string {
  dateTimeFormat ??= new Intl.DateTimeFormat('en-CA', {
    timeZone: TIME_ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  const parts = Object.fromEntries(dateTimeFormat.formatToParts(instant).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
}

/** The instant of a Shanghai wall-clock time ('YYYY-MM-DD', 'HH:mm'); Shanghai has no DST (UTC+8). */
export function shanghaiInstant(date: string, time: string): Date {
  const d = new Date(`${date}T${time}:00+08:00`);
  if (Number.isNaN(d.getTime())) throw new RangeError(`时间无效：${date} ${time}`);
  return d;
}

// ---------------------------------------------------------------- input schemas

export const lectureFormatSchema = z.enum(LECTURE_FORMATS, { error: '讲堂形式无效' });
export const lectureVenueKindSchema = z.enum(LECTURE_VENUE_KINDS, { error: '场地类型无效' });
export const lectureStatusSchema = z.enum(LECTURE_STATUSES, { error: '讲堂状态无效' });

const text = (what: string, max: number) =>
  z
    .string({ error: `请填写${what}` })
    .trim()
    .min(1, { error: `请填写${what}` })
    .max(max, { error: `${what}不能超过${max}个字` });

/** Minutes after Shanghai midnight, 0–1439 (14:30 → 870). */
const minuteOfDay = (what: string) =>
  z
    .number({ error: `请选择${what}` })
    .int({ error: `${what}无效` })
    .min(0, { error: `${what}无效` })
    .max(1439, { error: `${what}无效` });

/** 'HH:mm' of a minute of the day. */
export function minuteToTime(minute: number): string {
  return `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
}

/** The Shanghai minute of the day of an instant (14:30 → 870). */
export function shanghaiMinuteOfDay(instant: Date): number {
  const [hh, mm] = formatShanghaiDateTime(instant).slice(11).split(':');
  return Number(hh) * 60 + Number(mm);
}

/**
 * The fields the city enters for a lecture: one Shanghai day, start and end as minutes of that
 * day (a lecture does not run past midnight).
 */
export const lectureFieldsSchema = z.object({
  format: lectureFormatSchema,
  theme: text('主题', 100),
  speaker: text('主讲人', 50),
  speakerTitle: z.string().trim().max(100, { error: '主讲人简介不能超过100个字' }).optional(),
  venueKind: lectureVenueKindSchema,
  venue: text('地点', 100),
  date: dateSchema,
  startMinute: minuteOfDay('开始时间'),
  endMinute: minuteOfDay('结束时间'),
  capacity: z
    .number({ error: '请填写名额' })
    .int({ error: '名额须为整数' })
    .min(1, { error: '名额至少为1' })
    .max(10000, { error: '名额不能超过10000' }),
});
export type LectureFields = z.infer<typeof lectureFieldsSchema>;

/** Start after end is refused (on the end time). */
export function refineLectureTimes<T extends { startMinute: number; endMinute: number }>(
  schema: z.ZodType<T>,
) {
  return schema.refine((v) => v.endMinute > v.startMinute, {
    error: '结束时间须晚于开始时间',
    path: ['endMinute'],
  });
}

export const lectureInputSchema = refineLectureTimes(lectureFieldsSchema);

/** Start and end instants of entered fields. */
export function lectureInstants(v: Pick<LectureFields, 'date' | 'startMinute' | 'endMinute'>): {
  startsAt: Date;
  endsAt: Date;
} {
  return {
    startsAt: shanghaiInstant(v.date, minuteToTime(v.startMinute)),
    endsAt: shanghaiInstant(v.date, minuteToTime(v.endMinute)),
  };
}

export const checkInCodeSchema = z
  .string({ error: '请输入签到码' })
  .trim()
  .regex(/^\d{6}$/, { error: '签到码为6位数字' });
