import { useQuery } from '@tanstack/react-query';
import { Button, Text, View } from '@tarojs/components';
import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { transferStatusLabel } from '@tuanjian/domain';
import { useState } from 'react';
import { Empty, ErrorBlock, Loading } from '../../../components/states';
import { errorMessage } from '../../../lib/errors';
import { formatDate, formatMemberNumber } from '../../../lib/format';
import { trpc } from '../../../lib/trpc';
import '../../development/development.css';
import '../transfer.css';

/** The secretary's to-do: transfers waiting for her review (转入 to accept, 转出 to approve). */
export default function IncomingTransfersPage() {
  const incoming = useQuery({
    queryKey: ['transfers', 'incoming'],
    queryFn: () => trpc.transfers.list.query({ box: 'incoming', status: 'pending_target', pageSize: 50 }),
  });
  const outgoing = useQuery({
    queryKey: ['transfers', 'outgoing-pending'],
    queryFn: () => trpc.transfers.list.query({ box: 'outgoing', status: 'pending_source', pageSize: 50 }),
  });
  const [busy, setBusy] = useState<string | null>(null);
  const refetch = () => Promise.all([incoming.refetch(), outgoing.refetch()]);
  usePullDownRefresh(() => {
    void refetch().finally(() => Taro.stopPullDownRefresh());
  });
  if (incoming.isPending || outgoing.isPending) return <Loading />;
  const error = incoming.error ?? outgoing.error;
  if (error || !incoming.data || !outgoing.data) {
    return <ErrorBlock error={error} onRetry={() => void refetch()} />;
  }

  const act = async (id: string, action: 'accept' | 'approve' | 'return') => {
    let note: string | undefined;
    if (action === 'return') {
      // `editable` works in WeChat (base library 2.17.1+) and in Taro's H5 modal; Taro's types lack it.
      const options = { title: '退回理由', editable: true, placeholderText: '请填写退回理由' };
      const r = await Taro.showModal(options);
      if (!r.confirm) return;
      note = (r as unknown as { content?: string }).content?.trim();
      if (!note) {
        await Taro.showToast({ title: '请填写退回理由', icon: 'none' });
        return;
      }
    } else {
      const r = await Taro.showModal({
        title: action === 'accept' ? '同意接收' : '审核通过',
        content: action === 'accept' ? '接收后该团员的组织关系转入本组织。' : '通过后提交接收组织审核。',
      });
      if (!r.confirm) return;
    }
    setBusy(id);
    try {
      await trpc.transfers[action].mutate({ id, note });
      await Taro.showToast({ title: '已办理', icon: 'success' });
    } catch (e) {
      await Taro.showToast({ title: errorMessage(e), icon: 'none' });
    } finally {
      setBusy(null);
      void refetch();
    }
  };

  const items = [
    ...incoming.data.items.map((t) => ({ t, action: 'accept' as const })),
    ...outgoing.data.items.map((t) => ({ t, action: 'approve' as const })),
  ];
  if (items.length === 0) {
    return (
      <View className="page">
        <Empty title="没有待办的转接" text="团员申请转出、或有团员转入本组织时，会在这里提醒您办理。" />
      </View>
    );
  }
  return (
    <View className="page">
      {items.map(({ t, action }) => (
        <View className="card" key={t.id}>
          <Text className="card-title">
            {t.memberName}
            <Text className={`tr-status${t.escalated ? ' tr-escalated' : ''}`}>
              {t.escalated ? `超时${t.daysOverdue}天` : transferStatusLabel[t.status]}
            </Text>
          </Text>
          <Text className="muted">
            {formatMemberNumber(t.memberNumber)} · 出生 {t.memberBirthMasked.slice(0, 4)}年
            {t.memberIdCardMasked ? ` · ${t.memberIdCardMasked}` : ''}
          </Text>
          <Text className="muted">
            {action === 'accept'
              ? `由 ${t.sourceTenantName} ${t.sourceOrgName} 转入 ${t.targetOrgName ?? ''}`
              : `申请转往 ${t.kind === 'out_of_city' ? t.externalOrgName : `${t.targetTenantName ?? ''} ${t.targetOrgName ?? ''}`}`}
          </Text>
          {t.receiverDueOn && action === 'accept' ? (
            <Text className="muted">请于{formatDate(t.receiverDueOn)}前办理</Text>
          ) : null}
          <View className="tr-actions">
            <Button
              className="btn btn-primary"
              loading={busy === t.id}
              onClick={() => void act(t.id, action)}
            >
              {action === 'accept' ? '接收' : '审核通过'}
            </Button>
            <Button className="btn btn-default" onClick={() => void act(t.id, 'return')}>
              退回
            </Button>
          </View>
        </View>
      ))}
    </View>
  );
}
