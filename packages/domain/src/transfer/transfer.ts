/**
 * MEM-4 组织关系转接 and 学社衔接: statuses, who acts next, the receiver timeout (rule
 * `transfer.timeout`) and the school-to-society rate (rule `transfer.schoolToSociety`).
 * Pure: dates are Asia/Shanghai calendar dates ('YYYY-MM-DD').
 */
import { z } from 'zod';
import { addDays } from '../dates';
import type { Sector } from '../enums';

function labelled<const T extends string>(labels: Record<T, string>) {
  return { values: Object.keys(labels) as [T, ...T[]], labels };
}

const kinds = labelled({
  internal: '本单位内转接',
  cross_tenant: '跨区县转接',
  out_of_city: '转出本市',
});
export const TRANSFER_KINDS = kinds.values;
export type TransferKind = (typeof TRANSFER_KINDS)[number];
export const transferKindLabel: Record<TransferKind, string> = kinds.labels;

/** 申请 → 转出方审核 → 接收方审核 → 完成 / 退回 / 撤销 */
const statuses = labelled({
  pending_source: '待转出方审核',
  pending_target: '待接收方审核',
  completed: '已完成',
  returned: '已退回',
  cancelled: '已撤销',
});
export const TRANSFER_STATUSES = statuses.values;
export type TransferStatus = (typeof TRANSFER_STATUSES)[number];
export const transferStatusLabel: Record<TransferStatus, string> = statuses.labels;

export const OPEN_TRANSFER_STATUSES: readonly TransferStatus[] = ['pending_source', 'pending_target'];
export function isOpenTransfer(status: TransferStatus): boolean {
  return OPEN_TRANSFER_STATUSES.includes(status);
}

/** Timeline steps (每一步：谁、何时、意见). */
const steps = labelled({
  applied: '提交申请',
  source_approved: '转出方审核通过',
  target_accepted: '接收方接收',
  returned: '退回',
  cancelled: '撤销',
});
export const TRANSFER_STEPS = steps.values;
export type TransferStep = (typeof TRANSFER_STEPS)[number];
export const transferStepLabel: Record<TransferStep, string> = steps.labels;

export type TransferAction = 'approve' | 'accept' | 'return' | 'cancel';

/**
 * Which action is allowed in which status and by which side.
 * - approve: the source reviews (转出方审核) — out-of-city transfers complete here;
 * - accept: the receiver (接收方审核) — completes the transfer;
 * - return: the side whose turn it is sends it back (退回);
 * - cancel: the source withdraws it (撤销) while it is open.
 */
export function transferActionAllowed(
  action: TransferAction,
  status: TransferStatus,
  side: 'source' | 'target',
): boolean {
  switch (action) {
    case 'approve':
      return status === 'pending_source' && side === 'source';
    case 'accept':
      return status === 'pending_target' && side === 'target';
    case 'return':
      return (
        (status === 'pending_source' && side === 'source') ||
        (status === 'pending_target' && side === 'target')
      );
    case 'cancel':
      return isOpenTransfer(status) && side === 'source';
  }
}

/** The status a transfer leaves the source review in. */
export function statusAfterSourceApproval(kind: TransferKind): TransferStatus {
  return kind === 'out_of_city' ? 'completed' : 'pending_target';
}

/** Rule `transfer.timeout`: the last day the receiver may act (the day it reached the receiver + N). */
export function receiverDueOn(reachedReceiverOn: string, receiverDays: number): string {
  return addDays(reachedReceiverOn, receiverDays);
}

/** Escalated to the receiver's superior: still waiting for the receiver after its due day. */
export function isTransferEscalated(
  status: TransferStatus,
  receiverDue: string | null,
  today: string,
): boolean {
  return status === 'pending_target' && receiverDue !== null && today > receiverDue;
}

/** Days the receiver is past its due day (0 if not overdue). */
export function daysOverdue(receiverDue: string | null, today: string): number {
  if (receiverDue === null || today <= receiverDue) return 0;
  const a = Date.parse(`${receiverDue}T00:00:00Z`);
  const b = Date.parse(`${today}T00:00:00Z`);
  return Math.round((b - a) / 86_400_000);
}

/** What the receiver sees of a birth date: the year only. */
export function maskBirthDate(birthDate: string): string {
  return `${birthDate.slice(0, 4)}-**-**`;
}

/** 学社衔接 applies to graduating students of these sectors. */
export const SCHOOL_TO_SOCIETY_SECTORS: readonly Sector[] = [
  'university',
  'vocational_school',
  'high_school',
];
export function isSchoolToSocietySector(sector: string | null | undefined): boolean {
  return sector != null && (SCHOOL_TO_SOCIETY_SECTORS as readonly string[]).includes(sector);
}

export interface SchoolToSocietyRate {
  graduating: number;
  transferred: number;
  /** Percent with one decimal; null when nobody graduates. */
  percent: number | null;
  targetPercent: number;
  /** null when nobody graduates. */
  meetsTarget: boolean | null;
}

/** Rule `transfer.schoolToSociety`: transferred / graduating against the target (≥ minPercent). */
export function schoolToSocietyRate(
  graduating: number,
  transferred: number,
  minPercent: number,
): SchoolToSocietyRate {
  if (graduating <= 0) {
    return { graduating: 0, transferred: 0, percent: null, targetPercent: minPercent, meetsTarget: null };
  }
  const exact = (transferred * 100) / graduating;
  return {
    graduating,
    transferred,
    percent: Math.round(exact * 10) / 10,
    targetPercent: minPercent,
    // Compare exactly (integers), not the rounded percent.
    meetsTarget: transferred * 100 >= minPercent * graduating,
  };
}

export const transferKindSchema = z.enum(TRANSFER_KINDS, { error: '转接类型无效' });
export const transferStatusSchema = z.enum(TRANSFER_STATUSES, { error: '转接状态无效' });
export const transferNoteSchema = z
  .string({ error: '意见格式无效' })
  .trim()
  .max(500, { error: '意见不能超过500个字' });
export const externalOrgSchema = z.object({
  name: z
    .string({ error: '请填写接收组织名称' })
    .trim()
    .min(2, { error: '请填写接收组织名称' })
    .max(100, { error: '接收组织名称不能超过100个字' }),
  contact: z
    .string({ error: '请填写接收组织联系人或联系电话' })
    .trim()
    .min(2, { error: '请填写接收组织联系人或联系电话' })
    .max(100, { error: '联系方式不能超过100个字' }),
});
export const graduationYearSchema = z
  .number({ error: '毕业年份无效' })
  .int({ error: '毕业年份无效' })
  .min(2000, { error: '毕业年份无效' })
  .max(2100, { error: '毕业年份无效' });
