import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from './root';
import { appRouter } from './root';
import { createCallerFactory } from './trpc';

export { appRouter, type AppRouter };
export {
  createContext,
  createHonoContext,
  defaultConfig,
  type ApiConfig,
  type Context,
  type CreateContextOptions,
} from './trpc';
export { APP_CODES, type AppCode } from './errors';
export { SESSION_COOKIE } from './auth/session';
export { LoginThrottle, type LoginThrottleOptions } from './auth/throttle';
export type { Me, MeGrant } from './services/me';
export type { OrgTreeNode, OrgDetail } from './services/organisations';
export type { MemberItem, MemberDetail } from './services/members';
export type { HomeSummary } from './services/home';
export type { TenantSummary } from './services/tenants';

/** Server-side caller (tests, scripts): `createCaller(createContext({...}))`. */
export const createCaller = createCallerFactory(appRouter);

/** `RouterInputs['members']['list']` etc. */
export type RouterInputs = inferRouterInputs<AppRouter>;
export type RouterOutputs = inferRouterOutputs<AppRouter>;
