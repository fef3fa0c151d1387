import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type Role, roleLabel } from '@tuanjian/domain';
import { useNavigate } from 'react-router-dom';
import type { Grant, Me } from './api-types';
import { trpc } from './trpc';

export function meQueryOptions() {
  return trpc.auth.me.queryOptions(undefined, { meta: { silent: true }, staleTime: 5 * 60_000 });
}

export function activeGrantOf(me: Me | undefined): Grant | undefined {
  if (!me?.activeGrantId) return undefined;
  return me.grants.find((g) => g.id === me.activeGrantId);
}

/** '城关区团委 · 区县团委管理员' */
export function grantLabel(grant: Pick<Grant, 'role' | 'tenant'>): string {
  return `${grant.tenant.name} · ${roleLabel[grant.role as Role] ?? grant.role}`;
}

export function useMe() {
  const query = useQuery(meQueryOptions());
  const me = query.data;
  const activeGrant = activeGrantOf(me);
  return { ...query, me, activeGrant, role: activeGrant?.role as Role | undefined };
}

/** Every cached answer except `auth.me` belongs to the identity it was fetched under. */
function isMeKey(key: readonly unknown[]): boolean {
  const first = key[0];
  return Array.isArray(first) && first[0] === 'auth' && first[1] === 'me';
}

export function useSwitchTenant() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  return useMutation(
    trpc.auth.switchTenant.mutationOptions({
      onSuccess: async (me) => {
        // The layout keys its page by the active grant, so the page remounts and refetches.
        queryClient.removeQueries({ predicate: (q) => !isMeKey(q.queryKey) });
        queryClient.setQueryData(trpc.auth.me.queryKey(), me);
        navigate('/workbench');
      },
    }),
  );
}

export function useLogout() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  return useMutation(
    trpc.auth.logout.mutationOptions({
      meta: { silent: true },
      onSettled: () => {
        queryClient.clear();
        navigate('/login', { replace: true });
      },
    }),
  );
}
