#!/usr/bin/env node
// The run command: `npm start`. Installs, builds the clients and starts the one
// process that serves the whole product. Without DATABASE_URL it runs on the
// embedded database (PGlite, data under ./.data/) with the demo city loaded.
import path from 'node:path';
import { buildClients, install, log, mustPnpm, root } from './lib/tooling.mjs';

const major = Number(process.versions.node.split('.')[0]);
if (major < 20) {
  console.error(`需要 Node.js 20 或更高版本（当前 ${process.versions.node}）`);
  process.exit(1);
}

await install();
await buildClients();
log(
  process.env.DATABASE_URL
    ? '使用 DATABASE_URL 指定的 PostgreSQL 启动…'
    : `使用内嵌数据库（PGlite，数据在 ${process.env.DATA_DIR || './.data/'}）启动…`,
);
await mustPnpm(['--filter', '@tuanjian/api-server', 'start'], '启动服务', {
  env: { DATA_DIR: process.env.DATA_DIR ?? path.join(root, '.data') },
});
