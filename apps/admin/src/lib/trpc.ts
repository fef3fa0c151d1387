import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { createTRPCClient, httpBatchLink } from '@trpc/client';
import { createTRPCOptionsProxy } from '@trpc/tanstack-react-query';
import type { AppRouter } from './api-types';
import { handleGlobalError } from './error-handler';

export const queryClient = new QueryClient({
  queryCache: new QueryCache({
    onError: (error, query) => handleGlobalError(error, { silent: query.meta?.silent === true }),
  }),
  mutationCache: new MutationCache({
    onError: (error, _vars, _ctx, mutation) =>
      handleGlobalError(error, { silent: mutation.meta?.silent === true }),
  }),
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      refetchOnWindowFocus: false,
      retry: (failureCount, error) => {
        const code = (error as { data?: { code?: string } } | null)?.data?.code;
        // Errors the server meant (auth, permission, input, not found) are not retried.
        if (code && code !== 'INTERNAL_SERVER_ERROR') return false;
        return failureCount < 2;
      },
    },
    mutations: { retry: false },
  },
});

export const trpcClient = createTRPCClient<AppRouter>({
  links: [
    httpBatchLink({
      url: '/trpc',
      fetch: (url, options) => fetch(url, { ...options, credentials: 'include' }),
    }),
  ],
});

/** `trpc.x.y.queryOptions(...)` / `.mutationOptions()` / `.queryKey()` for React Query. */
export const trpc = createTRPCOptionsProxy<AppRouter>({ client: trpcClient, queryClient });
