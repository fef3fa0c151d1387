/**
 * COM-1 roster: 主任, 委员 and 候补委员 of the committee, and 卸职递补 — a proposal (who leaves, which
 * 候补委员 moves up) that the plenary (全委会) confirms by a 确认案 (date, meeting, number). Only a
 * confirmed proposal changes the roster: the leaving member's seat ends on the decision date, the
 * alternate becomes 委员 (`promoted_on`). Proposals stay as the history.
 */
import { notFound } from '../../errors';
import type { Scope, TenantDb } from '../scope';
import { type Actor, committeeDb, conflict, invalid, iso, requireChair, requireCommittee } from './common';

export const POSITION_LABEL = { chair: '主任', member: '委员', alternate: '候补委员' } as const;

export async function roster(tdb: TenantDb, scope: Scope) {
  requireCommittee(scope);
  const c = committeeDb(tdb);
  const rows = await c
    .selectFrom('committee_roster')
    .select([
      'id',
      'user_id',
      'name',
      'position',
      'unit_name',
      'start_date',
      'end_date',
      'status',
      'promoted_on',
    ])
    .orderBy('status', 'desc')
    .orderBy('position')
    .orderBy('start_date')
    .orderBy('name')
    .execute();
  const changes = await c.selectFrom('roster_changes').selectAll().orderBy('created_at', 'desc').execute();
  const name = new Map(rows.map((r) => [r.id, r.name]));
  return {
    members: rows.map((r) => ({
      id: r.id,
      name: r.name,
      position: r.position,
      unitName: r.unit_name,
      startDate: r.start_date,
      endDate: r.end_date,
      status: r.status,
      promotedOn: r.promoted_on,
      hasAccount: r.user_id !== null,
      isMe: r.user_id === scope.userId,
    })),
    changes: changes.map((x) => ({
      id: x.id,
      leavingId: x.leaving_id,
      leavingName: name.get(x.leaving_id) ?? '',
      successorId: x.successor_id,
      successorName: x.successor_id ? (name.get(x.successor_id) ?? '') : null,
      reason: x.reason,
      proposedOn: x.proposed_on,
      proposedBy: x.proposed_by_name,
      status: x.status,
      decidedOn: x.decided_on,
      meeting: x.meeting,
      resolutionNo: x.resolution_no,
      decisionNote: x.decision_note,
      createdAt: iso(x.created_at),
    })),
  };
}

export async function addMember(
  tdb: TenantDb,
  scope: Scope,
  input: { name: string; position: 'member' | 'alternate'; unitName?: string; startDate: string },
) {
  requireChair(scope);
  const row = await committeeDb(tdb)
    .insertInto('committee_roster')
    .values({
      name: input.name,
      position: input.position,
      unit_name: input.unitName ?? null,
      start_date: input.startDate,
    })
    .returning(['id', 'name', 'position'])
    .executeTakeFirstOrThrow();
  return row;
}

export async function propose(
  tdb: TenantDb,
  scope: Scope,
  actor: Actor,
  input: { leavingId: string; successorId?: string | null; reason: string; proposedOn: string },
) {
  requireChair(scope);
  const c = committeeDb(tdb);
  const seats = await c
    .selectFrom('committee_roster')
    .select(['id', 'name', 'position', 'status'])
    .where('id', 'in', [input.leavingId, ...(input.successorId ? [input.successorId] : [])])
    .execute();
  const leaving = seats.find((s) => s.id === input.leavingId);
  if (!leaving) throw notFound('卸职委员');
  if (leaving.status !== 'serving') throw invalid(`${leaving.name}已卸职，不能再提出卸职递补`);
  if (leaving.position === 'alternate') throw invalid('候补委员不适用卸职递补，请选择委员或主任');
  if (input.successorId) {
    const successor = seats.find((s) => s.id === input.successorId);
    if (!successor) throw notFound('递补人选');
    if (successor.position !== 'alternate' || successor.status !== 'serving') {
      throw invalid('递补人选须为在任的候补委员');
    }
  }
  const open = await c
    .selectFrom('roster_changes')
    .select('id')
    .where('status', '=', 'proposed')
    .where((eb) =>
      eb.or([
        eb('leaving_id', '=', input.leavingId),
        ...(input.successorId ? [eb('successor_id', '=', input.successorId)] : []),
      ]),
    )
    .executeTakeFirst();
  if (open) throw conflict('该委员或递补人选已有待全委会确认的卸职递补提议');
  return c
    .insertInto('roster_changes')
    .values({
      leaving_id: input.leavingId,
      successor_id: input.successorId ?? null,
      reason: input.reason,
      proposed_on: input.proposedOn,
      proposed_by: actor.userId,
      proposed_by_name: actor.name,
    })
    .returning(['id', 'status'])
    .executeTakeFirstOrThrow();
}

/** Records the plenary's decision (确认案) on a proposal. */
export async function decide(
  tdb: TenantDb,
  scope: Scope,
  input: {
    id: string;
    decision: 'confirmed' | 'rejected';
    decidedOn: string;
    meeting: string;
    resolutionNo?: string;
    note?: string;
  },
) {
  requireChair(scope);
  const c = committeeDb(tdb);
  const change = await c
    .selectFrom('roster_changes')
    .selectAll()
    .where('id', '=', input.id)
    .forUpdate()
    .executeTakeFirst();
  if (!change) throw notFound('卸职递补提议');
  if (change.status !== 'proposed') throw invalid('该提议已由全委会作出决定，不能重复确认');
  if (input.decidedOn < change.proposed_on) throw invalid('确认日期不能早于提议日期');
  await c
    .updateTable('roster_changes')
    .set({
      status: input.decision,
      decided_on: input.decidedOn,
      meeting: input.meeting,
      resolution_no: input.resolutionNo ?? null,
      decision_note: input.note ?? null,
      decided_by: scope.userId,
    })
    .where('id', '=', input.id)
    .execute();
  if (input.decision === 'confirmed') {
    const leaving = await c
      .updateTable('committee_roster')
      .set({ status: 'resigned', end_date: input.decidedOn })
      .where('id', '=', change.leaving_id)
      .where('status', '=', 'serving')
      .returning('position')
      .executeTakeFirst();
    if (!leaving) throw invalid('卸职委员已不在任');
    if (change.successor_id) {
      const moved = await c
        .updateTable('committee_roster')
        .set({ position: 'member', promoted_on: input.decidedOn })
        .where('id', '=', change.successor_id)
        .where('position', '=', 'alternate')
        .where('status', '=', 'serving')
        .returning('id')
        .executeTakeFirst();
      if (!moved) throw invalid('递补人选已不是在任的候补委员');
    }
  }
  return { id: input.id, status: input.decision };
}
