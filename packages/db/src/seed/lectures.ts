/**
 * Demo 五四讲堂 (LIFE-3): a published lecture for the month the seed runs in and one for the next
 * month, plus a few sign-ups from 城关区 for the next one. Dated relative to the seed's clock (the
 * `now` passed to `seedDemoCity`, default the real time), so a fresh demo always has a lecture to
 * sign up for: this month's is on the last day of the month at 19:00 Beijing time (or, when that
 * has passed, already over), next month's on the 4th at 14:30. Same clock → same rows.
 */
import { addMonthsToMonth, firstDayOf, lectureMonth, shanghaiInstant, shanghaiMonth } from '@tuanjian/domain';
import type { Kysely, Transaction } from 'kysely';
import type { PlatformDatabase } from '../schema';
import type { DistrictSeed } from './district';

function lastDayOf(month: string): string {
  const next = firstDayOf(addMonthsToMonth(month, 1));
  const d = new Date(`${next}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

export interface DemoLecture {
  theme: string;
  format: 'guest_lecture' | 'ideology_class' | 'youth_forum' | 'mobile_classroom';
  speaker: string;
  speaker_title: string;
  venue_kind: 'youth_home' | 'youth_reading_bar' | 'reader_hut' | 'rural_visit';
  venue: string;
  starts_at: Date;
  ends_at: Date;
  capacity: number;
  check_in_code: string;
}

export function demoLectures(now: Date): DemoLecture[] {
  const month = shanghaiMonth(now);
  const last = lastDayOf(month);
  const next = addMonthsToMonth(month, 1);
  const nextDay = `${next}-04`;
  return [
    {
      theme: '青春心向党 建功新时代',
      format: 'guest_lecture',
      speaker: '王建华',
      speaker_title: '兰州大学马克思主义学院教授',
      venue_kind: 'youth_home',
      venue: '兰州市青年之家（城关区庆阳路）',
      starts_at: shanghaiInstant(last, '19:00'),
      ends_at: shanghaiInstant(last, '20:30'),
      capacity: 120,
      check_in_code: '504504',
    },
    {
      theme: '黄河流域生态保护与青年担当',
      format: 'youth_forum',
      speaker: '李晓梅',
      speaker_title: '甘肃省青年联合会委员',
      venue_kind: 'youth_reading_bar',
      venue: '安宁区青年读书吧',
      starts_at: shanghaiInstant(nextDay, '14:30'),
      ends_at: shanghaiInstant(nextDay, '16:30'),
      capacity: 80,
      check_in_code: '190504',
    },
  ];
}

/** Inserts the demo lectures (published) and a few 城关区 sign-ups for the second one. */
export async function insertDemoLectures(
  trx: Transaction<PlatformDatabase> | Kysely<PlatformDatabase>,
  now: Date,
  chengguan: { tenantId: string; seed: DistrictSeed; excludeMemberId: string },
): Promise<void> {
  const ids: string[] = [];
  for (const l of demoLectures(now)) {
    const row = await trx
      .insertInto('platform.lectures')
      .values({ ...l, month: lectureMonth(l.starts_at), status: 'published' })
      .returning('id')
      .executeTakeFirstOrThrow();
    ids.push(row.id);
  }
  const orgName = new Map(chengguan.seed.orgs.map((o) => [o.id, o.name]));
  const members = chengguan.seed.members
    .filter((m) => m.status === 'active' && m.id !== chengguan.excludeMemberId)
    .slice(0, 12);
  const bookedAt = new Date(now.getTime() - 3 * 86_400_000);
  for (const m of members) {
    await trx
      .insertInto('platform.lecture_signups')
      .values({
        lecture_id: ids[1]!,
        tenant_id: chengguan.tenantId,
        member_id: m.id,
        org_id: m.org_id,
        org_name: orgName.get(m.org_id) ?? '',
        member_name: m.name,
        booked_at: bookedAt as never,
      })
      .execute();
  }
}
