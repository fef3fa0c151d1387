import { PGlite } from '@electric-sql/pglite';

let t = Date.now();
const pg = await PGlite.create();
console.log('cold', Date.now() - t);
console.log((await pg.query('select current_user, version(), pg_backend_pid()')).rows);
await pg.exec(
  "create role r1 nologin; create schema s1; create table s1.t(x int8, d date, ts timestamptz, n numeric); grant usage on schema s1 to r1; grant all on s1.t to r1; insert into s1.t values (1,'2020-01-02',now(),1.5)",
);
console.log((await pg.query('select * from s1.t')).rows);
await pg.exec('begin; set local role r1; ');
console.log((await pg.query('select current_user')).rows);
try {
  await pg.query('select * from pg_authid');
} catch (e) {
  console.log('err', e.message);
}
await pg.exec('rollback');
t = Date.now();
const dump = await pg.dumpDataDir('none');
console.log('dump', Date.now() - t, dump.size);
t = Date.now();
const pg2 = await PGlite.create({ loadDataDir: dump });
console.log('load', Date.now() - t, (await pg2.query('select * from s1.t')).rows);
console.log(process.memoryUsage().rss / 1e6);
