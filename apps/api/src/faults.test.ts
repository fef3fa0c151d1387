/**
 * Issue 9 "faults": mixed traffic through the real HTTP server (logins, reads, theme-day check-ins,
 * dues payments, cross-district transfers) while a separate superuser connection terminates every
 * backend of the product's database (`pg_terminate_backend`) several times. Requests fail cleanly
 * (a JSON error with a Chinese message and an appCode; no socket error, no hang), the server
 * recovers without a restart (postgres.js opens new connections), and afterwards nothing is
 * half-applied: every member is in exactly one place, the three copies of each transfer's status
 * agree, every payment has its months (amounts add up, no month twice), no check-in twice.
 *
 * PostgreSQL only: PGlite is embedded in the process (no server backends to terminate).
 * The longer run that restarts the whole server is `bench/faults.mjs`.
 */

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { serve } from '@hono/node-server';
import { LoginThrottle } from '@tuanjian/api';
import {
  createDatabase,
  createPostgresClient,
  type DistrictDatabase,
  env,
  type PlatformDatabase,
} from '@tuanjian/db';
import { createDemoTestDatabase, type DemoTestDatabase } from '@tuanjian/db/testing';
import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from './app';

const PASSWORD = 'Tuanjian@2026';
const HAN = /[\u4e00-\u9fff]/;

interface Outcome {
  ok: boolean;
  status: number;
  data?: unknown;
  message?: string;
  appCode?: string;
}

/** Anything that is not a clean answer (socket error, timeout, non-JSON body). */
const unclean: string[] = [];

let database: DemoTestDatabase;
let db: Kysely<PlatformDatabase>;
let server: ReturnType<typeof serve>;
let base: string;
let tmp: string;

async function call(
  procedure: string,
  input: unknown,
  token: string | null,
  kind: 'query' | 'mutation',
): Promise<Outcome> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  const url =
    kind === 'query'
      ? `${base}/trpc/${procedure}${input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify(input))}`}`
      : `${base}/trpc/${procedure}`;
  let res: Response;
  try {
    res = await fetch(url, {
      method: kind === 'query' ? 'GET' : 'POST',
      headers,
      body: kind === 'mutation' ? JSON.stringify(input ?? {}) : undefined,
      signal: AbortSignal.timeout(20_000),
    });
  } catch (err) {
    unclean.push(`${procedure}: ${(err as Error).message}`);
    return { ok: false, status: 0 };
  }
  const text = await res.text();
  let body: { result?: { data: unknown }; error?: { message: string; data?: { appCode?: string } } };
  try {
    body = JSON.parse(text);
  } catch {
    unclean.push(`${procedure}: ${res.status} non-JSON ${text.slice(0, 80)}`);
    return { ok: false, status: res.status };
  }
  if (res.ok && body.result) return { ok: true, status: res.status, data: body.result.data };
  const message = body.error?.message ?? '';
  const appCode = body.error?.data?.appCode;
  if (!HAN.test(message) || !appCode) unclean.push(`${procedure}: ${res.status} ${message} ${appCode}`);
  return { ok: false, status: res.status, message, appCode };
}

async function login(username: string): Promise<Outcome> {
  return call('auth.login', { username, password: PASSWORD, client: 'miniprogram' }, null, 'mutation');
}

async function tokenOf(username: string): Promise<string> {
  const r = await login(username);
  if (!r.ok) throw new Error(`login ${username}: ${r.message}`);
  return (r.data as { token: string }).token;
}

function tenantTables(schema: string) {
  return (db as unknown as Kysely<DistrictDatabase>).withSchema(schema);
}

async function schemaOf(code: string): Promise<{ id: string; schema: string }> {
  const t = await db
    .selectFrom('platform.tenants')
    .select(['id', 'schema_name'])
    .where('code', '=', code)
    .executeTakeFirstOrThrow();
  return { id: t.id, schema: t.schema_name! };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.skipIf(!env.DATABASE_URL)(
  'faults: backends terminated during mixed HTTP traffic (PostgreSQL; skipped on PGlite: embedded, no server backends to terminate)',
  () => {
    beforeAll(async () => {
      database = await createDemoTestDatabase({ url: env.DATABASE_URL });
      db = database.db;
      tmp = mkdtempSync(path.join(os.tmpdir(), 'tj-faults-'));
      writeFileSync(path.join(tmp, 'index.html'), '<!doctype html><title>t</title>');
      const app = createApp({ database, adminDist: tmp, h5Dist: tmp, throttle: new LoginThrottle() });
      server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
      await new Promise<void>((resolve) => server.once('listening', () => resolve()));
      base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    }, 600_000);

    afterAll(async () => {
      await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
      await database?.close();
      if (tmp) rmSync(tmp, { recursive: true, force: true });
    });

    it('requests fail cleanly, the server recovers without a restart, nothing is half-applied', async () => {
      const cg = await schemaOf('chengguan');
      const ql = await schemaOf('qilihe');
      const secretary = await tokenOf('chengguan.branch');
      const member = await tokenOf('chengguan.member');
      const cgAdmin = await tokenOf('chengguan.admin');
      const qlAdmin = await tokenOf('qilihe.admin');

      // This month's theme day of the member's branch, check-in open.
      const branch = await call('themeDays.forBranch', {}, secretary, 'query');
      expect(branch.ok, branch.message).toBe(true);
      let dayId = (branch.data as { themeDay: { id: string } | null }).themeDay?.id;
      if (!dayId) {
        const created = await call('themeDays.create', { theme: '故障演练主题团日' }, secretary, 'mutation');
        expect(created.ok, created.message).toBe(true);
        dayId = (created.data as { id: string }).id;
      }
      const opened = await call('themeDays.openCheckIn', { id: dayId }, secretary, 'mutation');
      expect(opened.ok, opened.message).toBe(true);
      const code = (opened.data as { checkInCode: string }).checkInCode;

      // Members the secretary may record dues for; members the district admin may transfer.
      const secretaryScope = (
        await db
          .selectFrom('platform.grants as g')
          .innerJoin('platform.users as u', 'u.id', 'g.user_id')
          .select(['g.scope_org_id', 'g.member_id'])
          .where('u.username', 'in', ['chengguan.branch', 'chengguan.member'])
          .execute()
      ).map((g) => g);
      const branchOrg = secretaryScope.find((g) => g.scope_org_id)!.scope_org_id!;
      const demoMember = secretaryScope.find((g) => g.member_id)?.member_id ?? null;
      const duesMembers = (
        await tenantTables(cg.schema)
          .selectFrom('members')
          .select('id')
          .where('org_id', '=', branchOrg)
          .where('status', '=', 'active')
          .orderBy('id')
          .limit(6)
          .execute()
      ).map((m) => m.id);
      expect(duesMembers.length).toBeGreaterThan(1);
      const qlBranch = await tenantTables(ql.schema)
        .selectFrom('organisations')
        .select('id')
        .where('kind', '=', 'branch')
        .where('status', '=', 'active')
        .orderBy('path')
        .executeTakeFirstOrThrow();
      const movers = await tenantTables(cg.schema)
        .selectFrom('members as m')
        .innerJoin('organisations as o', 'o.id', 'm.org_id')
        .select(['m.id', 'm.member_number'])
        .where('m.status', '=', 'active')
        .where('o.kind', '=', 'branch')
        .where('m.member_number', 'is not', null)
        .where('m.org_id', '!=', branchOrg)
        .$if(demoMember !== null, (q) => q.where('m.id', '!=', demoMember!))
        .orderBy('m.id')
        .limit(40)
        .execute();

      const tally = { ok: 0, failed: 0, byCode: {} as Record<string, number> };
      const note = (r: Outcome) => {
        if (r.ok) tally.ok++;
        else {
          tally.failed++;
          const k = `${r.status} ${r.appCode ?? '-'} ${r.message ?? ''}`;
          tally.byCode[k] = (tally.byCode[k] ?? 0) + 1;
        }
        return r;
      };
      const okPayments: { memberId: string; month: string }[] = [];
      const okTransfers: { id: string; memberNumber: string; accepted: boolean }[] = [];
      let checkedIn = false;
      // 五四讲堂 sign-ups (LIFE-3): the member signs up and cancels in turn on next month's lecture —
      // the seat count (booked_count) must match the sign-ups afterwards.
      const lectures = await call('lectures.upcoming', undefined, member, 'query');
      expect(lectures.ok, lectures.message).toBe(true);
      const lecture = (lectures.data as { id: string; status: string; startsAt: string }[])
        .filter((l) => l.status === 'published' && new Date(l.startsAt).getTime() > Date.now())
        .at(-1);
      expect(lecture).toBeDefined();
      let signupsOk = 0;

      let running = true;
      const months = ['2026-12', '2027-01', '2027-02', '2027-03', '2027-04', '2027-05', '2027-06'];
      const workers = [
        // Reads.
        (async () => {
          while (running) {
            note(await call('themeDays.mine', undefined, member, 'query'));
            note(await call('dues.memberStatus', {}, member, 'query'));
            note(await call('members.list', { pageSize: 5 }, cgAdmin, 'query'));
            note(await call('transfers.list', { box: 'incoming' }, qlAdmin, 'query'));
          }
        })(),
        // Logins.
        (async () => {
          while (running) {
            note(await login('chengguan.member'));
            await sleep(50);
          }
        })(),
        // Check-ins (idempotent: a repeat says already checked in).
        (async () => {
          while (running) {
            const r = note(await call('themeDays.checkIn', { code }, member, 'mutation'));
            if (r.ok) checkedIn = true;
            await sleep(30);
          }
        })(),
        // Dues payments: one member-month per request.
        (async () => {
          let i = 0;
          while (running && i < duesMembers.length * months.length) {
            const memberId = duesMembers[i % duesMembers.length]!;
            const month = months[Math.floor(i / duesMembers.length)]!;
            const r = note(
              await call(
                'dues.record',
                { memberIds: [memberId], months: [month], method: 'cash' },
                secretary,
                'mutation',
              ),
            );
            if (r.ok) okPayments.push({ memberId, month });
            i++;
          }
        })(),
        // Lecture sign-up and cancellation in turn (a refusal such as 已报名 is fine: it is re-read).
        (async () => {
          while (running) {
            const mine = await call('lectures.detail', { id: lecture!.id }, member, 'query');
            if (!note(mine).ok) continue;
            const signed =
              (mine.data as { mySignup: { status: string } | null }).mySignup?.status === 'booked';
            const r = note(
              await call(
                signed ? 'lectures.cancelSignup' : 'lectures.signUp',
                { lectureId: lecture!.id },
                member,
                'mutation',
              ),
            );
            if (r.ok) signupsOk++;
            await sleep(20);
          }
        })(),
        // Transfers 城关区 → 七里河区: start, then accept.
        (async () => {
          let i = 0;
          while (running && i < movers.length) {
            const m = movers[i++]!;
            const started = note(
              await call(
                'transfers.start',
                {
                  memberId: m.id,
                  target: { type: 'cross_tenant', tenantId: ql.id, orgId: qlBranch.id },
                  reason: '故障演练',
                },
                cgAdmin,
                'mutation',
              ),
            );
            if (!started.ok) continue;
            const id = (started.data as { id: string }).id;
            const accepted = note(await call('transfers.accept', { id }, qlAdmin, 'mutation'));
            okTransfers.push({ id, memberNumber: m.member_number!, accepted: accepted.ok });
          }
        })(),
      ];

      // The faults: terminate every backend of this database five times while the traffic runs.
      const killer = createPostgresClient(database.url!, { max: 1 });
      const terminated: number[] = [];
      try {
        for (let k = 0; k < 5; k++) {
          await sleep(1200);
          const terminate = () =>
            killer.unsafe<{ pid: number }[]>(
              `select pid, pg_terminate_backend(pid) from (
               select pid from pg_stat_activity
               where datname = current_database() and pid <> pg_backend_pid() and backend_type = 'client backend'
               offset 0) s`,
            );
          // The killer's own connection is a postgres.js one too: retry once if it was caught up.
          const rows = await terminate().catch(() => terminate());
          terminated.push(rows.length);
        }
        await sleep(800);
      } finally {
        running = false;
        await Promise.all(workers);
        await killer.end();
      }
      console.log('[faults] terminated backends per round:', terminated.join(', '));
      console.log(`[faults] requests ok ${tally.ok}, failed ${tally.failed}`, tally.byCode);
      console.log(`[faults] payments ok ${okPayments.length}, transfers ok ${okTransfers.length}`);

      // Every failure was a clean, typed, Chinese error; no socket error or hang.
      expect(unclean).toEqual([]);
      expect(terminated.reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
      expect(tally.ok).toBeGreaterThan(20);
      expect(okPayments.length + okTransfers.length).toBeGreaterThan(0);

      // Recovery without a restart: the same server answers every kind of request again (a request
      // may still meet a connection killed while idle: at most a few failures, then a clean run).
      let streak = 0;
      let attempts = 0;
      while (streak < 5 && attempts < 30) {
        attempts++;
        const r = [
          await call('themeDays.mine', undefined, member, 'query'),
          await call('members.list', { pageSize: 5 }, cgAdmin, 'query'),
          await login('chengguan.member'),
        ];
        streak = r.every((x) => x.ok) ? streak + 1 : 0;
      }
      console.log(`[faults] recovery: 5 clean rounds after ${attempts} rounds`);
      expect(streak).toBe(5);
      expect(attempts).toBeLessThanOrEqual(8);
      const again = await call('themeDays.checkIn', { code }, member, 'mutation');
      expect(again.ok, again.message).toBe(true);
      const ready = await fetch(`${base}/readyz`);
      expect(ready.status).toBe(200);
      // The checks below read through a fresh connection pool of the test's own.
      const checker = await createDatabase({ url: database.url!, poolSize: 2 });
      db = checker.db;

      // ---- invariants
      // Seats: every lecture's booked_count equals its sign-ups that are not cancelled.
      expect(signupsOk).toBeGreaterThan(0);
      const seats = await sql<{ n: number }>`select count(*)::int as n from platform.lectures l
        where l.booked_count <> (select count(*) from platform.lecture_signups s
          where s.lecture_id = l.id and s.status <> 'cancelled')`.execute(db);
      expect(seats.rows[0]!.n).toBe(0);
      // Check-ins: at most one per member and theme day; the member's is there.
      const dupCheckIns = await sql<{ n: number }>`select count(*)::int as n from (
          select 1 from ${sql.id(cg.schema, 'theme_day_check_ins')} group by theme_day_id, member_id having count(*) > 1) d`.execute(
        db,
      );
      expect(dupCheckIns.rows[0]!.n).toBe(0);
      if (checkedIn || again.ok) {
        const mine = await sql<{
          n: number;
        }>`select count(*)::int as n from ${sql.id(cg.schema, 'theme_day_check_ins')}
          where theme_day_id = ${dayId}`.execute(db);
        expect(mine.rows[0]!.n).toBeGreaterThanOrEqual(1);
      }

      // Payments: each has its months, amounts add up, no month paid twice; every acknowledged one exists.
      const broken = await sql<{
        n: number;
      }>`select count(*)::int as n from ${sql.id(cg.schema, 'dues_payments')} p
          left join (select payment_id, sum(amount_fen)::int as s, count(*)::int as c
                     from ${sql.id(cg.schema, 'dues_payment_months')} group by payment_id) m on m.payment_id = p.id
          where m.c is null or m.s <> p.amount_fen`.execute(db);
      expect(broken.rows[0]!.n).toBe(0);
      const twice = await sql<{ n: number }>`select count(*)::int as n from (
          select 1 from ${sql.id(cg.schema, 'dues_payment_months')} group by member_id, month having count(*) > 1) d`.execute(
        db,
      );
      expect(twice.rows[0]!.n).toBe(0);
      for (const p of okPayments) {
        const row = await tenantTables(cg.schema)
          .selectFrom('dues_payment_months')
          .select('payment_id')
          .where('member_id', '=', p.memberId)
          .where('month', '=', p.month)
          .executeTakeFirst();
        expect(row, `${p.memberId} ${p.month}`).toBeDefined();
      }

      // Transfers: the routing row and both tenants' rows agree; each mover is active in exactly one place.
      const routes = await db
        .selectFrom('platform.transfers')
        .select(['id', 'status'])
        .where('source_tenant_id', '=', cg.id)
        .where('target_tenant_id', '=', ql.id)
        .execute();
      for (const r of routes) {
        const src = await tenantTables(cg.schema)
          .selectFrom('transfers')
          .select('status')
          .where('id', '=', r.id)
          .executeTakeFirst();
        const dst = await tenantTables(ql.schema)
          .selectFrom('transfers')
          .select('status')
          .where('id', '=', r.id)
          .executeTakeFirst();
        expect({ source: src?.status, target: dst?.status }, r.id).toEqual({
          source: r.status,
          target: r.status,
        });
      }
      for (const m of movers) {
        let places = 0;
        for (const schema of [cg.schema, ql.schema]) {
          const r = await tenantTables(schema)
            .selectFrom('members')
            .select(sql<number>`count(*)::int`.as('n'))
            .where('member_number', '=', m.member_number!)
            .where('status', '=', 'active')
            .executeTakeFirstOrThrow();
          places += r.n;
        }
        expect(places, m.member_number!).toBe(1);
      }
      for (const t of okTransfers.filter((x) => x.accepted)) {
        const r = routes.find((x) => x.id === t.id);
        expect(r?.status).toBe('completed');
      }
      await checker.close();
    }, 300_000);
  },
);
