/**
 * B1 server process: the real product app (tRPC, sessions, validation, audit) on BENCH_APP_PORT and the
 * floor — bare Hono routes running the same SQL statements in the same transaction through postgres.js,
 * without tRPC, session lookup or validation — on BENCH_FLOOR_PORT. Both use a pool of BENCH_POOL (10)
 * connections to BENCH_DB_URL.
 */
import { serve } from '@hono/node-server';
import { createApp } from '@tuanjian/api-server/src/app';
import { createDatabase, createPostgresClient, type Database, type PlatformDatabase } from '@tuanjian/db';
import { Hono } from 'hono';
import { Kysely } from 'kysely';
import { PostgresJSDialect } from 'kysely-postgres-js';
import postgres from 'postgres';

const url = process.env.BENCH_DB_URL!;
const pool = Number(process.env.BENCH_POOL ?? '10');
/**
 * BENCH_PREPARE=1: a what-if — the real app on a Kysely whose postgres.js queries are prepared
 * (`unsafe(q, p, { prepare: true })`), i.e. the change suggested in NOTES.md, without touching
 * packages/db. (It leaves out packages/db's COMMIT check and rollback fix; fine for a measurement.)
 */
async function preparedDatabase(): Promise<Pick<Database, 'db' | 'engine'> & { close(): Promise<void> }> {
  const client = createPostgresClient(url, { max: pool });
  const db = new Kysely<PlatformDatabase>({
    dialect: new PostgresJSDialect({
      postgres: (() => ({
        end: () => client.end(),
        reserve: async () => {
          const r = await client.reserve();
          return {
            release: () => r.release(),
            unsafe: (q: string, p?: unknown[]) => r.unsafe(q, p as never, { prepare: true }),
          };
        },
      })) as never,
    }),
  });
  return { db, engine: 'postgres', close: () => db.destroy() };
}
const database =
  process.env.BENCH_PREPARE === '1'
    ? await preparedDatabase()
    : await createDatabase({ url, poolSize: pool });
const app = createApp({ database, adminDist: '/nonexistent', h5Dist: '/nonexistent' });

const sql = postgres(url, { max: pool, onnotice: () => {} });
interface Acc {
  role: string;
  tenant_id: string;
  schema_name: string;
  member_id: string | null;
  org_id: string;
  user_id: string;
}
const accounts = new Map<string, Acc>();
for (const r of await sql<(Acc & { token: string })[]>`select * from public.bench_accounts`)
  accounts.set(r.token, r);
const [{ v: prefix }] =
  (await sql`select value as v from platform.settings where key = 'role_prefix'`) as unknown as [
    { v: string },
  ];

function account(auth: string | undefined): Acc {
  const a = accounts.get((auth ?? '').replace(/^Bearer /, ''));
  if (!a) throw new Error('unknown token');
  return a;
}

const floor = new Hono();
/** CPU time of this server process (user + system, µs): the driver reads it before and after each run. */
floor.get('/floor/cpu', (c) => {
  const u = process.cpuUsage();
  return c.json({ us: u.user + u.system });
});
floor.post('/floor/checkin', async (c) => {
  const a = account(c.req.header('authorization'));
  const { code } = (await c.req.json()) as { code: string };
  const s = a.schema_name;
  const role = `${prefix}${s}`;
  const result = await sql.begin(async (tx) => {
    await tx.unsafe(`set local role "${role}"`);
    const [member] = await tx.unsafe(
      `select "id", "org_id", "status" from "${s}"."members" where "id" = $1`,
      [a.member_id],
    );
    // responsibleOrgOf (MEM-8: a mobile member checks in at the responsible branch).
    const [responsible] = await tx.unsafe(
      `select "o"."id", "o"."name", "m"."org_id", "p"."id" as "placement_id" from "${s}"."members" as "m"
       left join "${s}"."mobile_placements" as "p" on "p"."member_id" = "m"."id" and "p"."ended_on" is null
       inner join "${s}"."organisations" as "o" on o.id = coalesce(p.responsible_org_id, m.org_id)
       where "m"."id" = $1`,
      [a.member_id],
    );
    const [day] = await tx.unsafe(
      `select "d"."id", "d"."org_id", "o"."name" as "org_name", "o"."path" as "org_path", "d"."month", "d"."theme",
              "d"."held_at", "d"."place", "d"."status", "d"."check_in_code", "d"."check_in_opened_at",
              "d"."check_in_closes_at", "d"."closed_at", "d"."member_count"
       from "${s}"."theme_days" as "d" inner join "${s}"."organisations" as "o" on "o"."id" = "d"."org_id"
       where "d"."check_in_code" = $1 and "d"."status" = $2`,
      [code.trim(), 'open'],
    );
    if (!member || !day || day.org_id !== (responsible?.id ?? member.org_id))
      throw new Error('floor: no open day');
    const now = new Date();
    const [ins] = await tx.unsafe(
      `insert into "${s}"."theme_day_check_ins" ("theme_day_id", "member_id", "checked_in_at") values ($1, $2, $3)
       on conflict ("theme_day_id", "member_id") do nothing returning "checked_in_at"`,
      [day.id, member.id, now.toISOString()],
    );
    let at = ins?.checked_in_at;
    if (!ins) {
      const [first] = await tx.unsafe(
        `select "checked_in_at" from "${s}"."theme_day_check_ins" where "theme_day_id" = $1 and "member_id" = $2`,
        [day.id, member.id],
      );
      at = first!.checked_in_at;
    }
    await tx.unsafe(
      `insert into "platform"."audit_log" ("user_id", "tenant_id", "action", "target_type", "target_id", "detail", "ip")
       values ($1, $2, $3, $4, $5, $6, $7)`,
      [
        a.user_id,
        a.tenant_id,
        'themeDays.checkIn',
        'theme_day',
        day.id,
        JSON.stringify({ checkIn: ins ? 'new' : 'repeat' }),
        '127.0.0.1',
      ],
    );
    return {
      themeDayId: day.id,
      theme: day.theme,
      orgName: day.org_name,
      checkedInAt: at,
      alreadyCheckedIn: !ins,
    };
  });
  return c.json({ result: { data: result } });
});

floor.get('/floor/home', async (c) => {
  const a = account(c.req.header('authorization'));
  const s = a.schema_name;
  const result = await sql.begin(async (tx) => {
    await tx.unsafe(`set local role "${prefix}${s}"`);
    const [branch] = await tx.unsafe(
      `select "o"."id", "o"."name", "o"."kind", "p"."name" as "parentName", "o"."path"
       from "${s}"."organisations" as "o" left join "${s}"."organisations" as "p" on "p"."id" = "o"."parent_id"
       where "o"."id" = $1`,
      [a.org_id],
    );
    const stars = await tx.unsafe(
      `select distinct on ("org_id") "org_id", "year", "published_level" from "${s}"."star_ratings"
       where "status" = $1 and "published_level" is not null and "org_id" in ($2)
       order by "org_id", "year" desc`,
      ['published', a.org_id],
    );
    const members = await tx.unsafe(
      `select "m"."id", "m"."name", "m"."member_number" as "memberNumber", "m"."status"
       from "${s}"."members" as "m" inner join "${s}"."organisations" as "o" on "o"."id" = "m"."org_id"
       where "o"."path" like $1 and "m"."status" = $2 order by "m"."name", "m"."id" limit $3`,
      [`${branch!.path}%`, 'active', 200],
    );
    return { branch: { ...branch, star: stars[0] ?? null }, members, profile: null };
  });
  return c.json({ result: { data: result } });
});

const appPort = Number(process.env.BENCH_APP_PORT ?? '38081');
const floorPort = Number(process.env.BENCH_FLOOR_PORT ?? '38082');
let listening = 0;
const onListen = () => {
  if (++listening === 2) console.log(`ready ${appPort} ${floorPort}`);
};
serve({ fetch: app.fetch, port: appPort, hostname: '127.0.0.1' }, onListen);
serve({ fetch: floor.fetch, port: floorPort, hostname: '127.0.0.1' }, onListen);
process.on('SIGTERM', async () => {
  setTimeout(() => process.exit(0), 1000).unref(); // pools with requests in flight may not end cleanly
  await sql.end();
  await database.close();
  process.exit(0);
});
