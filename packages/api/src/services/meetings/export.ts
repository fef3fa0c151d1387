/** 三会两制一课台帐 (LIFE-1, MEM-7): the ledger as on screen — same scope, same filters — via exceljs. */
import { meetingKindLabel } from '@tuanjian/domain';
import { allPages, buildLedgerWorkbook, type LedgerExportFile } from '../excel';
import { getOrgInScope } from '../organisations';
import type { Scope, TenantDb } from '../scope';
import { type ListInput, list } from './meetings';

export async function meetingsExport(
  tdb: TenantDb,
  scope: Scope,
  input: Omit<ListInput, 'page' | 'pageSize'>,
  now: Date,
): Promise<LedgerExportFile> {
  const { items } = await allPages((page, pageSize) => list(tdb, scope, { ...input, page, pageSize }));
  const orgName =
    input.orgId && scope.role !== 'member' ? (await getOrgInScope(tdb, scope, input.orgId)).name : null;
  const filters = [
    orgName,
    input.kind && meetingKindLabel[input.kind],
    input.from && `自${input.from}`,
    input.to && `至${input.to}`,
    input.q && `含${input.q}`,
    input.belowQuorum && '未达法定人数',
  ].filter((p): p is string => !!p);
  return buildLedgerWorkbook({
    name: '三会两制一课台帐',
    scopeName: scope.org?.name ?? scope.tenant.name,
    filters,
    unit: '次',
    now,
    rows: items,
    columns: [
      { header: '会议日期', kind: 'date', value: (r) => r.heldOn },
      { header: '类型', width: 12, value: (r) => r.kindLabel },
      { header: '团支部', width: 28, value: (r) => r.orgName },
      { header: '主题', width: 32, value: (r) => r.topic },
      { header: '地点', width: 16, value: (r) => r.location },
      { header: '应到人数', kind: 'int', width: 9, value: (r) => r.entitledCount },
      { header: '实到人数', kind: 'int', width: 9, value: (r) => r.presentCount },
      { header: '团课时长（分钟）', kind: 'int', width: 12, value: (r) => r.durationMinutes },
      { header: '计入落实', kind: 'bool', width: 9, value: (r) => r.counts },
      { header: '说明', width: 40, value: (r) => r.flag },
      { header: '照片数', kind: 'int', width: 8, value: (r) => r.photoCount },
    ],
  });
}
