// Shared helpers for the two commands (npm start, npm test): find or fetch pnpm,
// install the workspace, build the clients. Only Node.js >= 20 is assumed.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const PNPM_VERSION = '12.4.2';

function works(cmd, args) {
  const r = spawnSync(cmd, [...args, '--version'], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, COREPACK_INTEGRITY_KEYS: '0' },
  });
  return r.status === 0 && r.stdout.trim() === PNPM_VERSION;
}

let cached;
/** A command (argv prefix) that runs pnpm PNPM_VERSION: a global pnpm, corepack, or npx. */
export function pnpmCommand() {
  if (cached) return cached;
  const candidates = [
    ['pnpm', []],
    ['corepack', [`pnpm@${PNPM_VERSION}`]],
    ['npx', ['--yes', `pnpm@${PNPM_VERSION}`]],
  ];
  for (const [cmd, pre] of candidates) {
    if (works(cmd, pre)) {
      cached = [cmd, pre];
      return cached;
    }
  }
  throw new Error(`找不到 pnpm ${PNPM_VERSION}：请确认可以访问 npm 仓库（npx pnpm@${PNPM_VERSION}）`);
}

export function log(msg) {
  process.stdout.write(`\x1b[36m[tuanjian]\x1b[0m ${msg}\n`);
}

/** Run a command, inheriting stdio; resolves with its exit code. */
export function run(cmd, args, opts = {}) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, {
      cwd: root,
      stdio: 'inherit',
      ...opts,
      env: {
        ...process.env,
        COREPACK_INTEGRITY_KEYS: '0',
        TURBO_TELEMETRY_DISABLED: '1',
        DO_NOT_TRACK: '1',
        ...(opts.env ?? {}),
      },
    });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
    child.on('error', () => resolve(127));
  });
}

export async function pnpm(args, opts = {}) {
  const [cmd, pre] = pnpmCommand();
  return run(cmd, [...pre, ...args], opts);
}

export async function mustPnpm(args, what, opts = {}) {
  const code = await pnpm(args, opts);
  if (code !== 0) {
    log(`失败：${what}（退出码 ${code}）`);
    process.exit(code);
  }
}

export async function install() {
  log('安装依赖（pnpm install）…');
  const frozen = existsSync(path.join(root, 'pnpm-lock.yaml')) ? ['--frozen-lockfile'] : [];
  await mustPnpm(['install', ...frozen], 'pnpm install');
}

/** Build the admin web app and the mini-program H5 build (turbo caches unchanged builds). */
export async function buildClients() {
  log('构建管理后台与小程序 H5…');
  await mustPnpm(
    ['exec', 'turbo', 'run', 'build', '--filter=@tuanjian/admin', '--output-logs=errors-only'],
    '构建管理后台',
  );
  await mustPnpm(
    ['exec', 'turbo', 'run', 'build:h5', '--filter=@tuanjian/miniprogram', '--output-logs=errors-only'],
    '构建小程序 H5',
  );
}
