/**
 * Shared bits of SUP-1 / SUP-2: the platform tables inside a tenant transaction, labels, errors.
 */
import type { PlatformDatabase } from '@tuanjian/db';
import type { QueryCreator } from 'kysely';
import { appError } from '../../errors';
import type { TenantDb } from '../scope';

/** The platform tables inside the tenant's transaction (qualified names; the role's grants and RLS apply). */
export const platformOf = (tdb: TenantDb) => tdb as unknown as QueryCreator<PlatformDatabase>;

export const invalidState = (message: string) => appError('PRECONDITION_FAILED', 'INVALID_STATE', message);
export const badInput = (message: string) => appError('BAD_REQUEST', 'INVALID_INPUT', message);
export const conflict = (message: string) => appError('CONFLICT', 'CONFLICT', message);

export const asDateString = (d: unknown): string =>
  d instanceof Date ? d.toISOString().slice(0, 10) : String(d);
