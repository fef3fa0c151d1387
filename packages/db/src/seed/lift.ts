/**
 * Demo LIFT-1 records (slice "lift"), a few set-based statements per district, deterministic
 * (`hashtext`) and the same on PGlite and PostgreSQL:
 * - 工作品牌: two for this year and one for last year, on the district's first two 团委 / 团工委;
 * - 团干部培训: about 60 % of the serving leaders trained this year (任职培训 for those elected this
 *   year, else 任期轮训), about half of them last year;
 * - 团干部联系青年: one record this year for about 40 % of the serving secretaries.
 */
import { type Kysely, sql } from 'kysely';
import type { DistrictDatabase } from '../schema';

const SEED_USER = '00000000-0000-0000-0000-000000000000';

const BRANDS = [
  { name: '青春志愿行', description: '组织团员青年常态化开展社区志愿服务，建立志愿服务积分。' },
  { name: '青年理论宣讲团', description: '团干部和青年骨干组成宣讲团，每月开展理论宣讲进支部。' },
  { name: '青创先锋', description: '联系辖区青年创业者，开展创业培训、项目路演和结对帮扶。' },
];

export async function insertLiftSeed(tdb: Kysely<DistrictDatabase>, now: Date): Promise<void> {
  const year = Number(
    new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(now),
  );
  const tops = await tdb
    .selectFrom('organisations')
    .select(['id'])
    .where('kind', 'in', ['league_committee', 'working_committee'])
    .where('status', '=', 'active')
    .orderBy('path')
    .limit(2)
    .execute();
  const brandRows = tops.flatMap((o, i) => [
    {
      org_id: o.id,
      year,
      name: BRANDS[i % 3]!.name,
      description: BRANDS[i % 3]!.description,
      status: i === 0 ? ('completed' as const) : ('ongoing' as const),
      created_by: SEED_USER,
    },
    ...(i === 0
      ? [
          {
            org_id: o.id,
            year: year - 1,
            name: BRANDS[2]!.name,
            description: BRANDS[2]!.description,
            status: 'recognised' as const,
            created_by: SEED_USER,
          },
        ]
      : []),
  ]);
  if (brandRows.length) await tdb.insertInto('brand_projects').values(brandRows).execute();

  const today = `${year}-${new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', month: '2-digit', day: '2-digit' }).format(now)}`;
  const trainedOn = (y: number) =>
    y === year ? (`${year}-03-15` <= today ? `${year}-03-15` : `${year}-01-10`) : `${y}-06-20`;
  for (const [y, share] of [
    [year, 60],
    [year - 1, 50],
  ] as const) {
    await tdb
      .insertInto('cadre_trainings')
      .columns(['org_id', 'leader_id', 'kind', 'trained_on', 'hours', 'topic', 'provider', 'created_by'])
      .expression((eb) =>
        eb
          .selectFrom('org_leaders as l')
          .select([
            'l.org_id',
            'l.id',
            sql<string>`case when l.term_start >= ${`${y}-01-01`}::date then 'appointment' else 'rotation' end`.as(
              'kind',
            ),
            sql<string>`${trainedOn(y)}::date`.as('trained_on'),
            sql<number>`8`.as('hours'),
            sql<string>`${`${y}年度团干部培训班`}`.as('topic'),
            sql<string>`'区县团委'`.as('provider'),
            sql<string>`${SEED_USER}::uuid`.as('created_by'),
          ])
          .where('l.term_end', 'is', null)
          .where('l.term_start', '<=', sql<string>`${trainedOn(y)}::date`)
          .where(sql<boolean>`abs(hashtext(l.id::text || ${String(y)})) % 100 < ${share}`),
      )
      .execute();
  }
  await tdb
    .insertInto('cadre_contacts')
    .columns(['org_id', 'leader_id', 'contacted_on', 'youth_count', 'notes', 'created_by'])
    .expression((eb) =>
      eb
        .selectFrom('org_leaders as l')
        .select([
          'l.org_id',
          'l.id',
          sql<string>`${trainedOn(year)}::date`.as('contacted_on'),
          sql<number>`3 + abs(hashtext(l.id::text)) % 8`.as('youth_count'),
          sql<string>`'走访联系青年，了解学习工作情况和诉求'`.as('notes'),
          sql<string>`${SEED_USER}::uuid`.as('created_by'),
        ])
        .where('l.term_end', 'is', null)
        .where('l.position', '=', 'secretary')
        .where(sql<boolean>`abs(hashtext(l.id::text || 'contact')) % 100 < 40`),
    )
    .execute();
}
