/**
 * ORG-3 信息台帐 (information ledger): one row per organisation in scope with its leadership,
 * 换届 schedule, rule warnings, the latest review's five-problem flags and build-out tags;
 * the same rows and filters as an Excel workbook (exceljs).
 */
import {
  type BuildOutTag,
  buildOutTagLabel,
  type InventoryProblem,
  inventoryProblemLabel,
  type OrgKind,
  type OrgStatus,
  orgKindLabel,
  orgStatusLabel,
  type Sector,
  sectorLabel,
  todayInShanghai,
} from '@tuanjian/domain';
import ExcelJS from 'exceljs';
import { assertOrgManager, getOrgInScope } from '../organisations';
import { escapeLike, type Scope, type TenantDb } from '../scope';
import { loadOrgRules, orgState } from './profile';

export interface LedgerFilters {
  q?: string;
  orgId?: string;
  kind?: OrgKind;
  sector?: Sector;
  status?: OrgStatus;
  problem?: InventoryProblem;
  tag?: BuildOutTag;
  overdue?: boolean;
  withWarnings?: boolean;
}

export interface LedgerRow {
  id: string;
  name: string;
  kind: OrgKind;
  parentName: string | null;
  sector: Sector | null;
  unitName: string | null;
  status: OrgStatus;
  foundedOn: string | null;
  directMemberCount: number;
  secretaryName: string | null;
  leaderCount: number;
  lastElectedOn: string | null;
  dueOn: string | null;
  overdue: boolean;
  warnings: string[];
  problems: InventoryProblem[];
  reviewedOn: string | null;
  reviewerName: string | null;
  tags: BuildOutTag[];
}

export async function ledgerRows(
  tdb: TenantDb,
  scope: Scope,
  filters: LedgerFilters,
  now: Date,
): Promise<LedgerRow[]> {
  assertOrgManager(scope);
  const today = todayInShanghai(now);
  let root = scope.org?.path ?? null;
  if (filters.orgId) root = (await getOrgInScope(tdb, scope, filters.orgId)).path;
  const like = root ? `${escapeLike(root)}%` : null;

  let orgQuery = tdb
    .selectFrom('organisations as o')
    .leftJoin('organisations as p', 'p.id', 'o.parent_id')
    .selectAll('o')
    .select('p.name as parent_name');
  if (like) orgQuery = orgQuery.where('o.path', 'like', like);
  if (filters.kind) orgQuery = orgQuery.where('o.kind', '=', filters.kind);
  if (filters.sector) orgQuery = orgQuery.where('o.sector', '=', filters.sector);
  if (filters.status) orgQuery = orgQuery.where('o.status', '=', filters.status);
  if (filters.q) orgQuery = orgQuery.where('o.name', 'like', `%${escapeLike(filters.q)}%`);
  const orgs = await orgQuery.orderBy('o.path').execute();
  if (orgs.length === 0) return [];
  const [rules, counts, leaders, elections, reviews, tags] = await Promise.all([
    loadOrgRules(tdb, today),
    tdb
      .selectFrom('members as x')
      .innerJoin('organisations as o', 'o.id', 'x.org_id')
      .$if(!!like, (q) => q.where('o.path', 'like', like!))
      .select(['x.org_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('x.status', '=', 'active')
      .groupBy('x.org_id')
      .execute(),
    tdb
      .selectFrom('org_leaders as l')
      .innerJoin('organisations as o', 'o.id', 'l.org_id')
      .$if(!!like, (q) => q.where('o.path', 'like', like!))
      .select(['l.org_id', 'l.name', 'l.position'])
      .where('l.term_end', 'is', null)
      .execute(),
    tdb
      .selectFrom('org_elections as e')
      .innerJoin('organisations as o', 'o.id', 'e.org_id')
      .$if(!!like, (q) => q.where('o.path', 'like', like!))
      .select(['e.org_id', 'e.elected_on', 'e.term_years'])
      .where('e.kind', '!=', 'by_election')
      .orderBy('e.elected_on', 'desc')
      .execute(),
    tdb
      .selectFrom('org_inventory_reviews as r')
      .innerJoin('organisations as o', 'o.id', 'r.org_id')
      .$if(!!like, (q) => q.where('o.path', 'like', like!))
      .select(['r.id', 'r.org_id', 'r.reviewed_on', 'r.reviewer_name', 'r.created_at'])
      .orderBy('r.reviewed_on', 'desc')
      .orderBy('r.created_at', 'desc')
      .execute(),
    tdb
      .selectFrom('org_tags as t')
      .innerJoin('organisations as o', 'o.id', 't.org_id')
      .$if(!!like, (q) => q.where('o.path', 'like', like!))
      .select(['t.org_id', 't.tag'])
      .execute(),
  ]);
  const countBy = new Map(counts.map((c) => [c.org_id, Number(c.n)]));
  const lastElection = new Map<string, { elected_on: string; term_years: number }>();
  for (const e of elections) if (!lastElection.has(e.org_id)) lastElection.set(e.org_id, e);
  const latestReview = new Map<string, (typeof reviews)[number]>();
  for (const r of reviews) if (!latestReview.has(r.org_id)) latestReview.set(r.org_id, r);
  const reviewIds = [...latestReview.values()].map((r) => r.id);
  const findings = reviewIds.length
    ? await tdb
        .selectFrom('org_inventory_findings')
        .select(['review_id', 'problem'])
        .where('review_id', 'in', reviewIds)
        .execute()
    : [];

  const group = <T extends { org_id: string }>(list: T[]) => {
    const m = new Map<string, T[]>();
    for (const x of list) m.set(x.org_id, [...(m.get(x.org_id) ?? []), x]);
    return m;
  };
  const leadersBy = group(leaders);
  const tagsBy = group(tags);
  const findingsBy = new Map<string, InventoryProblem[]>();
  for (const f of findings) findingsBy.set(f.review_id, [...(findingsBy.get(f.review_id) ?? []), f.problem]);

  const rows: LedgerRow[] = [];
  for (const o of orgs) {
    const serving = leadersBy.get(o.id) ?? [];
    const count = countBy.get(o.id) ?? 0;
    const last = lastElection.get(o.id) ?? null;
    const state = orgState(
      o,
      count,
      serving.map((l) => l.position),
      last,
      rules,
      today,
    );
    const review = latestReview.get(o.id);
    const problems = review ? (findingsBy.get(review.id) ?? []) : [];
    const orgTags = (tagsBy.get(o.id) ?? []).map((t) => t.tag);
    if (filters.problem && !problems.includes(filters.problem)) continue;
    if (filters.tag && !orgTags.includes(filters.tag)) continue;
    if (filters.overdue && !state.due.overdue) continue;
    if (filters.withWarnings && state.warnings.length === 0) continue;
    rows.push({
      id: o.id,
      name: o.name,
      kind: o.kind,
      parentName: o.parent_name ?? null,
      sector: o.sector as Sector | null,
      unitName: o.unit_name,
      status: o.status,
      foundedOn: o.founded_on,
      directMemberCount: count,
      secretaryName: serving.find((l) => l.position === 'secretary')?.name ?? null,
      leaderCount: serving.length,
      lastElectedOn: last?.elected_on ?? null,
      dueOn: state.due.dueOn,
      overdue: state.due.overdue,
      warnings: state.warnings.map((w) => w.message),
      problems,
      reviewedOn: review?.reviewed_on ?? null,
      reviewerName: review?.reviewer_name ?? null,
      tags: orgTags,
    });
  }
  return rows;
}

export async function ledgerList(
  tdb: TenantDb,
  scope: Scope,
  input: LedgerFilters & { page: number; pageSize: number },
  now: Date,
) {
  const { page, pageSize, ...filters } = input;
  const rows = await ledgerRows(tdb, scope, filters, now);
  return {
    items: rows.slice((page - 1) * pageSize, page * pageSize),
    total: rows.length,
    page,
    pageSize,
    summary: {
      overdue: rows.filter((r) => r.overdue).length,
      withWarnings: rows.filter((r) => r.warnings.length > 0).length,
      withProblems: rows.filter((r) => r.problems.length > 0).length,
    },
  };
}

/** The columns of the screen and the file, in order. */
export const LEDGER_COLUMNS: { header: string; width: number; value: (r: LedgerRow) => string | number }[] = [
  { header: '组织名称', width: 32, value: (r) => r.name },
  { header: '组织类型', width: 10, value: (r) => orgKindLabel[r.kind] },
  { header: '上级组织', width: 28, value: (r) => r.parentName ?? '' },
  { header: '所属领域', width: 14, value: (r) => (r.sector ? sectorLabel[r.sector] : '') },
  { header: '所属单位', width: 24, value: (r) => r.unitName ?? '' },
  { header: '状态', width: 8, value: (r) => orgStatusLabel[r.status] },
  { header: '直属团员数', width: 10, value: (r) => r.directMemberCount },
  { header: '书记', width: 10, value: (r) => r.secretaryName ?? '' },
  { header: '班子人数', width: 8, value: (r) => r.leaderCount },
  { header: '上次换届', width: 12, value: (r) => r.lastElectedOn ?? '' },
  { header: '应换届日期', width: 12, value: (r) => r.dueOn ?? '' },
  { header: '换届逾期', width: 8, value: (r) => (r.overdue ? '是' : '否') },
  { header: '排查问题', width: 36, value: (r) => r.problems.map((p) => inventoryProblemLabel[p]).join('、') },
  { header: '排查日期', width: 12, value: (r) => r.reviewedOn ?? '' },
  { header: '排查人', width: 10, value: (r) => r.reviewerName ?? '' },
  { header: '重点建设', width: 30, value: (r) => r.tags.map((t) => buildOutTagLabel[t]).join('、') },
  { header: '规则提示', width: 60, value: (r) => r.warnings.join('；') },
];

/** The filters in words, for the file name and the sheet's header line. */
export async function describeFilters(tdb: TenantDb, scope: Scope, f: LedgerFilters): Promise<string[]> {
  const parts: string[] = [];
  if (f.orgId) parts.push((await getOrgInScope(tdb, scope, f.orgId)).name);
  if (f.kind) parts.push(orgKindLabel[f.kind]);
  if (f.sector) parts.push(sectorLabel[f.sector]);
  if (f.status) parts.push(orgStatusLabel[f.status]);
  if (f.problem) parts.push(inventoryProblemLabel[f.problem]);
  if (f.tag) parts.push(buildOutTagLabel[f.tag]);
  if (f.overdue) parts.push('换届逾期');
  if (f.withWarnings) parts.push('有规则提示');
  if (f.q) parts.push(`名称含${f.q}`);
  return parts;
}

function safeFilePart(s: string): string {
  return s.replace(/[\\/:*?"<>|\s]+/g, '-').slice(0, 40);
}

export async function ledgerExport(
  tdb: TenantDb,
  scope: Scope,
  filters: LedgerFilters,
  now: Date,
): Promise<{ fileName: string; base64: string; rows: number }> {
  const rows = await ledgerRows(tdb, scope, filters, now);
  const described = await describeFilters(tdb, scope, filters);
  const today = todayInShanghai(now);
  const wb = new ExcelJS.Workbook();
  wb.creator = '团建云';
  wb.created = now;
  const ws = wb.addWorksheet('信息台帐');
  ws.addRow([`${scope.tenant.name} 团组织信息台帐`]);
  ws.addRow([
    `筛选条件：${described.length ? described.join('；') : '全部'}　导出日期：${today}　共${rows.length}个组织`,
  ]);
  const header = ws.addRow(LEDGER_COLUMNS.map((c) => c.header));
  header.font = { bold: true };
  ws.getRow(1).font = { bold: true, size: 14 };
  LEDGER_COLUMNS.forEach((c, i) => {
    ws.getColumn(i + 1).width = c.width;
  });
  for (const r of rows) ws.addRow(LEDGER_COLUMNS.map((c) => c.value(r)));
  ws.views = [{ state: 'frozen', ySplit: 3 }];
  const buffer = await wb.xlsx.writeBuffer();
  const name = ['信息台帐', scope.tenant.name, ...described, today.replaceAll('-', '')]
    .map(safeFilePart)
    .join('_');
  return {
    fileName: `${name}.xlsx`,
    base64: Buffer.from(buffer as ArrayBuffer).toString('base64'),
    rows: rows.length,
  };
}
