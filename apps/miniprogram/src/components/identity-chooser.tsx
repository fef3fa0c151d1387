import { useMutation } from '@tanstack/react-query';
import { Text, View } from '@tarojs/components';
import { toastError } from '../lib/errors';
import { roleText } from '../lib/labels';
import { goHome } from '../lib/navigation';
import { queryClient } from '../lib/query';
import { setToken } from '../lib/session';
import { type Grant, type Me, trpc } from '../lib/trpc';
import './identity-chooser.css';

/**
 * One large card per grant (团组织 + 角色); a tap calls `auth.switchTenant` and
 * starts again on 首页 with the chosen identity.
 */
export function IdentityChooser({ me }: { me: Me }) {
  const switchTenant = useMutation({
    mutationFn: (grantId: string) => trpc.auth.switchTenant.mutate({ grantId }),
    onSuccess: (r) => {
      // The session is replaced on a change of identity: keep the new token (the old one is revoked).
      if (r.token) setToken(r.token);
      queryClient.clear();
      goHome();
    },
    onError: toastError,
  });

  const choose = (grant: Grant) => {
    if (switchTenant.isPending) return;
    if (grant.id === me.activeGrantId) {
      goHome();
      return;
    }
    switchTenant.mutate(grant.id);
  };

  return (
    <View>
      {me.grants.map((grant) => {
        const active = grant.id === me.activeGrantId;
        const pending = switchTenant.isPending && switchTenant.variables === grant.id;
        return (
          <View
            key={grant.id}
            className={active ? 'identity identity-active' : 'identity'}
            hoverClass="identity-hover"
            onClick={() => choose(grant)}
          >
            <Text className="identity-tenant">{grant.tenant.name}</Text>
            <Text className="identity-role">
              {roleText(grant.role)}
              {grant.scopeOrg ? ` · ${grant.scopeOrg.name}` : ''}
            </Text>
            {pending ? (
              <Text className="identity-mark muted">切换中…</Text>
            ) : active ? (
              <Text className="identity-mark tag">当前</Text>
            ) : null}
          </View>
        );
      })}
    </View>
  );
}
