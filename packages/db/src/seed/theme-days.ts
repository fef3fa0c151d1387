/**
 * Demo 主题团日+ (LIFE-2) for the superior's board: three past months (August–October 2026) for
 * most 团支部 of a district, deterministic per district. Each record is closed (held), has members'
 * check-ins and text evidence for its actions; some skip an action or the self-chosen action, some
 * branches did not hold one in a month (absent). The demo has no photos (no uploaded bytes), so the
 * ceremony items stay missing and no seeded record is 已完成 — a branch becomes complete when its
 * secretary adds the photos in the mini-program. The current month is left to the users.
 */
import { ruleCatalogue } from '@tuanjian/domain';
import type { Insertable, Kysely } from 'kysely';
import type {
  DistrictDatabase,
  ThemeDayActionsTable,
  ThemeDayCheckInsTable,
  ThemeDaySelfActionsTable,
  ThemeDaysTable,
} from '../schema';
import type { DistrictSeed } from './district';
import { Prng } from './prng';

export const THEME_DAY_SEED_MONTHS = ['2026-08', '2026-09', '2026-10'] as const;
/** created_by of seeded records (no platform user made them). */
const SEED_USER = '00000000-0000-0000-0000-000000000000';

const THEMES = [
  '学习团章，争做新时代好青年',
  '传承五四精神，勇担青春使命',
  '垃圾分类进社区',
  '重温入团誓词',
  '学习贯彻团的代表大会精神',
  '黄河岸边的志愿服务',
  '读书分享会',
  '青春心向党，建功新时代',
];
const SELF_CHOSEN = ['社区志愿服务', '敬老院慰问', '读书分享会', '红色观影', '义务植树', '文明交通劝导'];

export interface ThemeDaySeed {
  days: Insertable<ThemeDaysTable>[];
  actions: Insertable<ThemeDayActionsTable>[];
  selfActions: Insertable<ThemeDaySelfActionsTable>[];
  checkIns: Insertable<ThemeDayCheckInsTable>[];
}

export function generateThemeDaySeed(code: string, seed: DistrictSeed): ThemeDaySeed {
  const rng = new Prng(`tuanjian-demo:theme-days:${code}`);
  const rule = ruleCatalogue['themeDay.requirements'].value;
  const out: ThemeDaySeed = { days: [], actions: [], selfActions: [], checkIns: [] };
  const membersOf = new Map<string, string[]>();
  for (const m of seed.members) {
    if (m.status !== 'active') continue;
    membersOf.set(m.org_id, [...(membersOf.get(m.org_id) ?? []), m.id]);
  }
  for (const org of seed.orgs) {
    if (org.kind !== 'branch') continue;
    const members = membersOf.get(org.id) ?? [];
    for (const month of THEME_DAY_SEED_MONTHS) {
      if (rng.chance(0.2)) continue; // absent this month
      const id = rng.uuid();
      const day = rng.int(1, 25);
      const held = new Date(`${month}-${String(day).padStart(2, '0')}T15:00:00+08:00`);
      const closed = new Date(held.getTime() + 2 * 3600_000);
      const attendees = members.filter(() => rng.chance(0.85));
      out.days.push({
        id,
        org_id: org.id,
        month,
        theme: rng.pick(THEMES),
        held_at: held,
        place: org.unit_name ? `${org.unit_name}活动室` : '团员活动室',
        status: 'closed',
        check_in_code: String(rng.int(0, 999_999)).padStart(6, '0'),
        check_in_opened_at: held,
        check_in_closes_at: closed,
        closed_at: closed,
        member_count: members.length,
        created_by: SEED_USER,
      });
      const skip = rng.chance(0.25) ? rng.pick(rule.requiredActions).key : null;
      for (const a of rule.requiredActions) {
        if (a.key === skip) continue;
        out.actions.push({
          theme_day_id: id,
          action_key: a.key,
          done: true,
          evidence: `${a.label}：${attendees.length}名团员参加`,
        });
      }
      if (rng.chance(0.8)) {
        out.selfActions.push({
          id: rng.uuid(),
          theme_day_id: id,
          title: rng.pick(SELF_CHOSEN),
          evidence: `${attendees.length}名团员参加`,
        });
      }
      for (const memberId of attendees) {
        out.checkIns.push({
          id: rng.uuid(),
          theme_day_id: id,
          member_id: memberId,
          checked_in_at: new Date(held.getTime() + rng.int(0, 30) * 60_000) as never,
        });
      }
    }
  }
  return out;
}

export async function insertThemeDaySeed(tdb: Kysely<DistrictDatabase>, data: ThemeDaySeed): Promise<void> {
  const batches = async <T>(rows: readonly T[], insert: (chunk: T[]) => Promise<unknown>) => {
    for (let i = 0; i < rows.length; i += 400) await insert(rows.slice(i, i + 400));
  };
  await batches(data.days, (c) => tdb.insertInto('theme_days').values(c).execute());
  await batches(data.actions, (c) => tdb.insertInto('theme_day_actions').values(c).execute());
  await batches(data.selfActions, (c) => tdb.insertInto('theme_day_self_actions').values(c).execute());
  await batches(data.checkIns, (c) => tdb.insertInto('theme_day_check_ins').values(c).execute());
}
