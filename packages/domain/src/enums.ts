/**
 * The vocabulary of the domain: one English code name per Chinese term
 * (see shared/spec/GLOSSARY.md), with the Chinese label shown in the UI.
 */

function labelled<const T extends string>(labels: Record<T, string>) {
  const values = Object.keys(labels) as [T, ...T[]];
  return { values, labels };
}

const roles = labelled({
  city_admin: '团市委管理员',
  inspector: '督查组成员',
  instructor: '基层团建指导员',
  district_admin: '区县团委管理员',
  org_secretary: '团组织书记',
  member: '团员',
  committee_chair: '专门委员会主任',
  committee_member: '专门委员会委员',
});
export const ROLES = roles.values;
export type Role = (typeof ROLES)[number];
export const roleLabel: Record<Role, string> = roles.labels;

const tenantKinds = labelled({
  city: '团市委',
  district: '区县团委',
  committee: '专门委员会',
});
export const TENANT_KINDS = tenantKinds.values;
export type TenantKind = (typeof TENANT_KINDS)[number];
export const tenantKindLabel: Record<TenantKind, string> = tenantKinds.labels;

/** Which roles a grant may carry in a tenant of each kind. */
export const rolesByTenantKind: Record<TenantKind, readonly Role[]> = {
  city: ['city_admin', 'inspector', 'instructor'],
  district: ['district_admin', 'org_secretary', 'member'],
  committee: ['committee_chair', 'committee_member'],
};

const orgKinds = labelled({
  league_committee: '团委',
  working_committee: '团工委',
  general_branch: '团总支',
  branch: '团支部',
  group: '团小组',
});
export const ORG_KINDS = orgKinds.values;
export type OrgKind = (typeof ORG_KINDS)[number];
export const orgKindLabel: Record<OrgKind, string> = orgKinds.labels;

/** Which kinds of organisation may be set up directly under a parent of each kind (null = a root). */
export const allowedChildKinds: Record<OrgKind | 'root', readonly OrgKind[]> = {
  root: ['league_committee', 'working_committee'],
  league_committee: ['league_committee', 'working_committee', 'general_branch', 'branch'],
  working_committee: ['league_committee', 'general_branch', 'branch'],
  general_branch: ['branch'],
  branch: ['group'],
  group: [],
};

export function canParent(parent: OrgKind | null, child: OrgKind): boolean {
  return allowedChildKinds[parent ?? 'root'].includes(child);
}

const orgStatuses = labelled({ active: '正常', merged: '已合并', dissolved: '已撤销' });
export const ORG_STATUSES = orgStatuses.values;
export type OrgStatus = (typeof ORG_STATUSES)[number];
export const orgStatusLabel: Record<OrgStatus, string> = orgStatuses.labels;

const sectors = labelled({
  university: '普通高校',
  vocational_school: '中职学校',
  high_school: '普通高中',
  middle_school: '初中',
  state_enterprise: '国有企业',
  public_institution: '机关事业单位',
  subdistrict_township: '街道乡镇',
  community: '社区',
  rural: '农村',
  non_public_enterprise: '非公有制经济组织',
  social_organisation: '社会组织',
  internet: '互联网行业',
});
export const SECTORS = sectors.values;
export type Sector = (typeof SECTORS)[number];
export const sectorLabel: Record<Sector, string> = sectors.labels;

const memberStatuses = labelled({
  active: '正常',
  transferred_out: '已转出',
  lapsed: '脱团',
  left: '已离团',
});
export const MEMBER_STATUSES = memberStatuses.values;
export type MemberStatus = (typeof MEMBER_STATUSES)[number];
export const memberStatusLabel: Record<MemberStatus, string> = memberStatuses.labels;

const genders = labelled({ male: '男', female: '女' });
export const GENDERS = genders.values;
export type Gender = (typeof GENDERS)[number];
export const genderLabel: Record<Gender, string> = genders.labels;

/** The five special committees (专门委员会) and the sectors each reads (DOMAIN.md §0). */
export const COMMITTEES = [
  { code: 'school', name: '学校和少先队工作委员会' },
  { code: 'enterprise', name: '企业工作委员会' },
  { code: 'community', name: '社区和社会组织工作委员会' },
  { code: 'rural', name: '农业农村工作委员会' },
  { code: 'grassroots', name: '基层建设工作委员会' },
] as const;
export type CommitteeCode = (typeof COMMITTEES)[number]['code'];
