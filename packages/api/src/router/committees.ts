/**
 * Issue 7 — 专门委员会 (COM-1…COM-3).
 *
 * `committees.*` (committee tenants; chair-only steps say so): roster and 卸职递补 with the plenary's
 * 确认案, research topics and field work, research reports with review, committee meetings, and
 * the sector view from rollups. `researchSubmissions.*` (district tenants, district_admin): submit a
 * research report to a committee, see the status of one's own submissions, revise a returned one.
 * Logic in `services/committees/`.
 */
import type { TRPCRouterRecord } from '@trpc/server';
import { dateSchema, idSchema } from '@tuanjian/domain';
import { z } from 'zod';
import type { Actor } from '../services/committees/common';
import * as district from '../services/committees/district';
import * as reports from '../services/committees/reports';
import * as rosterSvc from '../services/committees/roster';
import { sectorView } from '../services/committees/sector';
import * as work from '../services/committees/work';
import { tenantProcedure } from '../trpc';

const text = (label: string, max: number) =>
  z
    .string({ error: `请填写${label}` })
    .trim()
    .min(1, { error: `请填写${label}` })
    .max(max, { error: `${label}不能超过${max}个字` });
const optionalText = (label: string, max: number) =>
  z
    .string({ error: `${label}格式无效` })
    .trim()
    .max(max, { error: `${label}不能超过${max}个字` })
    .optional();
const fileIds = z.array(idSchema).max(20, { error: '附件最多20个' }).default([]);
const byId = z.object({ id: idSchema });
const actorOf = (ctx: { user: { id: string; display_name: string } }): Actor => ({
  userId: ctx.user.id,
  name: ctx.user.display_name,
});

const reportContent = z.object({
  title: text('报告标题', 100),
  summary: optionalText('内容摘要', 500),
  body: text('报告正文', 50000),
  fileIds,
});
const reportStatus = z.enum(['submitted', 'under_review', 'returned', 'accepted', 'adopted'], {
  error: '报告状态无效',
});

export const committeesRouter = {
  // ---------------------------------------------------------------- COM-1 roster
  roster: tenantProcedure.query(({ ctx }) => rosterSvc.roster(ctx.tdb, ctx.scope)),
  addRosterMember: tenantProcedure
    .input(
      z.object({
        name: text('姓名', 20),
        position: z.enum(['member', 'alternate'], { error: '请选择委员或候补委员' }),
        unitName: optionalText('工作单位', 60),
        startDate: dateSchema,
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const r = await rosterSvc.addMember(ctx.tdb, ctx.scope, input);
      ctx.audit.target('committee_roster', r.id, { position: r.position });
      return r;
    }),
  proposeChange: tenantProcedure
    .input(
      z.object({
        leavingId: idSchema,
        successorId: idSchema.nullish(),
        reason: text('卸职原因', 200),
        proposedOn: dateSchema,
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const r = await rosterSvc.propose(ctx.tdb, ctx.scope, actorOf(ctx), input);
      ctx.audit.target('roster_change', r.id, {
        leavingId: input.leavingId,
        successorId: input.successorId ?? null,
      });
      return r;
    }),
  decideChange: tenantProcedure
    .input(
      z.object({
        id: idSchema,
        decision: z.enum(['confirmed', 'rejected'], { error: '请选择确认或不予确认' }),
        decidedOn: dateSchema,
        meeting: text('确认的全委会会议', 100),
        resolutionNo: optionalText('确认案编号', 40),
        note: optionalText('说明', 200),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const r = await rosterSvc.decide(ctx.tdb, ctx.scope, input);
      ctx.audit.target('roster_change', r.id, { decision: input.decision, meeting: input.meeting });
      return r;
    }),

  // ---------------------------------------------------------------- COM-2 topics and field work
  topics: tenantProcedure.query(({ ctx }) => work.topics(ctx.tdb, ctx.scope)),
  topic: tenantProcedure.input(byId).query(({ ctx, input }) => work.topic(ctx.tdb, ctx.scope, input.id)),
  createTopic: tenantProcedure
    .input(
      z.object({
        title: text('课题名称', 100),
        plan: text('调研计划', 5000),
        leadName: optionalText('牵头人', 20),
        startOn: dateSchema,
        endOn: dateSchema.nullish(),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const r = await work.createTopic(ctx.tdb, ctx.scope, actorOf(ctx), input);
      ctx.audit.target('research_topic', r.id);
      return r;
    }),
  setTopicStatus: tenantProcedure
    .input(
      z.object({
        id: idSchema,
        status: z.enum(['planned', 'in_progress', 'concluded'], { error: '课题状态无效' }),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const r = await work.setTopicStatus(ctx.tdb, ctx.scope, input);
      ctx.audit.target('research_topic', r.id, { status: r.status });
      return r;
    }),
  addFieldwork: tenantProcedure
    .input(
      z.object({
        topicId: idSchema,
        visitedOn: dateSchema,
        place: text('调研地点', 100),
        participants: optionalText('参加人员', 200),
        findings: text('调研情况', 5000),
        fileIds,
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const r = await work.addFieldwork(ctx.tdb, ctx.scope, actorOf(ctx), input);
      ctx.audit.target('research_fieldwork', r.id);
      return r;
    }),

  // ---------------------------------------------------------------- COM-2 reports and review
  reports: tenantProcedure
    .input(
      z.object({ status: reportStatus.optional(), origin: z.enum(['committee', 'district']).optional() }),
    )
    .query(({ ctx, input }) => reports.list(ctx.tdb, ctx.scope, input)),
  report: tenantProcedure.input(byId).query(({ ctx, input }) => reports.get(ctx.tdb, ctx.scope, input.id)),
  createReport: tenantProcedure
    .input(reportContent.extend({ topicId: idSchema.nullish() }))
    .mutation(async ({ ctx, input }) => {
      const r = await reports.create(ctx.tdb, ctx.scope, actorOf(ctx), input);
      ctx.audit.target('research_report', r.id);
      return r;
    }),
  reviseReport: tenantProcedure
    .input(reportContent.extend({ id: idSchema }))
    .mutation(async ({ ctx, input }) => {
      const r = await reports.revise(ctx.tdb, ctx.scope, actorOf(ctx), input);
      ctx.audit.target('research_report', r.id, { version: r.version });
      return r;
    }),
  assignReviewers: tenantProcedure
    .input(
      z.object({
        id: idSchema,
        rosterIds: z
          .array(idSchema)
          .min(1, { error: '请至少指定一名审阅人' })
          .max(10, { error: '审阅人最多10名' }),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const r = await reports.assignReviewers(ctx.tdb, ctx.scope, actorOf(ctx), input);
      ctx.audit.target('research_report', r.id, { reviewers: input.rosterIds });
      return r;
    }),
  commentReport: tenantProcedure
    .input(z.object({ id: idSchema, body: text('审阅意见', 2000) }))
    .mutation(async ({ ctx, input }) => {
      const r = await reports.addComment(ctx.tdb, ctx.scope, actorOf(ctx), input);
      ctx.audit.target('research_report', r.id);
      return r;
    }),
  returnReport: tenantProcedure
    .input(z.object({ id: idSchema, comment: text('退回修改意见', 2000) }))
    .mutation(async ({ ctx, input }) => {
      const r = await reports.returnReport(ctx.tdb, ctx.scope, actorOf(ctx), input);
      ctx.audit.target('research_report', r.id, { status: r.status });
      return r;
    }),
  acceptReport: tenantProcedure
    .input(z.object({ id: idSchema, comment: optionalText('采纳意见', 2000) }))
    .mutation(async ({ ctx, input }) => {
      const r = await reports.accept(ctx.tdb, ctx.scope, actorOf(ctx), input);
      ctx.audit.target('research_report', r.id, { status: r.status });
      return r;
    }),
  adoptReport: tenantProcedure
    .input(
      z.object({
        id: idSchema,
        adoptedFor: z.enum(['plenary', 'secretaries_meeting'], { error: '请选择议事参考的会议' }),
        adoptedOn: dateSchema,
        note: optionalText('说明', 200),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const r = await reports.adopt(ctx.tdb, ctx.scope, actorOf(ctx), input);
      ctx.audit.target('research_report', r.id, { status: r.status, adoptedFor: input.adoptedFor });
      return r;
    }),

  // ---------------------------------------------------------------- work rules: meetings
  meetings: tenantProcedure.query(({ ctx }) => work.meetings(ctx.tdb, ctx.scope)),
  createMeeting: tenantProcedure
    .input(
      z.object({
        title: text('会议名称', 100),
        heldOn: dateSchema,
        location: optionalText('会议地点', 100),
        agenda: z.array(text('议程', 200)).min(1, { error: '请至少填写一项议程' }).max(20),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const r = await work.createMeeting(ctx.tdb, ctx.scope, actorOf(ctx), input);
      ctx.audit.target('committee_meeting', r.id);
      return r;
    }),
  recordMinutes: tenantProcedure
    .input(
      z.object({
        id: idSchema,
        minutes: text('会议纪要', 20000),
        attendeeIds: z.array(idSchema).max(50).default([]),
        reportIds: z.array(idSchema).max(20).default([]),
        fileIds,
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const r = await work.recordMinutes(ctx.tdb, ctx.scope, input);
      ctx.audit.target('committee_meeting', r.id, { status: r.status });
      return r;
    }),

  // ---------------------------------------------------------------- COM-3 sector view
  sector: tenantProcedure
    .input(z.object({ year: z.number().int().min(2000).max(2100).optional() }))
    .query(({ ctx, input }) => sectorView(ctx.tdb, ctx.scope, input, ctx.now())),
} satisfies TRPCRouterRecord;

export const researchSubmissionsRouter = {
  committees: tenantProcedure.query(({ ctx }) => district.committees(ctx.tdb, ctx.scope)),
  mine: tenantProcedure.query(({ ctx }) => district.mine(ctx.tdb, ctx.scope)),
  get: tenantProcedure.input(byId).query(({ ctx, input }) => district.get(ctx.tdb, ctx.scope, input.id)),
  submit: tenantProcedure
    .input(reportContent.extend({ committeeId: idSchema, sector: optionalText('所属领域', 40) }))
    .mutation(async ({ ctx, input }) => {
      const r = await district.submit(ctx.tdb, ctx.scope, actorOf(ctx), input);
      ctx.audit.target('research_submission', r.id, { committeeId: input.committeeId });
      return r;
    }),
  revise: tenantProcedure.input(reportContent.extend({ id: idSchema })).mutation(async ({ ctx, input }) => {
    const r = await district.revise(ctx.tdb, ctx.scope, input);
    ctx.audit.target('research_submission', r.id, { version: r.version });
    return r;
  }),
} satisfies TRPCRouterRecord;
