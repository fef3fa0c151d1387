/**
 * Tenant isolation, by enumeration: every procedure of the router — taken from the router
 * itself, so a new procedure is covered without anyone adding it here — is called by users of
 * other tenants with inputs built from 城关区's identifiers (organisation, member, grant, user and
 * tenant ids, names, member numbers). Each call must be refused or return nothing of 城关区, and
 * 城关区's data must be unchanged afterwards. A procedure whose input cannot be generated fails.
 */
import type { PlatformDatabase, Tenant } from '@tuanjian/db';
import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  callerWith,
  demoDatabase,
  sessionFor,
  type TestDatabase,
  tenantByCode,
  tenantTables,
} from './test/helpers';
import {
  callerProcedure,
  inputsFor,
  type Pools,
  procedurePaths,
  procedures,
} from './testing/procedure-inputs';

// ----------------------------------------------------------------------------------------------

let database: TestDatabase;
let db: Kysely<PlatformDatabase>;
let chengguan: Tenant;
let pools: Pools;
/** Identifiers of 城关区 (ids are never allowed in output; the rest unless the input carried them). */
let idMarkers: string[];
let textMarkers: string[];
/** Ids of people (members, grants, users): never in any output, directories included. */
let personalIdMarkers: string[];

/**
 * The receiving-organisation directory of transfers (MEM-4): another district's name and its
 * 团支部/团总支 (ids, names) are what it is for; people never (checked against personal markers).
 */
const DIRECTORY_PROCEDURES = new Set(['transfers.districts', 'transfers.targetOrgs']);

async function snapshotChengguan() {
  const t = tenantTables(db, chengguan);
  const [orgs, members, tenant, grants, sessions] = await Promise.all([
    t.selectFrom('organisations').selectAll().orderBy('id').execute(),
    t.selectFrom('members').selectAll().orderBy('id').execute(),
    db.selectFrom('platform.tenants').selectAll().where('id', '=', chengguan.id).execute(),
    db
      .selectFrom('platform.grants')
      .selectAll()
      .where('tenant_id', '=', chengguan.id)
      .orderBy('id')
      .execute(),
    db
      .selectFrom('platform.sessions')
      .select(['id', 'grant_id', 'revoked_at', 'expires_at'])
      .where('grant_id', 'in', (eb) =>
        eb.selectFrom('platform.grants').select('id').where('tenant_id', '=', chengguan.id),
      )
      .orderBy('id')
      .execute(),
  ]);
  return JSON.stringify({ orgs, members, tenant, grants, sessions });
}

beforeAll(async () => {
  database = await demoDatabase();
  db = database.db;
  chengguan = await tenantByCode(db, 'chengguan');
  const qilihe = await tenantByCode(db, 'qilihe');
  const t = tenantTables(db, chengguan);
  const orgs = await t.selectFrom('organisations').select(['id', 'name', 'kind']).orderBy('path').execute();
  const members = await t
    .selectFrom('members')
    .select(['id', 'name', 'member_number'])
    .orderBy('id')
    .execute();
  const grants = await db
    .selectFrom('platform.grants')
    .select(['id', 'user_id'])
    .where('tenant_id', '=', chengguan.id)
    .execute();
  // Users whose every grant is in 城关区 (multi.admin also acts in 七里河区: its id is not a secret there).
  const otherGrantUsers = new Set(
    (
      await db
        .selectFrom('platform.grants')
        .select('user_id')
        .where('tenant_id', '!=', chengguan.id)
        .execute()
    ).map((g) => g.user_id),
  );
  const userIds = [...new Set(grants.map((g) => g.user_id))].filter((u) => !otherGrantUsers.has(u));
  const qiliheNumbers = new Set(
    (await tenantTables(db, qilihe).selectFrom('members').select('member_number').execute()).map(
      (m) => m.member_number,
    ),
  );
  const numbers = members
    .map((m) => m.member_number)
    .filter((n): n is string => !!n && !qiliheNumbers.has(n));

  const pick = <T>(list: T[], n: number) =>
    list.filter((_, i) => i % Math.max(1, Math.floor(list.length / n)) === 0).slice(0, n);
  const orgSample = [
    ...new Map(orgs.map((o) => [o.kind, o])).values(), // one of each kind
    ...pick(orgs, 3),
  ];
  pools = {
    ids: [
      ...new Set([
        ...orgSample.map((o) => o.id),
        ...pick(members, 3).map((m) => m.id),
        ...grants.map((g) => g.id),
        ...userIds,
        chengguan.id,
      ]),
    ],
    strings: [
      '测试团支部',
      '2024-05-04',
      '2026-H1',
      'chengguan.admin',
      'Abcd1234efgh',
      'chengguan',
      numbers[0]?.slice(0, 6) ?? '2019',
      numbers[0] ?? '201962000001',
      members[0]?.name ?? '张三',
      orgs[1]?.name ?? '城关区',
      chengguan.name,
      '',
    ],
  };
  idMarkers = [
    ...orgs.map((o) => o.id),
    ...members.map((m) => m.id),
    ...grants.map((g) => g.id),
    ...userIds,
    chengguan.id,
  ];
  textMarkers = [chengguan.code, chengguan.name, ...numbers];
  personalIdMarkers = [...members.map((m) => m.id), ...grants.map((g) => g.id), ...userIds];
}, 300_000);

afterAll(async () => {
  await database?.close();
});

/**
 * The walk itself writes its inputs (which carry 城关区 names as free text) into the acting
 * tenant: a committee's meeting titled “chengguan” is then listed back to it. Such a text is in
 * the actor's own rows, so returning it is not a leak. Ids are never excused.
 */
const ownTextCache = new Set<string>();
async function actorOwnDataContains(tenantCode: string, text: string): Promise<boolean> {
  const key = `${tenantCode}\u0000${text}`;
  if (ownTextCache.has(key)) return true;
  const t = await db
    .selectFrom('platform.tenants')
    .select('schema_name')
    .where('code', '=', tenantCode)
    .executeTakeFirstOrThrow();
  const schema = t.schema_name as string;
  const { rows: tables } = await sql<{ table_name: string }>`select table_name from information_schema.tables
    where table_schema = ${schema} and table_type = 'BASE TABLE'`.execute(db);
  for (const { table_name } of tables) {
    const { rows } = await sql<{
      n: number;
    }>`select count(*)::int as n from ${sql.id(schema, table_name)} as r
      where r::text like ${`%${text}%`}`.execute(db);
    if ((rows[0]?.n ?? 0) > 0) {
      ownTextCache.add(key);
      return true;
    }
  }
  return false;
}

const paths = procedurePaths;

describe('tenant isolation: every procedure, called from other tenants with 城关区 ids', () => {
  it('the router has procedures to walk', () => {
    expect(paths.length).toBeGreaterThanOrEqual(13);
    expect(paths).toContain('members.list');
  });

  const actors = [
    { username: 'qilihe.admin', tenantCode: 'qilihe', label: '七里河区 district_admin' },
    { username: 'enterprise.chair', tenantCode: 'enterprise', label: '企业工作委员会 committee_chair' },
  ];

  for (const actor of actors) {
    describe(`as ${actor.label}`, () => {
      for (const path of paths) {
        it(`${path} is refused or returns nothing of 城关区`, async () => {
          const proc = procedures[path]!;
          const inputs = inputsFor(path, proc, pools);
          const before = await snapshotChengguan();
          let authenticated = 0;
          for (const input of inputs) {
            const token = await sessionFor(db, actor.username, { tenantCode: actor.tenantCode });
            const { caller } = callerWith(database, { token });
            const fn = callerProcedure(caller, path);
            const inputText = JSON.stringify(input ?? null);
            const allowedText = textMarkers.filter((m) => !inputText.includes(m));
            let seen: string;
            try {
              const output = await fn(input);
              seen = JSON.stringify(output ?? null);
              authenticated++;
            } catch (e) {
              const err = e as { code?: string; message?: string; cause?: { appCode?: string } };
              expect(err.code, `${path}(${inputText}) threw a non-tRPC error: ${String(e)}`).toBeTypeOf(
                'string',
              );
              expect(err.code, `${path}(${inputText}) failed internally: ${err.message}`).not.toBe(
                'INTERNAL_SERVER_ERROR',
              );
              if (err.cause?.appCode !== 'AUTH_REQUIRED') authenticated++;
              seen = err.message ?? '';
            }
            const directory = DIRECTORY_PROCEDURES.has(path);
            for (const m of directory ? personalIdMarkers : idMarkers)
              expect(seen, `${path}(${inputText}) revealed 城关区 id ${m}`).not.toContain(m);
            for (const m of directory ? allowedText.filter((x) => /^\d{12}$/.test(x)) : allowedText) {
              if (seen.includes(m) && (await actorOwnDataContains(actor.tenantCode, m))) continue;
              expect(seen, `${path}(${inputText}) revealed “${m}”`).not.toContain(m);
            }
          }
          // The walk reached the procedures themselves (the session was accepted).
          expect(authenticated).toBeGreaterThan(0);
          expect(await snapshotChengguan(), `${path} changed 城关区 data`).toBe(before);
        });
      }
    });
  }
});
