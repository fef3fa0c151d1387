/** Shared helpers of the committee services (issue 7). */
import type { CommitteeDatabase, PlatformDatabase } from '@tuanjian/db';
import type { QueryCreator } from 'kysely';
import { appError, forbiddenRole } from '../../errors';
import type { Scope, TenantDb } from '../scope';

export type CommitteeDb = QueryCreator<CommitteeDatabase>;
export const committeeDb = (tdb: TenantDb) => tdb as unknown as CommitteeDb;
export const platformOf = (tdb: TenantDb) => tdb as unknown as QueryCreator<PlatformDatabase>;

/** The acting user, for names written on records. */
export interface Actor {
  userId: string;
  name: string;
}

export function requireCommittee(scope: Scope): void {
  if (scope.tenant.kind !== 'committee') {
    throw appError('FORBIDDEN', 'TENANT_KIND', '此功能仅适用于专门委员会');
  }
}

export function requireChair(scope: Scope): void {
  requireCommittee(scope);
  if (scope.role !== 'committee_chair') throw forbiddenRole('仅专门委员会主任可以进行此操作');
}

export function requireDistrictAdmin(scope: Scope): void {
  if (scope.tenant.kind !== 'district') {
    throw appError('FORBIDDEN', 'TENANT_KIND', '此功能仅适用于区县团委');
  }
  if (scope.role !== 'district_admin') throw forbiddenRole('仅区县团委管理员可以提交调研报告');
}

export const invalid = (message: string) => appError('BAD_REQUEST', 'INVALID_STATE', message);
export const conflict = (message: string) => appError('CONFLICT', 'CONFLICT', message);

export const iso = (d: unknown): string =>
  d instanceof Date ? d.toISOString() : new Date(d as string).toISOString();
