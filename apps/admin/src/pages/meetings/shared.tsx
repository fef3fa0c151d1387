import {
  type ComplianceStatus,
  complianceStatusLabel,
  MEETING_KINDS,
  meetingKindLabel,
} from '@tuanjian/domain';
import { Tag } from 'antd';

export const KIND_OPTIONS = MEETING_KINDS.map((k) => ({ value: k, label: meetingKindLabel[k] }));

const STATUS_COLOR: Record<ComplianceStatus, string> = {
  met: 'success',
  missing: 'error',
  upcoming: 'processing',
  not_applicable: 'default',
};

export function StatusTag(props: { status: ComplianceStatus; text?: string }) {
  return <Tag color={STATUS_COLOR[props.status]}>{props.text ?? complianceStatusLabel[props.status]}</Tag>;
}

/** Years offered in the pickers: from 2019 (rule data start) to next year. */
export function yearOptions(current: number) {
  const out: { value: number; label: string }[] = [];
  for (let y = current + 1; y >= Math.max(2019, current - 6); y--) out.push({ value: y, label: `${y}年` });
  return out;
}
