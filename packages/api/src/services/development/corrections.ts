/**
 * Correction of a wrongly recorded development step (MEM-2): the district admin withdraws the last
 * recorded step with a reason; the application goes back to the stage before and that step's
 * fields are cleared, so it can be recorded again correctly. The withdrawn values and the reason
 * are kept in the audit log (the procedure's entry). Approval and the oath cannot be withdrawn:
 * approval drew a 团员编号 and created the member (a number is never reissued).
 */
import { type DevelopmentStage, developmentStageLabel } from '@tuanjian/domain';
import type { AuditRecorder } from '../../audit';
import { tsValue } from '../../db-types';
import { appError, forbiddenRole, notFound } from '../../errors';
import type { Scope, TenantDb } from '../scope';

/** Per stage: the stage before it and the columns its step fills. */
const WITHDRAWABLE: Partial<
  Record<DevelopmentStage, { back: DevelopmentStage; columns: readonly string[] }>
> = {
  talked: { back: 'applied', columns: ['talk_on'] },
  activist: { back: 'talked', columns: ['activist_on', 'activist_source', 'activist_notice_on'] },
  candidate: { back: 'activist', columns: ['candidate_on'] },
  prechecked: { back: 'candidate', columns: ['precheck_on', 'volunteer_form_on'] },
  introduced: { back: 'prechecked', columns: ['introducer1_id', 'introducer2_id', 'introduced_on'] },
  voted: {
    back: 'introduced',
    columns: ['meeting_on', 'meeting_entitled', 'meeting_present', 'meeting_yes', 'meeting_no'],
  },
};

export async function withdrawStep(
  tdb: TenantDb,
  scope: Scope,
  audit: AuditRecorder,
  input: { id: string; reason: string },
): Promise<{ id: string; stage: DevelopmentStage; message: string }> {
  if (scope.role !== 'district_admin') {
    throw forbiddenRole('更正已登记的发展步骤须由区县团委管理员办理');
  }
  const reason = input.reason.trim();
  if (reason.length < 2) throw appError('BAD_REQUEST', 'INVALID_INPUT', '请填写更正原因（至少2个字）');
  const row = await tdb
    .selectFrom('development_applications')
    .selectAll()
    .where('id', '=', input.id)
    .forUpdate()
    .executeTakeFirst();
  if (!row) throw notFound('入团申请');
  const w = WITHDRAWABLE[row.stage];
  if (!w) {
    throw appError(
      'PRECONDITION_FAILED',
      'INVALID_STATE',
      row.stage === 'applied'
        ? '该申请还没有登记任何步骤，无需更正'
        : `“${developmentStageLabel[row.stage]}”已分配团员编号，不能撤回（团员编号不重复使用）`,
    );
  }
  const withdrawn = Object.fromEntries(
    w.columns.map((c) => [c, (row as Record<string, unknown>)[c] ?? null]),
  );
  const cleared = Object.fromEntries(w.columns.map((c) => [c, null]));
  await tdb
    .updateTable('development_applications')
    .set({ ...cleared, stage: w.back, updated_at: tsValue(new Date()) })
    .where('id', '=', row.id)
    .execute();
  audit.target('development_application', row.id, {
    action: 'withdraw_step',
    reason,
    from: row.stage,
    to: w.back,
    withdrawn,
  });
  return {
    id: row.id,
    stage: w.back,
    message: `已撤回${row.name}的“${developmentStageLabel[row.stage]}”登记，退回到“${developmentStageLabel[w.back]}”，可重新登记`,
  };
}
