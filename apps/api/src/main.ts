/**
 * Start the product: database → migrations → demo city or first admin → HTTP server.
 */
import os from 'node:os';
import { serve } from '@hono/node-server';
import { startRollupLoop } from '@tuanjian/api';
import { createDatabase, migrateAll, seedDemoCity, setupEmptyCity } from '@tuanjian/db';
import { passwordSchema } from '@tuanjian/domain';
import { createApp } from './app';
import { getEnv, type ServerEnv } from './env';
import { printDemoAccounts } from './print';

function fail(message: string): never {
  console.error(`\n启动失败：${message}\n`);
  process.exit(1);
}

function urls(env: ServerEnv, port: number): string[] {
  const hosts =
    env.host === '0.0.0.0' || env.host === '::'
      ? [
          'localhost',
          ...Object.values(os.networkInterfaces())
            .flat()
            .filter((i) => i && i.family === 'IPv4' && !i.internal)
            .map((i) => i!.address),
        ]
      : [env.host];
  return hosts.map((h) => `http://${h.includes(':') ? `[${h}]` : h}:${port}`);
}

async function main() {
  let env: ServerEnv;
  try {
    env = getEnv();
  } catch (e) {
    fail((e as Error).message);
  }

  console.log('团建平台启动中…');
  const database = await createDatabase(
    env.databaseUrl ? { url: env.databaseUrl } : { dataDir: env.dataDir },
  );
  console.log(
    database.engine === 'pglite'
      ? `数据库：内置 PGlite（数据目录 ${env.dataDir ?? './.data'}）`
      : '数据库：PostgreSQL（DATABASE_URL）',
  );

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    console.log(`\n收到 ${signal}，正在停止服务…`);
    const force = setTimeout(() => {
      console.error('停止超时，强制退出');
      process.exit(1);
    }, 10_000);
    force.unref();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    await rollups?.stop();
    await database.close();
    console.log('已停止。');
    process.exit(0);
  };
  let server: ReturnType<typeof serve> | undefined;
  let rollups: ReturnType<typeof startRollupLoop> | undefined;
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  try {
    console.log('正在执行数据库迁移…');
    await migrateAll(database.db, {
      onProgress: (p) => console.log(`  迁移 ${p.label}`),
    });
    console.log('数据库迁移完成。');

    const users = await database.db
      .selectFrom('platform.users')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const empty = Number(users.n) === 0;

    if (env.demo) {
      console.log(empty ? '正在载入演示城市（兰州）…' : '演示城市已载入，检查演示数据…');
      const accounts = await seedDemoCity(database.db);
      printDemoAccounts(accounts);
    } else if (empty) {
      if (!env.adminPassword) {
        await database.close();
        fail(
          '这是一个空的部署，需要设置首个管理员账号 admin 的密码。\n' +
            '请设置环境变量 TJ_ADMIN_PASSWORD 后重新启动（至少8位，同时包含字母和数字），例如：\n' +
            '  TJ_ADMIN_PASSWORD=请换成您的密码 pnpm start\n' +
            '如只想体验演示数据，请设置 TJ_DEMO=1。',
        );
      }
      const checked = passwordSchema.safeParse(env.adminPassword);
      if (!checked.success) {
        await database.close();
        fail(`TJ_ADMIN_PASSWORD 不符合要求：${checked.error.issues[0]?.message ?? '密码无效'}`);
      }
      await setupEmptyCity(database.db, { adminPassword: env.adminPassword });
      console.log('已创建团市委和管理员账号 admin（首次登录后须修改密码）。');
    }
  } catch (e) {
    console.error(e);
    await database.close().catch(() => {});
    fail('数据库初始化失败（详见上方错误信息）。');
  }

  const app = createApp({
    database,
    adminDist: env.adminDist,
    h5Dist: env.h5Dist,
    trustProxy: env.trustProxy,
    https: env.cookieSecure,
  });
  server = serve({ fetch: app.fetch, port: env.port, hostname: env.host }, (info) => {
    console.log('\n团建平台已启动：');
    for (const base of urls(env, info.port)) {
      console.log(`  管理后台     ${base}/`);
      console.log(`  小程序 H5 版 ${base}/h5/`);
    }
    console.log(`  接口         /trpc    健康检查 /healthz  /readyz`);
    console.log('按 Ctrl+C 停止。');
    // LIFT-1 rollups: the stale tenants now (TJ_ROLLUP_STALE_SECONDS), then the changed ones every interval (readiness does not wait).
    rollups = startRollupLoop(database.db, {
      intervalSeconds: env.rollupIntervalSeconds,
      staleSeconds: env.rollupStaleSeconds,
      log: (msg, err) => (err ? console.error(msg, err) : console.log(msg)),
    });
  });
  server.on('error', (err: NodeJS.ErrnoException) => {
    void database.close();
    fail(err.code === 'EADDRINUSE' ? `端口 ${env.port} 已被占用，请用 PORT 指定其他端口` : err.message);
  });
}

void main();
