/**
 * Boots the real product (apps/api: tRPC + admin build + H5 build) as a child process on a free
 * port with the demo city (TJ_DEMO=1), on PGlite in `dataDir` or on PostgreSQL at `databaseUrl`,
 * and waits until it is ready. Used by `startProduct` and by the e2e globalSetup (the snapshot).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { env as testEnv } from './env';

const here = path.dirname(fileURLToPath(import.meta.url));
export const repoRoot = path.resolve(here, '../..');

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

export interface BootedProduct {
  baseUrl: string;
  output: () => string;
  /** Stops the process (SIGTERM, then SIGKILL after 15 s). */
  kill: () => Promise<void>;
}

export async function bootProduct(
  target: { dataDir: string } | { databaseUrl: string },
  opts: { timeoutMs?: number } = {},
): Promise<BootedProduct> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...testEnv.inherited,
    PORT: String(port),
    HOST: '127.0.0.1',
    TJ_DEMO: '1',
  };
  if ('databaseUrl' in target) env.DATABASE_URL = target.databaseUrl;
  else {
    env.DATA_DIR = target.dataDir;
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
  const deadline = Date.now() + (opts.timeoutMs ?? 200_000);
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
    await new Promise((r) => setTimeout(r, 250));
  }
  const kill = async () => {
    if (child.exitCode === null) {
      child.kill('SIGTERM');
      const t = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(t);
    }
  };
  if (!ready) {
    await kill();
    throw new Error(`产品进程未就绪：\n${out.slice(-4000)}`);
  }
  return { baseUrl, output: () => out, kill };
}
