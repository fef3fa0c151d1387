/**
 * Issue 7 (COM-1…COM-3) through the API: 卸职递补 confirmed by the plenary; a district submits a
 * report with an attachment to 企业工作委员会, a reviewer returns it, the district revises, the
 * chair accepts and adopts it — the district sees only its own submission's status; the committee
 * reads its copy (attachments copied into its own tenant). Sector aggregates from rollups, never
 * personal data. PGlite, and PostgreSQL when DATABASE_URL is set (the demo fixture follows it).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { PlatformDatabase, Tenant } from '@tuanjian/db';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useResearchStorage } from '../services/committees/inbox';
import { saveUpload } from '../services/files';
import { LocalDiskStorage } from '../services/files/storage';
import { loadGrants } from '../services/me';
import {
  callerAs,
  demoDatabase,
  errorOf,
  grantsOf,
  type TestDatabase,
  tenantByCode,
  tenantTables,
  userByName,
} from '../test/helpers';

type Caller = Awaited<ReturnType<typeof callerAs>>['caller'];

const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);

let database: TestDatabase;
let db: Kysely<PlatformDatabase>;
let storage: LocalDiskStorage;
let chair: Caller;
let member: Caller;
let reviewer: Caller;
let district: Caller;
let otherDistrict: Caller;
let otherCommittee: Caller;
let chengguan: Tenant;
let enterprise: Tenant;

beforeAll(async () => {
  database = await demoDatabase();
  db = database.db;
  storage = new LocalDiskStorage(mkdtempSync(path.join(tmpdir(), 'tj-research-')));
  useResearchStorage(storage);
  chair = (await callerAs(database, 'enterprise.chair')).caller;
  member = (await callerAs(database, 'enterprise.member')).caller;
  reviewer = (await callerAs(database, 'enterprise.member2')).caller;
  district = (await callerAs(database, 'chengguan.admin')).caller;
  otherDistrict = (await callerAs(database, 'qilihe.admin')).caller;
  otherCommittee = (await callerAs(database, 'rural.chair')).caller;
  chengguan = await tenantByCode(db, 'chengguan');
  enterprise = await tenantByCode(db, 'enterprise');
}, 300_000);

afterAll(async () => {
  useResearchStorage(null);
  await database?.close();
});

async function upload(username: string, tenantCode: string, bytes: Buffer, name: string) {
  const user = await userByName(db, username);
  const grantRow = (await grantsOf(db, username)).find((g) => g.tenant_code === tenantCode)!;
  const grant = (await loadGrants(db, user.id)).find((g) => g.id === grantRow.id)!;
  return saveUpload({
    database,
    storage,
    grant,
    userId: user.id,
    bytes,
    fileName: name,
    orgId: null,
    ip: null,
  });
}

describe('COM-1 roster and 卸职递补', () => {
  it('every committee has a chair, 委员 and 候补委员; a proposal changes nothing until the plenary confirms it', async () => {
    const r = await chair.committees.roster();
    expect(r.members.filter((m) => m.position === 'chair' && m.status === 'serving')).toHaveLength(1);
    const leaving = r.members.find(
      (m) => m.position === 'member' && m.status === 'serving' && !m.hasAccount,
    )!;
    const alternate = r.members.find((m) => m.position === 'alternate' && m.status === 'serving')!;
    expect(leaving && alternate).toBeTruthy();

    expect(
      (
        await errorOf(
          member.committees.proposeChange({
            leavingId: leaving.id,
            successorId: alternate.id,
            reason: '工作调动',
            proposedOn: '2026-06-01',
          }),
        )
      )?.appCode,
    ).toBe('FORBIDDEN_ROLE');
    const p = await chair.committees.proposeChange({
      leavingId: leaving.id,
      successorId: alternate.id,
      reason: '工作调动',
      proposedOn: '2026-06-01',
    });
    expect(
      (
        await errorOf(
          chair.committees.proposeChange({ leavingId: leaving.id, reason: '重复', proposedOn: '2026-06-02' }),
        )
      )?.message,
    ).toContain('待全委会确认');
    let now = await chair.committees.roster();
    expect(now.members.find((m) => m.id === leaving.id)?.status).toBe('serving');
    expect(now.changes[0]).toMatchObject({
      status: 'proposed',
      leavingName: leaving.name,
      successorName: alternate.name,
    });

    expect(
      (
        await errorOf(
          chair.committees.decideChange({
            id: p.id,
            decision: 'confirmed',
            decidedOn: '2026-05-01',
            meeting: '共青团兰州市第十五届委员会第三次全体会议',
          }),
        )
      )?.message,
    ).toBe('确认日期不能早于提议日期');
    await chair.committees.decideChange({
      id: p.id,
      decision: 'confirmed',
      decidedOn: '2026-06-20',
      meeting: '共青团兰州市第十五届委员会第三次全体会议',
      resolutionNo: '兰团全委〔2026〕3号',
    });
    now = await chair.committees.roster();
    expect(now.members.find((m) => m.id === leaving.id)).toMatchObject({
      status: 'resigned',
      endDate: '2026-06-20',
    });
    expect(now.members.find((m) => m.id === alternate.id)).toMatchObject({
      position: 'member',
      promotedOn: '2026-06-20',
    });
    expect(now.changes[0]).toMatchObject({
      status: 'confirmed',
      meeting: '共青团兰州市第十五届委员会第三次全体会议',
      resolutionNo: '兰团全委〔2026〕3号',
    });
    expect(
      (
        await errorOf(
          chair.committees.decideChange({
            id: p.id,
            decision: 'rejected',
            decidedOn: '2026-06-21',
            meeting: 'x',
          }),
        )
      )?.appCode,
    ).toBe('INVALID_STATE');
  });
});

/** A to-do's count in a tenant list (待办事项). */
async function todo(c: { todos: { list: () => Promise<{ kind: string; count: number }[]> } }, kind: string) {
  return (await c.todos.list()).find((t) => t.kind === kind)?.count ?? -1;
}

describe('COM-2 a district report through review', () => {
  let submissionId: string;
  let reportId: string;

  it('a district submits from its own tenant with an attachment', async () => {
    const toAssignBefore = await todo(chair, 'research_to_assign');
    expect(toAssignBefore).toBeGreaterThanOrEqual(0);
    const list = await district.researchSubmissions.committees();
    expect(list.map((c) => c.name)).toContain('企业工作委员会');
    const ent = list.find((c) => c.code === 'enterprise')!;
    const file = await upload('chengguan.admin', 'chengguan', PDF, '调研数据.pdf');
    const s = await district.researchSubmissions.submit({
      committeeId: ent.id,
      title: '城关区非公企业团建调研报告',
      summary: '非公企业团组织覆盖情况',
      body: '一、基本情况……',
      fileIds: [file.id],
      sector: 'non_public_enterprise',
    });
    submissionId = s.id;
    // The chair's to-do counts it before anyone opened the committee's list (no inbox copy yet).
    expect(await todo(chair, 'research_to_assign')).toBe(toAssignBefore + 1);
    expect(await todo(otherCommittee, 'research_to_assign')).toBeGreaterThanOrEqual(0);
    expect((await district.researchSubmissions.mine())[0]).toMatchObject({
      id: s.id,
      status: 'submitted',
      committeeName: '企业工作委员会',
    });
    // Nobody else sees it: another district, another committee.
    expect(await otherDistrict.researchSubmissions.mine()).toEqual([]);
    expect((await errorOf(otherDistrict.researchSubmissions.get({ id: s.id })))?.code).toBe('NOT_FOUND');
    expect(await otherCommittee.committees.reports({})).toEqual([]);
    // A committee cannot submit, a secretary neither.
    expect(
      (
        await errorOf(
          chair.researchSubmissions.submit({ committeeId: ent.id, title: 'x', body: 'y', fileIds: [] }),
        )
      )?.appCode,
    ).toBe('TENANT_KIND');
  });

  it('lands in the committee with the attachment copied into the committee tenant', async () => {
    const reports = await member.committees.reports({ origin: 'district' });
    const r = reports.find((x) => x.title === '城关区非公企业团建调研报告')!;
    expect(r).toMatchObject({ status: 'submitted', fromTenantName: chengguan.name, version: 1 });
    reportId = r.id;
    const d = await member.committees.report({ id: r.id });
    expect(d.versions[0]?.files[0]).toMatchObject({ originalName: '调研数据.pdf', mime: 'application/pdf' });
    const fileId = d.versions[0]!.files[0]!.id;
    const copied = await tenantTables(db, enterprise)
      .selectFrom('files')
      .select(['storage_key'])
      .where('id', '=', fileId)
      .executeTakeFirstOrThrow();
    expect(copied.storage_key.startsWith('t_enterprise/')).toBe(true);
    expect((await storage.get(copied.storage_key))?.equals(PDF)).toBe(true);
    // reading again copies nothing twice
    await member.committees.reports({});
    expect(
      (
        await tenantTables(db, enterprise)
          .selectFrom('research_report_versions')
          .select('id')
          .where('report_id', '=', r.id)
          .execute()
      ).length,
    ).toBe(1);
  });

  it('the chair assigns a reviewer, who returns it with comments; the district sees the comment and revises', async () => {
    const roster = await chair.committees.roster();
    const rev = roster.members.find(
      (m) => m.hasAccount && m.position === 'member' && !m.isMe && m.status === 'serving',
    );
    const member2 = (await userByName(db, 'enterprise.member2')).display_name;
    const seat = roster.members.find((m) => m.name === member2)!;
    expect(rev).toBeTruthy();
    expect(
      (await errorOf(reviewer.committees.returnReport({ id: reportId, comment: '数据不全' })))?.appCode,
    ).toBe('FORBIDDEN_ROLE');
    const toReviewBefore = await todo(reviewer, 'research_to_review');
    const toAssign = await todo(chair, 'research_to_assign');
    await chair.committees.assignReviewers({ id: reportId, rosterIds: [seat.id] });
    expect((await district.researchSubmissions.mine())[0]?.status).toBe('under_review');
    expect(await todo(reviewer, 'research_to_review')).toBe(toReviewBefore + 1);
    expect(await todo(chair, 'research_to_assign')).toBe(toAssign - 1);
    const returnedBefore = await todo(district, 'research_returned');
    expect(
      (await errorOf(member.committees.returnReport({ id: reportId, comment: '数据不全' })))?.appCode,
    ).toBe('FORBIDDEN_ROLE');
    await reviewer.committees.returnReport({ id: reportId, comment: '请补充2025年团组织覆盖率数据' });
    const mine = await district.researchSubmissions.get({ id: submissionId });
    expect(mine).toMatchObject({ status: 'returned', returnComment: '请补充2025年团组织覆盖率数据' });
    expect(JSON.stringify(mine)).not.toContain(member2); // reviewers' names stay in the committee
    expect(await todo(district, 'research_returned')).toBe(returnedBefore + 1);
    expect(await todo(reviewer, 'research_to_review')).toBe(toReviewBefore);

    expect((await errorOf(chair.committees.acceptReport({ id: reportId })))?.appCode).toBe('INVALID_STATE');
    await district.researchSubmissions.revise({
      id: submissionId,
      title: '城关区非公企业团建调研报告（修改稿）',
      body: '一、基本情况（补充2025年覆盖率）……',
      fileIds: [],
    });
    expect(
      (
        await errorOf(
          district.researchSubmissions.revise({ id: submissionId, title: 'x', body: 'y', fileIds: [] }),
        )
      )?.appCode,
    ).toBe('INVALID_STATE');
    expect(await todo(district, 'research_returned')).toBe(returnedBefore);
    const d = await chair.committees.report({ id: reportId });
    expect(d).toMatchObject({ status: 'under_review', version: 2 }); // back to its reviewers
    expect((await district.researchSubmissions.mine())[0]?.status).toBe('under_review');
    expect(d.versions.map((v) => v.version)).toEqual([2, 1]);
    expect(d.comments.map((c) => c.kind)).toEqual(['start_review', 'return', 'revised']);
  });

  it('the chair accepts and adopts it as 议事参考; the district sees it adopted', async () => {
    await chair.committees.assignReviewers({
      id: reportId,
      rosterIds: (await chair.committees.report({ id: reportId })).reviewers.map((r) => r.rosterId),
    });
    expect((await errorOf(reviewer.committees.acceptReport({ id: reportId })))?.appCode).toBe(
      'FORBIDDEN_ROLE',
    );
    await chair.committees.acceptReport({ id: reportId, comment: '同意采纳' });
    expect(
      await errorOf(
        chair.committees.adoptReport({ id: reportId, adoptedFor: 'plenary', adoptedOn: '2026-07-01' }),
      ),
    ).toBeNull();
    expect((await district.researchSubmissions.mine())[0]).toMatchObject({
      status: 'adopted',
      adoptedFor: 'plenary',
    });
    expect((await chair.committees.report({ id: reportId })).status).toBe('adopted');
  });

  it('committee-written reports, topics with field work and meetings with minutes', async () => {
    const t = await member.committees.createTopic({
      title: '新就业形态青年团建',
      plan: '走访快递、外卖企业',
      startOn: '2026-03-01',
    });
    await member.committees.addFieldwork({
      topicId: t.id,
      visitedOn: '2026-03-15',
      place: '兰州新区物流园',
      findings: '团员分散',
      fileIds: [],
    });
    const r = await member.committees.createReport({
      title: '新就业形态青年调研',
      body: '正文',
      topicId: t.id,
      fileIds: [],
    });
    const topics = await member.committees.topics();
    expect(topics.find((x) => x.id === t.id)).toMatchObject({ fieldworkCount: 1, reportCount: 1 });
    const m = await chair.committees.createMeeting({
      title: '企业工作委员会2026年第二次会议',
      heldOn: '2026-07-10',
      agenda: ['审议调研报告'],
    });
    expect(
      (
        await errorOf(
          chair.committees.recordMinutes({
            id: m.id,
            minutes: '会议审议通过',
            reportIds: [crypto.randomUUID()],
          }),
        )
      )?.code,
    ).toBe('NOT_FOUND');
    await chair.committees.recordMinutes({ id: m.id, minutes: '会议审议通过', reportIds: [r.id] });
    expect((await member.committees.meetings()).find((x) => x.id === m.id)).toMatchObject({
      status: 'held',
      agenda: ['审议调研报告'],
      reportIds: [r.id],
    });
    // Districts cannot use committee procedures.
    expect((await errorOf(district.committees.roster()))?.appCode).toBe('TENANT_KIND');
  });
});

describe('COM-3 sector view: aggregates only', () => {
  it('reads its sectors from rollups across districts and nothing else; no member data', async () => {
    const year = 2026;
    const qilihe = await tenantByCode(db, 'qilihe');
    const rows = [
      { tenant_id: chengguan.id, sector: 'state_enterprise', kind: 'branch', score: 80, star: 5 },
      { tenant_id: qilihe.id, sector: 'non_public_enterprise', kind: 'branch', score: 60, star: 3 },
      { tenant_id: qilihe.id, sector: 'high_school', kind: 'branch', score: 90, star: 4 },
    ];
    for (const r of rows) {
      await db
        .insertInto('platform.org_rollups')
        .values({
          tenant_id: r.tenant_id,
          org_id: crypto.randomUUID(),
          year,
          org_name: `测试${r.sector}团支部`,
          org_kind: r.kind,
          sector: r.sector,
          parent_org_id: null,
          status: 'active',
          member_count: 10,
          metrics: JSON.stringify({ healthScore: r.score, star: r.star, meetingsRate: 50 }),
          computed_at: new Date('2026-07-01T02:00:00Z'),
        })
        .onConflict((oc) => oc.doNothing())
        .execute();
    }
    const v = await member.committees.sector({ year });
    expect(v.total.branches).toBeGreaterThanOrEqual(2);
    expect(v.sectors.map((s) => s.sector).sort()).toEqual(
      expect.arrayContaining(['non_public_enterprise', 'state_enterprise']),
    );
    expect(v.sectors.map((s) => s.sector)).not.toContain('high_school');
    expect(v.computedAt).toBeTruthy();
    const school = await (await callerAs(database, 'school.member')).caller.committees.sector({ year });
    expect(school.sectors.map((s) => s.sector)).toContain('high_school');
    expect(school.sectors.map((s) => s.sector)).not.toContain('state_enterprise');

    // No member's data of any district, through the member procedures either.
    const members = await tenantTables(db, chengguan)
      .selectFrom('members')
      .select(['id', 'name'])
      .limit(3)
      .execute();
    const text = JSON.stringify(v);
    for (const m of members) expect(text).not.toContain(m.id);
    for (const call of [
      () => member.members.list({}),
      () => member.members.get({ id: members[0]!.id }),
      () => member.members.revealPii({ id: members[0]!.id, field: 'idCard', reason: '核对' }),
      () => member.archive.checks({ memberId: members[0]!.id }),
    ]) {
      const e = await errorOf(call() as Promise<unknown>);
      expect(e?.code).toBe('FORBIDDEN');
    }
  });
});
