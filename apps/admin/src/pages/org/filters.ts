/** The 信息台帐 filters live in the URL: back/forward and shared links restore the same screen. */
import type { RouterInputs } from '../../lib/api-types';

export type LedgerFilters = RouterInputs['org']['ledger']['export'];
type Filters = LedgerFilters;

export const FILTER_KEYS = ['q', 'orgId', 'kind', 'sector', 'status', 'problem', 'tag'] as const;

export function readFilters(params: URLSearchParams): Filters & { page: number; pageSize: number } {
  const f: Record<string, unknown> = {};
  for (const k of FILTER_KEYS) {
    const v = params.get(k);
    if (v) f[k] = v;
  }
  if (params.get('overdue') === '1') f.overdue = true;
  if (params.get('withWarnings') === '1') f.withWarnings = true;
  return {
    ...(f as Filters),
    page: Number(params.get('page')) || 1,
    pageSize: Number(params.get('pageSize')) || 20,
  };
}

export function writeFilters(f: Filters & { page?: number; pageSize?: number }): URLSearchParams {
  const p = new URLSearchParams();
  for (const k of FILTER_KEYS) {
    const v = f[k];
    if (v) p.set(k, String(v));
  }
  if (f.overdue) p.set('overdue', '1');
  if (f.withWarnings) p.set('withWarnings', '1');
  if (f.page && f.page > 1) p.set('page', String(f.page));
  if (f.pageSize && f.pageSize !== 20) p.set('pageSize', String(f.pageSize));
  return p;
}
