import type { PlatformDatabase, Tenant } from '@tuanjian/db';
import { bottomCutSize, checklistItems, ruleCatalogue } from '@tuanjian/domain';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acceptedBranchIds } from '../services/rectification/acceptance';
import { readLedger } from '../test/excel';
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

const checklist = ruleCatalogue['rectification.checklist'].value;
const items = checklistItems(checklist).map((i) => i.key);
const bottom = ruleCatalogue['rectification.bottomShare'].value;
const YEAR = 2026;

/** Grades with `fails` items failed, `partly` partly met, the rest met. */
function grades(fails: number, partly = 0): Record<string, string> {
  return Object.fromEntries(
    items.map((k, i) => [k, i < fails ? 'fails' : i < fails + partly ? 'partly' : 'meets']),
  );
}

let database: TestDatabase;
let db: Kysely<PlatformDatabase>;
let chengguan: Tenant;
let branchId: string;
let generalBranchId: string;

type Caller = Awaited<ReturnType<typeof callerAs>>['caller'];
let admin: Caller;
let secretary: Caller; // 团总支
let branch: Caller; // 团支部书记
let member: Caller;
let member2: Caller;

beforeAll(async () => {
  database = await demoDatabase();
  db = database.db;
  chengguan = await tenantByCode(db, 'chengguan');
  branchId = (await grantsOf(db, 'chengguan.branch'))[0]!.scope_org_id!;
  generalBranchId = (await grantsOf(db, 'chengguan.secretary'))[0]!.scope_org_id!;
  admin = (await callerAs(database, 'chengguan.admin')).caller;
  secretary = (await callerAs(database, 'chengguan.secretary')).caller;
  branch = (await callerAs(database, 'chengguan.branch')).caller;
  member = (await callerAs(database, 'chengguan.member')).caller;
  member2 = (await callerAs(database, 'chengguan.member2')).caller;
}, 300_000);

afterAll(async () => {
  await database?.close();
});

describe('rectification (RECT-1…RECT-5) — a district year', () => {
  let checks: { id: string; orgId: string }[] = [];
  let demoCheckId: string;
  let peerCheckId: string;

  it('opens the round for every active branch of the district (≥ 30), once', async () => {
    const r = await admin.rectification.openRound({ year: YEAR });
    expect(r.branches).toBeGreaterThanOrEqual(30);
    expect(r.opened).toBe(r.branches);
    const again = await admin.rectification.openRound({ year: YEAR });
    expect(again.opened).toBe(0);
    const rk = await admin.rectification.ranking({ year: YEAR });
    checks = rk.rows.map((x) => ({ id: x.id, orgId: x.orgId }));
    expect(checks).toHaveLength(r.branches);
    expect(rk.ranked).toBe(0);
    demoCheckId = checks.find((c) => c.orgId === branchId)!.id;
    peerCheckId = checks.find((c) => c.orgId !== branchId)!.id;
    // a branch secretary cannot open a round; a member cannot rank
    expect((await errorOf(branch.rectification.openRound({ year: YEAR })))?.code).toBe('FORBIDDEN');
    expect((await errorOf(member.rectification.ranking({ year: YEAR })))?.code).toBe('FORBIDDEN');
  });

  it('members submit 团员提 once, only for their own branch, anonymously', async () => {
    const forms = await member.rectification.myForms({ year: YEAR });
    expect(forms.member).toMatchObject({ id: demoCheckId, submitted: false });
    await member.rectification.submit({
      healthCheckId: demoCheckId,
      source: 'member',
      grades: grades(2),
      notes: '团课太少',
    });
    expect((await member.rectification.myForms({ year: YEAR })).member?.submitted).toBe(true);
    const twice = await errorOf(
      member.rectification.submit({ healthCheckId: demoCheckId, source: 'member', grades: grades(0) }),
    );
    expect(twice?.code).toBe('CONFLICT');
    expect(twice?.message).toContain('只能提交一次');
    await member2.rectification.submit({ healthCheckId: demoCheckId, source: 'member', grades: grades(4) });
    expect(
      (
        await errorOf(
          member.rectification.submit({ healthCheckId: peerCheckId, source: 'member', grades: grades(0) }),
        )
      )?.code,
    ).toBe('FORBIDDEN');
    expect(
      (
        await errorOf(
          member.rectification.submit({ healthCheckId: demoCheckId, source: 'self', grades: grades(0) }),
        )
      )?.code,
    ).toBe('FORBIDDEN');
    const bad = await errorOf(
      member.rectification.submit({
        healthCheckId: demoCheckId,
        source: 'member',
        grades: { nope: 'meets' },
      }),
    );
    expect(bad?.message).toContain('评价项目不存在');
  });

  it('the branch secretary cannot learn who submitted a member input', async () => {
    const d = await branch.rectification.get({ id: demoCheckId });
    const memberInputs = d.inputs.filter((i) => i.source === 'member');
    expect(memberInputs).toHaveLength(2);
    expect(d.memberInputCount).toBe(2);
    expect(memberInputs.every((i) => i.byOrgName === null)).toBe(true);
    const t = tenantTables(db, chengguan);
    const people = await t.selectFrom('members').select('id').where('org_id', '=', branchId).execute();
    const users = await Promise.all(['chengguan.member', 'chengguan.member2'].map((u) => userByName(db, u)));
    const markers = [...people.map((p) => p.id), ...users.map((u) => u.id), '团员甲'];
    for (const out of [
      d,
      await branch.rectification.myForms({ year: YEAR }),
      await branch.rectification.tasks({ year: YEAR }),
      await branch.rectification.ledger({ year: YEAR }),
    ]) {
      const json = JSON.stringify(out);
      for (const m of markers.slice(0, -1)) expect(json).not.toContain(m);
    }
    // the stored input has no submitter; the receipt is a one-way key unlinked to the input
    const rows = await t
      .selectFrom('health_check_inputs')
      .selectAll()
      .where('health_check_id', '=', demoCheckId)
      .where('source', '=', 'member')
      .execute();
    expect(rows.every((r) => r.submitted_by === null && r.by_org_id === null)).toBe(true);
    const receipts = await t
      .selectFrom('health_check_member_receipts')
      .selectAll()
      .where('health_check_id', '=', demoCheckId)
      .execute();
    expect(receipts).toHaveLength(2);
    for (const r of receipts) for (const m of markers) expect(r.member_key).not.toContain(m);
  });

  it('self-check by the branch; peers only when assigned; 上级点 only for the subtree, not one’s own', async () => {
    await branch.rectification.submit({ healthCheckId: demoCheckId, source: 'self', grades: grades(1) });
    // resubmitting replaces the self-check
    await branch.rectification.submit({ healthCheckId: demoCheckId, source: 'self', grades: grades(0, 5) });
    expect(
      (
        await errorOf(
          branch.rectification.submit({ healthCheckId: peerCheckId, source: 'peer', grades: grades(0) }),
        )
      )?.code,
    ).toBe('FORBIDDEN');
    await admin.rectification.assignPeers({ healthCheckId: peerCheckId, peerOrgIds: [branchId] });
    expect((await branch.rectification.myForms({ year: YEAR })).peers.map((p) => p.id)).toEqual([
      peerCheckId,
    ]);
    await branch.rectification.submit({ healthCheckId: peerCheckId, source: 'peer', grades: grades(3) });
    expect(
      (
        await errorOf(
          branch.rectification.submit({ healthCheckId: demoCheckId, source: 'superior', grades: grades(0) }),
        )
      )?.code,
    ).toBe('FORBIDDEN');
    expect(
      (
        await errorOf(
          secretary.rectification.submit({
            healthCheckId: peerCheckId,
            source: 'superior',
            grades: grades(0),
          }),
        )
      )?.code,
    ).toBe('FORBIDDEN');
    const submitted = await secretary.rectification.submit({
      healthCheckId: demoCheckId,
      source: 'superior',
      grades: grades(10),
    });
    const d = submitted.detail!;
    // member (80 + 60)/2 = 70, self 80, superior 0: (20·70 + 20·80 + 40·0) / 80 = 37.5
    expect(d.scores).toEqual({ member: 70, self: 80, superior: 0, peer: null });
    expect(d.overall).toBe(37.5);
  });

  it('ranks the district, cuts the bottom 20 % (ties included) and publishes the ledger', async () => {
    // superior input for every other branch (the demo branch, 37.5, is the lowest)
    let i = 0;
    for (const c of checks) {
      if (c.id === demoCheckId) continue;
      await admin.rectification.submit({
        healthCheckId: c.id,
        source: 'superior',
        grades: grades(i++ % 5), // 100, 90, 80, 70, 60: many ties at the cut
      });
    }
    const rk = await admin.rectification.ranking({ year: YEAR });
    expect(rk.ranked).toBe(checks.length);
    const scores = rk.rows.map((x) => x.overall!).sort((a, b) => a - b);
    const cutScore = scores[bottomCutSize(scores.length, bottom) - 1]!;
    const expected = rk.rows
      .filter((x) => x.overall! <= cutScore)
      .map((x) => x.id)
      .sort();
    expect(
      rk.rows
        .filter((x) => x.inCut)
        .map((x) => x.id)
        .sort(),
    ).toEqual(expected);
    expect(rk.cutCount).toBeGreaterThanOrEqual(bottomCutSize(checks.length, bottom));
    expect(rk.rows.find((x) => x.id === demoCheckId)?.inCut).toBe(true);
    // the 团总支 secretary ranks only its own branches
    const sub = await secretary.rectification.ranking({ year: YEAR });
    expect(sub.rows.length).toBeLessThan(rk.rows.length);
    expect(sub.superiorOrgId).toBe(generalBranchId);

    const pub = await admin.rectification.publish({ year: YEAR });
    expect(pub.added).toBe(rk.cutCount);
    expect((await admin.rectification.publish({ year: YEAR })).added).toBe(0);
    const l = await admin.rectification.ledger({ year: YEAR });
    expect(l.rows).toHaveLength(rk.cutCount);
    expect(l.rows.every((x) => x.status === 'open')).toBe(true);
    const file = await admin.rectification.ledgerExport({ year: YEAR });
    const parsed = await readLedger(file);
    expect(parsed.rows).toHaveLength(rk.cutCount);
    expect(parsed.headers).toContain('考核验收');
    expect(parsed.title).toContain('重点整顿团组织信息台帐');
  });

  it('tasks with evidence, 对账销号 by the superior, completion upward, acceptance', async () => {
    const t = await admin.rectification.createTask({
      healthCheckId: demoCheckId,
      title: '按期召开支部团员大会',
      ownerName: '张书记',
      deadline: '2026-12-31',
    });
    expect(t.status).toBe('open');
    // acceptance refused while the key entry has unconfirmed tasks
    const early = await errorOf(
      admin.rectification.accept({ orgId: branchId, year: YEAR, result: 'passed' }),
    );
    expect(early?.message).toContain('尚未全部销号');
    // confirming before evidence is refused
    expect((await errorOf(admin.rectification.confirmTask({ id: t.id, confirm: true })))?.message).toContain(
      '已提交',
    );
    const user = await userByName(db, 'chengguan.branch');
    const file = await tenantTables(db, chengguan)
      .insertInto('files')
      .values({
        uploaded_by: user.id,
        kind: 'image',
        mime: 'image/jpeg',
        size_bytes: 100,
        original_name: '会议.jpg',
        storage_key: `test/${crypto.randomUUID()}`,
        thumb_key: null,
        width: 10,
        height: 10,
        sha256: 'b'.repeat(64),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    expect(
      (
        await errorOf(
          branch.rectification.submitEvidence({
            id: t.id,
            evidence: '已召开',
            fileIds: [crypto.randomUUID()],
          }),
        )
      )?.message,
    ).toBe('附件不存在或无权使用');
    const s = await branch.rectification.submitEvidence({ id: t.id, evidence: '已召开', fileIds: [file.id] });
    expect(s.status).toBe('submitted');
    expect(s.evidenceFiles[0]?.id).toBe(file.id);
    // the branch cannot close its own item
    expect((await errorOf(branch.rectification.confirmTask({ id: t.id, confirm: true })))?.code).toBe(
      'FORBIDDEN',
    );
    const c = await secretary.rectification.confirmTask({ id: t.id, confirm: true });
    expect(c.status).toBe('confirmed');
    const entry = (await admin.rectification.ledger({ year: YEAR })).rows.find((x) => x.orgId === branchId)!;
    expect(entry).toMatchObject({ status: 'closed', tasksTotal: 1, tasksConfirmed: 1 });
    const comp = await admin.rectification.completion({ year: YEAR });
    expect(comp.total.closed).toBe(1);
    expect(comp.children.reduce((a, x) => a + x.keyTargets, 0)).toBe(comp.total.keyTargets);

    const a = await secretary.rectification.accept({
      orgId: branchId,
      year: YEAR,
      result: 'passed',
      notes: '整改到位',
    });
    expect(a.resultLabel).toBe('验收通过');
    const other = checks.find((x) => x.id === peerCheckId)!.orgId;
    expect((await acceptedBranchIds(tenantTables(db, chengguan), YEAR)).has(branchId)).toBe(true);
    expect((await acceptedBranchIds(tenantTables(db, chengguan), YEAR)).has(other)).toBe(false);
    expect(
      (await errorOf(branch.rectification.accept({ orgId: branchId, year: YEAR, result: 'passed' })))?.code,
    ).toBe('FORBIDDEN');
  });

  it('overdue tasks → 通报 recorded; unfinished key branches carry into next year; two rounds → ORG-6 proposal', async () => {
    const l = await admin.rectification.ledger({ year: YEAR });
    const lagging = l.rows.find((x) => x.orgId !== branchId)!;
    const check = (await admin.rectification.ranking({ year: YEAR })).rows.find(
      (x) => x.orgId === lagging.orgId,
    )!;
    await admin.rectification.createTask({
      healthCheckId: check.id,
      title: '配齐支部委员',
      ownerName: '李书记',
      deadline: '2026-03-31',
    });
    const o = await admin.rectification.recordOverdue({ year: YEAR, kind: 'circular' });
    expect(o).toEqual({ tasks: 1, warnings: 1 });
    const w = await admin.rectification.warnings({ year: YEAR });
    expect(w[0]).toMatchObject({ orgId: lagging.orgId, kindLabel: '通报' });
    expect(w[0]?.reason).toContain('配齐支部委员');
    expect((await admin.rectification.tasks({ year: YEAR, status: 'overdue' })).map((x) => x.title)).toEqual([
      '配齐支部委员',
    ]);

    // next year: only the lagging branch is scored (no marked improvement: the same grades)
    const g = grades(9);
    for (const y of [YEAR + 1, YEAR + 2]) {
      await admin.rectification.openRound({ year: y });
      const rk = await admin.rectification.ranking({ year: y });
      const c = rk.rows.find((x) => x.orgId === lagging.orgId)!;
      await admin.rectification.submit({ healthCheckId: c.id, source: 'superior', grades: g });
      if (y === YEAR + 1) {
        const before = await errorOf(
          admin.rectification.proposeAdjustment({
            orgId: lagging.orgId,
            year: YEAR + 1,
            kind: 'dissolve',
            effectiveOn: '2028-01-01',
          }),
        );
        // not yet: the first year on the list has no earlier round to compare
        expect(before?.message).toContain('未达到2轮');
      }
      const pub = await admin.rectification.publish({ year: y });
      expect(pub.added + pub.carried).toBeGreaterThanOrEqual(1);
    }
    const next = await admin.rectification.ledger({ year: YEAR + 1 });
    const carried = next.rows.find((x) => x.orgId === lagging.orgId)!;
    expect(carried.carried).toBe(true);
    expect(next.rows.some((x) => x.orgId === branchId)).toBe(false); // closed last year: not carried
    const last = (await admin.rectification.ledger({ year: YEAR + 2 })).rows.find(
      (x) => x.orgId === lagging.orgId,
    )!;
    expect(last.roundsWithoutImprovement).toBe(2);
    expect(last.proposalDue).toBe(true);
    const proposal = await admin.rectification.proposeAdjustment({
      orgId: lagging.orgId,
      year: YEAR + 2,
      kind: 'merge',
      targetOrgId: branchId,
      effectiveOn: '2029-01-01',
    });
    expect(proposal).toMatchObject({ kind: 'merge', status: 'pending' });
    expect(proposal.reason).toContain('连续2轮未明显改善');
    const listed = await admin.org.proposals.get({ id: proposal.id });
    expect(JSON.stringify(listed)).toContain(proposal.id);
    expect(
      (await admin.rectification.ledger({ year: YEAR + 2 })).rows.find((x) => x.orgId === lagging.orgId)
        ?.proposalId,
    ).toBe(proposal.id);
  });

  it('the district admin records 支部查 and an assigned 互相评 for a branch (代录); others may not', async () => {
    const y = YEAR + 3;
    await admin.rectification.openRound({ year: y });
    const rk = await admin.rectification.ranking({ year: y });
    const target = rk.rows.find((x) => x.orgId !== branchId)!;
    const self = await admin.rectification.submit({
      healthCheckId: target.id,
      source: 'self',
      grades: grades(2),
    });
    expect(self.detail?.scores.self).toBe(self.score);
    expect(self.detail?.inputs.find((i) => i.source === 'self')?.byOrgName).toBe(target.orgName);
    // a 团总支 secretary is a superior, not the branch: it gives 上级点, it does not record 支部查
    expect(
      (
        await errorOf(
          secretary.rectification.submit({ healthCheckId: target.id, source: 'self', grades: grades(0) }),
        )
      )?.code,
    ).toBe('FORBIDDEN');
    // 互相评 on behalf: a peer branch must be named and assigned
    expect(
      (
        await errorOf(
          admin.rectification.submit({ healthCheckId: target.id, source: 'peer', grades: grades(0) }),
        )
      )?.message,
    ).toContain('请选择代录哪个互评团支部');
    expect(
      (
        await errorOf(
          admin.rectification.submit({
            healthCheckId: target.id,
            source: 'peer',
            grades: grades(0),
            byOrgId: branchId,
          }),
        )
      )?.code,
    ).toBe('FORBIDDEN');
    await admin.rectification.assignPeers({ healthCheckId: target.id, peerOrgIds: [branchId] });
    const peer = await admin.rectification.submit({
      healthCheckId: target.id,
      source: 'peer',
      grades: grades(0),
      byOrgId: branchId,
    });
    expect(peer.detail).toBeNull(); // peers' answers never carry the branch's other inputs
    expect((await admin.rectification.get({ id: target.id })).scores.peer).toBe(100);
    // the assigned branch's own secretary then sees it as given, and can replace it (one input per peer)
    expect((await branch.rectification.myForms({ year: y })).peers).toEqual([
      expect.objectContaining({ id: target.id, submitted: true }),
    ]);
    await branch.rectification.submit({ healthCheckId: target.id, source: 'peer', grades: grades(10) });
    expect((await admin.rectification.get({ id: target.id })).scores.peer).toBe(0);
    // a branch secretary cannot speak for another branch
    const other = rk.rows.find((x) => x.orgId !== branchId && x.orgId !== target.orgId)!;
    expect(
      (
        await errorOf(
          branch.rectification.submit({
            healthCheckId: target.id,
            source: 'peer',
            grades: grades(0),
            byOrgId: other.orgId,
          }),
        )
      )?.code,
    ).toBe('FORBIDDEN');
  });
});
