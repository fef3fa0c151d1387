/**
 * The audit trail of one request. A procedure names what it touched with `ctx.audit.target(...)`;
 * the procedure middleware writes the entry (who, tenant, action = procedure path, target, when)
 * in the same transaction as the write.
 */
import { writeAudit } from '@tuanjian/db';

export type AuditExecutor = Parameters<typeof writeAudit>[0];

export interface AuditEntry {
  userId: string | null;
  tenantId: string | null;
  action: string;
  targetType?: string | null;
  targetId?: string | null;
  detail?: Record<string, unknown> | null;
  ip?: string | null;
}

export class AuditRecorder {
  targetType: string | null = null;
  targetId: string | null = null;
  detail: Record<string, unknown> | null = null;

  /** Name the record a mutation touched, and optionally what changed (never secrets). */
  target(type: string, id: string | null, detail?: Record<string, unknown>): void {
    this.targetType = type;
    this.targetId = id;
    if (detail) this.detail = { ...(this.detail ?? {}), ...detail };
  }
}

export async function recordAudit(executor: AuditExecutor, entry: AuditEntry): Promise<void> {
  await writeAudit(executor, {
    userId: entry.userId,
    tenantId: entry.tenantId,
    action: entry.action,
    targetType: entry.targetType ?? null,
    targetId: entry.targetId ?? null,
    detail: entry.detail ?? null,
    ip: entry.ip ?? null,
  });
}
