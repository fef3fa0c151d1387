import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { handleAuthError, isClientError } from './errors';

export const queryClient = new QueryClient({
  queryCache: new QueryCache({ onError: handleAuthError }),
  mutationCache: new MutationCache({
    // A mutation with `meta: { authRedirect: false }` (登录 itself) handles 401 on its own.
    onError: (error, _variables, _context, mutation) => {
      if (mutation.meta?.authRedirect !== false) handleAuthError(error);
    },
  }),
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      refetchOnWindowFocus: false,
      retry: (failureCount, error) => !isClientError(error) && failureCount < 2,
    },
    mutations: { retry: false },
  },
});

export const queryKeys = {
  me: ['auth', 'me'] as const,
  homeSummary: ['home', 'summary'] as const,
  todos: ['todos', 'list'] as const,
};
