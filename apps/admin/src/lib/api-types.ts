/**
 * Types of the server's procedures, inferred from `@tuanjian/api`'s router.
 * Imported as a type only: nothing of the server ends up in the bundle.
 */

import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from '@tuanjian/api';

export type { AppRouter };
export type RouterInputs = inferRouterInputs<AppRouter>;
export type RouterOutputs = inferRouterOutputs<AppRouter>;

export type Me = RouterOutputs['auth']['me'];
export type Grant = Me['grants'][number];
export type OrgNode = RouterOutputs['organisations']['tree'][number];
export type Organisation = RouterOutputs['organisations']['get'];
export type TenantRow = RouterOutputs['tenants']['list'][number];
export type MemberRow = RouterOutputs['members']['list']['items'][number];
export type MemberDetail = RouterOutputs['members']['get'];
