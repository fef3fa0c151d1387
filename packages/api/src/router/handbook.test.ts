/**
 * LIFE-4 工作手册 through the router on PGlite and PostgreSQL: the city drafts and publishes
 * versions, readers of every tenant see published versions only, 未读 / 有更新 / 已读 per user with
 * the changes since the last read, Chinese search (团费, 三会两制一课, 推优 …), withdrawal, and the
 * database keeping drafts and other tenants' receipts away from tenant roles.
 */
import type { PlatformDatabase, Tenant } from '@tuanjian/db';
import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  callerAs,
  demoDatabase,
  errorOf,
  type TestDatabase,
  tenantByCode,
  userByName,
} from '../test/helpers';

let database: TestDatabase;
let db: Kysely<PlatformDatabase>;
let chengguan: Tenant;
let qilihe: Tenant;

const as = async (username: string, tenantCode?: string) =>
  (await callerAs(database, username, tenantCode ? { tenantCode } : {})).caller;

beforeAll(async () => {
  database = await demoDatabase();
  db = database.db;
  chengguan = await tenantByCode(db, 'chengguan');
  qilihe = await tenantByCode(db, 'qilihe');
}, 180_000);
afterAll(async () => {
  await database?.close();
});

describe('demo handbook', () => {
  it('is published to every tenant role, wall charts included', async () => {
    for (const [user, tenant] of [
      ['chengguan.admin', undefined],
      ['chengguan.branch', undefined],
      ['chengguan.member', undefined],
      ['enterprise.chair', undefined],
      ['multi.admin', 'qilihe'],
    ] as const) {
      const c = await as(user, tenant);
      const { items } = await c.handbook.list({});
      const titles = items.map((d) => d.title);
      expect(titles, user).toContain('“三会两制一课”挂图');
      expect(titles, user).toContain('“四项基础团务”挂图');
      expect(titles, user).toContain('发展团员工作流程');
    }
    const dev = (await (await as('chengguan.admin')).handbook.list({})).items.find(
      (d) => d.title === '发展团员工作流程',
    );
    expect(dev?.currentVersion).toBe(2);
  });

  it('the demo secretary read version 1 of everything: the revised procedure shows 有更新 with its changes', async () => {
    const c = await as('chengguan.branch');
    const { items, updated, unread } = await c.handbook.list({});
    expect(unread).toBe(0);
    expect(updated).toBe(1);
    const dev = items.find((d) => d.readState === 'updated')!;
    expect(dev.title).toBe('发展团员工作流程');
    const detail = await c.handbook.get({ id: dev.id });
    expect(detail.changes?.fromVersion).toBe(1);
    expect(detail.changes?.toVersion).toBe(2);
    const added = detail.changes!.lines.filter((l) => l.op === 'add').map((l) => l.text);
    expect(added.some((t) => t.includes('团员编号'))).toBe(true);
    expect(detail.versions.map((v) => v.version)).toEqual([2, 1]);
    // An earlier version stays readable.
    const v1 = await c.handbook.get({ id: dev.id, version: 1 });
    expect(v1.body).not.toContain('编号与入团仪式');
    await c.handbook.markRead({ id: dev.id, version: 2 });
    expect((await c.handbook.unreadCount()).updated).toBe(0);
    // Receipts never move backwards.
    await c.handbook.markRead({ id: dev.id, version: 1 });
    expect((await c.handbook.get({ id: dev.id })).readState).toBe('read');
    // Another user of the same tenant has read nothing.
    const other = await as('chengguan.admin');
    expect((await other.handbook.get({ id: dev.id })).readState).toBe('unread');
  });
});

describe('publishing versions', () => {
  it('drafts stay with the city; a published version is 有更新 for readers who read the old one', async () => {
    const city = await as('city.admin');
    const created = await city.handbook.create({
      category: 'procedure',
      title: '团员教育评议工作要点',
      body: '# 团员教育评议工作要点\n\n每年开展一次团员教育评议。\n\n- 个人自评\n- 团员互评',
      changeNote: '首次发布',
    });
    const reader = await as('chengguan.branch');
    const hidden = await reader.handbook.list({});
    expect(hidden.items.some((d) => d.id === created.id)).toBe(false);
    expect((await errorOf(reader.handbook.get({ id: created.id })))?.code).toBe('NOT_FOUND');

    expect((await city.handbook.publish({ id: created.id })).version).toBe(1);
    const again = await errorOf(city.handbook.publish({ id: created.id }));
    expect(again?.message).toBe('该文档没有待发布的新版本，请先保存修订稿');

    let mine = (await reader.handbook.list({})).items.find((d) => d.id === created.id)!;
    expect(mine.readState).toBe('unread');
    await reader.handbook.markRead({ id: created.id, version: 1 });

    const draft = await city.handbook.saveDraft({
      documentId: created.id,
      title: '团员教育评议工作要点',
      body: '# 团员教育评议工作要点\n\n每年开展一次团员教育评议。\n\n- 个人自评\n- 团员互评\n- 支部评议',
      changeNote: '增加支部评议环节',
    });
    expect(draft.version).toBe(2);
    // The draft is not visible to readers: still version 1, already read.
    mine = (await reader.handbook.list({})).items.find((d) => d.id === created.id)!;
    expect(mine.readState).toBe('read');
    expect((await errorOf(reader.handbook.get({ id: created.id, version: 2 })))?.code).toBe('NOT_FOUND');
    expect((await errorOf(reader.handbook.markRead({ id: created.id, version: 2 })))?.message).toBe(
      '版本号无效',
    );

    await city.handbook.publish({ id: created.id });
    const detail = await reader.handbook.get({ id: created.id });
    expect(detail.readState).toBe('updated');
    expect(detail.changes?.lines).toEqual([
      { op: 'same', text: '…' },
      { op: 'same', text: '- 团员互评' },
      { op: 'add', text: '- 支部评议' },
    ]);
    expect(detail.changeNote).toBe('增加支部评议环节');
    // Another tenant's reader never read it: 未读.
    const q = await as('multi.admin', 'qilihe');
    expect((await q.handbook.get({ id: created.id })).readState).toBe('unread');

    const cityView = await city.handbook.cityGet({ id: created.id });
    expect(cityView.currentVersion).toBe(2);
    expect(cityView.draft).toBeNull();
    expect(cityView.versions.map((v) => v.changeNote)).toEqual(['增加支部评议环节', '首次发布']);

    // Publishing unchanged content is refused.
    await city.handbook.saveDraft({
      documentId: created.id,
      title: '团员教育评议工作要点',
      body: detail.body,
    });
    expect((await errorOf(city.handbook.publish({ id: created.id })))?.message).toBe(
      '修订稿与现行版本内容相同，无需发布',
    );

    // Withdrawn: gone for readers (list, get, search), back after restore.
    await city.handbook.withdraw({ id: created.id });
    expect((await reader.handbook.list({})).items.some((d) => d.id === created.id)).toBe(false);
    expect((await reader.handbook.search({ q: '教育评议' })).items.some((d) => d.id === created.id)).toBe(
      false,
    );
    expect((await errorOf(reader.handbook.get({ id: created.id })))?.code).toBe('NOT_FOUND');
    await city.handbook.restore({ id: created.id });
    expect((await reader.handbook.search({ q: '教育评议' })).items[0]?.id).toBe(created.id);

    // Audited.
    const audit = await db
      .selectFrom('platform.audit_log')
      .select('action')
      .where('target_id', '=', created.id)
      .execute();
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining([
        'handbook.create',
        'handbook.publish',
        'handbook.withdraw',
        'handbook.markRead',
      ]),
    );
  });

  it('only the city writes; Chinese refusals for bad input', async () => {
    const admin = await as('chengguan.admin');
    const e = await errorOf(admin.handbook.create({ category: 'form', title: '表', body: '正文' }));
    expect(e?.code).toBe('FORBIDDEN');
    const city = await as('city.admin');
    const bad = await errorOf(city.handbook.create({ category: 'form', title: '  ', body: '正文' }));
    expect(bad?.message).toContain('请填写标题');
    const noCat = await errorOf(city.handbook.create({ category: 'x' as never, title: '表', body: '正文' }));
    expect(noCat?.message).toContain('请选择文档分类');
  });

  it('the city drafts a wall chart from the rule data in force and publishes it', async () => {
    const city = await as('city.admin');
    const list = await city.handbook.cityList();
    const chart = list.find((d) => d.code === 'wall_chart.meetings')!;
    const r = await city.handbook.draftWallChart({ kind: 'meetings' });
    expect(r).toEqual({ id: chart.id, version: 2 });
    const detail = await city.handbook.cityGet({ id: chart.id });
    expect(detail.draft?.body).toContain('# “三会两制一课”');
    expect(detail.draft?.changeNote).toMatch(/^按\d{4}-\d{2}-\d{2}在用的规则数据生成$/);
    // Same rules as the seed: nothing to publish.
    expect((await errorOf(city.handbook.publish({ id: chart.id })))?.message).toBe(
      '修订稿与现行版本内容相同，无需发布',
    );
  });
});

describe('search in Chinese', () => {
  it('finds by words of the title and the body, title hits first', async () => {
    const c = await as('chengguan.branch');
    const dues = await c.handbook.search({ q: '团费' });
    expect(dues.items[0]?.title).toBe('团费收缴工作规范');
    expect(dues.items.map((d) => d.title)).toContain('“主题团日+”活动实施要点'); // 缴纳团费 in the body
    expect(dues.items[0]?.snippet).toContain('团费');

    const meetings = await c.handbook.search({ q: '三会两制一课' });
    expect(meetings.items[0]?.title).toBe('“三会两制一课”挂图');
    expect(meetings.items.map((d) => d.title)).toContain('团支部大会会议记录（模板）');

    const rec = await c.handbook.search({ q: '推优' });
    expect(rec.items[0]?.title).toBe('推优入党工作流程');

    // Several words: all must occur.
    const both = await c.handbook.search({ q: '学社衔接 转接率' });
    expect(both.items.map((d) => d.title)).toContain('团员组织关系转接办理指引');
    expect(both.items.map((d) => d.title)).not.toContain('团费收缴工作规范');
    // Characters present but not adjacent: no hit.
    expect((await c.handbook.search({ q: '费团' })).items).toEqual([]);
    expect((await c.handbook.search({ q: '区块链' })).total).toBe(0);
    // One character works too (substring, without the index).
    expect((await c.handbook.search({ q: '徽' })).items.map((d) => d.title)).toContain(
      '“主题团日+”活动实施要点',
    );
    // Full-width / punctuation are normalised.
    expect((await c.handbook.search({ q: '“推优入党”' })).items[0]?.title).toBe('推优入党工作流程');
    // Category filter.
    expect(
      (await c.handbook.search({ q: '团费', category: 'wall_chart' })).items.every(
        (d) => d.category === 'wall_chart',
      ),
    ).toBe(true);
    expect((await errorOf(c.handbook.search({ q: '  ' })))?.message).toContain('请输入搜索内容');
  });
});

describe('the database keeps tenants apart', () => {
  const asRole = <T>(tenant: Tenant, fn: (trx: Kysely<PlatformDatabase>) => Promise<T>) =>
    db.transaction().execute(async (trx) => {
      await sql`set local role ${sql.id(tenant.db_role!)}`.execute(trx);
      return fn(trx);
    });

  it('drafts and withdrawn documents are invisible; receipts only of the own tenant; no writes', async () => {
    const city = await as('city.admin');
    const d = await city.handbook.create({ category: 'template', title: '草稿模板', body: '草稿正文' });
    const versions = await asRole(qilihe, (trx) =>
      trx.selectFrom('platform.handbook_versions').select('id').where('document_id', '=', d.id).execute(),
    );
    expect(versions).toEqual([]);
    const docs = await asRole(qilihe, (trx) =>
      trx.selectFrom('platform.handbook_documents').select('id').where('id', '=', d.id).execute(),
    );
    expect(docs).toEqual([]);

    const branch = await userByName(db, 'chengguan.branch');
    const cgReads = await asRole(chengguan, (trx) =>
      trx.selectFrom('platform.handbook_reads').select('tenant_id').execute(),
    );
    expect(cgReads.length).toBeGreaterThan(0);
    const qlReads = await asRole(qilihe, (trx) =>
      trx.selectFrom('platform.handbook_reads').select('tenant_id').execute(),
    );
    expect(qlReads.every((r) => r.tenant_id === qilihe.id)).toBe(true);
    const doc = await db
      .selectFrom('platform.handbook_documents')
      .select('id')
      .where('current_version', '>', 0)
      .executeTakeFirstOrThrow();
    const forged = await errorOf(
      asRole(qilihe, (trx) =>
        trx
          .insertInto('platform.handbook_reads')
          .values({ tenant_id: chengguan.id, user_id: branch.id, document_id: doc.id, version: 1 })
          .execute(),
      ),
    );
    expect(forged?.message).toMatch(/row-level security/);
    const write = await errorOf(
      asRole(qilihe, (trx) =>
        trx
          .updateTable('platform.handbook_versions')
          .set({ body: 'x' })
          .where('document_id', '=', doc.id)
          .execute(),
      ),
    );
    expect(write?.message).toMatch(/permission denied/);
    const terms = await errorOf(asRole(qilihe, (trx) => trx.deleteFrom('platform.handbook_terms').execute()));
    expect(terms?.message).toMatch(/permission denied/);
  });
});
