/**
 * Bad input (issue 9): a fast-check property drives EVERY procedure of the tRPC router — taken
 * from the router itself (`procedurePaths`) — with valid inputs generated from each procedure's
 * own schema (the generator the isolation walk uses) and malformed ones (wrong types, huge and
 * odd strings, unicode, negative / huge numbers, deep objects, missing fields, SQL-ish and
 * path-traversal strings), as users of every role and anonymously.
 *
 * Most calls go through real HTTP (the Hono app: body limit, CSRF check, tRPC adapter, error
 * formatter); some through a server-side caller, which also accepts what JSON cannot carry
 * (NaN, Infinity, undefined) and shows the raw message a procedure threw.
 *
 * Properties: no 5xx / INTERNAL_SERVER_ERROR, nothing logged as an internal error, no unhandled
 * rejection; every refusal a typed tRPC error whose message (the zod issue's for validation) is
 * Chinese.
 *
 * Runs per procedure: TJ_FUZZ_RUNS (default 4 here; `node bench/fuzz.mjs` runs more), seed:
 * TJ_FUZZ_SEED (printed on failure by fast-check, to replay one).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LoginThrottle } from '@tuanjian/api';
import {
  callerProcedure,
  callerWith,
  demoDatabase,
  inputsFor,
  type Pools,
  procedurePaths,
  procedures,
  sessionFor,
  type TestDatabase,
  tenantByCode,
  tenantTables,
} from '@tuanjian/api/testing';
import type { PlatformDatabase } from '@tuanjian/db';
import fc from 'fast-check';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createApp } from './app';

const RUNS = Number(process.env.TJ_FUZZ_RUNS ?? 4);
const SEED = process.env.TJ_FUZZ_SEED ? Number(process.env.TJ_FUZZ_SEED) : undefined;
const CJK = /[\u4e00-\u9fff]/;

/** One user of every role (tenant for users with several grants), and anonymous. */
const ACTORS: { username: string | null; tenantCode?: string }[] = [
  { username: 'city.admin' },
  { username: 'inspector' },
  { username: 'chengguan.admin' },
  { username: 'chengguan.secretary' },
  { username: 'chengguan.branch' },
  { username: 'chengguan.member' },
  { username: 'enterprise.chair' },
  { username: 'enterprise.member' },
  { username: 'multi.admin', tenantCode: 'qilihe' },
  { username: null },
];

let database: TestDatabase;
let db: Kysely<PlatformDatabase>;
let tmp: string;
let app: ReturnType<typeof createApp>;
let pools: Pools;
const tokens = new Map<string, string>();
const internalLogs: string[] = [];
const unhandled: unknown[] = [];
const onUnhandled = (e: unknown) => unhandled.push(e);

beforeAll(async () => {
  database = await demoDatabase();
  db = database.db;
  tmp = mkdtempSync(path.join(os.tmpdir(), 'tj-fuzz-'));
  app = createApp({ database, adminDist: tmp, h5Dist: tmp, throttle: new LoginThrottle() });
  const chengguan = await tenantByCode(db, 'chengguan');
  const t = tenantTables(db, chengguan);
  const orgs = await t.selectFrom('organisations').select(['id', 'name', 'kind']).orderBy('path').execute();
  const members = await t
    .selectFrom('members')
    .select(['id', 'name', 'member_number'])
    .orderBy('id')
    .limit(40)
    .execute();
  const grants = await db.selectFrom('platform.grants').select(['id', 'user_id']).limit(20).execute();
  const tenants = await db.selectFrom('platform.tenants').select('id').execute();
  pools = {
    ids: [
      ...new Set([
        ...new Map(orgs.map((o) => [o.kind, o.id])).values(),
        ...members.slice(0, 3).map((m) => m.id),
        ...grants.slice(0, 3).flatMap((g) => [g.id, g.user_id]),
        ...tenants.slice(0, 3).map((x) => x.id),
      ]),
    ],
    strings: [
      '测试团支部',
      '2024-05-04',
      '2026-H1',
      'Abcd1234efgh',
      'chengguan',
      members[0]?.member_number ?? '201962000001',
      members[0]?.member_number?.slice(0, 6) ?? '201962',
      members[0]?.name ?? '张三',
      orgs[1]?.name ?? '城关区',
      '',
    ],
  };
  vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
    internalLogs.push(args.map((a) => (a instanceof Error ? (a.stack ?? a.message) : String(a))).join(' '));
  });
  process.on('unhandledRejection', onUnhandled);
}, 300_000);

afterAll(async () => {
  process.off('unhandledRejection', onUnhandled);
  vi.restoreAllMocks();
  await database?.close();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

/** The actor's session token; a fresh one (and the account re-enabled) when the last was ended. */
async function tokenOf(actor: (typeof ACTORS)[number], fresh = false): Promise<string | null> {
  if (!actor.username) return null;
  const key = `${actor.username}@${actor.tenantCode ?? ''}`;
  if (!fresh && tokens.has(key)) return tokens.get(key)!;
  // The fuzz itself may disable the account, suspend its tenant or change its password.
  await db
    .updateTable('platform.users')
    .set({ status: 'active', must_change_password: false })
    .where('username', '=', actor.username)
    .execute();
  await db
    .updateTable('platform.tenants')
    .set({ status: 'active' })
    .where('status', '=', 'suspended')
    .execute();
  const token = await sessionFor(db, actor.username, { tenantCode: actor.tenantCode });
  tokens.set(key, token);
  return token;
}

// ------------------------------------------------------------------ malformed values

const deep = (levels: number): unknown => {
  let v: unknown = { x: 1 };
  for (let i = 0; i < levels; i++) v = i % 2 ? [v] : { a: v };
  return v;
};

const nastyStrings = [
  '',
  ' ',
  '\u0000',
  "'; drop table members; --",
  "' or '1'='1",
  '1; select pg_sleep(5)',
  '$1',
  '../../../../etc/passwd',
  '..\\..\\..\\windows\\win.ini',
  '%2e%2e%2f%2e%2e%2fetc%2fpasswd',
  '<script>alert(1)</script>',
  "=cmd|' /C calc'!A0",
  '=HYPERLINK("http://evil","x")',
  '😀👨‍👩‍👧‍👦',
  '\u202e\u0301\ufeff',
  '\ud800',
  '9999-99-99',
  '2024-02-30',
  '0000-00-00',
  '-1',
  'NaN',
  '1e309',
  '__proto__',
  'constructor',
  '00000000-0000-0000-0000-000000000000',
  'x'.repeat(10_000),
  '团'.repeat(40_000),
];

const nasty: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...nastyStrings) },
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      -1,
      -0.5,
      0,
      0.1,
      2 ** 31,
      -(2 ** 31),
      Number.MAX_SAFE_INTEGER + 2,
      1e308,
      -1e308,
      null,
      true,
      false,
      [],
      {},
      [null],
      { __proto__: { admin: true } },
      JSON.parse('{"__proto__":{"polluted":1}}'),
    ),
  },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 2, arbitrary: fc.oneof(fc.integer(), fc.double()) },
  { weight: 1, arbitrary: fc.integer({ min: 5, max: 120 }).map(deep) },
  { weight: 2, arbitrary: fc.anything({ maxDepth: 2, maxKeys: 4 }) },
  { weight: 1, arbitrary: fc.array(fc.constantFrom(...nastyStrings.slice(0, 12)), { maxLength: 300 }) },
);

type Mutation = 'replace' | 'delete' | 'nest' | 'extra';

function mutate(base: unknown, keyIndex: number, how: Mutation, value: unknown): unknown {
  if (!base || typeof base !== 'object' || Array.isArray(base)) return value;
  const obj = { ...(base as Record<string, unknown>) };
  const keys = Object.keys(obj);
  if (how === 'extra' || keys.length === 0) return { ...obj, [`x${keyIndex}`]: value, ...obj };
  const key = keys[keyIndex % keys.length]!;
  if (how === 'delete') delete obj[key];
  else if (how === 'nest' && obj[key] && typeof obj[key] === 'object' && !Array.isArray(obj[key])) {
    obj[key] = mutate(obj[key], keyIndex >> 3, 'replace', value);
  } else if (how === 'nest' && Array.isArray(obj[key])) obj[key] = [...(obj[key] as unknown[]), value];
  else obj[key] = value;
  return obj;
}

/** Every string (or number) leaf of an input replaced: reaches the free-text fields past their format checks. */
function mapLeaves(v: unknown, f: (leaf: string | number) => unknown, depth = 0): unknown {
  if (typeof v === 'string' || typeof v === 'number') return f(v);
  if (depth > 10 || v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) return v.map((x) => mapLeaves(x, f, depth + 1));
  return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, mapLeaves(x, f, depth + 1)]));
}

const nastyNumbers = [-1, -0.5, 0, 0.1, 2 ** 31, -(2 ** 31), 2 ** 53 + 2, 1e308, -1e308, 1e-308];

function inputArbitrary(p: string): fc.Arbitrary<unknown> {
  const bases = inputsFor(p, procedures[p]!, pools);
  const base = fc.constantFrom(...bases);
  return fc.oneof(
    { weight: 2, arbitrary: base },
    {
      weight: 6,
      arbitrary: fc
        .tuple(base, fc.nat(64), fc.constantFrom<Mutation>('replace', 'delete', 'nest', 'extra'), nasty)
        .map(([b, k, how, v]) => mutate(b, k, how, v)),
    },
    {
      // Free text with something odd appended (or instead), in every string field at once.
      weight: 4,
      arbitrary: fc
        .tuple(base, fc.constantFrom(...nastyStrings), fc.boolean())
        .map(([b, n, append]) =>
          mapLeaves(b, (leaf) => (typeof leaf === 'string' ? (append ? `${leaf}${n}` : n) : leaf)),
        ),
    },
    {
      weight: 2,
      arbitrary: fc
        .tuple(base, fc.constantFrom(...nastyNumbers))
        .map(([b, n]) => mapLeaves(b, (leaf) => (typeof leaf === 'number' ? n : leaf))),
    },
    { weight: 1, arbitrary: nasty },
  );
}

// ------------------------------------------------------------------ one call, two transports

interface Outcome {
  ok: boolean;
  status?: number;
  code?: string;
  message?: string;
  where: string;
}

async function viaHttp(p: string, input: unknown, token: string | null): Promise<Outcome> {
  const type = procedures[p]!._def.type;
  const headers: Record<string, string> = { origin: 'http://localhost', 'sec-fetch-site': 'same-origin' };
  if (token) headers.cookie = `tj_session=${token}`;
  let res: Response;
  if (type === 'query') {
    const q = input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify(input))}`;
    res = await app.request(`/trpc/${p}${q}`, { headers });
  } else {
    res = await app.request(`/trpc/${p}`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body: input === undefined ? undefined : JSON.stringify(input),
    });
  }
  const text = await res.text();
  let body: { error?: { message?: string; data?: { code?: string } } } = {};
  try {
    body = JSON.parse(text);
  } catch {
    return { ok: false, status: res.status, message: text.slice(0, 200), where: 'http (not JSON)' };
  }
  if (!body.error) return { ok: true, status: res.status, where: 'http' };
  return {
    ok: false,
    status: res.status,
    code: body.error.data?.code,
    message: body.error.message,
    where: 'http',
  };
}

async function viaCaller(p: string, input: unknown, token: string | null): Promise<Outcome> {
  const { caller } = callerWith(database, token ? { token } : {});
  try {
    await callerProcedure(caller, p)(input);
    return { ok: true, where: 'caller' };
  } catch (e) {
    const err = e as { name?: string; code?: string; message?: string; cause?: unknown };
    if (err?.name !== 'TRPCError')
      return { ok: false, message: String(e), where: 'caller (not a TRPCError)' };
    const issues = (err.cause as { issues?: { message: string }[] } | undefined)?.issues;
    const message = issues ? issues.map((i) => i.message).join('；') : err.message;
    return { ok: false, code: err.code, message, where: 'caller' };
  }
}

/** What JSON cannot carry: only the server-side caller can send it. */
const callerOnly: fc.Arbitrary<unknown> = fc.constantFrom(
  Number.NaN,
  Number.POSITIVE_INFINITY,
  Number.NEGATIVE_INFINITY,
  undefined,
  new Date(Number.NaN),
  -0,
);

// ------------------------------------------------------------------ the property

describe(`fuzz: every procedure with random and malformed input, every role (${RUNS} runs each)`, () => {
  it('the router has procedures', () => {
    expect(procedurePaths.length).toBeGreaterThan(200);
  });

  for (const p of procedurePaths) {
    it(`${p}: no internal error, every refusal typed and in Chinese`, async () => {
      const logsBefore = internalLogs.length;
      await fc.assert(
        fc.asyncProperty(
          fc.nat(ACTORS.length - 1),
          fc.oneof(
            { weight: 8, arbitrary: inputArbitrary(p).map((input) => ({ input, http: true })) },
            {
              weight: 2,
              arbitrary: fc
                .tuple(inputArbitrary(p), fc.nat(64), callerOnly)
                .map(([b, k, v]) => ({ input: mutate(b, k, 'replace', v), http: false })),
            },
          ),
          async (actorIndex, { input, http }) => {
            const actor = ACTORS[actorIndex]!;
            let token = await tokenOf(actor);
            let out = http ? await viaHttp(p, input, token) : await viaCaller(p, input, token);
            if (token && out.code === 'UNAUTHORIZED') {
              // The session was ended by an earlier call (logout, password change): once more.
              token = await tokenOf(actor, true);
              out = http ? await viaHttp(p, input, token) : await viaCaller(p, input, token);
            }
            const label = `${p} as ${actor.username ?? 'anonymous'} via ${out.where}`;
            expect(out.status ?? 200, `${label}: HTTP ${out.status} ${out.message}`).toBeLessThan(500);
            if (out.ok) return;
            expect(out.code, `${label}: untyped refusal ${out.message}`).toBeTypeOf('string');
            expect(out.code, `${label}: internal error`).not.toBe('INTERNAL_SERVER_ERROR');
            expect(out.message ?? '', `${label}: message not Chinese`).toMatch(CJK);
          },
        ),
        { numRuns: RUNS, seed: SEED, endOnFailure: true },
      );
      expect(internalLogs.slice(logsBefore), `${p} logged internal errors`).toEqual([]);
      expect(unhandled, 'unhandled rejections').toEqual([]);
    });
  }
});
