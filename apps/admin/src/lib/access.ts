import type { Role } from '@tuanjian/domain';

/** Every page behind the login, and who may open it. Menu and route guards read this one table. */
export type PageKey =
  | 'assessment'
  | 'hearings'
  | 'myHearings'
  | 'myAssessment'
  | 'inspections'
  | 'myFindings'
  | 'circulars'
  | 'goodPractices'
  | 'youthStudy'
  | 'instructors'
  | 'instructorCoverage'
  | 'myVisits'
  | 'instructorVisits'
  | 'mobileMembers'
  | 'corrections'
  | 'liftDashboard'
  | 'liftRecords'
  | 'dataQuality'
  | 'rectification'
  | 'committeeReports'
  | 'committeeRoster'
  | 'committeeTopics'
  | 'committeeMeetings'
  | 'committeeSector'
  | 'researchSubmissions'
  | 'themeDays'
  | 'rating'
  | 'workbench'
  | 'tenants'
  | 'organisations'
  | 'members'
  | 'archiveCompleteness'
  | 'imports'
  | 'development'
  | 'numberBlocks'
  | 'twoSystems'
  | 'transfers'
  | 'schoolToSociety'
  | 'orgLedger'
  | 'orgGaps'
  | 'orgProposals'
  | 'dues'
  | 'recommendations'
  | 'duesCity'
  | 'meetings'
  | 'meetingsCompliance'
  | 'wallCharts'
  | 'lectures'
  | 'handbook'
  | 'search'
  | 'lectureAttendance';

export interface PageDef {
  key: PageKey;
  path: string;
  title: string;
  /** Roles (of the active grant) that may open the page. */
  roles: readonly Role[];
}

const ALL_ROLES: readonly Role[] = [
  'city_admin',
  'inspector',
  'instructor',
  'district_admin',
  'org_secretary',
  'member',
  'committee_chair',
  'committee_member',
];

export const PAGES: readonly PageDef[] = [
  { key: 'workbench', path: '/workbench', title: '工作台', roles: ALL_ROLES },
  { key: 'tenants', path: '/tenants', title: '租户管理', roles: ['city_admin'] },
  {
    key: 'organisations',
    path: '/organisations',
    title: '组织管理',
    roles: ['district_admin', 'org_secretary'],
  },
  { key: 'members', path: '/members', title: '团员管理', roles: ['district_admin', 'org_secretary'] },
  {
    key: 'archiveCompleteness',
    path: '/archive-completeness',
    title: '档案完备',
    roles: ['district_admin', 'org_secretary'],
  },
  { key: 'imports', path: '/imports', title: 'Excel 导入', roles: ['district_admin', 'org_secretary'] },
  { key: 'development', path: '/development', title: '发展团员', roles: ['district_admin', 'org_secretary'] },
  {
    key: 'numberBlocks',
    path: '/number-blocks',
    title: '团员编号号段',
    roles: ['city_admin', 'district_admin', 'org_secretary'],
  },
  {
    key: 'twoSystems',
    path: '/two-systems',
    title: '评议和注册',
    roles: ['district_admin', 'org_secretary'],
  },
  {
    key: 'transfers',
    path: '/transfers',
    title: '组织关系转接',
    roles: ['district_admin', 'org_secretary'],
  },
  {
    key: 'schoolToSociety',
    path: '/school-to-society',
    title: '学社衔接',
    roles: ['district_admin', 'org_secretary'],
  },
  { key: 'orgLedger', path: '/org-ledger', title: '信息台帐', roles: ['district_admin', 'org_secretary'] },
  { key: 'orgGaps', path: '/org-gaps', title: '空白点', roles: ['district_admin', 'org_secretary'] },
  {
    key: 'orgProposals',
    path: '/org-proposals',
    title: '组织调整',
    roles: ['district_admin', 'org_secretary'],
  },
  { key: 'dues', path: '/dues', title: '团费管理', roles: ['district_admin', 'org_secretary'] },
  {
    key: 'recommendations',
    path: '/recommendations',
    title: '推优入党',
    roles: ['district_admin', 'org_secretary'],
  },
  { key: 'duesCity', path: '/dues-city', title: '团费收缴率', roles: ['city_admin'] },
  {
    key: 'liftDashboard',
    path: '/dashboard',
    title: '数据看板',
    roles: ['city_admin', 'district_admin', 'org_secretary'],
  },
  {
    key: 'liftRecords',
    path: '/lift-records',
    title: '规范提升台帐',
    roles: ['district_admin', 'org_secretary'],
  },
  {
    key: 'dataQuality',
    path: '/data-quality',
    title: '数据质量',
    roles: ['district_admin', 'org_secretary'],
  },
  { key: 'meetings', path: '/meetings', title: '三会两制一课', roles: ['district_admin', 'org_secretary'] },
  {
    key: 'meetingsCompliance',
    path: '/meetings-compliance',
    title: '落实情况',
    roles: ['district_admin', 'org_secretary'],
  },
  { key: 'wallCharts', path: '/wall-charts', title: '挂图', roles: ['district_admin', 'org_secretary'] },
  { key: 'lectures', path: '/lectures', title: '五四讲堂', roles: ['city_admin'] },
  {
    key: 'lectureAttendance',
    path: '/lecture-attendance',
    title: '五四讲堂出勤',
    roles: ['district_admin', 'org_secretary'],
  },
  {
    key: 'themeDays',
    path: '/theme-days',
    title: '主题团日',
    roles: ['district_admin', 'org_secretary'],
  },
  {
    key: 'rectification',
    path: '/rectification',
    title: '整理整顿',
    roles: ['district_admin', 'org_secretary'],
  },
  { key: 'rating', path: '/rating', title: '星级评定', roles: ['district_admin', 'org_secretary'] },
  {
    key: 'committeeReports',
    path: '/committee/reports',
    title: '调研报告',
    roles: ['committee_chair', 'committee_member'],
  },
  {
    key: 'committeeTopics',
    path: '/committee/topics',
    title: '调研课题',
    roles: ['committee_chair', 'committee_member'],
  },
  {
    key: 'committeeMeetings',
    path: '/committee/meetings',
    title: '委员会会议',
    roles: ['committee_chair', 'committee_member'],
  },
  {
    key: 'committeeRoster',
    path: '/committee/roster',
    title: '委员名单',
    roles: ['committee_chair', 'committee_member'],
  },
  {
    key: 'committeeSector',
    path: '/committee/sector',
    title: '领域概况',
    roles: ['committee_chair', 'committee_member'],
  },
  {
    key: 'researchSubmissions',
    path: '/research-submissions',
    title: '提交调研报告',
    roles: ['district_admin'],
  },
  {
    key: 'youthStudy',
    path: '/youth-study',
    title: '青年大学习',
    roles: ['district_admin', 'org_secretary'],
  },
  {
    key: 'mobileMembers',
    path: '/mobile-members',
    title: '流动团员',
    roles: ['district_admin', 'org_secretary'],
  },
  {
    key: 'corrections',
    path: '/corrections',
    title: '信息更正与密码重置',
    roles: ['district_admin', 'org_secretary'],
  },
  { key: 'assessment', path: '/assessment', title: '年终考核', roles: ['city_admin'] },
  { key: 'hearings', path: '/hearings', title: '月度述职', roles: ['city_admin'] },
  {
    key: 'myHearings',
    path: '/my-hearings',
    title: '我的整改报告',
    roles: ['district_admin', 'org_secretary'],
  },
  { key: 'myAssessment', path: '/my-assessment', title: '考核结果', roles: ['district_admin'] },
  { key: 'inspections', path: '/inspections', title: '督导检查', roles: ['city_admin', 'inspector'] },
  { key: 'instructors', path: '/instructors', title: '基层团建指导员', roles: ['city_admin'] },
  { key: 'instructorCoverage', path: '/instructor-coverage', title: '指导员覆盖率', roles: ['city_admin'] },
  { key: 'myVisits', path: '/my-visits', title: '我的走访', roles: ['instructor'] },
  {
    key: 'instructorVisits',
    path: '/instructor-visits',
    title: '指导员走访',
    roles: ['district_admin', 'org_secretary'],
  },
  {
    key: 'myFindings',
    path: '/my-findings',
    title: '督导问题整改',
    roles: ['district_admin', 'org_secretary'],
  },
  {
    key: 'circulars',
    path: '/circulars',
    title: '督导通报',
    roles: ['district_admin', 'org_secretary', 'committee_chair', 'committee_member'],
  },
  {
    key: 'goodPractices',
    path: '/good-practices',
    title: '好经验好做法',
    roles: [
      'city_admin',
      'inspector',
      'district_admin',
      'org_secretary',
      'committee_chair',
      'committee_member',
    ],
  },
  {
    key: 'handbook',
    path: '/handbook',
    title: '工作手册',
    roles: ['city_admin', 'district_admin', 'org_secretary', 'member', 'committee_chair', 'committee_member'],
  },
  {
    key: 'search',
    path: '/search',
    title: '搜索',
    roles: ['city_admin', 'district_admin', 'org_secretary', 'member', 'committee_chair', 'committee_member'],
  },
];

export function pageDef(key: PageKey): PageDef {
  const def = PAGES.find((p) => p.key === key);
  if (!def) throw new Error(`unknown page ${key}`);
  return def;
}

export function canAccess(role: Role | null | undefined, page: PageKey): boolean {
  if (!role) return false;
  return pageDef(page).roles.includes(role);
}

/** The menu of the sider, in order, for the role of the active grant. */
export function menuForRole(role: Role | null | undefined): PageDef[] {
  if (!role) return [];
  return PAGES.filter((p) => p.roles.includes(role));
}

/** Which menu entry a location belongs to ('/members?x=1' → 'members'). */
export function pageForPath(pathname: string): PageKey | undefined {
  return PAGES.find((p) => pathname === p.path || pathname.startsWith(`${p.path}/`))?.key;
}

/** A safe in-app target from a `?redirect=` parameter (never another origin, never back to login). */
export function safeRedirect(target: string | null | undefined, fallback = '/workbench'): string {
  if (!target?.startsWith('/') || target.startsWith('//') || target.startsWith('/\\')) return fallback;
  if (target === '/login' || target.startsWith('/login?') || target.startsWith('/select-identity'))
    return fallback;
  return target;
}
