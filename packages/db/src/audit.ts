import type { Kysely } from 'kysely';
import type { PlatformDatabase } from './schema';

export interface AuditEntry {
  userId: string | null;
  tenantId: string | null;
  /** e.g. 'organisations.create', 'auth.login', 'members.revealIdCard' */
  action: string;
  targetType?: string | null;
  targetId?: string | null;
  /** Any JSON-serialisable value (never secrets). */
  detail?: unknown;
  ip?: string | null;
}

/**
 * Appends to `platform.audit_log`. Works on the platform handle and inside `withTenant` (tenant
 * roles may INSERT but not read the log — hence no RETURNING).
 */
export async function writeAudit(executor: Kysely<PlatformDatabase>, entry: AuditEntry): Promise<void> {
  if (!entry.action || entry.action.length > 200) throw new Error('审计动作名称无效');
  await executor
    .insertInto('platform.audit_log')
    .values({
      user_id: entry.userId,
      tenant_id: entry.tenantId,
      action: entry.action,
      target_type: entry.targetType ?? null,
      target_id: entry.targetId ?? null,
      detail: entry.detail === undefined || entry.detail === null ? null : JSON.stringify(entry.detail),
      ip: entry.ip ?? null,
    })
    .execute();
}
