/**
 * Authorization inside a tenant (issue 9), by enumeration like the tenant walk
 * (isolation.test.ts): every procedure of the router is called
 *
 *   - by an org_secretary (城关区, 高一（1）班团支部) with the ids of records OUTSIDE its subtree —
 *     another branch's organisations, members and, per router, that router's own records
 *     (meetings, dues, theme days, …: any table with an org_id, picked by the router's name);
 *   - by a member with other members' ids (their archives, their records);
 *   - by a committee member (企业工作委员会) with 城关区 members' ids;
 *
 * Each call must be refused or return nothing of the target: none of the targets' member ids,
 * member numbers, full ID numbers or phones in the answer (or the error), and the targets'
 * rows — every row of an org_id table outside the subtree, every other member — unchanged.
 * Inputs per procedure: TJ_ROLES_MAX_INPUTS (default 2), the ones carrying target ids first.
 */
import type { PlatformDatabase, Tenant } from '@tuanjian/db';
import { decryptPii } from '@tuanjian/db';
import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  callerWith,
  demoDatabase,
  grantsOf,
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

const MAX_INPUTS = Number(process.env.TJ_ROLES_MAX_INPUTS ?? 2);

let database: TestDatabase;
let db: Kysely<PlatformDatabase>;
let chengguan: Tenant;
let schema: string;
/** Tables of the tenant with an org_id (and an id) column. */
let orgTables: string[] = [];

interface Target {
  /** Organisation ids whose subtree the actor may see (null: none of the tenant's). */
  insideOrgIds: Set<string> | null;
  /** Members whose data the actor may see. */
  ownMemberIds: Set<string>;
  /** Ids to feed the procedures, by router (`*` for every router). */
  ids: Map<string, string[]>;
  /** Strings that must not appear in any answer. */
  markers: string[];
}

function camelToSnake(s: string) {
  return s.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

async function subtreeIds(scopeOrgId: string): Promise<Set<string>> {
  const t = tenantTables(db, chengguan);
  const scope = await t
    .selectFrom('organisations')
    .select('path')
    .where('id', '=', scopeOrgId)
    .executeTakeFirstOrThrow();
  const rows = await t
    .selectFrom('organisations')
    .select('id')
    .where('path', 'like', `${scope.path}%`)
    .execute();
  return new Set(rows.map((r) => r.id));
}

async function memberMarkers(memberIds: string[]): Promise<string[]> {
  if (memberIds.length === 0) return [];
  const t = tenantTables(db, chengguan);
  const rows = await t
    .selectFrom('members')
    .select(['id', 'member_number', 'id_card_sealed', 'phone_sealed'])
    .where('id', 'in', memberIds)
    .execute();
  const out: string[] = [];
  for (const r of rows) {
    out.push(r.id);
    if (r.member_number) out.push(r.member_number);
    for (const sealed of [r.id_card_sealed, r.phone_sealed]) if (sealed) out.push(decryptPii(sealed));
  }
  return out.filter((m) => m.length >= 8);
}

/** Ids of up to `n` rows of each org_id table whose organisation is not in `inside`. */
async function idsByRouter(inside: Set<string> | null, n: number): Promise<Map<string, string[]>> {
  const byTable = new Map<string, string[]>();
  for (const table of orgTables) {
    const { rows } = await sql<{ id: string; org_id: string }>`select id::text as id, org_id::text as org_id
      from ${sql.id(schema, table)} order by id limit 200`.execute(db);
    byTable.set(
      table,
      rows
        .filter((r) => !inside?.has(r.org_id))
        .slice(0, n)
        .map((r) => r.id),
    );
  }
  const out = new Map<string, string[]>();
  for (const p of procedurePaths) {
    const router = p.split('.')[0]!;
    if (out.has(router)) continue;
    const stem = camelToSnake(router).replace(/s$/, '');
    out.set(
      router,
      [...byTable.entries()].filter(([t]) => t.startsWith(stem)).flatMap(([, ids]) => ids),
    );
  }
  return out;
}

async function snapshotOutside(target: Target) {
  const parts: string[] = [];
  for (const table of orgTables) {
    const { rows } = await sql<{ r: string; org_id: string }>`select r::text as r, org_id::text as org_id
      from ${sql.id(schema, table)} as r order by r::text`.execute(db);
    parts.push(table, ...rows.filter((x) => !target.insideOrgIds?.has(x.org_id)).map((x) => x.r));
  }
  const t = tenantTables(db, chengguan);
  const members = await t.selectFrom('members').selectAll().orderBy('id').execute();
  parts.push(JSON.stringify(members.filter((m) => !target.ownMemberIds.has(m.id))));
  return parts.join('\n');
}

const ACTORS = [
  {
    username: 'chengguan.branch',
    tenantCode: 'chengguan',
    label: '城关区 org_secretary (团支部), other branches',
  },
  { username: 'chengguan.member', tenantCode: 'chengguan', label: '城关区 member, other members' },
  {
    username: 'enterprise.member',
    tenantCode: 'enterprise',
    label: '企业工作委员会 committee_member, 城关区 members',
  },
] as const;
const targets = new Map<string, Target>();
/** Per actor: the targets' rows as last seen (re-read after every mutation that went through). */
const lastSnapshot = new Map<string, string>();
const tokens = new Map<string, string>();

beforeAll(async () => {
  database = await demoDatabase();
  db = database.db;
  chengguan = await tenantByCode(db, 'chengguan');
  schema = chengguan.schema_name!;
  const { rows } = await sql<{ table_name: string }>`select c.table_name from information_schema.columns c
    join information_schema.columns i on i.table_schema = c.table_schema and i.table_name = c.table_name
      and i.column_name = 'id'
    join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
      and t.table_type = 'BASE TABLE'
    where c.table_schema = ${schema} and c.column_name = 'org_id' order by 1`.execute(db);
  orgTables = rows.map((r) => r.table_name);
  const t = tenantTables(db, chengguan);

  // The secretary: everything outside its branch.
  const sec = (await grantsOf(db, 'chengguan.branch'))[0]!;
  const inside = await subtreeIds(sec.scope_org_id!);
  const outsideMembers = await t
    .selectFrom('members')
    .select(['id', 'org_id'])
    .where('status', '=', 'active')
    .orderBy('id')
    .execute();
  const outside = outsideMembers.filter((m) => !inside.has(m.org_id));
  const outsideOrgs = await t
    .selectFrom('organisations')
    .select('id')
    .where('kind', '=', 'branch')
    .orderBy('id')
    .execute();
  const secIds = await idsByRouter(inside, 2);
  secIds.set('*', [
    ...outsideOrgs
      .filter((o) => !inside.has(o.id))
      .slice(0, 2)
      .map((o) => o.id),
    ...outside.slice(0, 2).map((m) => m.id),
  ]);
  targets.set('chengguan.branch', {
    insideOrgIds: inside,
    ownMemberIds: new Set(outsideMembers.filter((m) => inside.has(m.org_id)).map((m) => m.id)),
    ids: secIds,
    markers: await memberMarkers(outside.slice(0, 40).map((m) => m.id)),
  });

  // The member: every other member, in the same branch first.
  const mem = (await grantsOf(db, 'chengguan.member'))[0]!;
  const self = mem.member_id!;
  const sameBranch = outsideMembers.filter((m) => inside.has(m.org_id) && m.id !== self);
  const others = [...sameBranch.slice(0, 2), ...outside.slice(0, 1)];
  const memIds = await idsByRouter(null, 2);
  memIds.set(
    '*',
    others.map((m) => m.id),
  );
  targets.set('chengguan.member', {
    insideOrgIds: new Set(), // a member changes nothing of any organisation's records but its own
    ownMemberIds: new Set([self]),
    ids: memIds,
    markers: await memberMarkers([...sameBranch.slice(0, 30), ...outside.slice(0, 10)].map((m) => m.id)),
  });

  // The committee member: 城关区 members (personal data of any district).
  const comIds = await idsByRouter(null, 1);
  comIds.set(
    '*',
    outside.slice(0, 3).map((m) => m.id),
  );
  targets.set('enterprise.member', {
    insideOrgIds: null,
    ownMemberIds: new Set(),
    ids: comIds,
    markers: await memberMarkers(outsideMembers.slice(0, 40).map((m) => m.id)),
  });
  for (const a of ACTORS) lastSnapshot.set(a.username, await snapshotOutside(targets.get(a.username)!));
}, 300_000);

afterAll(async () => {
  await database?.close();
});

/** Calls as the actor; a fresh session when an earlier call ended it (logout, password change). */
async function call(actor: (typeof ACTORS)[number], path: string, input: unknown): Promise<unknown> {
  for (let attempt = 0; ; attempt++) {
    let token = tokens.get(actor.username);
    if (!token || attempt > 0) {
      token = await sessionFor(db, actor.username, { tenantCode: actor.tenantCode });
      tokens.set(actor.username, token);
    }
    try {
      return await callerProcedure(callerWith(database, { token }).caller, path)(input);
    } catch (e) {
      if (attempt === 0 && (e as { code?: string }).code === 'UNAUTHORIZED') continue;
      throw e;
    }
  }
}

const STRINGS = ['测试', '2024-05-04', '2026-H1', 'chengguan', 'Abcd1234efgh', '201962', ''];

describe('authorization inside a tenant: every procedure, with ids outside the actor’s reach', () => {
  for (const actor of ACTORS) {
    describe(`as ${actor.label}`, () => {
      for (const path of procedurePaths) {
        it(`${path} is refused or returns nothing of the targets`, async () => {
          const target = targets.get(actor.username)!;
          const router = path.split('.')[0]!;
          const own = target.ids.get(router) ?? [];
          const pools: Pools = { ids: [...own, ...target.ids.get('*')!], strings: STRINGS };
          const targetIds = new Set(pools.ids);
          const all = inputsFor(path, procedures[path]!, pools);
          const carrying = all.filter((i) =>
            [...targetIds].some((id) => JSON.stringify(i ?? null).includes(id)),
          );
          const inputs = [...carrying, ...all.filter((i) => !carrying.includes(i))].slice(0, MAX_INPUTS);
          const mutation = procedures[path]!._def.type === 'mutation';
          let reached = 0;
          let wrote = false;
          for (const input of inputs) {
            const inputText = JSON.stringify(input ?? null);
            let seen: string;
            try {
              seen = JSON.stringify((await call(actor, path, input)) ?? null);
              reached++;
              wrote ||= mutation;
            } catch (e) {
              const err = e as { code?: string; message?: string; cause?: { appCode?: string } };
              expect(err.code, `${path}(${inputText}) threw a non-tRPC error: ${String(e)}`).toBeTypeOf(
                'string',
              );
              expect(err.code, `${path}(${inputText}) failed internally: ${err.message}`).not.toBe(
                'INTERNAL_SERVER_ERROR',
              );
              if (err.cause?.appCode !== 'AUTH_REQUIRED') reached++;
              seen = err.message ?? '';
            }
            for (const m of target.markers) {
              if (inputText.includes(m)) continue; // an id the caller sent may be echoed in a refusal
              expect(seen, `${path}(${inputText}) revealed ${m}`).not.toContain(m);
            }
          }
          expect(reached).toBeGreaterThan(0);
          // A refused call rolled back its transaction; one that went through must not have
          // touched the targets' rows.
          if (wrote) {
            const after = await snapshotOutside(target);
            const before = lastSnapshot.get(actor.username)!;
            lastSnapshot.set(actor.username, after);
            expect(after, `${path} changed data outside the actor's reach`).toBe(before);
          }
        });
      }
    });
  }
});
