/**
 * LIFT-1 figures from the district's own records, for a subtree (path prefix; null = the tenant) and
 * a year: organisation coverage (空白点 registry + organisations founded), cadre training coverage
 * (任职培训 / 任期轮训 among serving leaders), cadre contact-youth records, 工作品牌 register.
 * Counts only — no personal data.
 */
import { percent } from '@tuanjian/domain';
import { escapeLike, type TenantDb } from '../scope';

export interface LiftFigures {
  coverage: {
    /** gaps registered up to the date */
    gaps: number;
    /** of those, covered by the date */
    covered: number;
    open: number;
    coveredInYear: number;
    coverageRate: number | null;
    /** organisations founded in the year (build-out) */
    foundedInYear: number;
  };
  training: {
    /** serving leaders at the date */
    leaders: number;
    /** of those, with a training record in the year */
    trained: number;
    appointment: number;
    rotation: number;
    coverageRate: number | null;
  };
  contacts: { records: number; youths: number; cadres: number };
  brands: { total: number; byStatus: Record<string, number> };
}

export async function liftFigures(
  tdb: TenantDb,
  prefix: string | null,
  year: number,
  asOf: string,
): Promise<LiftFigures> {
  const from = `${year}-01-01`;
  const to = `${year}-12-31`;
  const like = prefix ? `${escapeLike(prefix)}%` : '%';

  const gaps = await tdb
    .selectFrom('coverage_gaps as g')
    .leftJoin('organisations as r', 'r.id', 'g.responsible_org_id')
    .select(['g.status', 'g.covered_on', 'g.registered_on'])
    .where('g.registered_on', '<=', asOf)
    .$if(prefix !== null, (q) => q.where('r.path', 'like', like))
    .execute();
  const covered = gaps.filter((g) => g.status === 'covered' && g.covered_on && g.covered_on <= asOf);
  const founded = await tdb
    .selectFrom('organisations')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('path', 'like', like)
    .where('founded_on', '>=', from)
    .where('founded_on', '<=', to)
    .executeTakeFirstOrThrow();

  const leaders = await tdb
    .selectFrom('org_leaders as l')
    .innerJoin('organisations as o', 'o.id', 'l.org_id')
    .select(['l.id'])
    .where('o.path', 'like', like)
    .where('o.status', '=', 'active')
    .where('l.term_start', '<=', asOf)
    .where((eb) => eb.or([eb('l.term_end', 'is', null), eb('l.term_end', '>', asOf)]))
    .execute();
  const leaderIds = new Set(leaders.map((l) => l.id));
  const trainings = await tdb
    .selectFrom('cadre_trainings as t')
    .innerJoin('organisations as o', 'o.id', 't.org_id')
    .select(['t.leader_id', 't.kind'])
    .where('o.path', 'like', like)
    .where('t.trained_on', '>=', from)
    .where('t.trained_on', '<=', to)
    .execute();
  const trained = new Set(trainings.filter((t) => leaderIds.has(t.leader_id)).map((t) => t.leader_id));

  const contacts = await tdb
    .selectFrom('cadre_contacts as c')
    .innerJoin('organisations as o', 'o.id', 'c.org_id')
    .select(['c.leader_id', 'c.youth_count'])
    .where('o.path', 'like', like)
    .where('c.contacted_on', '>=', from)
    .where('c.contacted_on', '<=', to)
    .execute();

  const brands = await tdb
    .selectFrom('brand_projects as b')
    .innerJoin('organisations as o', 'o.id', 'b.org_id')
    .select(['b.status'])
    .where('o.path', 'like', like)
    .where('b.year', '=', year)
    .execute();
  const byStatus: Record<string, number> = {};
  for (const b of brands) byStatus[b.status] = (byStatus[b.status] ?? 0) + 1;

  return {
    coverage: {
      gaps: gaps.length,
      covered: covered.length,
      open: gaps.length - covered.length,
      coveredInYear: covered.filter((g) => (g.covered_on as string) >= from).length,
      coverageRate: percent(covered.length, gaps.length),
      foundedInYear: Number(founded.n),
    },
    training: {
      leaders: leaderIds.size,
      trained: trained.size,
      appointment: trainings.filter((t) => t.kind === 'appointment').length,
      rotation: trainings.filter((t) => t.kind === 'rotation').length,
      coverageRate: percent(trained.size, leaderIds.size),
    },
    contacts: {
      records: contacts.length,
      youths: contacts.reduce((s, c) => s + c.youth_count, 0),
      cadres: new Set(contacts.map((c) => c.leader_id)).size,
    },
    brands: { total: brands.length, byStatus },
  };
}
