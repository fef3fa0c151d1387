import { useMutation, useQuery } from '@tanstack/react-query';
import { Button, Input, Picker, Text, Textarea, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { ErrorBlock, Loading } from '../../../components/states';
import { errorMessage } from '../../../lib/errors';
import { queryKeys } from '../../../lib/query';
import { trpc } from '../../../lib/trpc';
import '../../login/index.css';
import '../../development/development.css';
import '../transfer.css';

type Kind = 'internal' | 'cross_tenant' | 'out_of_city';
const KINDS: { value: Kind; label: string }[] = [
  { value: 'internal', label: '本区县内' },
  { value: 'cross_tenant', label: '其他区县' },
  { value: 'out_of_city', label: '转出本市' },
];

/** A member applies to move their own organisational relationship (转出方审核 comes next). */
export default function ApplyTransferPage() {
  const summary = useQuery({ queryKey: queryKeys.homeSummary, queryFn: () => trpc.home.summary.query() });
  const [kind, setKind] = useState<Kind>('internal');
  const [districtIdx, setDistrictIdx] = useState(-1);
  const [orgIdx, setOrgIdx] = useState(-1);
  const [external, setExternal] = useState({ name: '', contact: '' });
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);

  const me = summary.data?.me;
  const ownTenantId = me?.grants.find((g) => g.id === me.activeGrantId)?.tenant.id;
  const districts = useQuery({
    queryKey: ['transfers', 'districts'],
    queryFn: () => trpc.transfers.districts.query(),
    enabled: kind === 'cross_tenant',
  });
  const tenantId = kind === 'internal' ? ownTenantId : districts.data?.[districtIdx]?.id;
  const orgs = useQuery({
    queryKey: ['transfers', 'targetOrgs', tenantId],
    queryFn: () => trpc.transfers.targetOrgs.query({ tenantId: tenantId as string }),
    enabled: !!tenantId && kind !== 'out_of_city',
  });
  const start = useMutation({
    mutationFn: (input: Parameters<typeof trpc.transfers.start.mutate>[0]) =>
      trpc.transfers.start.mutate(input),
    onSuccess: async () => {
      await Taro.showToast({ title: '申请已提交', icon: 'success', duration: 1500 });
      void Taro.redirectTo({ url: '/pages/transfer/mine/index' });
    },
    onError: (e) => setError(errorMessage(e)),
  });

  if (summary.isPending) return <Loading />;
  if (summary.error) return <ErrorBlock error={summary.error} onRetry={() => void summary.refetch()} />;
  const profile = summary.data.profile;
  if (!profile) {
    return (
      <View className="page">
        <View className="card">
          <Text className="muted">组织关系转接由团员本人申请。请以团员身份登录后提交。</Text>
        </View>
      </View>
    );
  }
  const orgList = (orgs.data ?? []).filter((o) => o.id !== profile.orgId);
  const org = orgList[orgIdx];
  const submit = () => {
    if (start.isPending) return;
    setError(null);
    if (kind === 'out_of_city') {
      if (!external.name.trim() || !external.contact.trim()) return setError('请填写接收组织名称和联系方式');
      start.mutate({
        memberId: profile.id,
        target: { type: 'out_of_city', name: external.name.trim(), contact: external.contact.trim() },
        reason: reason.trim() || undefined,
      });
      return;
    }
    if (!tenantId || !org) return setError('请选择接收团组织');
    start.mutate({
      memberId: profile.id,
      target:
        kind === 'internal'
          ? { type: 'internal', orgId: org.id }
          : { type: 'cross_tenant', tenantId, orgId: org.id },
      reason: reason.trim() || undefined,
    });
  };

  return (
    <View className="page">
      <View className="dev-rule">
        申请提交后，先由{profile.orgName}
        审核，再由接收团组织审核；接收方须在《组织关系转接时限》规定的期限内办理，逾期提交其上级团组织督办（期限见“我的转接”中的办理进度）。
      </View>
      {error ? <View className="error-block">{error}</View> : null}
      <View className="tr-choice">
        {KINDS.map((k) => (
          <View
            key={k.value}
            className={`tr-choice-item${kind === k.value ? ' tr-choice-on' : ''}`}
            onClick={() => {
              setKind(k.value);
              setOrgIdx(-1);
            }}
          >
            {k.label}
          </View>
        ))}
      </View>
      {kind === 'cross_tenant' ? (
        <View className="field">
          <Text className="field-label">接收区县团委</Text>
          <Picker
            mode="selector"
            range={(districts.data ?? []).map((d) => d.name)}
            value={Math.max(0, districtIdx)}
            onChange={(e) => {
              setDistrictIdx(Number(e.detail.value));
              setOrgIdx(-1);
            }}
          >
            <View className="field-input">{districts.data?.[districtIdx]?.name ?? '请选择区县'}</View>
          </Picker>
        </View>
      ) : null}
      {kind !== 'out_of_city' ? (
        <View className="field">
          <Text className="field-label">接收团组织</Text>
          <Picker
            mode="selector"
            range={orgList.map((o) => (o.parentName ? `${o.name}（${o.parentName}）` : o.name))}
            value={Math.max(0, orgIdx)}
            onChange={(e) => setOrgIdx(Number(e.detail.value))}
          >
            <View className="field-input">{org?.name ?? (tenantId ? '请选择团支部' : '请先选择区县')}</View>
          </Picker>
        </View>
      ) : (
        <>
          <View className="field">
            <Text className="field-label">接收组织名称</Text>
            <Input
              className="field-input"
              id="transfer-external-name"
              placeholder="外地接收团组织的全称"
              value={external.name}
              onInput={(e) => setExternal({ ...external, name: e.detail.value })}
            />
          </View>
          <View className="field">
            <Text className="field-label">联系人及电话</Text>
            <Input
              className="field-input"
              id="transfer-external-contact"
              value={external.contact}
              onInput={(e) => setExternal({ ...external, contact: e.detail.value })}
            />
          </View>
        </>
      )}
      <View className="field">
        <Text className="field-label">转接原因</Text>
        <Textarea
          className="field-input"
          placeholder="如：工作调动、升学（选填）"
          value={reason}
          onInput={(e) => setReason(e.detail.value)}
        />
      </View>
      <Button className="btn btn-primary" id="transfer-submit" loading={start.isPending} onClick={submit}>
        提交申请
      </Button>
    </View>
  );
}
