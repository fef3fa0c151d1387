/**
 * vitest globalSetup of the e2e project: prepares the run's demo snapshot (see `snapshot.ts`) —
 * the product seeds the demo city once into a template data folder (PGlite) or a template database
 * (PostgreSQL, DATABASE_URL) — and removes it after the run, also when preparing it failed.
 */
import type { TestProject } from 'vitest/node';
import { bootProduct } from './boot';
import { env } from './env';
import {
  type DemoSnapshot,
  databaseUrl,
  dropDatabase,
  newDatabase,
  newDataDir,
  removeDataDir,
  rolePrefixOf,
} from './snapshot';

/** Seeding runs once per run: allow for a busy machine. */
const SEED_TIMEOUT_MS = 900_000;

/**
 * The product refreshes the dashboard rollups of every district after it is ready; the snapshot
 * must hold them, so that each copy starts without recomputing (TJ_ROLLUP_STALE_SECONDS) — and the
 * template must not be killed in the middle of that refresh.
 */
async function rollupsDone(output: () => string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const out = output();
    if (out.includes('数据汇总已完成') || out.includes('数据汇总均在有效期内')) return;
    if (out.includes('数据汇总失败')) throw new Error(`演示快照的数据汇总失败：\n${out.slice(-4000)}`);
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`演示快照的数据汇总超时：\n${output().slice(-4000)}`);
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const started = Date.now();
  const serverUrl = env.DATABASE_URL;
  let snapshot: DemoSnapshot;
  let teardown: () => Promise<void>;
  if (serverUrl) {
    const template = await newDatabase(serverUrl);
    teardown = async () => {
      const prefix = (await rolePrefixOf(serverUrl, template)) ?? undefined;
      await dropDatabase(serverUrl, template, prefix);
    };
    try {
      const product = await bootProduct(
        { databaseUrl: databaseUrl(serverUrl, template) },
        { timeoutMs: SEED_TIMEOUT_MS },
      );
      await rollupsDone(product.output, SEED_TIMEOUT_MS);
      await product.kill();
      const prefix = await rolePrefixOf(serverUrl, template);
      if (!prefix) throw new Error('演示快照数据库缺少 role_prefix');
      snapshot = { engine: 'postgres', serverUrl, template, prefix };
    } catch (err) {
      await teardown();
      throw err;
    }
  } else {
    const dataDir = newDataDir();
    teardown = async () => removeDataDir(dataDir);
    try {
      const product = await bootProduct({ dataDir }, { timeoutMs: SEED_TIMEOUT_MS });
      await rollupsDone(product.output, SEED_TIMEOUT_MS);
      await product.kill();
      snapshot = { engine: 'pglite', dataDir };
    } catch (err) {
      await teardown();
      throw err;
    }
  }
  console.log(`[e2e] 演示快照已就绪（${snapshot.engine}，${((Date.now() - started) / 1000).toFixed(1)} 秒）`);
  project.provide('demoSnapshot', snapshot);
  return teardown;
}
