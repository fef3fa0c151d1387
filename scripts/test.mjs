#!/usr/bin/env node
// The test command: `npm test`. Installs, builds the clients (the end-to-end
// tests drive them in Chromium), then runs lint, typecheck and every vitest
// project (domain, db, api, api-server, admin, e2e) in one run, and closes with
// "N passed, N failed". With DATABASE_URL set, the database tests run on that
// PostgreSQL server (each test file creates and drops its own database);
// without it, on PGlite.
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { buildClients, install, log, pnpm, root } from './lib/tooling.mjs';

const args = process.argv.slice(2);
const only = args.filter((a) => !a.startsWith('--'));
const skipChecks = args.includes('--no-checks') || process.env.TJ_SKIP_CHECKS === '1' || only.length > 0;

await install();
if (!args.includes('--no-build')) await buildClients();

let passed = 0;
let failed = 0;
const failures = [];

async function check(name, pnpmArgs) {
  log(`检查：${name}`);
  const code = await pnpm(pnpmArgs);
  if (code === 0) passed += 1;
  else {
    failed += 1;
    failures.push(name);
  }
}

// B6 (issue 8): size budgets of the clients just built (counted only when this run built them).
if (!args.includes('--no-build')) {
  await check(
    'client sizes (bench/src/sizes.mjs: admin initial JS gzip ≤ 400 KB, WeChat main package ≤ 1.5 MB)',
    ['exec', 'node', 'bench/src/sizes.mjs'],
  );
}

if (!skipChecks) {
  await check('lint (biome check)', ['exec', 'biome', 'check', '.']);
  await check('typecheck (tsc --noEmit, every package)', [
    'exec',
    'turbo',
    'run',
    'typecheck',
    '--output-logs=errors-only',
  ]);
}

const outDir = path.join(root, '.test-results');
mkdirSync(outDir, { recursive: true });
const report = path.join(outDir, 'vitest.json');
rmSync(report, { force: true });
log(`运行测试（数据库：${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'}）…`);
const code = await pnpm([
  'exec',
  'vitest',
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${report}`,
  ...only,
]);

try {
  const r = JSON.parse(readFileSync(report, 'utf8'));
  passed += r.numPassedTests;
  failed += r.numFailedTests;
  // A test file that failed to load has no tests but must still count as a failure.
  const brokenFiles = r.testResults.filter((f) => f.status === 'failed' && f.assertionResults.length === 0);
  failed += brokenFiles.length;
  for (const f of brokenFiles)
    failures.push(`${path.relative(root, f.name)}: ${String(f.message).split('\n')[0]}`);
  for (const f of r.testResults)
    for (const a of f.assertionResults)
      if (a.status === 'failed') failures.push(`${path.relative(root, f.name)} › ${a.fullName}`);
  if (r.numTotalTests === 0) {
    failed += 1;
    failures.push('vitest ran no test');
  }
} catch (e) {
  failed += 1;
  failures.push(`vitest produced no report (exit ${code}): ${e.message}`);
}
if (code !== 0 && failed === 0) {
  failed += 1;
  failures.push(`vitest exited with ${code}`);
}

if (failures.length) {
  console.log('\n失败项：');
  for (const f of failures) console.log(`  ✗ ${f}`);
}
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
