/**
 * SUP-1 / SUP-2 through the router, on PGlite and PostgreSQL: a quarter (plan → team → targets
 * across two districts → findings by the inspector with evidence stored in the inspected tenant →
 * the inspected organisation answers with its own files → the city returns / closes → circular
 * published and read by every tenant), isolation (a district never sees another district's
 * findings; the database itself refuses), and the good-practice library (submit, promote, search).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { PlatformDatabase, Tenant } from '@tuanjian/db';
import { withTenant } from '@tuanjian/db';
import { quarterAt } from '@tuanjian/domain';
import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalDiskStorage, saveUpload } from '../services/files';
import { createInspectionEvidenceRoutes } from '../services/inspections/evidence-http';
import { loadGrants } from '../services/me';
import {
  callerAs,
  demoDatabase,
  errorOf,
  grantsOf,
  sessionFor,
  type TestDatabase,
  tenantByCode,
  tenantTables,
  userByName,
} from '../test/helpers';

let database: TestDatabase;
let db: Kysely<PlatformDatabase>;
let chengguan: Tenant;
let qilihe: Tenant;
let tmp: string;
let storage: LocalDiskStorage;

const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);

beforeAll(async () => {
  database = await demoDatabase();
  db = database.db;
  chengguan = await tenantByCode(db, 'chengguan');
  qilihe = await tenantByCode(db, 'qilihe');
  tmp = mkdtempSync(path.join(os.tmpdir(), 'tj-insp-'));
  storage = new LocalDiskStorage(tmp);
}, 300_000);

afterAll(async () => {
  await database?.close();
  rmSync(tmp, { recursive: true, force: true });
});

const as = async (username: string, tenantCode?: string) =>
  (await callerAs(database, username, tenantCode ? { tenantCode } : {})).caller;

describe('demo data', () => {
  it('has last quarter’s plan with findings and a published circular every district reads', async () => {
    const city = await as('city.admin');
    const plans = await city.inspections.plans({});
    expect(plans.length).toBeGreaterThanOrEqual(1);
    const seeded = plans[0]!;
    expect(seeded).toMatchObject({ status: 'closed', circularPublished: true });
    expect(seeded.findingCount).toBeGreaterThanOrEqual(3);
    const xigu = await as('xigu.admin');
    const circulars = await xigu.inspections.circulars();
    expect(circulars).toHaveLength(1);
    expect((await xigu.inspections.circular({ id: circulars[0]!.id })).body).toContain('各区县团委');
    // the inspector sees the plan of its team
    const inspector = await as('inspector');
    expect((await inspector.inspections.plans({})).map((p) => p.id)).toContain(seeded.id);
  });
});

describe('a quarter through the router', () => {
  let planId: string;
  let cgTargetId: string;
  let qlTargetId: string;
  let findingId: string;
  let generalBranchId: string;

  it('the city plans the quarter, names the team and picks targets across districts and sectors', async () => {
    const city = await as('city.admin');
    const q = quarterAt(new Date());
    // the seeded plan is last quarter's: this one is new
    const plan = await city.inspections.createPlan({
      year: q.year,
      quarter: q.quarter,
      title: `${q.label}督导检查`,
      methods: ['site_visit', 'ledger_review'],
    });
    planId = plan.id;
    expect(
      await errorOf(
        city.inspections.createPlan({
          year: q.year,
          quarter: q.quarter,
          title: '重复',
          methods: ['site_visit'],
        }),
      ),
    ).toMatchObject({ code: 'CONFLICT' });
    expect(
      await errorOf(
        city.inspections.createPlan({
          year: q.year,
          quarter: q.quarter,
          title: 'x',
          methods: ['site_visit'],
          startsOn: '1999-01-01',
        }),
      ),
    ).not.toBeNull();

    const inspectors = await city.inspections.inspectors();
    const inspector = inspectors.find((i) => i.username === 'inspector')!;
    expect(inspector).toBeTruthy();
    const cityAdmin = await userByName(db, 'city.admin');
    expect(
      await errorOf(
        city.inspections.setTeam({ planId, members: [{ userId: cityAdmin.id, isLeader: false }] }),
      ),
    ).toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('督查组成员') });
    await city.inspections.setTeam({ planId, members: [{ userId: inspector.userId, isLeader: true }] });

    const cgSecretary = (await grantsOf(db, 'chengguan.secretary'))[0]!;
    generalBranchId = cgSecretary.scope_org_id!;
    const candidates = await city.inspections.orgCandidates({ tenantId: chengguan.id, sector: 'school' });
    expect(candidates.some((c) => c.id === generalBranchId)).toBe(true);
    expect(candidates.every((c) => c.inspectionSector === 'school')).toBe(true);
    cgTargetId = (
      await city.inspections.addTarget({ planId, tenantId: chengguan.id, orgId: generalBranchId })
    ).id;
    expect(
      await errorOf(city.inspections.addTarget({ planId, tenantId: chengguan.id, orgId: generalBranchId })),
    ).toMatchObject({ code: 'CONFLICT' });
    const qlOrg = (await city.inspections.orgCandidates({ tenantId: qilihe.id }))[0]!;
    qlTargetId = (
      await city.inspections.addTarget({
        planId,
        tenantId: qilihe.id,
        orgId: qlOrg.id,
        sector: 'state_enterprise',
      })
    ).id;
    // an organisation id of another tenant is not found in this one
    expect(
      await errorOf(city.inspections.addTarget({ planId, tenantId: qilihe.id, orgId: generalBranchId })),
    ).toMatchObject({
      code: 'NOT_FOUND',
    });
    const detail = await city.inspections.plan({ id: planId });
    expect(detail.team).toHaveLength(1);
    expect(detail.targets.map((t) => t.sector).sort()).toEqual(['school', 'state_enterprise']);
    // a district may not plan
    const district = await as('chengguan.admin');
    expect(await errorOf(district.inspections.plans({}))).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('the inspector uploads evidence into the inspected tenant and records findings', async () => {
    const token = await sessionFor(db, 'inspector', { client: 'miniprogram' });
    const app = createInspectionEvidenceRoutes({ database, storage });
    const form = new FormData();
    form.append('file', new Blob([PDF], { type: 'application/pdf' }), '台账照片.pdf');
    form.append('targetId', cgTargetId);
    const res = await app.request('/', {
      method: 'POST',
      body: form,
      headers: { authorization: `Bearer ${token}` },
    });
    expect(res.status).toBe(201);
    const info = (await res.json()) as { id: string; url: string };
    expect(info.url).toContain(`t=${chengguan.id}`);
    const stored = await tenantTables(db, chengguan)
      .selectFrom('files')
      .select(['org_id', 'uploaded_by'])
      .where('id', '=', info.id)
      .executeTakeFirstOrThrow();
    expect(stored.org_id).toBe(generalBranchId);
    expect(stored.uploaded_by).toBe((await userByName(db, 'inspector')).id);
    // a district user cannot use the route
    const dToken = await sessionFor(db, 'chengguan.admin', { client: 'miniprogram' });
    const form2 = new FormData();
    form2.append('file', new Blob([PDF], { type: 'application/pdf' }), 'x.pdf');
    form2.append('targetId', cgTargetId);
    expect(
      (
        await app.request('/', {
          method: 'POST',
          body: form2,
          headers: { authorization: `Bearer ${dToken}` },
        })
      ).status,
    ).toBe(403);

    const inspector = await as('inspector');
    const r = await inspector.inspections.recordFinding({
      targetId: cgTargetId,
      method: 'ledger_review',
      severity: 'general',
      description: '团员大会记录不全',
      evidenceFileIds: [info.id],
    });
    findingId = r.id;
    // evidence must be files of the inspected tenant
    expect(
      await errorOf(
        inspector.inspections.recordFinding({
          targetId: qlTargetId,
          method: 'site_visit',
          severity: 'minor',
          description: '公开栏未更新',
          evidenceFileIds: [info.id],
        }),
      ),
    ).toMatchObject({ code: 'BAD_REQUEST', message: '附件不存在或无权使用' });
    await inspector.inspections.recordFinding({
      targetId: qlTargetId,
      method: 'site_visit',
      severity: 'minor',
      description: '公开栏未更新',
      evidenceFileIds: [],
    });
    const detail = await inspector.inspections.finding({ id: findingId });
    expect(detail.evidence).toHaveLength(1);
    expect(detail.evidence[0]!.url).toContain(`t=${chengguan.id}`);
    expect(detail.status).toBe('open');
    // default deadline from rule inspection.findings (30 days)
    const days = (Date.parse(detail.deadline) - Date.parse(detail.inspectedOn)) / 86_400_000;
    expect(days).toBe(30);
  });

  it('only the inspected organisation’s side sees the finding; others get nothing', async () => {
    const secretary = await as('chengguan.secretary');
    expect((await secretary.inspections.myFindings({})).map((f) => f.id)).toContain(findingId);
    const branch = await as('chengguan.branch'); // a 团支部 below the 团总支: not its finding
    expect((await branch.inspections.myFindings({})).map((f) => f.id)).not.toContain(findingId);
    expect(await errorOf(branch.inspections.myFinding({ id: findingId }))).toMatchObject({
      code: 'NOT_FOUND',
    });
    const ql = await as('qilihe.admin');
    expect((await ql.inspections.myFindings({})).every((f) => f.tenantName === '七里河区团委')).toBe(true);
    expect(await errorOf(ql.inspections.myFinding({ id: findingId }))).toMatchObject({ code: 'NOT_FOUND' });
    expect(await errorOf(ql.inspections.answer({ id: findingId, body: '越权', fileIds: [] }))).toMatchObject({
      code: 'NOT_FOUND',
    });
    const member = await as('chengguan.member');
    expect(await errorOf(member.inspections.myFindings({}))).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('the database refuses a district role other districts’ findings, plans’ internals and foreign answers', async () => {
    await withTenant(db, qilihe, async (_tdb, trx) => {
      const { rows } = await sql<{ n: number }>`select count(*)::int as n from platform.inspection_findings
        where tenant_id = ${chengguan.id}`.execute(trx);
      expect(rows[0]!.n).toBe(0);
      const upd =
        await sql`update platform.inspection_findings set status = 'answered' where id = ${findingId}`.execute(
          trx,
        );
      expect(Number(upd.numAffectedRows ?? 0)).toBe(0);
    });
    for (const stmt of [
      sql`select focus from platform.inspection_plans`,
      sql`select * from platform.inspection_targets`,
      sql`select * from platform.inspection_team_members`,
      sql`insert into platform.inspection_answers (finding_id, tenant_id, body, answered_by, answered_by_name)
        values (${findingId}, ${chengguan.id}, 'x', ${chengguan.id}, 'x')`,
      sql`update platform.inspection_findings set description = 'x'`,
      sql`insert into platform.good_practices (title, body, sector, tenant_id, tenant_name, source_org_name, half_year, status)
        values ('x', 'x', 'school', ${qilihe.id}, 'x', 'x', '2026-H1', 'promoted')`,
    ]) {
      const err = await withTenant(db, qilihe, async (_tdb, trx) => {
        await stmt.execute(trx);
      }).then(
        () => null,
        (e: Error) => e.message,
      );
      expect(err, stmt.compile(db).sql).toMatch(/permission denied|row-level security/);
    }
  });

  it('the organisation answers with its own files; the city returns, it answers again, the city closes', async () => {
    const user = await userByName(db, 'chengguan.secretary');
    const grant = (await loadGrants(db, user.id))[0]!;
    const file = await saveUpload({
      database,
      storage,
      grant,
      userId: user.id,
      bytes: PDF,
      fileName: '整改报告.pdf',
      orgId: null,
      ip: null,
    });
    const secretary = await as('chengguan.secretary');
    expect(
      await errorOf(secretary.inspections.answer({ id: findingId, body: '  ', fileIds: [] })),
    ).toMatchObject({
      code: 'BAD_REQUEST',
    });
    await secretary.inspections.answer({ id: findingId, body: '已补齐记录并建立台账', fileIds: [file.id] });
    expect(
      await errorOf(secretary.inspections.answer({ id: findingId, body: '再答', fileIds: [] })),
    ).toMatchObject({
      code: 'PRECONDITION_FAILED',
    });
    const city = await as('city.admin');
    const seen = await city.inspections.finding({ id: findingId });
    expect(seen.status).toBe('answered');
    expect(seen.answers[0]!.files[0]!.url).toContain(`t=${chengguan.id}`);
    expect(seen.answers[0]!.files[0]!.originalName).toBe('整改报告.pdf');
    expect(
      await errorOf(city.inspections.reviewFinding({ id: findingId, decision: 'return' })),
    ).toMatchObject({
      code: 'BAD_REQUEST',
    });
    await city.inspections.reviewFinding({ id: findingId, decision: 'return', note: '请补充会议照片' });
    expect((await secretary.inspections.myFinding({ id: findingId })).canAnswer).toBe(true);
    await secretary.inspections.answer({ id: findingId, body: '已补充照片', fileIds: [] });
    expect(await city.inspections.reviewFinding({ id: findingId, decision: 'close' })).toEqual({
      status: 'closed',
    });
    const mine = await secretary.inspections.myFinding({ id: findingId });
    expect(mine).toMatchObject({ status: 'closed', canAnswer: false });
    expect(mine.answers).toHaveLength(2);
    // the inspector may not review
    const inspector = await as('inspector');
    expect(
      await errorOf(inspector.inspections.reviewFinding({ id: findingId, decision: 'close' })),
    ).toMatchObject({
      code: 'FORBIDDEN',
    });
  });

  it('the circular is drafted from the findings, published, and read by every tenant (drafts by none)', async () => {
    const city = await as('city.admin');
    const draft = await city.inspections.circularDraft({ planId });
    expect(draft.body).toContain('团员大会记录不全');
    const saved = await city.inspections.saveCircular({
      planId,
      title: draft.title,
      body: draft.body,
      docNumber: '兰团通〔2026〕1号',
    });
    const ql = await as('qilihe.admin');
    expect((await ql.inspections.circulars()).map((c) => c.id)).not.toContain(saved.id);
    expect(await errorOf(ql.inspections.circular({ id: saved.id }))).toMatchObject({ code: 'NOT_FOUND' });
    await city.inspections.publishCircular({ id: saved.id });
    expect(await errorOf(city.inspections.publishCircular({ id: saved.id }))).toMatchObject({
      code: 'PRECONDITION_FAILED',
    });
    expect(
      await errorOf(city.inspections.saveCircular({ id: saved.id, title: 'x', body: 'y' })),
    ).toMatchObject({
      code: 'PRECONDITION_FAILED',
    });
    expect((await ql.inspections.circular({ id: saved.id })).body).toContain('团员大会记录不全');
    const committee = await as('enterprise.chair');
    expect((await committee.inspections.circulars()).map((c) => c.id)).toContain(saved.id);
  });
});

describe('good practices', () => {
  it('a district submits, others do not see it until the city promotes; search finds Chinese text and tags', async () => {
    const ql = await as('qilihe.admin');
    const { id } = await ql.goodPractices.submit({
      title: '青年夜校进社区',
      body: '依托党群服务中心开设青年夜校，每周两次课程。',
      tags: ['青年夜校', '社区'],
      sector: 'community_rural',
    });
    expect((await ql.goodPractices.list({})).find((g) => g.id === id)).toMatchObject({
      own: true,
      status: 'submitted',
    });
    const cg = await as('chengguan.admin');
    expect((await cg.goodPractices.list({})).map((g) => g.id)).not.toContain(id);
    expect(await errorOf(cg.goodPractices.get({ id }))).toMatchObject({ code: 'NOT_FOUND' });
    const city = await as('city.admin');
    expect((await city.goodPractices.cityList({ q: '夜校' })).map((g) => g.id)).toEqual([id]);
    await city.goodPractices.decide({ id, decision: 'promote' });
    expect(await errorOf(city.goodPractices.decide({ id, decision: 'promote' }))).toMatchObject({
      code: 'PRECONDITION_FAILED',
    });
    expect((await cg.goodPractices.list({ q: '党群服务' })).map((g) => g.id)).toEqual([id]);
    expect((await cg.goodPractices.list({ tag: '社区' })).map((g) => g.id)).toContain(id);
    expect((await cg.goodPractices.list({ q: '社区', sector: 'school' })).map((g) => g.id)).not.toContain(id);
    expect((await cg.goodPractices.get({ id })).own).toBe(false);
    // the seeded submitted item of 七里河区 stays invisible to 城关区
    expect((await cg.goodPractices.list({})).every((g) => g.status === 'promoted')).toBe(true);
    expect(
      await errorOf(
        ql.goodPractices.submit({ title: 't', body: 'b', tags: ['一'.repeat(21)], sector: 'school' }),
      ),
    ).toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('不超过20个字') });
  });
});
