/**
 * The research-report hand-off (`platform-research.ts`): the database keeps district and committee
 * apart — row-level security by the acting tenant role and the transition guards.
 */
import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { provisionTenant } from './provision';
import type { PlatformDatabase, Tenant } from './schema';
import { withTenant } from './tenant';
import { ENGINES, openEmpty } from './test-engines';
import type { TestDatabase } from './testing';

type P = Kysely<PlatformDatabase>;
const platform = (tdb: unknown) => tdb as P;

describe.each(ENGINES)('research hand-off on %s', (engine) => {
  let t: TestDatabase;
  let d1: Tenant;
  let d2: Tenant;
  let c1: Tenant;
  let c2: Tenant;
  let subId: string;

  beforeAll(async () => {
    t = await openEmpty(engine);
    d1 = await provisionTenant(t.db, { kind: 'district', code: 'rh_d1', name: '甲区团委' });
    d2 = await provisionTenant(t.db, { kind: 'district', code: 'rh_d2', name: '乙区团委' });
    c1 = await provisionTenant(t.db, { kind: 'committee', code: 'rh_c1', name: '企业工作委员会' });
    c2 = await provisionTenant(t.db, { kind: 'committee', code: 'rh_c2', name: '农业农村工作委员会' });
  }, 120_000);
  afterAll(async () => {
    await t?.close();
  });

  const submit = (from: Tenant, to: Tenant, extra: Record<string, unknown> = {}) =>
    withTenant(t.db, from, (tdb) =>
      platform(tdb)
        .insertInto('platform.research_submissions')
        .values({
          from_tenant_id: from.id,
          from_tenant_name: from.name,
          to_tenant_id: to.id,
          to_tenant_name: to.name,
          title: '非公企业团建调研',
          submitted_by_name: '张三',
          ...extra,
        })
        .returning('id')
        .executeTakeFirstOrThrow(),
    );
  const addVersion = (as: Tenant, id: string, version: number, attachments: unknown[] = []) =>
    withTenant(t.db, as, (tdb) =>
      platform(tdb)
        .insertInto('platform.research_submission_versions')
        .values({
          submission_id: id,
          version,
          title: '非公企业团建调研',
          body: '正文',
          author: '甲区团委',
          attachments: JSON.stringify(attachments),
        })
        .execute(),
    );
  const setStatus = (as: Tenant, id: string, set: Record<string, unknown>) =>
    withTenant(t.db, as, (tdb) =>
      platform(tdb).updateTable('platform.research_submissions').set(set).where('id', '=', id).execute(),
    ).then((r) => Number(r[0]?.numUpdatedRows ?? 0));
  const visible = (as: Tenant) =>
    withTenant(t.db, as, async (tdb) => ({
      subs: await platform(tdb).selectFrom('platform.research_submissions').select('id').execute(),
      versions: await platform(tdb)
        .selectFrom('platform.research_submission_versions')
        .select('id')
        .execute(),
    }));

  it('a district submits to a committee; only the two parties see it', async () => {
    subId = (await submit(d1, c1)).id;
    await addVersion(d1, subId, 1, [
      { storageKey: `${d1.schema_name}/${crypto.randomUUID()}`, thumbKey: null },
    ]);
    expect((await visible(d1)).subs).toHaveLength(1);
    expect((await visible(c1)).subs).toHaveLength(1);
    expect((await visible(c1)).versions).toHaveLength(1);
    expect(await visible(d2)).toEqual({ subs: [], versions: [] });
    expect(await visible(c2)).toEqual({ subs: [], versions: [] });
  });

  it('refuses forged senders, a district as addressee, other statuses and foreign storage keys', async () => {
    await expect(submit(d2, c1, { from_tenant_id: d1.id })).rejects.toThrow();
    await expect(submit(d1, d2)).rejects.toThrow();
    await expect(submit(d1, c1, { status: 'accepted' })).rejects.toThrow();
    await expect(submit(c1, c2)).rejects.toThrow();
    const other = (await submit(d1, c1)).id;
    await expect(
      addVersion(d1, other, 1, [{ storageKey: `${c1.schema_name}/${crypto.randomUUID()}` }]),
    ).rejects.toThrow();
    await expect(addVersion(c1, other, 1)).rejects.toThrow();
    await expect(addVersion(d2, other, 1)).rejects.toThrow();
    // version 2 before a return
    await addVersion(d1, other, 1);
    await expect(addVersion(d1, other, 2)).rejects.toThrow();
  });

  it('only the committee reviews; the district only resubmits a returned report', async () => {
    await expect(setStatus(d1, subId, { status: 'accepted' })).rejects.toThrow();
    expect(await setStatus(d2, subId, { status: 'under_review' })).toBe(0);
    expect(await setStatus(c1, subId, { status: 'under_review' })).toBe(1);
    await expect(setStatus(c1, subId, { status: 'adopted', adopted_for: 'plenary' })).rejects.toThrow();
    expect(await setStatus(c1, subId, { status: 'returned', return_comment: '请补充数据' })).toBe(1);
    // resubmit needs the next version first
    await expect(setStatus(d1, subId, { status: 'submitted', current_version: 2 })).rejects.toThrow();
    await addVersion(d1, subId, 2);
    expect(await setStatus(d1, subId, { status: 'submitted', current_version: 2 })).toBe(1);
    await expect(setStatus(c1, subId, { current_version: 3 })).rejects.toThrow();
    expect(await setStatus(c1, subId, { status: 'accepted' })).toBe(1);
    expect(await setStatus(c1, subId, { status: 'adopted', adopted_for: 'plenary' })).toBe(1);
    await expect(
      withTenant(t.db, d1, (tdb) =>
        platform(tdb).deleteFrom('platform.research_submissions').where('id', '=', subId).execute(),
      ),
    ).rejects.toThrow();
    const row = await t.db
      .selectFrom('platform.research_submissions')
      .select(['status', 'current_version'])
      .where('id', '=', subId)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'adopted', current_version: 2 });
  });

  it('a district role cannot read the committee schema, nor the committee a district schema', async () => {
    await expect(
      withTenant(t.db, d1, (tdb) =>
        sql`select count(*) from ${sql.id(c1.schema_name as string, 'research_reports')}`.execute(
          tdb as unknown as P,
        ),
      ),
    ).rejects.toThrow();
    await expect(
      withTenant(t.db, c1, (tdb) =>
        sql`select count(*) from ${sql.id(d1.schema_name as string, 'members')}`.execute(tdb as unknown as P),
      ),
    ).rejects.toThrow();
  });
});
