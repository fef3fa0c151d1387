import {
  FINDING_SEVERITIES,
  FINDING_STATUSES,
  type FindingSeverity,
  type FindingStatus,
  findingSeverityLabel,
  findingStatusLabel,
  INSPECTION_METHODS,
  INSPECTION_SECTORS,
  inspectionMethodLabel,
  inspectionSectorLabel,
} from '@tuanjian/domain';
import { Tag } from 'antd';
import { UploadError, type UploadedFile } from '../../lib/upload';

export const methodOptions = INSPECTION_METHODS.map((m) => ({ value: m, label: inspectionMethodLabel[m] }));
export const sectorOptions = INSPECTION_SECTORS.map((s) => ({ value: s, label: inspectionSectorLabel[s] }));
export const severityOptions = FINDING_SEVERITIES.map((s) => ({ value: s, label: findingSeverityLabel[s] }));
export const statusOptions = FINDING_STATUSES.map((s) => ({ value: s, label: findingStatusLabel[s] }));

const STATUS_COLOR: Record<FindingStatus, string> = {
  open: 'orange',
  answered: 'blue',
  returned: 'red',
  closed: 'green',
};
const SEVERITY_COLOR: Record<FindingSeverity, string> = { minor: 'default', general: 'gold', serious: 'red' };

export function FindingStatusTag(props: { status: FindingStatus; overdue?: boolean }) {
  return (
    <>
      <Tag color={STATUS_COLOR[props.status]}>{findingStatusLabel[props.status]}</Tag>
      {props.overdue ? <Tag color="red">已逾期</Tag> : null}
    </>
  );
}

export function SeverityTag(props: { severity: FindingSeverity }) {
  return <Tag color={SEVERITY_COLOR[props.severity]}>{findingSeverityLabel[props.severity]}</Tag>;
}

/** An inspector's evidence goes to the inspected tenant: POST /api/inspection-evidence with the target. */
export function evidenceUploader(targetId: string | undefined) {
  return async (file: File): Promise<UploadedFile> => {
    if (!targetId) throw new UploadError('请先选择被检查组织', undefined);
    const body = new FormData();
    body.append('file', file, file.name);
    body.append('targetId', targetId);
    let res: Response;
    try {
      res = await fetch('/api/inspection-evidence', {
        method: 'POST',
        body,
        credentials: 'same-origin',
        headers: { 'X-Requested-With': 'tuanjian' },
      });
    } catch {
      throw new UploadError('无法连接服务器，请检查网络后重试', undefined);
    }
    const json = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
    if (!res.ok) throw new UploadError(json?.error?.message ?? '上传失败，请稍后重试', res.status);
    return json as unknown as UploadedFile;
  };
}

export function FileLinks(props: { files: { id: string; url: string; originalName: string }[] }) {
  if (props.files.length === 0) return <span style={{ color: '#999' }}>无</span>;
  return (
    <span>
      {props.files.map((f) => (
        <a key={f.id} href={f.url} target="_blank" rel="noreferrer" style={{ marginRight: 12 }}>
          {f.originalName}
        </a>
      ))}
    </span>
  );
}
