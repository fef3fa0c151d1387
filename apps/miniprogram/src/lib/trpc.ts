import { createTRPCClient, httpLink } from '@trpc/client';
import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from '@tuanjian/api';
import { API_ORIGIN, IS_H5 } from './env';
import { getToken } from './session';
import { taroFetch } from './taro-fetch';

/**
 * H5 is served by apps/api under /h5/, so it calls the same origin.
 * The mini-program calls API_BASE_URL (a build-time constant, see config/index.ts).
 */
export const TRPC_URL = IS_H5 ? '/trpc' : `${API_ORIGIN}/trpc`;

export const trpc = createTRPCClient<AppRouter>({
  links: [
    httpLink({
      url: TRPC_URL,
      fetch: taroFetch as unknown as typeof fetch,
      headers() {
        const token = getToken();
        return token ? { Authorization: `Bearer ${token}` } : {};
      },
    }),
  ],
});

export type RouterInputs = inferRouterInputs<AppRouter>;
export type RouterOutputs = inferRouterOutputs<AppRouter>;
export type Me = RouterOutputs['auth']['me'];
export type Grant = Me['grants'][number];
export type HomeSummary = RouterOutputs['home']['summary'];
