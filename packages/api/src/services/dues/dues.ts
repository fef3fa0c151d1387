/**
 * 团费 (MEM-3): who owes what per branch and month, bulk recording of payments, a member's own
 * status, collection rates per branch and tenant, the lapse-candidate list and its decisions.
 * Amounts are computed here from rule data — clients never send an amount.
 */
import {
  addMonthsToMonth,
  addToTally,
  arrears,
  type CollectionTally,
  collectionPermille,
  type DuesCategory,
  duesCategoryLabel,
  duesStartMonth,
  emptyTally,
  firstDayOf,
  formatChineseMonth,
  formatFen,
  type LapseDecision,
  lapseCheck,
  monthlyDues,
  monthRange,
  type PaymentMethod,
  shanghaiMonth,
  todayInShanghai,
} from '@tuanjian/domain';
import { sql } from 'kysely';
import { asDate } from '../../db-types';
import { appError, forbiddenRole, forbiddenScope, notFound } from '../../errors';
import { getOrgInScope } from '../organisations';
import { escapeLike, pathInScope, type Scope, type TenantDb } from '../scope';
import { voidRefusal } from './corrections';
import { loadRuleBook } from './rules';

export interface Actor {
  id: string;
  name: string;
}

function assertManager(scope: Scope): void {
  if (scope.role !== 'district_admin' && scope.role !== 'org_secretary') {
    throw forbiddenRole('仅区县团委管理员和团组织书记可以管理团费');
  }
}

interface DuesMemberRow {
  id: string;
  name: string;
  member_number: string | null;
  join_date: string | null;
  dues_category: DuesCategory;
  declared_pay_fen: number | null;
  /** The branch responsible for the member now (MEM-8: a mobile member's responsible branch). */
  org_id: string;
  org_name: string;
  org_path: string;
  /** Placed away with another branch (an open `mobile_placements` row). */
  mobile: boolean;
}

/**
 * Members with the organisation responsible for them now (MEM-8): an open placement's responsible
 * branch, else the home branch (`members.org_id`) — the same join as `responsibleMembers`, so a
 * mobile member's dues are listed, collected and counted at the responsible branch.
 */
function membersWithResponsibleOrg(tdb: TenantDb) {
  return tdb
    .selectFrom('members as m')
    .leftJoin('mobile_placements as mp', (j) =>
      j.onRef('mp.member_id', '=', 'm.id').on('mp.ended_on', 'is', null),
    )
    .innerJoin('organisations as o', (j) =>
      j.on(sql<boolean>`o.id = coalesce(mp.responsible_org_id, m.org_id)`),
    )
    .select([
      'm.id',
      'm.name',
      'm.member_number',
      'm.join_date',
      'm.dues_category',
      'm.declared_pay_fen',
      'o.id as org_id',
      'o.name as org_name',
      'o.path as org_path',
      sql<boolean>`mp.id is not null`.as('mobile'),
    ]);
}

/** Active members an organisation's subtree (or the whole scope when orgPath is null) is responsible for. */
async function membersUnder(tdb: TenantDb, scope: Scope, orgPath: string | null): Promise<DuesMemberRow[]> {
  let q = membersWithResponsibleOrg(tdb).where('m.status', '=', 'active');
  const path = orgPath ?? scope.org?.path ?? null;
  if (path) q = q.where('o.path', 'like', `${escapeLike(path)}%`);
  const rows = await q.orderBy('o.path').orderBy('m.name').execute();
  return rows.map((r) => ({ ...r, mobile: Boolean(r.mobile) })) as DuesMemberRow[];
}

async function paidMonthsOf(
  tdb: TenantDb,
  memberIds: string[],
): Promise<Map<string, Map<string, { amountFen: number; paymentId: string }>>> {
  const out = new Map<string, Map<string, { amountFen: number; paymentId: string }>>();
  if (memberIds.length === 0) return out;
  for (let i = 0; i < memberIds.length; i += 1000) {
    const rows = await tdb
      .selectFrom('dues_payment_months')
      .select(['member_id', 'month', 'amount_fen', 'payment_id'])
      .where('member_id', 'in', memberIds.slice(i, i + 1000))
      .execute();
    for (const r of rows) {
      let m = out.get(r.member_id);
      if (!m) {
        m = new Map();
        out.set(r.member_id, m);
      }
      m.set(r.month, { amountFen: r.amount_fen, paymentId: r.payment_id });
    }
  }
  return out;
}

interface Calculator {
  trackingFrom: string;
  currentMonth: string;
  payable(
    m: Pick<DuesMemberRow, 'dues_category' | 'declared_pay_fen'>,
    month: string,
  ): { fen: number; basis: string };
  lapseRule: { consecutiveMonths: number };
  standardSource: string;
}

async function calculator(tdb: TenantDb, now: Date): Promise<Calculator> {
  const std = await loadRuleBook(tdb, 'dues.standard');
  const tracking = await loadRuleBook(tdb, 'dues.tracking');
  const lapse = await loadRuleBook(tdb, 'member.lapse');
  const today = todayInShanghai(now);
  return {
    trackingFrom: tracking(today).value.fromMonth,
    currentMonth: shanghaiMonth(now),
    payable: (m, month) => monthlyDues(m.dues_category, m.declared_pay_fen, std(firstDayOf(month)).value),
    lapseRule: lapse(today).value,
    standardSource: std(today).source,
  };
}

export interface DuesRow {
  memberId: string;
  name: string;
  memberNumber: string | null;
  orgId: string;
  orgName: string;
  category: DuesCategory;
  categoryLabel: string;
  declaredPayFen: number | null;
  /** payable for the month asked for */
  payableFen: number;
  basis: string;
  paid: boolean;
  /** The payment covering the month asked for (to void a wrong record), when paid. */
  paymentId: string | null;
  arrearsMonths: string[];
  arrearsFen: number;
  lapseCandidate: boolean;
  /** 流动团员: placed with this branch from another home branch, or away from it (MEM-8). */
  mobile: boolean;
}

export interface BranchMonth {
  org: { id: string; name: string };
  month: string;
  currentMonth: string;
  source: string;
  rows: DuesRow[];
  tally: CollectionTally;
  permille: number | null;
}

/** Who owes what in an organisation (subtree) for a month, with each member's arrears to date. */
export async function branchMonth(
  tdb: TenantDb,
  scope: Scope,
  input: { orgId?: string; month?: string },
  now: Date,
): Promise<BranchMonth> {
  assertManager(scope);
  const calc = await calculator(tdb, now);
  const month = input.month ?? calc.currentMonth;
  const org = input.orgId
    ? await getOrgInScope(tdb, scope, input.orgId)
    : scope.org
      ? { id: scope.org.id, name: scope.org.name, path: scope.org.path }
      : null;
  const members = await membersUnder(tdb, scope, org?.path ?? null);
  const paid = await paidMonthsOf(
    tdb,
    members.map((m) => m.id),
  );
  const tally = emptyTally();
  const rows: DuesRow[] = members.map((m) => {
    const start = duesStartMonth(m.join_date, calc.trackingFrom);
    const months = new Set(paid.get(m.id)?.keys() ?? []);
    const pay = calc.payable(m, month);
    const isPaid = months.has(month);
    if (month >= start) addToTally(tally, pay.fen, isPaid);
    const a = arrears(start, calc.currentMonth, months, (x) => calc.payable(m, x).fen);
    return {
      memberId: m.id,
      name: m.name,
      memberNumber: m.member_number,
      orgId: m.org_id,
      orgName: m.org_name,
      category: m.dues_category,
      categoryLabel: duesCategoryLabel(m.dues_category),
      declaredPayFen: m.declared_pay_fen,
      payableFen: isPaid ? (paid.get(m.id)?.get(month)?.amountFen ?? pay.fen) : pay.fen,
      basis: pay.basis,
      paid: isPaid,
      paymentId: paid.get(m.id)?.get(month)?.paymentId ?? null,
      arrearsMonths: a.months,
      arrearsFen: a.totalFen,
      lapseCandidate: lapseCheck(start, calc.currentMonth, months, calc.lapseRule).candidate,
      mobile: m.mobile,
    };
  });
  return {
    org: org ? { id: org.id, name: org.name } : { id: '', name: scope.tenant.name },
    month,
    currentMonth: calc.currentMonth,
    source: calc.standardSource,
    rows,
    tally,
    permille: collectionPermille(tally),
  };
}

export interface RecordInput {
  memberIds: string[];
  months: string[];
  paidOn?: string;
  method: PaymentMethod;
  note?: string;
}

export interface RecordResult {
  payments: number;
  months: number;
  totalFen: number;
  message: string;
}

/**
 * Record dues collected: for each member, one payment covering the given months, each at the
 * amount the rule in force that month gives. A month already paid, before the member owes dues or
 * more than 12 months ahead is refused (nothing is recorded).
 */
export async function recordPayments(
  tdb: TenantDb,
  scope: Scope,
  input: RecordInput,
  actor: Actor,
  now: Date,
): Promise<RecordResult> {
  assertManager(scope);
  const calc = await calculator(tdb, now);
  const paidOn = input.paidOn ?? todayInShanghai(now);
  if (paidOn > todayInShanghai(now)) {
    throw appError('BAD_REQUEST', 'INVALID_INPUT', '缴纳日期不能晚于今天');
  }
  const months = [...new Set(input.months)].sort();
  const latest = addMonthsToMonth(calc.currentMonth, 12);
  if (months.some((m) => m > latest)) {
    throw appError('PRECONDITION_FAILED', 'INVALID_STATE', `最多预交至${formatChineseMonth(latest)}`);
  }
  const ids = [...new Set(input.memberIds)];
  // The responsible branch (MEM-8) collects and is recorded on the payment.
  const rows = await membersWithResponsibleOrg(tdb).select('m.status').where('m.id', 'in', ids).execute();
  if (rows.length !== ids.length) throw notFound('团员');
  const paid = await paidMonthsOf(tdb, ids);
  let totalFen = 0;
  let count = 0;
  for (const m of rows) {
    if (!pathInScope(scope, m.org_path)) throw forbiddenScope(`${m.name}不在您管理的范围内`);
    if (m.status !== 'active') {
      throw appError('PRECONDITION_FAILED', 'INVALID_STATE', `${m.name}不是在册团员，不能登记团费`);
    }
    const start = duesStartMonth(m.join_date, calc.trackingFrom);
    const early = months.find((x) => x < start);
    if (early) {
      throw appError(
        'PRECONDITION_FAILED',
        'INVALID_STATE',
        `${m.name}自${formatChineseMonth(start)}起交纳团费，不能登记${formatChineseMonth(early)}`,
      );
    }
    const dup = months.find((x) => paid.get(m.id)?.has(x));
    if (dup) {
      throw appError('CONFLICT', 'CONFLICT', `${m.name}${formatChineseMonth(dup)}的团费已登记，不能重复登记`);
    }
    const amounts = months.map((x) => calc.payable(m as DuesMemberRow, x).fen);
    const amount = amounts.reduce((s, x) => s + x, 0);
    const payment = await tdb
      .insertInto('dues_payments')
      .values({
        member_id: m.id,
        org_id: m.org_id,
        amount_fen: amount,
        paid_on: paidOn,
        method: input.method,
        collected_by: actor.id,
        collected_by_name: actor.name,
        note: input.note ?? null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await tdb
      .insertInto('dues_payment_months')
      .values(
        months.map((x, i) => ({
          member_id: m.id,
          month: x,
          payment_id: payment.id,
          amount_fen: amounts[i] ?? 0,
        })),
      )
      .execute();
    totalFen += amount;
    count += 1;
  }
  return {
    payments: count,
    months: months.length,
    totalFen,
    message: `已登记${count}人${months.map(formatChineseMonth).join('、')}团费，共${formatFen(totalFen)}`,
  };
}

export interface MemberDuesStatus {
  member: { id: string; name: string; memberNumber: string | null; orgName: string };
  category: DuesCategory;
  categoryLabel: string;
  declaredPayFen: number | null;
  payableFen: number;
  basis: string;
  source: string;
  currentMonth: string;
  startMonth: string;
  paid: {
    month: string;
    amountFen: number;
    paidOn: string;
    method: PaymentMethod;
    collectedByName: string;
    paymentId: string;
    /** The acting manager may still void it (see corrections.ts); always false for a member. */
    canVoid: boolean;
  }[];
  /** Voided (撤销) payments, newest first: never deleted, shown with the reason. */
  voided: {
    paymentId: string;
    months: string[];
    amountFen: number;
    paidOn: string;
    collectedByName: string;
    reason: string;
    voidedByName: string;
    voidedAt: Date;
  }[];
  arrearsMonths: string[];
  arrearsFen: number;
  lapse: { candidate: boolean; message: string };
}

/** One member's dues: a `member` grant sees only its own; managers any member in scope. */
export async function memberStatus(
  tdb: TenantDb,
  scope: Scope,
  memberId: string | undefined,
  now: Date,
): Promise<MemberDuesStatus> {
  const id = scope.role === 'member' ? scope.memberId : memberId;
  if (scope.role === 'member' && memberId && memberId !== scope.memberId) {
    throw forbiddenScope('只能查看本人的团费情况');
  }
  if (!id) throw appError('BAD_REQUEST', 'INVALID_INPUT', '请指定团员');
  const m = await tdb
    .selectFrom('members as m')
    .innerJoin('organisations as o', 'o.id', 'm.org_id')
    .select([
      'm.id',
      'm.name',
      'm.member_number',
      'm.join_date',
      'm.dues_category',
      'm.declared_pay_fen',
      'm.org_id',
      'o.name as org_name',
      'o.path as org_path',
    ])
    .where('m.id', '=', id)
    .executeTakeFirst();
  if (!m) throw notFound('团员');
  if (scope.role !== 'member' && !pathInScope(scope, m.org_path)) throw forbiddenScope();
  const calc = await calculator(tdb, now);
  const paidRows = await tdb
    .selectFrom('dues_payment_months as pm')
    .innerJoin('dues_payments as p', 'p.id', 'pm.payment_id')
    .select([
      'pm.month',
      'pm.amount_fen',
      'pm.payment_id',
      'p.paid_on',
      'p.method',
      'p.collected_by_name',
      'p.created_at',
      'p.org_id',
    ])
    .where('pm.member_id', '=', id)
    .orderBy('pm.month', 'desc')
    .execute();
  const voidRows = await tdb
    .selectFrom('dues_payment_voids as v')
    .innerJoin('dues_payments as p', 'p.id', 'v.payment_id')
    .select([
      'v.payment_id',
      'v.months',
      'v.reason',
      'v.voided_by_name',
      'v.voided_at',
      'p.amount_fen',
      'p.paid_on',
      'p.collected_by_name',
    ])
    .where('p.member_id', '=', id)
    .orderBy('v.voided_at', 'desc')
    .execute();
  // Which payments the acting manager may still void (scope of the paying organisation + window).
  const canVoid = new Map<string, boolean>();
  if (scope.role !== 'member') {
    const orgIds = [...new Set(paidRows.map((r) => r.org_id))];
    const paths = new Map(
      orgIds.length
        ? (
            await tdb.selectFrom('organisations').select(['id', 'path']).where('id', 'in', orgIds).execute()
          ).map((o) => [o.id, o.path])
        : [],
    );
    for (const r of paidRows) {
      if (canVoid.has(r.payment_id)) continue;
      const inScope = pathInScope(scope, paths.get(r.org_id) ?? '');
      canVoid.set(
        r.payment_id,
        inScope && (await voidRefusal(tdb, scope, asDate(r.created_at), now)) === null,
      );
    }
  }
  const start = duesStartMonth(m.join_date, calc.trackingFrom);
  const months = new Set(paidRows.map((r) => r.month));
  const pay = calc.payable(m as DuesMemberRow, calc.currentMonth);
  const a = arrears(start, calc.currentMonth, months, (x) => calc.payable(m as DuesMemberRow, x).fen);
  const lapse = lapseCheck(start, calc.currentMonth, months, calc.lapseRule);
  return {
    member: { id: m.id, name: m.name, memberNumber: m.member_number, orgName: m.org_name },
    category: m.dues_category,
    categoryLabel: duesCategoryLabel(m.dues_category),
    declaredPayFen: m.declared_pay_fen,
    payableFen: pay.fen,
    basis: pay.basis,
    source: calc.standardSource,
    currentMonth: calc.currentMonth,
    startMonth: start,
    paid: paidRows.map((r) => ({
      month: r.month,
      amountFen: r.amount_fen,
      paidOn: r.paid_on,
      method: r.method,
      collectedByName: r.collected_by_name,
      paymentId: r.payment_id,
      canVoid: canVoid.get(r.payment_id) ?? false,
    })),
    voided: voidRows.map((v) => {
      const months = (typeof v.months === 'string' ? JSON.parse(v.months) : v.months) as { month: string }[];
      return {
        paymentId: v.payment_id,
        months: months.map((m) => m.month),
        amountFen: v.amount_fen,
        paidOn: v.paid_on,
        collectedByName: v.collected_by_name,
        reason: v.reason,
        voidedByName: v.voided_by_name,
        voidedAt: asDate(v.voided_at),
      };
    }),
    arrearsMonths: a.months,
    arrearsFen: a.totalFen,
    lapse: { candidate: lapse.candidate, message: lapse.message },
  };
}

export interface CollectionRow {
  orgId: string;
  name: string;
  parentName: string | null;
  memberCount: number;
  tally: CollectionTally;
  permille: number | null;
  /** per month of the year (up to the current month), permille or null */
  byMonth: (number | null)[];
}

export interface CollectionReport {
  year: number;
  months: string[];
  scopeName: string;
  branches: CollectionRow[];
  total: Omit<CollectionRow, 'orgId' | 'name' | 'parentName'>;
}

/** Collection rate per branch (团支部) and for the whole scope, by month of a year and for the year. */
export async function collection(
  tdb: TenantDb,
  scope: Scope,
  input: { year: number; orgId?: string },
  now: Date,
): Promise<CollectionReport> {
  assertManager(scope);
  const calc = await calculator(tdb, now);
  const org = input.orgId ? await getOrgInScope(tdb, scope, input.orgId) : null;
  const members = await membersUnder(tdb, scope, org?.path ?? null);
  const paid = await paidMonthsOf(
    tdb,
    members.map((m) => m.id),
  );
  const yearEnd = `${input.year}-12`;
  const months = monthRange(`${input.year}-01`, yearEnd < calc.currentMonth ? yearEnd : calc.currentMonth);
  const branches = new Map<string, CollectionRow & { monthTallies: CollectionTally[] }>();
  const total = { memberCount: 0, tally: emptyTally(), monthTallies: months.map(() => emptyTally()) };
  const orgIds = [...new Set(members.map((m) => m.org_id))];
  const parents = orgIds.length
    ? await tdb
        .selectFrom('organisations as o')
        .leftJoin('organisations as p', 'p.id', 'o.parent_id')
        .select(['o.id', 'p.name as parent_name'])
        .where('o.id', 'in', orgIds)
        .execute()
    : [];
  const parentOf = new Map(parents.map((p) => [p.id, p.parent_name]));
  for (const m of members) {
    let b = branches.get(m.org_id);
    if (!b) {
      b = {
        orgId: m.org_id,
        name: m.org_name,
        parentName: parentOf.get(m.org_id) ?? null,
        memberCount: 0,
        tally: emptyTally(),
        permille: null,
        byMonth: [],
        monthTallies: months.map(() => emptyTally()),
      };
      branches.set(m.org_id, b);
    }
    b.memberCount += 1;
    total.memberCount += 1;
    const start = duesStartMonth(m.join_date, calc.trackingFrom);
    const pm = paid.get(m.id);
    months.forEach((month, i) => {
      if (month < start) return;
      const fen = pm?.get(month)?.amountFen ?? calc.payable(m, month).fen;
      const isPaid = pm?.has(month) ?? false;
      addToTally(b.tally, fen, isPaid);
      addToTally(b.monthTallies[i] as CollectionTally, fen, isPaid);
      addToTally(total.tally, fen, isPaid);
      addToTally(total.monthTallies[i] as CollectionTally, fen, isPaid);
    });
  }
  const rows = [...branches.values()].map(({ monthTallies, ...b }) => ({
    ...b,
    permille: collectionPermille(b.tally),
    byMonth: monthTallies.map(collectionPermille),
  }));
  return {
    year: input.year,
    months,
    scopeName: org?.name ?? scope.org?.name ?? scope.tenant.name,
    branches: rows,
    total: {
      memberCount: total.memberCount,
      tally: total.tally,
      permille: collectionPermille(total.tally),
      byMonth: total.monthTallies.map(collectionPermille),
    },
  };
}

export interface LapseCandidate {
  memberId: string;
  name: string;
  memberNumber: string | null;
  orgId: string;
  orgName: string;
  unpaidMonths: string[];
  lastPaidMonth: string | null;
  message: string;
  decision: { decision: LapseDecision; meetingDate: string; note: string | null } | null;
}

/** Members with the lapse flag (computed), with the latest decision recorded for each, if any. */
export async function lapseCandidates(
  tdb: TenantDb,
  scope: Scope,
  input: { orgId?: string },
  now: Date,
): Promise<{ rule: string; items: LapseCandidate[] }> {
  assertManager(scope);
  const calc = await calculator(tdb, now);
  const org = input.orgId ? await getOrgInScope(tdb, scope, input.orgId) : null;
  const members = await membersUnder(tdb, scope, org?.path ?? null);
  const paid = await paidMonthsOf(
    tdb,
    members.map((m) => m.id),
  );
  const items: LapseCandidate[] = [];
  for (const m of members) {
    const months = new Set(paid.get(m.id)?.keys() ?? []);
    const start = duesStartMonth(m.join_date, calc.trackingFrom);
    const c = lapseCheck(start, calc.currentMonth, months, calc.lapseRule);
    if (!c.candidate) continue;
    const sorted = [...months].sort();
    items.push({
      memberId: m.id,
      name: m.name,
      memberNumber: m.member_number,
      orgId: m.org_id,
      orgName: m.org_name,
      unpaidMonths: c.unpaidRun,
      lastPaidMonth: sorted.at(-1) ?? null,
      message: c.message,
      decision: null,
    });
  }
  if (items.length) {
    const decisions = await tdb
      .selectFrom('lapse_decisions')
      .select(['member_id', 'decision', 'meeting_date', 'note', 'created_at'])
      .where(
        'member_id',
        'in',
        items.map((i) => i.memberId),
      )
      .orderBy('created_at')
      .execute();
    const byMember = new Map(decisions.map((d) => [d.member_id, d]));
    for (const i of items) {
      const d = byMember.get(i.memberId);
      if (d) i.decision = { decision: d.decision, meetingDate: d.meeting_date, note: d.note };
    }
  }
  return {
    rule: `连续${calc.lapseRule.consecutiveMonths}个月不交纳团费（《中国共产主义青年团章程》第八条）`,
    items,
  };
}

/**
 * Record the branch general meeting's decision on a lapse candidate. 认定自行脱团 sets the member's
 * status to `lapsed`; the member must currently be a candidate.
 */
export async function decideLapse(
  tdb: TenantDb,
  scope: Scope,
  input: { memberId: string; decision: LapseDecision; meetingDate: string; note?: string },
  actor: Actor,
  now: Date,
): Promise<{ ok: true; message: string }> {
  assertManager(scope);
  const m = await tdb
    .selectFrom('members as m')
    .innerJoin('organisations as o', 'o.id', 'm.org_id')
    .select(['m.id', 'm.name', 'm.join_date', 'm.status', 'm.org_id', 'o.path'])
    .where('m.id', '=', input.memberId)
    .executeTakeFirst();
  if (!m) throw notFound('团员');
  if (!pathInScope(scope, m.path)) throw forbiddenScope();
  if (m.status !== 'active') throw appError('PRECONDITION_FAILED', 'INVALID_STATE', `${m.name}不是在册团员`);
  if (input.meetingDate > todayInShanghai(now)) {
    throw appError('BAD_REQUEST', 'INVALID_INPUT', '团员大会日期不能晚于今天');
  }
  const calc = await calculator(tdb, now);
  const paid = await paidMonthsOf(tdb, [m.id]);
  const c = lapseCheck(
    duesStartMonth(m.join_date, calc.trackingFrom),
    calc.currentMonth,
    new Set(paid.get(m.id)?.keys() ?? []),
    calc.lapseRule,
  );
  if (!c.candidate) {
    throw appError(
      'PRECONDITION_FAILED',
      'INVALID_STATE',
      `${m.name}${c.message}，不能认定自行脱团（《中国共产主义青年团章程》第八条）`,
    );
  }
  await tdb
    .insertInto('lapse_decisions')
    .values({
      member_id: m.id,
      org_id: m.org_id,
      decision: input.decision,
      meeting_date: input.meetingDate,
      unpaid_months: c.unpaidRun.length,
      note: input.note ?? null,
      recorded_by: actor.id,
    })
    .execute();
  if (input.decision === 'lapsed') {
    await tdb
      .updateTable('members')
      .set({ status: 'lapsed', updated_at: sql`now()` })
      .where('id', '=', m.id)
      .execute();
  }
  return {
    ok: true,
    message: input.decision === 'lapsed' ? `已认定${m.name}自行脱团` : `已记录：${m.name}经教育保留团籍`,
  };
}

/** Set a member's dues category and declared pay. */
export async function setCategory(
  tdb: TenantDb,
  scope: Scope,
  input: { memberId: string; category: DuesCategory; declaredPayFen: number | null },
): Promise<{ ok: true }> {
  assertManager(scope);
  const m = await tdb
    .selectFrom('members as m')
    .innerJoin('organisations as o', 'o.id', 'm.org_id')
    .select(['m.id', 'o.path'])
    .where('m.id', '=', input.memberId)
    .executeTakeFirst();
  if (!m) throw notFound('团员');
  if (!pathInScope(scope, m.path)) throw forbiddenScope();
  await tdb
    .updateTable('members')
    .set({
      dues_category: input.category,
      declared_pay_fen: input.category === 'wage' ? input.declaredPayFen : null,
      updated_at: sql`now()`,
    })
    .where('id', '=', m.id)
    .execute();
  return { ok: true };
}
