#!/usr/bin/env node
// The long fuzz run (issue 9): the same property test CI runs (apps/api/src/fuzz.test.ts: every
// tRPC procedure, every role, random and malformed input) with many more runs per procedure.
//
//   node bench/fuzz.mjs                 200 runs per procedure, PGlite
//   node bench/fuzz.mjs 1000            1000 runs per procedure
//   TJ_FUZZ_SEED=123 node bench/fuzz.mjs   replay a seed fast-check printed
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test node bench/fuzz.mjs   on PostgreSQL
//
// Optional second argument: a vitest -t filter (e.g. "members\." for one router).
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const runs = process.argv[2] ?? process.env.TJ_FUZZ_RUNS ?? '200';
const filter = process.argv[3];
const started = Date.now();
console.log(`模糊测试：每个接口 ${runs} 次（数据库：${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'}）`);
const r = spawnSync(
  'pnpm',
  ['exec', 'vitest', 'run', 'src/fuzz.test.ts', ...(filter ? ['-t', filter] : [])],
  {
    cwd: path.join(root, 'apps/api'),
    stdio: 'inherit',
    env: { ...process.env, TJ_FUZZ_RUNS: runs },
  },
);
console.log(`用时 ${((Date.now() - started) / 1000).toFixed(0)} 秒，退出码 ${r.status}`);
process.exit(r.status ?? 1);
