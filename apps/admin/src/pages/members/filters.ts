/** The member list's filters and paging, read from and written to the URL query. */

export interface MemberFilters {
  q?: string;
  orgId?: string;
  status?: string;
  page: number;
  pageSize: number;
}

export const PAGE_SIZES = [10, 20, 50, 100] as const;
export const DEFAULT_PAGE_SIZE = 20;

function positiveInt(v: string | null, fallback: number): number {
  const n = Number(v);
  return Number.isInteger(n) && n > 0 ? n : fallback;
}

export function readFilters(params: URLSearchParams): MemberFilters {
  const pageSize = positiveInt(params.get('pageSize'), DEFAULT_PAGE_SIZE);
  return {
    q: params.get('q')?.trim() || undefined,
    orgId: params.get('orgId') || undefined,
    status: params.get('status') || undefined,
    page: positiveInt(params.get('page'), 1),
    pageSize: (PAGE_SIZES as readonly number[]).includes(pageSize) ? pageSize : DEFAULT_PAGE_SIZE,
  };
}

/** Writes the filters; default values are left out so URLs stay short. Other keys are kept. */
export function writeFilters(params: URLSearchParams, f: MemberFilters): URLSearchParams {
  const next = new URLSearchParams(params);
  const set = (k: string, v: string | undefined) => (v ? next.set(k, v) : next.delete(k));
  set('q', f.q?.trim() || undefined);
  set('orgId', f.orgId);
  set('status', f.status);
  set('page', f.page > 1 ? String(f.page) : undefined);
  set('pageSize', f.pageSize !== DEFAULT_PAGE_SIZE ? String(f.pageSize) : undefined);
  return next;
}
