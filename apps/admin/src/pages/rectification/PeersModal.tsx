import { useMutation, useQuery } from '@tanstack/react-query';
import { Alert, App, Form, Modal, Select, Skeleton } from 'antd';
import { trpc } from '../../lib/trpc';
import { errorText } from '../dues/shared';

/**
 * 互相评: the superior assigns the peer branches that grade a branch (up to 10; saving replaces the
 * list). The candidates are the other branches of the same round.
 */
export function PeersModal(props: {
  target: { checkId: string; orgId: string; orgName: string } | null;
  candidates: { orgId: string; orgName: string }[];
  onClose(): void;
  onDone(): void;
}) {
  const t = props.target;
  const { message } = App.useApp();
  const [form] = Form.useForm<{ peerOrgIds: string[] }>();
  const check = useQuery({
    ...trpc.rectification.get.queryOptions({ id: t?.checkId ?? '' }),
    enabled: !!t,
    retry: false,
  });
  const assign = useMutation(
    trpc.rectification.assignPeers.mutationOptions({
      onSuccess: (r) => {
        message.success(
          r.peers.length
            ? `已指定${r.orgName}的互评团支部：${r.peers.map((p) => p.name).join('、')}`
            : `已取消${r.orgName}的互评团支部`,
        );
        props.onClose();
        props.onDone();
      },
    }),
  );
  return (
    <Modal
      title={`指定互评团支部：${t?.orgName ?? ''}`}
      open={!!t}
      onCancel={props.onClose}
      onOk={() => form.submit()}
      okText="保存"
      confirmLoading={assign.isPending}
      destroyOnHidden
    >
      {assign.error ? (
        <Alert type="error" showIcon message={errorText(assign.error)} style={{ marginBottom: 12 }} />
      ) : null}
      {!check.data ? (
        <Skeleton active />
      ) : (
        <Form
          form={form}
          layout="vertical"
          preserve={false}
          name="assign-peers"
          initialValues={{ peerOrgIds: check.data.peers.map((p) => p.id) }}
          onFinish={(v) => t && assign.mutate({ healthCheckId: t.checkId, peerOrgIds: v.peerOrgIds ?? [] })}
        >
          <Form.Item
            name="peerOrgIds"
            label="互评团支部"
            extra="被指定的团支部书记在“整理整顿 → 本支部”或小程序中评价该团支部；最多10个"
            rules={[{ type: 'array', max: 10, message: '最多指定10个团支部' }]}
          >
            <Select
              mode="multiple"
              placeholder="请选择团支部"
              optionFilterProp="label"
              options={props.candidates
                .filter((c) => c.orgId !== t?.orgId)
                .map((c) => ({ value: c.orgId, label: c.orgName }))}
            />
          </Form.Item>
        </Form>
      )}
    </Modal>
  );
}
