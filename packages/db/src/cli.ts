#!/usr/bin/env -S npx tsx
/**
 * tuanjian-db CLI (run with tsx):
 *   migrate                                   platform + every tenant schema, prints n/total
 *   provision --kind district --code x --name 名称
 *   seed-demo                                 demo city (idempotent), prints the accounts
 *   setup --admin-password <pw>               empty city with one `admin` (must change password)
 *   pii-rekey                                 re-seal personal information under the current TJ_PII_KEY
 *   backup-tenant --code x --out f.json.gz     one tenant's logical backup (registry, platform rows, schema)
 *   restore-tenant --in f.json.gz              restore it into a database that does not hold the tenant
 * Uses DATABASE_URL (PostgreSQL) or PGlite under DATA_DIR.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { gunzipSync, gzipSync } from 'node:zlib';
import { exportTenant, restoreTenant, type TenantBackup } from './backup';
import { createDatabase, type Database } from './database';
import { env } from './env';
import { migrateAll } from './migrations/runner';
import { getPiiKeyring } from './pii';
import { piiKeyCensus, rekeyPii } from './pii-rekey';
import { provisionTenant } from './provision';
import type { TenantKind } from './schema';
import { seedDemoCity, setupEmptyCity } from './seed/demo';

const USAGE = `用法：
  tuanjian-db migrate
  tuanjian-db provision --kind district|committee --code <代码> --name <名称>
  tuanjian-db seed-demo
  tuanjian-db setup --admin-password <初始密码>
  tuanjian-db pii-rekey（更换 TJ_PII_KEY 后，用新密钥重新加密个人信息并按密钥统计密文；旧密钥放在 TJ_PII_OLD_KEYS）
  tuanjian-db backup-tenant --code <代码> --out <文件.json.gz>（单个租户的逻辑备份）
  tuanjian-db restore-tenant --in <文件.json.gz>（恢复到尚无该租户的数据库）`;

export interface CliIo {
  out?: (line: string) => void;
  /** Opens the database (default: `createDatabase()` from the environment). */
  open?: () => Promise<Database>;
}

export async function main(argv: string[], io: CliIo = {}): Promise<number> {
  const out = io.out ?? console.log;
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      kind: { type: 'string' },
      code: { type: 'string' },
      name: { type: 'string' },
      'admin-password': { type: 'string' },
      out: { type: 'string' },
      in: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const command = positionals[0];
  if (values.help || !command) {
    out(USAGE);
    return command ? 0 : 1;
  }
  if (
    !['migrate', 'provision', 'seed-demo', 'setup', 'pii-rekey', 'backup-tenant', 'restore-tenant'].includes(
      command,
    )
  ) {
    out(`未知命令：${command}\n${USAGE}`);
    return 1;
  }
  const database = await (io.open ?? createDatabase)();
  out(`数据库：${database.engine === 'pglite' ? `PGlite（${env.DATA_DIR}/pglite）` : 'PostgreSQL'}`);
  try {
    if (command === 'migrate') {
      const r = await migrateAll(database.db, { onProgress: (p) => out(`[${p.label}]`) });
      out(
        `平台迁移：${r.platformApplied.length ? r.platformApplied.join(', ') : '已是最新'}；租户迁移 ${r.tenants.length} 个`,
      );
    } else if (command === 'provision') {
      const kind = values.kind as TenantKind | undefined;
      if (!kind || !values.code || !values.name) {
        out(USAGE);
        return 1;
      }
      await migrateAll(database.db);
      const t = await provisionTenant(database.db, { kind, code: values.code, name: values.name });
      out(
        `已开通：${t.name}（${t.code}，模式 ${t.schema_name ?? '无'}，状态 ${t.status}，版本 ${t.schema_version}）`,
      );
    } else if (command === 'seed-demo') {
      await migrateAll(database.db);
      const accounts = await seedDemoCity(database.db);
      out('演示账号（密码均为 Tuanjian@2026）：');
      for (const a of accounts)
        out(`  ${a.username.padEnd(22)} ${a.role.padEnd(17)} ${a.tenantName}  ${a.note}`);
    } else if (command === 'backup-tenant') {
      if (!values.code || !values.out) {
        out(USAGE);
        return 1;
      }
      const b = await exportTenant(database.db, values.code);
      const json = JSON.stringify(b);
      writeFileSync(values.out, values.out.endsWith('.gz') ? gzipSync(json) : json, { mode: 0o600 });
      const rows = Object.values(b.tables).reduce((a, r) => a + r.length, 0);
      out(
        `已备份租户 ${values.code}（模式 ${b.schema}，版本 v${b.schemaVersion}，${Object.keys(b.tables).length} 张表，${rows} 行）→ ${values.out}`,
      );
    } else if (command === 'restore-tenant') {
      if (!values.in) {
        out(USAGE);
        return 1;
      }
      await migrateAll(database.db);
      const raw = readFileSync(values.in);
      const b = JSON.parse(
        (values.in.endsWith('.gz') ? gunzipSync(raw) : raw).toString('utf8'),
      ) as TenantBackup;
      const r = await restoreTenant(database.db, b);
      out(`已恢复租户 ${r.code}（模式 ${r.schema}，${r.tables} 张表，${r.rows} 行）`);
    } else if (command === 'pii-rekey') {
      const r = await rekeyPii(database.db, { onProgress: (line) => out(line) });
      out(`已用当前密钥重新加密：${r.tenants} 个租户模式，${r.rows} 行（其中团员 ${r.members} 名）`);
      const current = getPiiKeyring().currentId;
      const census = await piiKeyCensus(database.db);
      const stale = Object.entries(census).filter(([id]) => id !== current);
      out(
        `密文按密钥统计：${
          Object.entries(census)
            .map(([id, n]) => `${id}${id === current ? '（当前）' : ''} ${n}`)
            .join('，') || '无'
        }`,
      );
      out(
        stale.length === 0
          ? '已没有旧密钥加密的数据：可以从 TJ_PII_OLD_KEYS 中移除旧密钥。'
          : `仍有 ${stale.reduce((a, [, n]) => a + n, 0)} 个值使用旧密钥，请勿移除旧密钥，重新运行本命令。`,
      );
      if (stale.length) return 1;
    } else if (command === 'setup') {
      const pw = values['admin-password'];
      if (!pw) {
        out(USAGE);
        return 1;
      }
      await migrateAll(database.db);
      const { created } = await setupEmptyCity(database.db, { adminPassword: pw });
      out(
        created
          ? '已创建团市委和管理员账号 admin（首次登录须修改密码）'
          : '管理员账号 admin 已存在，未做修改',
      );
    }
    return 0;
  } finally {
    await database.close();
  }
}

const isMain =
  process.argv[1] !== undefined && import.meta.url.endsWith(process.argv[1].split('/').pop() ?? '\0');
if (isMain) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (err: unknown) => {
      console.error(err instanceof Error ? err.message : err);
      process.exit(1);
    },
  );
}
