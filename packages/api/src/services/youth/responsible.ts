/**
 * Who a branch is responsible for (MEM-8): its own active members, except those placed away with
 * another branch (an open `mobile_placements` row), plus the mobile members placed with it. 青年大学习
 * lists, dues reminders and check-ins follow this; `members.org_id` stays the home branch.
 */
import { sql } from 'kysely';
import { escapeLike, type TenantDb } from '../scope';

export interface ResponsibleMember {
  id: string;
  name: string;
  memberNumber: string | null;
  phoneMasked: string | null;
  idCardMasked: string | null;
  /** The branch responsible for the member now (responsible branch when away, else home). */
  orgId: string;
  orgName: string;
  orgPath: string;
  /** The home branch (members.org_id). */
  homeOrgId: string;
  mobile: boolean;
}

/** Active members a subtree (by path; null = the whole tenant) is responsible for. */
export async function responsibleMembers(tdb: TenantDb, path: string | null): Promise<ResponsibleMember[]> {
  let q = tdb
    .selectFrom('members as m')
    .leftJoin('mobile_placements as p', (j) =>
      j.onRef('p.member_id', '=', 'm.id').on('p.ended_on', 'is', null),
    )
    .innerJoin('organisations as o', (j) =>
      j.on(sql<boolean>`o.id = coalesce(p.responsible_org_id, m.org_id)`),
    )
    .select([
      'm.id',
      'm.name',
      'm.member_number',
      'm.phone_masked',
      'm.id_card_masked',
      'm.org_id',
      'o.id as eff_org_id',
      'o.name as org_name',
      'o.path as org_path',
      'p.id as placement_id',
    ])
    .where('m.status', '=', 'active');
  if (path) q = q.where('o.path', 'like', `${escapeLike(path)}%`);
  const rows = await q.orderBy('o.path').orderBy('m.name').execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    memberNumber: r.member_number,
    phoneMasked: r.phone_masked,
    idCardMasked: r.id_card_masked,
    orgId: r.eff_org_id,
    orgName: r.org_name,
    orgPath: r.org_path,
    homeOrgId: r.org_id,
    mobile: r.placement_id !== null,
  }));
}

/**
 * The organisation responsible for one member now: an open placement's responsible branch, else
 * the home branch. Theme-day check-ins (and the member's own theme day) follow it.
 */
export async function responsibleOrgOf(
  tdb: TenantDb,
  memberId: string,
): Promise<{ id: string; name: string; homeOrgId: string; mobile: boolean } | null> {
  const r = await tdb
    .selectFrom('members as m')
    .leftJoin('mobile_placements as p', (j) =>
      j.onRef('p.member_id', '=', 'm.id').on('p.ended_on', 'is', null),
    )
    .innerJoin('organisations as o', (j) =>
      j.on(sql<boolean>`o.id = coalesce(p.responsible_org_id, m.org_id)`),
    )
    .select(['o.id', 'o.name', 'm.org_id', 'p.id as placement_id'])
    .where('m.id', '=', memberId)
    .executeTakeFirst();
  return r ? { id: r.id, name: r.name, homeOrgId: r.org_id, mobile: r.placement_id !== null } : null;
}

/** Active members per organisation responsible for them now (only the ids asked for). */
export async function responsibleCounts(tdb: TenantDb, orgIds: string[]): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  if (orgIds.length === 0) return out;
  const rows = await tdb
    .selectFrom('members as m')
    .leftJoin('mobile_placements as p', (j) =>
      j.onRef('p.member_id', '=', 'm.id').on('p.ended_on', 'is', null),
    )
    .select([
      sql<string>`coalesce(p.responsible_org_id, m.org_id)`.as('org_id'),
      sql<number>`count(*)::int`.as('n'),
    ])
    .where('m.status', '=', 'active')
    .where(sql<boolean>`coalesce(p.responsible_org_id, m.org_id) in (${sql.join(orgIds)})`)
    .groupBy(sql`coalesce(p.responsible_org_id, m.org_id)`)
    .execute();
  for (const r of rows) out.set(r.org_id, Number(r.n));
  return out;
}
