/**
 * MEM-7 "every ledger exports to Excel": one export per list page that had none. Each export calls the
 * list's own query function with the list's own filters (every page of it), so the file holds exactly
 * the rows the list shows to the same user — same scope, same filters, same masking — laid out by the
 * shared `buildLedgerWorkbook` (./excel).
 */

import type { PlatformDatabase } from '@tuanjian/db';
import {
  type DevelopmentStage,
  developmentStageLabel,
  type GapStatus,
  gapStatusLabel,
  genderLabel,
  type ProposalKind,
  type ProposalStatus,
  proposalKindLabel,
  proposalStatusLabel,
  type RecommendationStage,
  recommendationStageLabel,
  shanghaiDate,
  type TransferStatus,
  todayInShanghai,
  transferKindLabel,
  transferStatusLabel,
} from '@tuanjian/domain';
import type { Kysely } from 'kysely';
import { completeness } from './archive';
import { list as listApplications } from './development/development';
import { roster } from './development/evaluation';
import { listCityBlocks, listTenantBlocks } from './development/number-blocks';
import { branchMonth } from './dues/dues';
import { list as listRecommendations } from './dues/recommendations';
import { allPages, buildLedgerWorkbook, type LedgerExportFile } from './excel';
import { listGaps } from './org/gaps';
import { listProposals } from './org/proposals';
import { getOrgInScope } from './organisations';
import type { Scope, TenantDb } from './scope';
import { list as listTransfers, type TransferItem } from './transfers';

const scopeName = (scope: Scope) => scope.org?.name ?? scope.tenant.name;
const orgName = async (tdb: TenantDb, scope: Scope, orgId?: string) =>
  orgId ? (await getOrgInScope(tdb, scope, orgId)).name : null;
const words = (...parts: (string | null | undefined | false | 0)[]) => parts.filter((p): p is string => !!p);

/** 发展团员台帐 — `development.list` filters. */
export async function applicationsExport(
  tdb: TenantDb,
  scope: Scope,
  input: { stage?: DevelopmentStage; orgId?: string; q?: string; talkOverdue?: boolean },
  now: Date,
): Promise<LedgerExportFile> {
  const today = todayInShanghai(now);
  const { items } = await allPages((page, pageSize) =>
    listApplications(tdb, scope, { ...input, page, pageSize }, today),
  );
  return buildLedgerWorkbook({
    name: '发展团员台帐',
    scopeName: scopeName(scope),
    filters: words(
      await orgName(tdb, scope, input.orgId),
      input.stage && developmentStageLabel[input.stage],
      input.talkOverdue && '谈话逾期',
      input.q && `姓名含${input.q}`,
    ),
    unit: '人',
    now,
    rows: items,
    columns: [
      { header: '姓名', width: 10, value: (r) => r.name },
      { header: '性别', width: 6, value: (r) => genderLabel[r.gender] },
      { header: '出生日期', kind: 'date', value: (r) => r.birthDate },
      { header: '团支部', width: 28, value: (r) => r.orgName },
      { header: '申请日期', kind: 'date', value: (r) => r.appliedOn },
      { header: '当前阶段', width: 14, value: (r) => r.stageLabel },
      { header: '下一步', width: 14, value: (r) => (r.nextStage ? developmentStageLabel[r.nextStage] : '') },
      { header: '谈话期限', kind: 'date', value: (r) => r.talkDueBy },
      { header: '谈话逾期', kind: 'bool', width: 8, value: (r) => r.talkOverdue },
      { header: '团员编号', width: 16, value: (r) => r.memberNumber },
    ],
  });
}

const REGISTRATION_LABEL = {
  registered: '已注册',
  not_registered: '不予注册',
  deferred: '暂缓注册',
} as const;

/** 团员教育评议结果 — `development.evaluationRoster` of one branch and year. */
export async function evaluationExport(
  tdb: TenantDb,
  scope: Scope,
  input: { orgId: string; year: number },
  now: Date,
): Promise<LedgerExportFile> {
  const r = await roster(tdb, scope, input.orgId, input.year);
  return buildLedgerWorkbook({
    name: '团员教育评议结果',
    title: `${r.org.name} ${r.year}年度团员教育评议结果`,
    scopeName: r.org.name,
    filters: [
      `${r.year}年度`,
      r.round ? `评议日期${r.round.heldOn} 应到${r.round.entitled}人 实到${r.round.present}人` : '尚未评议',
    ],
    unit: '人',
    now,
    rows: r.members,
    columns: [
      { header: '姓名', width: 10, value: (m) => m.name },
      { header: '团员编号', width: 16, value: (m) => m.memberNumber },
      { header: '评议等次', width: 12, value: (m) => m.gradeLabel ?? (r.round ? '未参加评议' : '') },
      { header: '评议日期', kind: 'date', value: () => r.round?.heldOn ?? null },
    ],
  });
}

/** 年度团籍注册 — the same roster, registration columns. */
export async function registrationExport(
  tdb: TenantDb,
  scope: Scope,
  input: { orgId: string; year: number },
  now: Date,
): Promise<LedgerExportFile> {
  const r = await roster(tdb, scope, input.orgId, input.year);
  return buildLedgerWorkbook({
    name: '年度团籍注册',
    title: `${r.org.name} ${r.year}年度团籍注册`,
    scopeName: r.org.name,
    filters: [`${r.year}年度`],
    unit: '人',
    now,
    rows: r.members,
    columns: [
      { header: '姓名', width: 10, value: (m) => m.name },
      { header: '团员编号', width: 16, value: (m) => m.memberNumber },
      { header: '评议等次', width: 12, value: (m) => m.gradeLabel },
      {
        header: '注册结果',
        width: 10,
        value: (m) => (m.registration ? REGISTRATION_LABEL[m.registration.status] : '未办理'),
      },
      { header: '办理日期', kind: 'date', value: (m) => m.registration?.decidedOn },
      { header: '再评议开始', kind: 'date', value: (m) => m.registration?.reassessFrom },
      { header: '再评议截止', kind: 'date', value: (m) => m.registration?.reassessTo },
      { header: '再评议日期', kind: 'date', value: (m) => m.registration?.reassessedOn },
      { header: '原因', width: 30, value: (m) => m.registration?.reason },
    ],
  });
}

const BOX_LABEL = {
  incoming: '待我接收',
  outgoing: '转出',
  escalated: '超时上报',
  mine: '我的转接',
  all: '',
} as const;

function transferSource(r: TransferItem) {
  return r.kind === 'cross_tenant' ? `${r.sourceTenantName} · ${r.sourceOrgName}` : r.sourceOrgName;
}
function transferTarget(r: TransferItem) {
  if (r.kind === 'out_of_city') return `${r.externalOrgName ?? ''}（市外）`;
  if (r.kind === 'internal') return r.targetOrgName ?? '';
  return `${r.targetTenantName ?? ''} · ${r.targetOrgName ?? ''}`;
}

/** 组织关系转接台帐 — `transfers.list` filters. */
export async function transfersExport(
  tdb: TenantDb,
  scope: Scope,
  input: { box: 'incoming' | 'outgoing' | 'escalated' | 'mine' | 'all'; status?: TransferStatus; q?: string },
  now: Date,
): Promise<LedgerExportFile> {
  const today = todayInShanghai(now);
  const { items } = await allPages((page, pageSize) =>
    listTransfers(tdb, scope, { ...input, page, pageSize }, today),
  );
  return buildLedgerWorkbook({
    name: '组织关系转接台帐',
    scopeName: scopeName(scope),
    filters: words(
      BOX_LABEL[input.box],
      input.status && transferStatusLabel[input.status],
      input.q && `含${input.q}`,
    ),
    unit: '条',
    now,
    rows: items,
    columns: [
      { header: '姓名', width: 10, value: (r) => r.memberName },
      { header: '团员编号', width: 16, value: (r) => r.memberNumber },
      { header: '身份证号', width: 22, value: (r) => r.memberIdCardMasked },
      { header: '类型', width: 12, value: (r) => transferKindLabel[r.kind] },
      { header: '转出组织', width: 30, value: (r) => transferSource(r) },
      { header: '接收组织', width: 30, value: (r) => transferTarget(r) },
      { header: '申请日期', kind: 'date', value: (r) => shanghaiDate(r.appliedAt) },
      { header: '状态', width: 10, value: (r) => transferStatusLabel[r.status] },
      { header: '超时上报', kind: 'bool', width: 8, value: (r) => r.escalated },
      { header: '超时天数', kind: 'int', width: 8, value: (r) => (r.escalated ? r.daysOverdue : null) },
      {
        header: '接收时限',
        kind: 'date',
        value: (r) => (r.status === 'pending_target' ? r.receiverDueOn : null),
      },
      { header: '办结日期', kind: 'date', value: (r) => (r.closedAt ? shanghaiDate(r.closedAt) : null) },
      { header: '转接原因', width: 24, value: (r) => r.reason },
    ],
  });
}

const DUES_STATUS_LABEL = { unpaid: '本月未交', paid: '本月已交', arrears: '有欠交' } as const;

/** 团费交纳明细 (a month: payable, paid, arrears per member) — `dues.branchMonth` filters. */
export async function duesMonthExport(
  tdb: TenantDb,
  scope: Scope,
  input: { orgId?: string; month?: string; q?: string; status?: 'unpaid' | 'paid' | 'arrears' },
  now: Date,
): Promise<LedgerExportFile> {
  const r = await branchMonth(tdb, scope, { orgId: input.orgId, month: input.month }, now);
  const [y, m] = r.month.split('-');
  // The page filters the month's rows by name / 团员编号 and payment state; the same here.
  const { q, status } = input;
  const rows = r.rows.filter(
    (x) =>
      (!q || x.name.includes(q) || x.memberNumber?.startsWith(q)) &&
      (!status || (status === 'unpaid' ? !x.paid : status === 'paid' ? x.paid : x.arrearsMonths.length > 0)),
  );
  return buildLedgerWorkbook({
    name: '团费交纳明细',
    title: `${r.org.name} ${Number(y)}年${Number(m)}月团费交纳明细`,
    scopeName: r.org.name,
    filters: words(`${Number(y)}年${Number(m)}月`, status && DUES_STATUS_LABEL[status], q && `含${q}`),
    unit: '人',
    now,
    rows,
    columns: [
      { header: '姓名', width: 10, value: (x) => x.name },
      { header: '团员编号', width: 16, value: (x) => x.memberNumber },
      { header: '团支部', width: 28, value: (x) => x.orgName },
      { header: '类别', width: 10, value: (x) => x.categoryLabel },
      { header: '本月应交', kind: 'money', value: (x) => x.payableFen },
      { header: '本月已交', kind: 'bool', width: 8, value: (x) => x.paid },
      { header: '欠交月数', kind: 'int', width: 8, value: (x) => x.arrearsMonths.length },
      { header: '累计欠交', kind: 'money', value: (x) => x.arrearsFen },
      { header: '欠交月份', width: 30, value: (x) => x.arrearsMonths.join('、') },
      { header: '拟停止团籍', kind: 'bool', width: 10, value: (x) => x.lapseCandidate },
      { header: '计算依据', width: 30, value: (x) => x.basis },
    ],
  });
}

/** 推优入党台帐 — `recommendations.list` filters. */
export async function recommendationsExport(
  tdb: TenantDb,
  scope: Scope,
  input: { stage?: RecommendationStage; q?: string; orgId?: string },
  now: Date,
): Promise<LedgerExportFile> {
  const { items } = await allPages((page, pageSize) =>
    listRecommendations(tdb, scope, { ...input, page, pageSize }),
  );
  return buildLedgerWorkbook({
    name: '推优入党台帐',
    scopeName: scopeName(scope),
    filters: words(
      await orgName(tdb, scope, input.orgId),
      input.stage && recommendationStageLabel(input.stage),
      input.q && `含${input.q}`,
    ),
    unit: '人',
    now,
    rows: items,
    columns: [
      { header: '姓名', width: 10, value: (r) => r.memberName },
      { header: '团员编号', width: 16, value: (r) => r.memberNumber },
      { header: '团支部', width: 28, value: (r) => r.orgName },
      { header: '提名日期', kind: 'date', value: (r) => r.nominatedOn },
      { header: '阶段', width: 12, value: (r) => r.stageLabel },
      { header: '下一步', width: 12, value: (r) => r.nextActionLabel },
      { header: '有效期至', kind: 'date', value: (r) => r.validUntil },
    ],
  });
}

/** 空白点台帐 — `org.gaps.list` filters. */
export async function gapsExport(
  tdb: TenantDb,
  scope: Scope,
  input: { status?: GapStatus; unitKind?: string; q?: string },
  now: Date,
): Promise<LedgerExportFile> {
  const { items } = await listGaps(tdb, scope, input);
  return buildLedgerWorkbook({
    name: '空白点台帐',
    scopeName: scopeName(scope),
    filters: words(
      input.status && gapStatusLabel[input.status],
      input.unitKind,
      input.q && `名称含${input.q}`,
    ),
    unit: '个',
    now,
    rows: items,
    columns: [
      { header: '单位名称', width: 30, value: (g) => g.unitName },
      { header: '单位类型', width: 12, value: (g) => g.unitKind },
      { header: '地址', width: 30, value: (g) => g.address },
      { header: '青年人数', kind: 'int', width: 10, value: (g) => g.youthCount },
      { header: '负责组织', width: 28, value: (g) => g.responsibleOrg?.name },
      { header: '登记日期', kind: 'date', value: (g) => g.registeredOn },
      { header: '状态', width: 10, value: (g) => gapStatusLabel[g.status] },
      { header: '覆盖组织', width: 28, value: (g) => g.coveredOrg?.name },
      { header: '覆盖日期', kind: 'date', value: (g) => g.coveredOn },
      { header: '备注', width: 30, value: (g) => g.note },
    ],
  });
}

/** 组织调整台帐 — `org.proposals.list` filters. */
export async function proposalsExport(
  tdb: TenantDb,
  scope: Scope,
  input: { status?: ProposalStatus; kind?: ProposalKind },
  now: Date,
): Promise<LedgerExportFile> {
  const items = await listProposals(tdb, scope, input);
  return buildLedgerWorkbook({
    name: '组织调整台帐',
    scopeName: scopeName(scope),
    filters: words(
      input.kind && proposalKindLabel[input.kind],
      input.status && proposalStatusLabel[input.status],
    ),
    unit: '项',
    now,
    rows: items,
    columns: [
      { header: '类型', width: 8, value: (p) => proposalKindLabel[p.kind] },
      { header: '组织', width: 28, value: (p) => p.org.name },
      { header: '目标组织', width: 28, value: (p) => p.target?.name },
      { header: '新名称', width: 24, value: (p) => p.newName },
      { header: '理由', width: 36, value: (p) => p.reason },
      { header: '生效日期', kind: 'date', value: (p) => p.effectiveOn },
      { header: '状态', width: 10, value: (p) => proposalStatusLabel[p.status] },
      { header: '提出人', width: 10, value: (p) => p.proposedByName },
      { header: '提出日期', kind: 'date', value: (p) => shanghaiDate(p.proposedAt) },
      { header: '审批人', width: 10, value: (p) => p.decidedByName },
      { header: '审批日期', kind: 'date', value: (p) => (p.decidedAt ? shanghaiDate(p.decidedAt) : null) },
      { header: '审批意见', width: 24, value: (p) => p.decisionNote },
      { header: '执行日期', kind: 'date', value: (p) => (p.appliedAt ? shanghaiDate(p.appliedAt) : null) },
      { header: '转移团员数', kind: 'int', width: 10, value: (p) => p.result?.membersMoved },
      { header: '转移下级组织数', kind: 'int', width: 12, value: (p) => p.result?.childrenMoved },
    ],
  });
}

/** 档案待完善团员 — the paged list of `archive.completeness`. */
export async function completenessExport(
  tdb: TenantDb,
  scope: Scope,
  input: { orgId?: string; q?: string },
  now: Date,
): Promise<LedgerExportFile> {
  const { items } = await allPages(async (page, pageSize) => {
    const r = await completeness(tdb, scope, { ...input, page, pageSize });
    return r.incomplete;
  });
  return buildLedgerWorkbook({
    name: '档案待完善团员',
    scopeName: scopeName(scope),
    filters: words(await orgName(tdb, scope, input.orgId), input.q && `含${input.q}`),
    unit: '人',
    now,
    rows: items,
    columns: [
      { header: '姓名', width: 10, value: (m) => m.name },
      { header: '团员编号', width: 16, value: (m) => m.memberNumber },
      { header: '所在组织', width: 28, value: (m) => m.orgName },
      { header: '完备度', kind: 'percent', width: 8, value: (m) => m.score * 10 },
      { header: '缺少', width: 40, value: (m) => m.missingLabels.join('、') },
      {
        header: '最近核查',
        kind: 'date',
        value: (m) => (m.lastCheckedAt ? shanghaiDate(m.lastCheckedAt) : null),
      },
    ],
  });
}

/** 团委号段 (district): `development.blocks` of a year or all years. */
export async function numberBlocksExport(
  tdb: TenantDb,
  scope: Scope,
  input: { year?: number },
  now: Date,
): Promise<LedgerExportFile> {
  const { blocks } = await listTenantBlocks(tdb, scope, input.year);
  return buildLedgerWorkbook({
    name: '团员编号号段',
    scopeName: scopeName(scope),
    filters: words(input.year && `${input.year}年度`),
    unit: '段',
    now,
    rows: blocks,
    columns: [
      { header: '年度', kind: 'int', width: 8, value: (b) => b.year },
      { header: '团委', width: 28, value: (b) => b.orgName },
      { header: '起始序号', kind: 'int', value: (b) => b.startSeq },
      { header: '结束序号', kind: 'int', value: (b) => b.endSeq },
      { header: '下一个序号', kind: 'int', value: (b) => b.nextSeq },
      { header: '已使用', kind: 'int', width: 8, value: (b) => b.used },
      { header: '剩余', kind: 'int', width: 8, value: (b) => b.remaining },
    ],
  });
}

/** 团市委: the city's number blocks per district (`development.cityBlocks`). */
export async function cityNumberBlocksExport(
  db: Kysely<PlatformDatabase>,
  input: { year?: number },
  now: Date,
): Promise<LedgerExportFile> {
  const blocks = await listCityBlocks(db, input.year);
  return buildLedgerWorkbook({
    name: '团员编号号段',
    scopeName: '团市委',
    filters: words(input.year && `${input.year}年度`),
    unit: '段',
    now,
    rows: blocks,
    columns: [
      { header: '年度', kind: 'int', width: 8, value: (b) => b.year },
      { header: '区县团委', width: 20, value: (b) => b.tenantName },
      { header: '起始序号', kind: 'int', value: (b) => b.startSeq },
      { header: '结束序号', kind: 'int', value: (b) => b.endSeq },
      { header: '数量', kind: 'int', value: (b) => b.size },
      { header: '备注', width: 30, value: (b) => b.note },
      { header: '分配日期', kind: 'date', value: (b) => shanghaiDate(b.createdAt) },
    ],
  });
}
