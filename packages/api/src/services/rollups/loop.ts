/**
 * Keeping rollups current: mutating procedures mark their tenant dirty; a background loop (started
 * by apps/api) refreshes all tenants at start and then the dirty ones every interval. A refresh
 * that fails leaves the tenant dirty for the next round.
 */
import type { PlatformDatabase } from '@tuanjian/db';
import type { Kysely } from 'kysely';
import { refreshAllRollups } from './refresh';

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
  opts: { intervalSeconds: number; log?: (msg: string, err?: unknown) => void },
): RollupLoop {
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let current: Promise<void> = Promise.resolve();
  const log = opts.log ?? (() => {});

  const round = async (all: boolean) => {
    const ids = all ? undefined : new Set(dirty);
    if (ids && ids.size === 0) return;
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
