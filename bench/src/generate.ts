/**
 * Deterministic data generator (issue 8). Tenants come from the product's own provisioning
 * (`setup.ts`); the rows are bulk-inserted server-side (`insert … select … from generate_series`,
 * ids and every "random" choice derived from md5/hashtext of the seed), so the same seed and scale
 * give the same database.
 *
 *   pnpm --filter @tuanjian/bench gen -- --scale 0.01 [--seed 42] [--national 200] [--keep] [--db NAME]
 *
 * Lanzhou shape: 11 district tenants, 15,000 branches, 300,000 members at scale 1; 12 months of dues
 * (quarterly payments), one theme day per branch and month (the current month open, with a check-in
 * code), ~60 % check-ins of the closed ones, 4 general meetings (+ attendance) and 4 团课 per branch.
 * National shape (`--national N`): N small tenants (20 branches, 400 members each at scale 1).
 * Bench users: member and org_secretary accounts with ready sessions (tokens derived from the seed).
 */
import postgres from 'postgres';
import { createBenchDatabase, machine, urlFor } from './bench-db';
import { LANZHOU_TENANTS, openBenchDatabase, setupTenants } from './setup';

export interface GenOptions {
  scale: number;
  seed: number;
  national?: number;
  /** Member accounts (with sessions) per tenant, each in a different branch. */
  membersPerTenant?: number;
  secretariesPerTenant?: number;
}

export interface GenResult {
  database: string;
  tenants: { code: string; schema: string; branches: number; members: number }[];
  seconds: number;
}

export function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0) return undefined;
  const v = process.argv[i + 1];
  return v === undefined || v.startsWith('--') ? '' : v;
}

/** YYYY-MM of Asia/Shanghai, `back` months before now. */
function monthOf(now: Date, back: number): string {
  const sh = new Date(now.getTime() + 8 * 3600_000);
  const d = new Date(Date.UTC(sh.getUTCFullYear(), sh.getUTCMonth() - back, 1));
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
}

const SECTORS = [
  'university',
  'vocational_school',
  'high_school',
  'middle_school',
  'state_enterprise',
  'public_institution',
  'subdistrict_township',
  'community',
  'rural',
  'non_public_enterprise',
];

export async function generate(database: string, opts: GenOptions, log = console.log): Promise<GenResult> {
  const t0 = performance.now();
  const url = urlFor(database);
  const d = await openBenchDatabase(url, 4);
  const national = opts.national ?? 0;
  const plans: (readonly [string, string])[] =
    national > 0
      ? Array.from(
          { length: national },
          (_, i) => [`n${String(i + 1).padStart(4, '0')}`, `第${i + 1}县团委`] as const,
        )
      : [...LANZHOU_TENANTS];
  const tProv = performance.now();
  const tenants = await setupTenants(d, plans);
  log(`provisioned ${tenants.length} tenants in ${((performance.now() - tProv) / 1000).toFixed(1)} s`);
  await d.close();

  const sql = postgres(url, { max: 1, onnotice: () => {} });
  const seed = String(opts.seed);
  await sql`create table if not exists public.bench_accounts (
    ord serial, token text primary key, role text not null, tenant_id uuid not null, code text not null,
    schema_name text not null, member_id uuid, org_id uuid not null, user_id uuid not null)`;
  const [{ id: creator }] =
    (await sql`select id from platform.users where username = 'admin'`) as unknown as [{ id: string }];
  const now = new Date();
  const months = Array.from({ length: 12 }, (_, i) => monthOf(now, 11 - i)); // oldest first, last = current
  const current = months[11]!;
  const perTenantBranches = national > 0 ? 20 : 15000 / 11;
  const perTenantMembers = national > 0 ? 400 : 300000 / 11;
  const out: GenResult['tenants'] = [];
  for (let k = 0; k < tenants.length; k++) {
    const t = tenants[k]!;
    const s = t.schema_name!;
    if (!/^t_[a-z0-9_]+$/.test(s)) throw new Error(s);
    const B = Math.max(2, Math.round(perTenantBranches * opts.scale));
    const M = Math.max(B * 2, Math.round(perTenantMembers * opts.scale));
    const G = Math.max(1, Math.ceil(B / 25));
    const p = `${seed}/${k}`;
    const tt = performance.now();
    const q = (text: string, params: (string | number)[] = []) =>
      sql.unsafe(text, params).catch((e: Error) => {
        throw new Error(`${e.message} in: ${text.slice(0, 120)}`);
      });
    await sql.begin(async (tx) => {
      const x = (text: string, params: (string | number | string[])[] = []) =>
        tx.unsafe(text, params as never).catch((e: Error) => {
          throw new Error(`${e.message} in: ${text.slice(0, 120)}`);
        });
      // ids: md5(seed/k/kind/i)::uuid
      await x(
        `insert into ${s}.organisations (id, parent_id, path, kind, name, sort_order)
         values (md5($1::text || '/root')::uuid, null, '/' || md5($1::text || '/root')::uuid || '/', 'league_committee', $2, 0)`,
        [p, t.name],
      );
      await x(
        `insert into ${s}.organisations (id, parent_id, path, kind, name, sector, unit_name, sort_order)
         select md5($1::text || '/g/' || g)::uuid, md5($1::text || '/root')::uuid,
                '/' || md5($1::text || '/root')::uuid || '/' || md5($1::text || '/g/' || g)::uuid || '/',
                'general_branch', '第' || g || '团总支', ($3::text[])[1 + abs(hashtext($1::text || '/gs/' || g)) % 10],
                '单位' || g, g
         from generate_series(1, $2::int) g`,
        [p, G, SECTORS],
      );
      await x(
        `insert into ${s}.organisations (id, parent_id, path, kind, name, sector, sort_order)
         select md5($1::text || '/b/' || i)::uuid, md5($1::text || '/g/' || (1 + (i - 1) % $3))::uuid,
                '/' || md5($1::text || '/root')::uuid || '/' || md5($1::text || '/g/' || (1 + (i - 1) % $3))::uuid || '/'
                  || md5($1::text || '/b/' || i)::uuid || '/',
                'branch', '第' || i || '团支部', ($4::text[])[1 + abs(hashtext($1::text || '/gs/' || (1 + (i - 1) % $3))) % 10], i
         from generate_series(1, $2::int) i`,
        [p, B, G, SECTORS],
      );
      // Members: member i is in branch ((i-1) % B) + 1, so members 1..B are in B different branches.
      await x(
        `insert into ${s}.members (id, org_id, name, gender, ethnicity, birth_date, join_date, member_number,
                                   education, occupation_category, status, dues_category)
         select md5($1::text || '/m/' || i)::uuid, md5($1::text || '/b/' || (1 + (i - 1) % $2))::uuid,
                (array['王','李','张','刘','陈','杨','赵','黄','周','吴','徐','孙','马','朱','胡','郭'])[1 + abs(hashtext($1::text || '/n1/' || i)) % 16]
                  || (array['伟','芳','娜','敏','静','丽','强','磊','洋','艳','勇','军','杰','娟','涛','明','超','霞','平','刚'])[1 + abs(hashtext($1::text || '/n2/' || i)) % 20]
                  || (array['','华','国','文','建','晓','海','玉','志','春'])[1 + abs(hashtext($1::text || '/n3/' || i)) % 10],
                case when hashtext($1::text || '/g/' || i) % 2 = 0 then 'male' else 'female' end, '汉族',
                date '1994-01-01' + abs(hashtext($1::text || '/bd/' || i)) % 4000,
                date '2010-05-04' + abs(hashtext($1::text || '/jd/' || i)) % 4500,
                lpad(($4::int % 100)::text, 2, '0') || lpad(i::text, 10, '0'),
                '本科', '职工',
                case when abs(hashtext($1::text || '/st/' || i)) % 100 < 96 then 'active' else 'lapsed' end,
                case when abs(hashtext($1::text || '/dc/' || i)) % 3 = 0 then 'student' else 'wage' end
         from generate_series(1, $3::int) i`,
        [p, B, M, k + 1],
      );
      // Dues: one payment a quarter covering its three months (85 % of members pay each quarter).
      await x(
        `insert into ${s}.dues_payments (id, member_id, org_id, amount_fen, paid_on, method, collected_by_name)
         select md5($1::text || '/p/' || i || '/' || qn)::uuid, md5($1::text || '/m/' || i)::uuid,
                md5($1::text || '/b/' || (1 + (i - 1) % $2))::uuid,
                3 * case when abs(hashtext($1::text || '/dc/' || i)) % 3 = 0 then 20 else 50 end,
                (($4::text[])[qn * 3 + 1] || '-10')::date, 'wechat', '团支部书记'
         from generate_series(1, $3::int) i, generate_series(0, 3) qn
         where abs(hashtext($1::text || '/pay/' || i || '/' || qn)) % 100 < 85`,
        [p, B, M, months],
      );
      await x(
        `insert into ${s}.dues_payment_months (member_id, month, payment_id, amount_fen)
         select pm.member_id, ($1::text[])[qn * 3 + j], pm.id, pm.amount_fen / 3
         from ${s}.dues_payments pm,
              lateral (select (array_position($1::text[], to_char(pm.paid_on, 'YYYY-MM')) - 1) / 3 as qn) q,
              generate_series(1, 3) j`,
        [months],
      );
      // Theme days: one per branch and month; the current month open with a 6-digit code.
      await x(
        `insert into ${s}.theme_days (id, org_id, month, theme, held_at, place, status, check_in_code,
                                      check_in_opened_at, check_in_closes_at, closed_at, member_count, created_by)
         select md5($1::text || '/td/' || i || '/' || mo)::uuid, md5($1::text || '/b/' || i)::uuid, mo,
                '主题团日：' || mo, (mo || '-15 10:00+08')::timestamptz, '团员活动室',
                case when mo = $4 then 'open' else 'closed' end,
                lpad(i::text, 6, '0'),
                (mo || '-15 09:30+08')::timestamptz,
                case when mo = $4 then now() + interval '30 days' else (mo || '-15 12:00+08')::timestamptz end,
                case when mo = $4 then null else (mo || '-15 12:00+08')::timestamptz end,
                $3::int / $2::int, $5::uuid
         from generate_series(1, $2::int) i, unnest($6::text[]) mo`,
        [p, B, M, current, creator, months],
      );
      await x(
        `insert into ${s}.theme_day_check_ins (theme_day_id, member_id, checked_in_at)
         select d.id, m.id, d.held_at + interval '5 minutes'
         from ${s}.theme_days d join ${s}.members m on m.org_id = d.org_id
         where d.status = 'closed' and m.status = 'active'
           and abs(hashtext($1::text || '/ci/' || m.id || d.month)) % 100 < 60`,
        [p],
      );
      // Meetings: per branch and quarter a general meeting (with attendance) and a 团课.
      await x(
        `insert into ${s}.meetings (id, org_id, kind, held_on, topic, entitled_count, present_count, quorum_met,
                                    rule_version, created_by, updated_by)
         select md5($1::text || '/mt/' || i || '/' || qn || '/' || kind)::uuid, md5($1::text || '/b/' || i)::uuid, kind,
                (($3::text[])[qn * 3 + 2] || '-08')::date,
                case when kind = 'general_meeting' then '支部团员大会' else '团课' end,
                0, 0, case when kind = 'general_meeting' then true else null end, 1, $4::uuid, $4::uuid
         from generate_series(1, $2::int) i, generate_series(0, 3) qn,
              unnest(array['general_meeting', 'league_lesson']) kind`,
        [p, B, months, creator],
      );
      await x(
        `insert into ${s}.meeting_attendance (meeting_id, member_id, present)
         select mt.id, m.id, abs(hashtext($1::text || '/at/' || m.id || mt.id)) % 100 < 75
         from ${s}.meetings mt join ${s}.members m on m.org_id = mt.org_id
         where mt.kind = 'general_meeting' and m.status = 'active'`,
        [p],
      );
      await x(
        `update ${s}.meetings mt set entitled_count = a.n, present_count = a.p
         from (select meeting_id, count(*)::int n, count(*) filter (where present)::int p
               from ${s}.meeting_attendance group by meeting_id) a
         where a.meeting_id = mt.id`,
      );
    });
    // Bench accounts: members 1..U (one per branch) and secretaries of branches 1..S, each with a session.
    const U = Math.min(B, opts.membersPerTenant ?? 200);
    const S = Math.min(B, opts.secretariesPerTenant ?? 50);
    await q(
      `with u as (
         insert into platform.users (id, username, display_name, password_hash)
         select md5($1::text || '/u/m/' || i)::uuid, 'bm_' || $2::text || '_' || i, '团员' || i, '!bench-no-password'
         from generate_series(1, $3::int) i
         union all
         select md5($1::text || '/u/s/' || i)::uuid, 'bs_' || $2::text || '_' || i, '书记' || i, '!bench-no-password'
         from generate_series(1, $4::int) i
         returning id, username)
       insert into platform.grants (id, user_id, tenant_id, role, scope_org_id, member_id)
       select md5($1::text || '/gr/' || u.username)::uuid, u.id, $5::uuid,
              case when u.username like 'bm_%' then 'member' else 'org_secretary' end,
              md5($1::text || '/b/' || split_part(u.username, '_', 3))::uuid,
              case when u.username like 'bm_%' then md5($1::text || '/m/' || split_part(u.username, '_', 3))::uuid end
       from u`,
      [p, t.code, U, S, t.id],
    );
    await q(
      `insert into platform.sessions (id, user_id, grant_id, client, created_at, last_seen_at, expires_at)
       select encode(sha256(convert_to(translate(md5($1::text || '/tok/' || g.user_id), '0189', 'wxyz'), 'UTF8')), 'hex'),
              g.user_id, g.id, 'miniprogram', now(), now(), now() + interval '30 days'
       from platform.grants g join platform.users u on u.id = g.user_id
       where g.tenant_id = $2::uuid and u.username like 'b%'`,
      [p, t.id],
    );
    await q(
      `insert into public.bench_accounts (token, role, tenant_id, code, schema_name, member_id, org_id, user_id)
       select translate(md5($1::text || '/tok/' || g.user_id), '0189', 'wxyz'), g.role, g.tenant_id, $3::text, $4::text,
              g.member_id, g.scope_org_id, g.user_id
       from platform.grants g join platform.users u on u.id = g.user_id
       where g.tenant_id = $2::uuid and u.username like 'b%'
       order by u.username`,
      [p, t.id, t.code, s],
    );
    out.push({ code: t.code, schema: s, branches: B, members: M });
    log(`  ${t.code}: ${B} branches, ${M} members in ${((performance.now() - tt) / 1000).toFixed(1)} s`);
  }
  await sql`analyze`;
  await sql.end();
  return { database, tenants: out, seconds: (performance.now() - t0) / 1000 };
}

/** Bench accounts with their bearer tokens (kept by the generator in `public.bench_accounts`). */
export interface BenchAccount {
  token: string;
  role: 'member' | 'org_secretary';
  tenantId: string;
  code: string;
  schema: string;
  memberId: string | null;
  orgId: string;
  userId: string;
}

export async function benchAccounts(url: string, role: 'member' | 'org_secretary'): Promise<BenchAccount[]> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const rows = await sql`
      select token, role, tenant_id, code, schema_name, member_id, org_id, user_id
      from public.bench_accounts where role = ${role} order by ord`;
    return rows.map((r) => ({
      token: r.token,
      role: r.role,
      tenantId: r.tenant_id,
      code: r.code,
      schema: r.schema_name,
      memberId: r.member_id,
      orgId: r.org_id,
      userId: r.user_id,
    }));
  } finally {
    await sql.end();
  }
}

async function main() {
  const scale = Number(arg('scale') ?? '0.01');
  const seed = Number(arg('seed') ?? '42');
  const national = arg('national') ? Number(arg('national')) : undefined;
  if (!(scale > 0 && scale <= 1)) throw new Error('--scale must be in (0, 1]');
  const name = arg('db') || (await createBenchDatabase());
  console.log(
    `generator: database ${name}, scale ${scale}, seed ${seed}${national ? `, national ${national}` : ''}`,
  );
  const r = await generate(name, { scale, seed, national });
  const sql = postgres(urlFor(name), { max: 1, onnotice: () => {} });
  const [c] = await sql`select
      (select count(*) from platform.tenants where kind = 'district')::int as tenants,
      (select sum(n_live_tup) from pg_stat_user_tables where relname = 'organisations')::int as orgs,
      (select sum(n_live_tup) from pg_stat_user_tables where relname = 'members')::int as members,
      (select sum(n_live_tup) from pg_stat_user_tables where relname = 'theme_day_check_ins')::int as check_ins,
      (select sum(n_live_tup) from pg_stat_user_tables where relname = 'dues_payment_months')::int as dues_months,
      pg_size_pretty(pg_database_size(current_database())) as size`;
  await sql.end();
  console.log(`generated in ${r.seconds.toFixed(1)} s: ${JSON.stringify(c)}`);
  console.log(`machine: ${machine()}`);
  console.log(`DATABASE_URL=${urlFor(name)}   (drop with: pnpm --filter @tuanjian/bench drop -- ${name})`);
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop()!)) {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
