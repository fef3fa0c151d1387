import type { PlatformDatabase, Tenant } from '@tuanjian/db';
import { addDays, studyWeekOf } from '@tuanjian/domain';
import ExcelJS from 'exceljs';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { participationPermille } from '../services/youth/study';
import {
  callerAs,
  demoDatabase,
  errorOf,
  grantsOf,
  type TestDatabase,
  tenantByCode,
  tenantTables,
} from '../test/helpers';

let database: TestDatabase;
let db: Kysely<PlatformDatabase>;
let chengguan: Tenant;
let branchId: string;
let branchName: string;
let branchPath: string;
let me: { id: string; name: string; member_number: string | null };
let other: { id: string; name: string; member_number: string | null }[];
let outside: { id: string; name: string; member_number: string | null; org_name: string };
const week = studyWeekOf(new Date());

async function xlsx(rows: (string | number | Date | null)[][], title = true): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Sheet1');
  if (title) ws.addRow(['甘肃省“青年大学习”完成情况统计（导出）']);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
}

beforeAll(async () => {
  database = await demoDatabase();
  db = database.db;
  chengguan = await tenantByCode(db, 'chengguan');
  const t = tenantTables(db, chengguan);
  branchId = (await grantsOf(db, 'chengguan.branch'))[0]!.scope_org_id!;
  const branch = await t
    .selectFrom('organisations')
    .select(['name', 'path'])
    .where('id', '=', branchId)
    .executeTakeFirstOrThrow();
  branchName = branch.name;
  branchPath = branch.path;
  const memberId = (await grantsOf(db, 'chengguan.member'))[0]!.member_id!;
  me = await t
    .selectFrom('members')
    .select(['id', 'name', 'member_number'])
    .where('id', '=', memberId)
    .executeTakeFirstOrThrow();
  other = await t
    .selectFrom('members')
    .select(['id', 'name', 'member_number'])
    .where('org_id', '=', branchId)
    .where('status', '=', 'active')
    .where('id', '!=', me.id)
    .orderBy('name')
    .execute();
  outside = await t
    .selectFrom('members as m')
    .innerJoin('organisations as o', 'o.id', 'm.org_id')
    .select(['m.id', 'm.name', 'm.member_number', 'o.name as org_name'])
    .where('o.path', 'not like', `${branchPath}%`)
    .where('m.status', '=', 'active')
    .where('m.member_number', 'is not', null)
    .orderBy('m.name')
    .executeTakeFirstOrThrow();
});

afterAll(async () => {
  await database?.close();
});

describe('youthStudy.import', () => {
  it('matches by 团员编号, then name + branch, reports bad rows in Chinese and keeps good ones', async () => {
    const { caller } = await callerAs(database, 'chengguan.branch');
    const unique = other.find((o) => other.filter((x) => x.name === o.name).length === 1)!;
    const file = await xlsx([
      ['序号', '团员姓名', '团员编号', '所属团支部', '完成时间'],
      [1, me.name, me.member_number, branchName, week],
      [2, unique.name, null, branchName, addDays(week, 1)],
      [3, '查无此人', null, branchName, week],
      [4, outside.name, outside.member_number, outside.org_name, week],
      [5, unique.name, null, branchName, addDays(week, 8)],
      [6, me.name, me.member_number, branchName, week],
    ]);
    const r = await caller.youthStudy.import({ fileName: '青年大学习.xlsx', contentBase64: file });
    expect(r.totalRows).toBe(6);
    expect(r.recordedRows).toBe(2);
    expect(r.alreadyRows).toBe(1);
    expect(r.errorRows).toBe(3);
    expect(r.weeks).toEqual([week]);
    expect(r.errors.map((e) => e.row)).toEqual([5, 6, 7]);
    expect(r.errors[0]!.message).toContain('第5行：未找到姓名为“查无此人”的团员');
    expect(r.errors[1]!.message).toContain('不在您管理的范围内');
    expect(r.errors[2]!.message).toContain('晚于本周');

    // Re-importing the same list records nothing new.
    const again = await caller.youthStudy.import({ fileName: '青年大学习.xlsx', contentBase64: file });
    expect(again.recordedRows).toBe(0);
    expect(again.alreadyRows).toBe(3);

    const imports = await caller.youthStudy.imports();
    expect(imports[0]).toMatchObject({ fileName: '青年大学习.xlsx', recordedRows: 0, errorRows: 3 });
  });

  it('the week chosen at import wins; the session label comes from 学习期次', async () => {
    const { caller } = await callerAs(database, 'chengguan.branch');
    const lastWeek = addDays(week, -7);
    const file = await xlsx(
      [
        ['姓名', '所在团支部', '学习期次'],
        [me.name, branchName, '2026年第9期'],
      ],
      false,
    );
    const r = await caller.youthStudy.import({
      fileName: 'a.xlsx',
      contentBase64: file,
      weekStart: lastWeek,
    });
    expect(r.weeks).toEqual([lastWeek]);
    const sessions = await caller.youthStudy.sessions({ year: Number(lastWeek.slice(0, 4)) });
    expect(sessions.find((s) => s.weekStart === lastWeek)?.sessionLabel).toBe('2026年第9期');
    // A week that is not a Monday, or in the future, is refused.
    expect(
      (
        await errorOf(
          caller.youthStudy.import({ fileName: 'a.xlsx', contentBase64: file, weekStart: addDays(week, 2) }),
        )
      )?.message,
    ).toContain('周一');
    expect(
      (
        await errorOf(
          caller.youthStudy.import({ fileName: 'a.xlsx', contentBase64: file, weekStart: addDays(week, 7) }),
        )
      )?.message,
    ).toContain('尚未开始');
    // Without a date or a chosen week the row is reported.
    const r2 = await caller.youthStudy.import({ fileName: 'b.xlsx', contentBase64: file });
    expect(r2.errors[0]!.message).toContain('无法确定学习期次');
  });

  it('refuses files it cannot read, in Chinese', async () => {
    const { caller } = await callerAs(database, 'chengguan.branch');
    const noHeader = await xlsx(
      [
        ['备注', '说明'],
        ['x', 'y'],
      ],
      false,
    );
    expect(
      (await errorOf(caller.youthStudy.import({ fileName: 'c.xlsx', contentBase64: noHeader })))?.message,
    ).toContain('姓名');
    expect(
      (await errorOf(caller.youthStudy.import({ fileName: 'c.xls', contentBase64: noHeader })))?.message,
    ).toContain('.xlsx');
    const garbage = Buffer.from('not excel').toString('base64');
    expect(
      (await errorOf(caller.youthStudy.import({ fileName: 'c.xlsx', contentBase64: garbage })))?.message,
    ).toContain('不是有效');
  });

  it('the template is a file we can read back', async () => {
    const { caller } = await callerAs(database, 'chengguan.branch');
    const t = await caller.youthStudy.template();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(t.base64, 'base64') as unknown as ArrayBuffer);
    expect(wb.worksheets[0]!.getRow(1).values).toContain('团员编号');
  });
});

describe('youthStudy.week, mine, reminders, todos', () => {
  it('the secretary sees who has not completed this week', async () => {
    const { caller } = await callerAs(database, 'chengguan.branch');
    const v = await caller.youthStudy.week();
    expect(v.weekStart).toBe(week);
    expect(v.imported).toBe(true);
    expect(v.isCurrentWeek).toBe(true);
    expect(v.completed).toBe(2);
    expect(v.total).toBe(other.length + 1);
    expect(v.notCompleted.map((m) => m.memberId)).not.toContain(me.id);
    expect(v.notCompleted).toHaveLength(other.length - 1);
    const rem = await caller.youthStudy.reminders();
    expect(rem.study.notCompleted).toHaveLength(other.length - 1);
    expect(Array.isArray(rem.dues.members)).toBe(true);
    const todos = await caller.todos.list();
    expect(todos.find((t) => t.kind === 'youth_study_missing')?.count).toBe(other.length - 1);
  });

  it('a member sees their own record and a to-do when this week is missing', async () => {
    const mine = await (await callerAs(database, 'chengguan.member')).caller.youthStudy.mine();
    expect(mine.thisWeek).toMatchObject({ weekStart: week, completed: true });
    expect(mine.weeks[1]).toMatchObject({
      weekStart: addDays(week, -7),
      completed: true,
      sessionLabel: '2026年第9期',
    });
    const m1todos = await (await callerAs(database, 'chengguan.member')).caller.todos.list();
    expect(m1todos.find((t) => t.kind === 'youth_study_missing')?.count).toBe(0);
    const m2 = await callerAs(database, 'chengguan.member2');
    const m2mine = await m2.caller.youthStudy.mine();
    const m2todos = await m2.caller.todos.list();
    expect(m2todos.find((t) => t.kind === 'youth_study_missing')?.count).toBe(
      m2mine.thisWeek.completed ? 0 : 1,
    );
    // Members may not see the lists.
    expect((await errorOf(m2.caller.youthStudy.week()))?.appCode).toBe('FORBIDDEN_ROLE');
    expect(
      (await errorOf(m2.caller.youthStudy.import({ fileName: 'a.xlsx', contentBase64: 'AA==' })))?.appCode,
    ).toBe('FORBIDDEN_ROLE');
  });

  it('another organisation outside the scope is refused', async () => {
    const { caller } = await callerAs(database, 'chengguan.branch');
    const t = tenantTables(db, chengguan);
    const org = await t
      .selectFrom('organisations')
      .select('id')
      .where('path', 'not like', `${branchPath}%`)
      .executeTakeFirstOrThrow();
    expect((await errorOf(caller.youthStudy.week({ orgId: org.id })))?.appCode).toBe('FORBIDDEN_SCOPE');
  });

  it('the participation rate the rating reads', async () => {
    const year = Number(week.slice(0, 4));
    const r = await db.transaction().execute(async (trx) => {
      const tdb = (trx as unknown as Kysely<never>).withSchema(chengguan.schema_name!) as never;
      return participationPermille(tdb, branchPath, year);
    });
    expect(r.members).toBe(other.length + 1);
    expect(r.sessions).toBeGreaterThanOrEqual(2);
    expect(r.completions).toBeGreaterThanOrEqual(3);
    expect(r.permille).toBe(Math.floor((r.completions * 1000) / (r.members * r.sessions) + 0.5));
  });
});

describe('MEM-8 流动团员', () => {
  it('placed away: the responsible branch counts the member, the home branch keeps track; ending brings it back', async () => {
    const { caller } = await callerAs(database, 'chengguan.branch');
    const t = tenantTables(db, chengguan);
    const away = await t
      .selectFrom('organisations')
      .select(['id', 'path'])
      .where('kind', '=', 'branch')
      .where('status', '=', 'active')
      .where('path', 'not like', `${branchPath}%`)
      .orderBy('path')
      .executeTakeFirstOrThrow();
    const moved = other[0]!;
    const before = await caller.youthStudy.week();
    const p = await caller.youthStudy.mobilePlace({
      memberId: moved.id,
      responsibleOrgId: away.id,
      kind: 'work',
      place: '广东省深圳市',
    });
    expect(p).toMatchObject({ memberName: moved.name, side: 'home', kindLabel: '外出务工' });
    expect((await caller.youthStudy.week()).total).toBe(before.total - 1);
    expect((await caller.youthStudy.mobileList()).map((x) => x.id)).toContain(p.id);
    const again = await errorOf(
      caller.youthStudy.mobilePlace({
        memberId: moved.id,
        responsibleOrgId: away.id,
        kind: 'work',
        place: '深圳',
      }),
    );
    expect(again?.message).toContain('已登记为流动团员');
    // The district sees the member at the responsible branch, marked mobile.
    const admin = (await callerAs(database, 'chengguan.admin')).caller;
    const there = await admin.youthStudy.week({ orgId: away.id });
    expect(
      there.notCompleted.concat(there.completedMembers).find((m) => m.memberId === moved.id)?.mobile,
    ).toBe(true);
    // A branch secretary cannot place a member of another branch.
    const outsider = await errorOf(
      caller.youthStudy.mobilePlace({
        memberId: outside.id,
        responsibleOrgId: branchId,
        kind: 'study',
        place: '西安',
      }),
    );
    expect(outsider?.appCode).toBe('FORBIDDEN_SCOPE');
    const ended = await caller.youthStudy.mobileEnd({ id: p.id });
    expect(ended.endedOn).not.toBeNull();
    expect((await caller.youthStudy.week()).total).toBe(before.total);
  });
});
