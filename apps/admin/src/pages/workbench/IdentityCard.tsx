import { roleLabel, tenantKindLabel } from '@tuanjian/domain';
import { Button, Card, Descriptions, Flex, Tag, theme } from 'antd';
import { grantLabel, useMe, useSwitchTenant } from '../../lib/auth';
import { labelOf } from '../../lib/format';

/** Who is signed in, in which unit, with which role — and the other identities to switch to. */
export function IdentityCard() {
  const { me, activeGrant } = useMe();
  const switchTenant = useSwitchTenant();
  const { token } = theme.useToken();
  if (!me || !activeGrant) return null;
  const others = me.grants.filter((g) => g.id !== activeGrant.id);
  return (
    <Card title="当前身份" aria-label="当前身份">
      <Descriptions column={{ xs: 1, sm: 2, lg: 3 }} size="small">
        <Descriptions.Item label="姓名">{me.user.displayName}</Descriptions.Item>
        <Descriptions.Item label="用户名">{me.user.username}</Descriptions.Item>
        <Descriptions.Item label="角色">
          <Tag color="red">{labelOf(roleLabel, activeGrant.role)}</Tag>
        </Descriptions.Item>
        <Descriptions.Item label="所在单位">{activeGrant.tenant.name}</Descriptions.Item>
        <Descriptions.Item label="单位类型">
          {labelOf(tenantKindLabel, activeGrant.tenant.kind)}
        </Descriptions.Item>
        <Descriptions.Item label="单位代码">{activeGrant.tenant.code}</Descriptions.Item>
        <Descriptions.Item label="管理范围">
          {activeGrant.scopeOrg
            ? `${activeGrant.scopeOrg.name}及其下级组织`
            : `${activeGrant.tenant.name}全部`}
        </Descriptions.Item>
      </Descriptions>
      {others.length > 0 ? (
        <div style={{ marginTop: 16 }}>
          <div style={{ fontWeight: 500, marginBottom: 8 }}>我的其他身份（{others.length}）</div>
          {others.map((g) => (
            <Flex
              key={g.id}
              justify="space-between"
              align="center"
              gap={12}
              style={{ padding: '8px 0', borderTop: `1px solid ${token.colorSplit}` }}
            >
              <Flex vertical>
                <span>{grantLabel(g)}</span>
                {g.scopeOrg ? (
                  <span style={{ fontSize: 12, color: token.colorTextTertiary }}>{g.scopeOrg.name}</span>
                ) : null}
              </Flex>
              <Button
                size="small"
                loading={switchTenant.isPending && switchTenant.variables?.grantId === g.id}
                disabled={switchTenant.isPending}
                onClick={() => switchTenant.mutate({ grantId: g.id })}
                aria-label={`切换到 ${grantLabel(g)}`}
              >
                切换
              </Button>
            </Flex>
          ))}
        </div>
      ) : null}
    </Card>
  );
}
