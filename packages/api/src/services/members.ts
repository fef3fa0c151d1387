/**
 * Member archive reads (MEM-1), within scope. A `member` grant sees only its own record.
 */
import {
  type ArchiveCompleteness,
  ageOn,
  archiveCompleteness,
  type Gender,
  type MemberStatus,
  todayInShanghai,
} from '@tuanjian/domain';
import { asDate } from '../db-types';
import { forbiddenRole, forbiddenScope, notFound } from '../errors';
import { getOrgInScope } from './organisations';
import { escapeLike, pathInScope, type Scope, type TenantDb } from './scope';

export interface MemberItem {
  id: string;
  name: string;
  gender: Gender;
  ethnicity: string | null;
  birthDate: string;
  /** Full years today (Asia/Shanghai). */
  age: number;
  joinDate: string | null;
  memberNumber: string | null;
  education: string | null;
  occupationCategory: string | null;
  status: MemberStatus;
  orgId: string;
  orgName: string;
  /** Masked 身份证号 (`6201**********123X`); the full value only through `members.revealPii`. */
  idCardMasked: string | null;
  /** Masked phone (`138****5678`). */
  phoneMasked: string | null;
}

export interface MemberDetail extends MemberItem {
  orgKind: string;
  /** 档案完备 checklist and score (MEM-1). */
  archive: ArchiveCompleteness;
  createdAt: Date;
  updatedAt: Date;
}

export interface ListMembersInput {
  page: number;
  pageSize: number;
  q?: string;
  orgId?: string;
  status?: MemberStatus;
}

function baseQuery(tdb: TenantDb) {
  return tdb.selectFrom('members as m').innerJoin('organisations as o', 'o.id', 'm.org_id');
}

const columns = [
  'm.id',
  'm.name',
  'm.gender',
  'm.ethnicity',
  'm.birth_date',
  'm.join_date',
  'm.member_number',
  'm.education',
  'm.occupation_category',
  'm.status',
  'm.org_id',
  'o.name as org_name',
  'o.kind as org_kind',
  'o.path as org_path',
  'm.created_at',
  'm.updated_at',
  'm.id_card_masked',
  'm.phone_masked',
] as const;

type Row = {
  id: string;
  name: string;
  gender: Gender;
  ethnicity: string | null;
  birth_date: string;
  join_date: string | null;
  member_number: string | null;
  education: string | null;
  occupation_category: string | null;
  status: MemberStatus;
  org_id: string;
  org_name: string;
  id_card_masked: string | null;
  phone_masked: string | null;
};

function toItem(r: Row, today: string): MemberItem {
  return {
    id: r.id,
    name: r.name,
    gender: r.gender,
    ethnicity: r.ethnicity,
    birthDate: r.birth_date,
    age: ageOn(r.birth_date, today),
    joinDate: r.join_date,
    memberNumber: r.member_number,
    education: r.education,
    occupationCategory: r.occupation_category,
    status: r.status,
    orgId: r.org_id,
    orgName: r.org_name,
    idCardMasked: r.id_card_masked,
    phoneMasked: r.phone_masked,
  };
}

export async function list(
  tdb: TenantDb,
  scope: Scope,
  input: ListMembersInput,
): Promise<{ items: MemberItem[]; total: number; page: number; pageSize: number }> {
  if (scope.role !== 'district_admin' && scope.role !== 'org_secretary') {
    throw forbiddenRole(
      scope.role === 'member' ? '团员只能查看本人信息，不能查看团员名册' : '您的角色无权查看团员名册',
    );
  }
  // The subtree the list covers: the chosen organisation (which must be in scope) or the whole scope.
  let prefix: string | null = scope.org?.path ?? null;
  if (input.orgId) prefix = (await getOrgInScope(tdb, scope, input.orgId)).path;

  let q = baseQuery(tdb);
  if (prefix) q = q.where('o.path', 'like', `${escapeLike(prefix)}%`);
  if (input.status) q = q.where('m.status', '=', input.status);
  const text = input.q?.trim();
  if (text) {
    const contains = `%${escapeLike(text)}%`;
    // Up to 4 trailing digits (or ending in X): also the last digits of the 身份证号 (kept masked).
    const idTail = /^(\d{1,4}|\d{0,3}[xX])$/.test(text) ? `%${text.toUpperCase()}` : null;
    q = /^\d+[xX]?$/.test(text)
      ? q.where((eb) =>
          eb.or([
            eb('m.member_number', 'like', `${escapeLike(text)}%`),
            eb('m.name', 'like', contains),
            ...(idTail ? [eb('m.id_card_masked', 'like', idTail)] : []),
          ]),
        )
      : q.where('m.name', 'like', contains);
  }
  const [countRow, rows] = await Promise.all([
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    q
      .select(columns)
      .orderBy('m.name')
      .orderBy('m.id')
      .limit(input.pageSize)
      .offset((input.page - 1) * input.pageSize)
      .execute(),
  ]);
  const today = todayInShanghai();
  return {
    items: rows.map((r) => toItem(r, today)),
    total: Number(countRow.n),
    page: input.page,
    pageSize: input.pageSize,
  };
}

export async function get(tdb: TenantDb, scope: Scope, id: string): Promise<MemberDetail> {
  if (scope.role === 'member') {
    if (id !== scope.memberId) throw forbiddenRole('团员只能查看本人信息');
  } else if (scope.role !== 'district_admin' && scope.role !== 'org_secretary') {
    throw forbiddenRole('您的角色无权查看团员档案');
  }
  const r = await baseQuery(tdb).select(columns).where('m.id', '=', id).executeTakeFirst();
  if (!r) throw notFound('团员');
  if (scope.role !== 'member' && !pathInScope(scope, r.org_path))
    throw forbiddenScope('该团员不在您管理的组织范围内');
  return {
    ...toItem(r, todayInShanghai()),
    orgKind: r.org_kind,
    archive: archiveCompleteness({
      name: r.name,
      gender: r.gender,
      ethnicity: r.ethnicity,
      birthDate: r.birth_date,
      hasIdCard: r.id_card_masked !== null,
      hasPhone: r.phone_masked !== null,
      joinDate: r.join_date,
      memberNumber: r.member_number,
      education: r.education,
      occupationCategory: r.occupation_category,
      orgId: r.org_id,
    }),
    createdAt: asDate(r.created_at),
    updatedAt: asDate(r.updated_at),
  };
}
