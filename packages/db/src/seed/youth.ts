/**
 * Demo 青年大学习 and 流动团员 (issue 10, slice "youth"):
 * - 城关区: the four study weeks before the seed's week as imported sessions, each completed by
 *   about 85 % of the active members (deterministic per member and week, the same on PGlite and
 *   PostgreSQL: `hashtext`). The current week is left to the users (import a list, see reminders).
 * - 七里河区: one member working away, placed with another 团支部 of the district (MEM-8).
 */
import { addDays, studyWeekOf } from '@tuanjian/domain';
import { type Kysely, sql } from 'kysely';
import type { DistrictDatabase } from '../schema';

export const YOUTH_SEED_WEEKS = 4;
const SEED_USER = '00000000-0000-0000-0000-000000000000';

export async function insertYouthSeed(tdb: Kysely<DistrictDatabase>, code: string, now: Date): Promise<void> {
  if (code === 'chengguan') {
    const current = studyWeekOf(now);
    for (let i = 1; i <= YOUTH_SEED_WEEKS; i++) {
      const week = addDays(current, -7 * i);
      const s = await tdb
        .insertInto('youth_study_sessions')
        .values({ week_start: week, label: null })
        .returning('id')
        .executeTakeFirstOrThrow();
      await tdb
        .insertInto('youth_study_completions')
        .columns(['session_id', 'member_id', 'completed_on'])
        .expression((eb) =>
          eb
            .selectFrom('members as m')
            .select([
              sql<string>`${s.id}::uuid`.as('session_id'),
              'm.id',
              sql<string>`${addDays(week, i % 3)}::date`.as('completed_on'),
            ])
            .where('m.status', '=', 'active')
            .where(sql<boolean>`abs(hashtext(m.id::text || ${week})) % 100 < 85`),
        )
        .execute();
    }
  }
  if (code === 'qilihe') {
    const branches = await tdb
      .selectFrom('organisations')
      .select('id')
      .where('kind', '=', 'branch')
      .where('status', '=', 'active')
      .orderBy('path')
      .limit(2)
      .execute();
    const [home, away] = branches;
    if (!home || !away) return;
    const member = await tdb
      .selectFrom('members')
      .select('id')
      .where('org_id', '=', home.id)
      .where('status', '=', 'active')
      .orderBy('name')
      .executeTakeFirst();
    if (!member) return;
    await tdb
      .insertInto('mobile_placements')
      .values({
        member_id: member.id,
        responsible_org_id: away.id,
        kind: 'work',
        place: '广东省深圳市南山区',
        unit_name: '深圳某科技有限公司',
        started_on: addDays(studyWeekOf(now), -60),
        note: '外出务工，组织关系保留在原团支部',
        created_by: SEED_USER,
      })
      .execute();
  }
}
