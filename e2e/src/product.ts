/**
 * Starts the real product (apps/api: tRPC + admin build + H5 build) as a child
 * process on a free port, on PGlite in a temporary data folder or — when
 * DATABASE_URL is set — on a fresh PostgreSQL database of its own, with the
 * demo city loaded. Stops it and removes what it made.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTestDatabase } from '@tuanjian/db/testing';
import { type Browser, chromium } from 'playwright-core';
import { env as testEnv } from './env';

const here = path.dirname(fileURLToPath(import.meta.url));
export const repoRoot = path.resolve(here, '../..');
export const DEMO_PASSWORD = 'Tuanjian@2026';

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

export interface Product {
  baseUrl: string;
  output: () => string;
  stop: () => Promise<void>;
}

export async function startProduct(): Promise<Product> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...testEnv.inherited,
    PORT: String(port),
    HOST: '127.0.0.1',
    TJ_DEMO: '1',
  };
  let cleanupDb: (() => Promise<void>) | undefined;
  let dataDir: string | undefined;
  if (testEnv.DATABASE_URL) {
    const tdb = await createTestDatabase();
    if (!tdb.url) throw new Error('createTestDatabase gave no url on PostgreSQL');
    env.DATABASE_URL = tdb.url;
    cleanupDb = tdb.close;
  } else {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'tj-e2e-'));
    env.DATA_DIR = dataDir;
    delete env.DATABASE_URL;
  }
  let out = '';
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: path.join(repoRoot, 'apps/api'),
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (d) => {
    out += String(d);
  });
  child.stderr?.on('data', (d) => {
    out += String(d);
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 200_000;
  let ready = false;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) break;
    try {
      const r = await fetch(`${baseUrl}/readyz`);
      if (r.ok) {
        ready = true;
        break;
      }
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  const stop = async () => {
    if (child.exitCode === null) {
      child.kill('SIGTERM');
      const t = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(t);
    }
    if (cleanupDb) await cleanupDb();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  };
  if (!ready) {
    await stop();
    throw new Error(`产品进程未就绪：\n${out.slice(-4000)}`);
  }
  return { baseUrl, output: () => out, stop };
}

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: testEnv.CHROMIUM_PATH,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export const screenshotDir = path.join(repoRoot, '.test-results', 'screenshots');
