/**
 * SUP-3 for a district tenant: its own published results and the actions concerning it. Runs under
 * the tenant's role: row-level security returns only published rounds, the tenant's own score rows
 * and its own actions (`migrations/platform-assessment.ts`), never another unit's score.
 */
import type { PlatformDatabase } from '@tuanjian/db';
import { type AssessmentItem, type EscalationLevel, escalationLevelLabel } from '@tuanjian/domain';
import type { QueryCreator } from 'kysely';
import { asDate } from '../../db-types';
import { forbiddenRole } from '../../errors';
import type { Scope, TenantDb } from '../scope';

const platform = (tdb: TenantDb) => tdb as unknown as QueryCreator<PlatformDatabase>;
const parseJson = <T>(v: unknown): T => (typeof v === 'string' ? JSON.parse(v) : v) as T;

export interface MyResult {
  year: number;
  title: string;
  publishedAt: Date | null;
  items: AssessmentItem[];
  itemScores: Record<string, number>;
  total: number;
  rank: number | null;
  unitCount: number | null;
  action: {
    level: EscalationLevel;
    levelLabel: string;
    consecutiveYears: number;
    talkOn: string | null;
    letterNo: string | null;
    letterAddressee: string | null;
  } | null;
}

export async function myResults(tdb: TenantDb, scope: Scope): Promise<MyResult[]> {
  if (scope.role !== 'district_admin') throw forbiddenRole('年终考核结果仅区县团委管理员可查看');
  const rows = await platform(tdb)
    .selectFrom('platform.assessment_scores as s')
    .innerJoin('platform.assessment_rounds as r', 'r.id', 's.round_id')
    .select([
      'r.id',
      'r.year',
      'r.title',
      'r.published_at',
      'r.items',
      'r.unit_count',
      's.item_scores',
      's.total',
      's.rank',
    ])
    .where('s.tenant_id', '=', scope.tenant.id)
    .where('r.status', '=', 'published')
    .orderBy('r.year', 'desc')
    .execute();
  const actions = await platform(tdb)
    .selectFrom('platform.assessment_actions')
    .selectAll()
    .where('tenant_id', '=', scope.tenant.id)
    .execute();
  return rows.map((r) => {
    const a = actions.find((x) => x.round_id === r.id);
    return {
      year: r.year,
      title: r.title,
      publishedAt: r.published_at ? asDate(r.published_at) : null,
      items: parseJson<AssessmentItem[]>(r.items),
      itemScores: parseJson<Record<string, number>>(r.item_scores),
      total: r.total,
      rank: r.rank,
      unitCount: r.unit_count,
      action: a
        ? {
            level: a.level,
            levelLabel: escalationLevelLabel[a.level],
            consecutiveYears: a.consecutive_years,
            talkOn: a.talk_on,
            letterNo: a.letter_no,
            letterAddressee: a.letter_addressee,
          }
        : null,
    };
  });
}
