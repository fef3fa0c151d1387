import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from './root';
import { appRouter } from './root';
import { createCallerFactory } from './trpc';

export { SESSION_COOKIE } from './auth/session';
export { LoginThrottle, type LoginThrottleOptions } from './auth/throttle';
export { APP_CODES, type AppCode } from './errors';
export {
  createFileRoutes,
  FILES_BASE_PATH,
  type FileInfo,
  type FileRef,
  type FileStorage,
  LocalDiskStorage,
  S3Storage,
} from './services/files';
export type { HomeSummary } from './services/home';
export { IMPORT_UPLOAD_PATH, importUploadMaxBodyBytes } from './services/imports';
export type { Me, MeGrant } from './services/me';
export type { MemberDetail, MemberItem } from './services/members';
export type { OrgDetail, OrgTreeNode } from './services/organisations';
export {
  markRollupsDirty,
  type RollupLoop,
  refreshAllRollups,
  refreshTenantRollups,
  startRollupLoop,
} from './services/rollups';
export type { TenantSummary } from './services/tenants';
export {
  type ApiConfig,
  type Context,
  type CreateContextOptions,
  createContext,
  createHonoContext,
  defaultConfig,
} from './trpc';
export { type AppRouter, appRouter };

/** Server-side caller (tests, scripts): `createCaller(createContext({...}))`. */
export const createCaller = createCallerFactory(appRouter);

/** `RouterInputs['members']['list']` etc. */
export type RouterInputs = inferRouterInputs<AppRouter>;
export type RouterOutputs = inferRouterOutputs<AppRouter>;
export {
  createInspectionEvidenceRoutes,
  INSPECTION_EVIDENCE_PATH,
} from './services/inspections/evidence-http';
