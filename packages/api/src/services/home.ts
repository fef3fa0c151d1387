/**
 * The mini-program home: who I am, my branch, and (for a secretary) the branch's members.
 */
import type { MemberStatus, OrgKind } from '@tuanjian/domain';
import type { Me } from './me';
import { get as getMember, type MemberDetail } from './members';
import { currentStar, type OrgStar } from './rating/star';
import { escapeLike, type Scope, type TenantDb } from './scope';

export interface HomeSummary {
  me: Me;
  branch: {
    id: string;
    name: string;
    kind: OrgKind;
    parentName: string | null;
    /** The latest published star (星级评定). */
    star: OrgStar | null;
  } | null;
  members: { id: string; name: string; memberNumber: string | null; status: MemberStatus }[];
  profile: MemberDetail | null;
}

/** A secretary's home lists at most this many members (the full list is members.list). */
export const HOME_MEMBER_LIMIT = 200;

export async function summary(tdb: TenantDb, scope: Scope, me: Me): Promise<HomeSummary> {
  const result: HomeSummary = { me, branch: null, members: [], profile: null };
  if (scope.tenant.kind !== 'district' || !scope.org) return result;

  let branchId = scope.org.id;
  if (scope.role === 'member' && scope.memberId) {
    result.profile = await getMember(tdb, scope, scope.memberId);
    branchId = result.profile.orgId;
  }
  const branch = await tdb
    .selectFrom('organisations as o')
    .leftJoin('organisations as p', 'p.id', 'o.parent_id')
    .select(['o.id', 'o.name', 'o.kind', 'p.name as parentName'])
    .where('o.id', '=', branchId)
    .executeTakeFirst();
  result.branch = branch ? { ...branch, star: await currentStar(tdb, branch.id) } : null;

  if (scope.role === 'org_secretary') {
    result.members = await tdb
      .selectFrom('members as m')
      .innerJoin('organisations as o', 'o.id', 'm.org_id')
      .select(['m.id', 'm.name', 'm.member_number as memberNumber', 'm.status'])
      .where('o.path', 'like', `${escapeLike(scope.org.path)}%`)
      .where('m.status', '=', 'active')
      .orderBy('m.name')
      .orderBy('m.id')
      .limit(HOME_MEMBER_LIMIT)
      .execute();
  }
  return result;
}
