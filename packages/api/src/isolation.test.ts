/**
 * Tenant isolation, by enumeration: every procedure of the router — taken from the router
 * itself, so a new procedure is covered without anyone adding it here — is called by users of
 * other tenants with inputs built from 城关区's identifiers (organisation, member, grant, user and
 * tenant ids, names, member numbers). Each call must be refused or return nothing of 城关区, and
 * 城关区's data must be unchanged afterwards. A procedure whose input cannot be generated fails.
 */
import type { AnyProcedure } from '@trpc/server';
import type { PlatformDatabase, Tenant } from '@tuanjian/db';
import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { appRouter } from './root';
import {
  callerWith,
  demoDatabase,
  sessionFor,
  type TestDatabase,
  tenantByCode,
  tenantTables,
} from './test/helpers';

type JsonSchema = {
  type?: string | string[];
  format?: string;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  default?: unknown;
};

interface Pools {
  ids: string[];
  strings: string[];
}

/** Candidate values for one schema node (first = preferred). Unknown shapes throw. */
function candidates(node: JsonSchema, key: string, pools: Pools): unknown[] {
  const branches = node.anyOf ?? node.oneOf;
  if (branches) return branches.flatMap((b) => candidates(b, key, pools));
  if (node.allOf) {
    if (node.allOf.length === 1) return candidates(node.allOf[0]!, key, pools);
    throw new Error(`无法为 ${key} 生成输入：allOf ${JSON.stringify(node)}`);
  }
  if ('const' in node) return [node.const];
  if (node.enum) return [...node.enum];
  const type = Array.isArray(node.type) ? node.type[0] : node.type;
  switch (type) {
    case 'string': {
      const pool =
        node.format === 'uuid' || /id$/i.test(key)
          ? [...pools.ids, crypto.randomUUID()]
          : // dates first for date-like keys (array items only ever get their first candidate)
            /(on|date)$/i.test(key)
            ? ['2024-05-04', ...pools.strings]
            : pools.strings;
      const re = node.pattern ? new RegExp(node.pattern) : null;
      const fit = pool.filter(
        (s) =>
          (node.minLength === undefined || s.length >= node.minLength) &&
          (node.maxLength === undefined || s.length <= node.maxLength) &&
          (!re || re.test(s)),
      );
      return fit.length > 0 ? fit : pool;
    }
    case 'integer':
    case 'number': {
      const min =
        node.minimum ?? (node.exclusiveMinimum !== undefined ? node.exclusiveMinimum + 1 : undefined);
      const max =
        node.maximum ?? (node.exclusiveMaximum !== undefined ? node.exclusiveMaximum - 1 : undefined);
      const values = [1, 2, 0, 1000, min, max].filter(
        (v): v is number =>
          v !== undefined && (min === undefined || v >= min) && (max === undefined || v <= max),
      );
      return [...new Set(values)];
    }
    case 'boolean':
      return [true, false];
    case 'null':
      return [null];
    case 'object':
      return [baseOf(objectCandidates(node, pools))];
    case 'array':
      return node.items ? [[], [candidates(node.items, key, pools)[0]]] : [[]];
    default:
      throw new Error(`无法为 ${key} 生成输入：${JSON.stringify(node)}`);
  }
}

type FieldCandidates = { key: string; required: boolean; values: unknown[] }[];

function objectCandidates(node: JsonSchema, pools: Pools): FieldCandidates {
  if (node.type !== 'object') throw new Error(`输入不是对象：${JSON.stringify(node)}`);
  return Object.entries(node.properties ?? {}).map(([key, child]) => ({
    key,
    required: node.required?.includes(key) ?? false,
    values: candidates(child, key, pools),
  }));
}

function baseOf(fields: FieldCandidates, choice: Record<string, number> = {}): Record<string, unknown> {
  return Object.fromEntries(fields.map((f) => [f.key, f.values[choice[f.key] ?? 0]]));
}

/**
 * Inputs for a procedure: a base input that passes the procedure's own validation (found by
 * moving each failing field to its next candidate), then one variant per candidate per field,
 * and the base without its optional fields.
 */
function inputsFor(path: string, proc: AnyProcedure, pools: Pools): unknown[] {
  const parsers = proc._def.inputs as unknown[];
  if (parsers.length === 0) return [undefined];
  if (parsers.length > 1) throw new Error(`${path}: 多个 input 解析器，生成器尚不支持`);
  const schema = parsers[0];
  if (!(schema instanceof z.ZodType)) throw new Error(`${path}: input 不是 zod 模式`);
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'throw' }) as JsonSchema;
  // A top-level union (e.g. a discriminated union of workflow steps): every variant is walked.
  const variants = json.oneOf ?? json.anyOf ?? [json];
  const out = new Map<string, unknown>();
  variants.forEach((variant, i) => {
    const label = variants.length > 1 ? `${path} [variant ${i + 1}/${variants.length}]` : path;
    for (const v of objectInputs(label, schema, variant, pools)) out.set(JSON.stringify(v), v);
  });
  return [...out.values()];
}

function objectInputs(path: string, schema: z.ZodType, json: JsonSchema, pools: Pools): unknown[] {
  const fields = objectCandidates(json, pools);

  const choice: Record<string, number> = {};
  let base = baseOf(fields, choice);
  for (let attempt = 0; ; attempt++) {
    const parsed = schema.safeParse(base);
    if (parsed.success) break;
    if (attempt > 200) throw new Error(`${path}: 无法生成通过校验的输入：${parsed.error.issues[0]?.message}`);
    const keys = new Set(parsed.error.issues.map((i) => String(i.path[0] ?? '')));
    let moved = false;
    for (const f of fields) {
      if (!keys.has(f.key) && !keys.has('')) continue;
      const next = (choice[f.key] ?? 0) + 1;
      if (next < f.values.length) {
        choice[f.key] = next;
        moved = true;
        if (!keys.has('')) continue;
        break;
      }
    }
    if (!moved) throw new Error(`${path}: 无法生成通过校验的输入：${parsed.error.issues[0]?.message}`);
    base = baseOf(fields, choice);
  }

  const out = new Map<string, unknown>();
  const add = (v: unknown) => out.set(JSON.stringify(v), v);
  add(base);
  add(Object.fromEntries(Object.entries(base).filter(([k]) => fields.find((f) => f.key === k)?.required)));
  for (const f of fields) for (const v of f.values) add({ ...base, [f.key]: v });
  return [...out.values()];
}

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

const procedures = appRouter._def.procedures as unknown as Record<string, AnyProcedure>;
const paths = Object.keys(procedures).sort();

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
            const fn = path
              .split('.')
              .reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], caller) as (
              i: unknown,
            ) => Promise<unknown>;
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
