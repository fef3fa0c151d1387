import type { TransferStatus } from '@tuanjian/domain';
import type { RouterOutputs } from '../../lib/api-types';

export type TransferRow = RouterOutputs['transfers']['list']['items'][number];
export type TransferDetail = RouterOutputs['transfers']['get'];

export const STATUS_COLOR: Record<TransferStatus, string> = {
  pending_source: 'gold',
  pending_target: 'blue',
  completed: 'green',
  returned: 'red',
  cancelled: 'default',
};

/** Where the member goes: 七里河区团委 · 某团支部, or the organisation outside the city. */
export function targetText(
  r: Pick<TransferRow, 'kind' | 'targetTenantName' | 'targetOrgName' | 'externalOrgName'>,
) {
  if (r.kind === 'out_of_city') return `${r.externalOrgName ?? ''}（市外）`;
  if (r.kind === 'internal') return r.targetOrgName ?? '';
  return `${r.targetTenantName ?? ''} · ${r.targetOrgName ?? ''}`;
}

export function sourceText(r: Pick<TransferRow, 'kind' | 'sourceTenantName' | 'sourceOrgName'>) {
  return r.kind === 'cross_tenant' ? `${r.sourceTenantName} · ${r.sourceOrgName}` : r.sourceOrgName;
}
