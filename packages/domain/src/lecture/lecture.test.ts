import { describe, expect, it } from 'vitest';
import { ruleCatalogue } from '../rules';
import {
  attendancePermille,
  canCancelSignup,
  canCheckIn,
  canFinish,
  canSignUp,
  checkInCodeSchema,
  formatShanghaiDateTime,
  LECTURE_FORMATS,
  LECTURE_VENUE_KINDS,
  lectureFormatLabel,
  lectureInputSchema,
  lectureInstants,
  lectureMonth,
  lectureVenueKindLabel,
  seatsLeft,
  shanghaiInstant,
  shanghaiMinuteOfDay,
} from './index';

const rule = ruleCatalogue['lecture.signup'].value;
const startsAt = shanghaiInstant('2026-12-04', '14:30');
const endsAt = shanghaiInstant('2026-12-04', '16:30');
const lecture = { status: 'published' as const, startsAt, endsAt };
const at = (time: string, date = '2026-12-04') => shanghaiInstant(date, time);

describe('五四讲堂 labels', () => {
  it('has the four formats and the venue kinds of the spec, in Chinese', () => {
    expect(LECTURE_FORMATS.map((f) => lectureFormatLabel[f])).toEqual([
      '名家讲堂',
      '思政课堂',
      '青年论坛',
      '流动教室',
    ]);
    const venues = LECTURE_VENUE_KINDS.map((v) => lectureVenueKindLabel[v]);
    expect(venues).toEqual(expect.arrayContaining(['青年之家', '青年读书吧', '读者小屋', '走进乡村']));
  });
});

describe('sign-up window (rule lecture.signup)', () => {
  it('is open for a published lecture until the start, closed from the start on', () => {
    expect(canSignUp(lecture, at('14:29'), rule)).toEqual({ ok: true });
    const closed = canSignUp(lecture, at('14:30'), rule);
    expect(closed.ok).toBe(false);
    expect(!closed.ok && closed.reason).toContain('报名已截止');
  });
  it('honours a later rule version that closes earlier', () => {
    const earlier = { ...rule, signupClosesMinutesBeforeStart: 60 };
    expect(canSignUp(lecture, at('13:29'), earlier).ok).toBe(true);
    const r = canSignUp(lecture, at('13:31'), earlier);
    expect(!r.ok && r.reason).toContain('开讲前60分钟');
  });
  it('refuses drafts, cancelled and finished lectures', () => {
    for (const status of ['draft', 'cancelled', 'finished'] as const) {
      const r = canSignUp({ ...lecture, status }, at('09:00', '2026-12-01'), rule);
      expect(r.ok).toBe(false);
    }
    const r = canSignUp({ ...lecture, status: 'cancelled' }, at('09:00', '2026-12-01'), rule);
    expect(!r.ok && r.reason).toBe('讲堂已取消，不能报名');
  });
});

describe('cancellation window', () => {
  it('allows cancelling until the start', () => {
    expect(canCancelSignup(lecture, at('14:29'), rule).ok).toBe(true);
    const r = canCancelSignup(lecture, at('14:31'), rule);
    expect(!r.ok && r.reason).toContain('不能取消报名');
  });
  it('refuses on a finished lecture', () => {
    expect(canCancelSignup({ ...lecture, status: 'finished' }, at('09:00'), rule).ok).toBe(false);
  });
});

describe('check-in window', () => {
  it('opens 30 minutes before the start and closes at the end', () => {
    expect(canCheckIn(lecture, at('13:59'), rule).ok).toBe(false);
    expect(canCheckIn(lecture, at('14:00'), rule).ok).toBe(true);
    expect(canCheckIn(lecture, at('16:30'), rule).ok).toBe(true);
    const late = canCheckIn(lecture, at('16:31'), rule);
    expect(!late.ok && late.reason).toContain('签到已结束');
  });
  it('refuses a cancelled lecture even inside the window', () => {
    expect(canCheckIn({ ...lecture, status: 'cancelled' }, at('14:40'), rule).ok).toBe(false);
  });
  it('finish only after the end', () => {
    expect(canFinish(lecture, at('16:00')).ok).toBe(false);
    expect(canFinish(lecture, at('16:30')).ok).toBe(true);
    expect(canFinish({ ...lecture, status: 'draft' }, at('17:00')).ok).toBe(false);
  });
});

describe('counts and rates', () => {
  it('seats left never goes negative', () => {
    expect(seatsLeft(100, 40)).toBe(60);
    expect(seatsLeft(100, 100)).toBe(0);
    expect(seatsLeft(10, 12)).toBe(0);
  });
  it('attendance rate in ‰, half up; none when nobody signed up', () => {
    expect(attendancePermille(0, 0)).toBeNull();
    expect(attendancePermille(2, 3)).toBe(667);
    expect(attendancePermille(1, 8)).toBe(125);
    expect(attendancePermille(100, 100)).toBe(1000);
  });
});

describe('Shanghai times', () => {
  it('a lecture at 00:30 on the 1st in Shanghai belongs to that month although it is the previous day in UTC', () => {
    const t = shanghaiInstant('2026-12-01', '00:30');
    expect(t.toISOString()).toBe('2026-11-30T16:30:00.000Z');
    expect(lectureMonth(t)).toBe('2026-12');
    expect(formatShanghaiDateTime(t)).toBe('2026-12-01 00:30');
    expect(shanghaiMinuteOfDay(t)).toBe(30);
  });
  it('input: one day, start and end as minutes; end must be after start', () => {
    const base = {
      format: 'guest_lecture',
      theme: '青春心向党',
      speaker: '李老师',
      venueKind: 'youth_home',
      venue: '城关区青年之家',
      date: '2026-12-04',
      startMinute: 870,
      endMinute: 990,
      capacity: 100,
    };
    const ok = lectureInputSchema.parse(base);
    expect(lectureInstants(ok)).toEqual({ startsAt, endsAt });
    const bad = lectureInputSchema.safeParse({ ...base, endMinute: 870 });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.message).toBe('结束时间须晚于开始时间');
    expect(lectureInputSchema.safeParse({ ...base, capacity: 0 }).error?.issues[0]?.message).toBe(
      '名额至少为1',
    );
  });
  it('check-in code is six digits', () => {
    expect(checkInCodeSchema.parse(' 012345 ')).toBe('012345');
    expect(checkInCodeSchema.safeParse('12345').success).toBe(false);
  });
});
