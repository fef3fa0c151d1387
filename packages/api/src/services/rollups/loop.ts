/**
 * Keeping rollups current: mutating procedures mark their tenant dirty; a background loop (started
 * by apps/api) refreshes all tenants at start and then the dirty ones every interval. A refresh
 * that fails leaves the tenant dirty for the next round.
 */
import type { PlatformDatabase } from '@tuanjian/db';
import type { Kysely } from 'kysely';
import { refreshAllRollups } from './refresh';

/**
 * The district tenants whose rollups are missing or older than `staleSeconds` (by their newest
 * `tenant_rollups.computed_at`). At start only these are refreshed: a restart (or an e2e product
 * booted from a prepared snapshot) does not recompute every district while users wait behind it
 * on the embedded database's single connection.
 */
export async function staleRollupTenants(
  db: Kysely<PlatformDatabase>,
  staleSeconds: number,
  now: Date = new Date(),
): Promise<Set<string>> {
  const cutoff = new Date(now.getTime() - staleSeconds * 1000);
  const rows = await db
    .selectFrom('platform.tenants as t')
    .leftJoin('platform.tenant_rollups as r', 'r.tenant_id', 't.id')
    .select(['t.id'])
    .select((eb) => eb.fn.max('r.computed_at').as('last'))
    .where('t.kind', '=', 'district')
    .where('t.status', '=', 'active')
    .groupBy('t.id')
    .execute();
  return new Set(
    rows.filter((r) => !r.last || new Date(r.last as unknown as string) < cutoff).map((r) => r.id),
  );
}

const dirty = new Set<string>();

export function markRollupsDirty(tenantId: string): void {
  dirty.add(tenantId);
}

export function dirtyRollupTenants(): ReadonlySet<string> {
  return dirty;
}

export interface RollupLoop {
  /** resolves when the current round (if any) is over */
  stop(): Promise<void>;
  /** the first full refresh */
  ready: Promise<void>;
}

export function startRollupLoop(
  db: Kysely<PlatformDatabase>,
  opts: {
    intervalSeconds: number;
    /** at start, refresh only tenants whose rollups are older than this (all when undefined) */
    staleSeconds?: number;
    log?: (msg: string, err?: unknown) => void;
  },
): RollupLoop {
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let current: Promise<void> = Promise.resolve();
  const log = opts.log ?? (() => {});

  const round = async (all: boolean) => {
    let ids: Set<string> | undefined = all ? undefined : new Set(dirty);
    if (all && opts.staleSeconds !== undefined) {
      try {
        ids = await staleRollupTenants(db, opts.staleSeconds);
        for (const id of dirty) ids.add(id);
      } catch (err) {
        log('读取数据汇总时间失败，全部重新汇总', err);
        ids = undefined;
      }
    }
    if (ids && ids.size === 0) {
      if (all) log('数据汇总均在有效期内，启动时不重新汇总');
      return;
    }
    for (const id of ids ?? []) dirty.delete(id);
    try {
      const n = await refreshAllRollups(db, new Date(), ids);
      if (all) log(`数据汇总已完成（${n}个区县）`);
    } catch (err) {
      for (const id of ids ?? []) dirty.add(id);
      log('数据汇总失败，下一轮重试', err);
    }
  };
  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => {
      current = round(false).finally(schedule);
    }, opts.intervalSeconds * 1000);
    timer.unref?.();
  };
  current = round(true).finally(schedule);
  return {
    ready: current,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await current.catch(() => {});
    },
  };
}
