/**
 * Data quality (DOMAIN §11): suspected "zombie" 团支部 — no meeting, no theme day, no dues payment
 * and no check-in for N months (rule `dataQuality.zombie`, the version in force today) — within scope,
 * exportable. Members with incomplete archives come from the archive module (`archive.completeness`).
 */
import { todayInShanghai, zombieVerdict } from '@tuanjian/domain';
import { loadRuleBook } from '../dues/rules';
import { buildLedgerWorkbook, type LedgerColumn } from '../excel';
import { lastActivityByOrg } from '../rollups/compute';
import { escapeLike, type Scope, type TenantDb } from '../scope';
import { assertLiftManager } from './records';

export interface ZombieItem {
  orgId: string;
  name: string;
  parentName: string | null;
  memberCount: number;
  foundedOn: string | null;
  lastMeetingOn: string | null;
  lastThemeDayOn: string | null;
  lastDuesOn: string | null;
  lastCheckInOn: string | null;
  lastActivityOn: string | null;
}

export async function zombieBranches(tdb: TenantDb, scope: Scope, now: Date) {
  assertLiftManager(scope);
  const today = todayInShanghai(now);
  const rule = (await loadRuleBook(tdb, 'dataQuality.zombie'))(today);
  const branches = await tdb
    .selectFrom('organisations as o')
    .leftJoin('organisations as p', 'p.id', 'o.parent_id')
    .select(['o.id', 'o.name', 'o.founded_on', 'p.name as parent_name'])
    .where('o.kind', '=', 'branch')
    .where('o.status', '=', 'active')
    .where('o.path', 'like', scope.org ? `${escapeLike(scope.org.path)}%` : '%')
    .orderBy('o.path')
    .execute();
  const counts = new Map(
    (
      await tdb
        .selectFrom('members')
        .select(['org_id', (eb) => eb.fn.countAll<number>().as('n')])
        .where('status', '=', 'active')
        .groupBy('org_id')
        .execute()
    ).map((r) => [r.org_id, Number(r.n)]),
  );
  const activity = await lastActivityByOrg(tdb, today);
  const items: ZombieItem[] = [];
  let since = today;
  for (const b of branches) {
    const a = activity.get(b.id) ?? {};
    const facts = {
      foundedOn: b.founded_on,
      lastMeetingOn: a.meeting ?? null,
      lastThemeDayOn: a.themeDay ?? null,
      lastDuesOn: a.dues ?? null,
      lastCheckInOn: a.checkIn ?? null,
    };
    const v = zombieVerdict(facts, today, rule.value);
    since = v.since;
    if (!v.zombie) continue;
    items.push({
      orgId: b.id,
      name: b.name,
      parentName: b.parent_name,
      memberCount: counts.get(b.id) ?? 0,
      ...facts,
      lastActivityOn: v.lastActivityOn,
    });
  }
  return {
    today,
    since,
    branchCount: branches.length,
    rule: { months: rule.value.months, version: rule.version, source: rule.source },
    items,
  };
}

const COLUMNS: LedgerColumn<ZombieItem>[] = [
  { header: '团支部', width: 30, value: (r) => r.name },
  { header: '上级组织', width: 24, value: (r) => r.parentName },
  { header: '在册团员', kind: 'int', value: (r) => r.memberCount },
  { header: '最近会议', kind: 'date', value: (r) => r.lastMeetingOn },
  { header: '最近主题团日', kind: 'date', value: (r) => r.lastThemeDayOn },
  { header: '最近交纳团费', kind: 'date', value: (r) => r.lastDuesOn },
  { header: '最近签到', kind: 'date', value: (r) => r.lastCheckInOn },
  { header: '最近活动', kind: 'date', value: (r) => r.lastActivityOn },
];

export async function zombieExport(tdb: TenantDb, scope: Scope, now: Date) {
  const r = await zombieBranches(tdb, scope, now);
  return buildLedgerWorkbook({
    name: '疑似僵尸支部',
    scopeName: scope.org?.name ?? scope.tenant.name,
    filters: [`连续${r.rule.months}个月无活动`],
    columns: COLUMNS,
    rows: r.items,
    now,
    unit: '个',
  });
}
