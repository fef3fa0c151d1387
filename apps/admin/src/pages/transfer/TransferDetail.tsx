import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { transferKindLabel, transferStatusLabel, transferStepLabel } from '@tuanjian/domain';
import { Alert, Button, Card, Descriptions, Flex, Input, Modal, Tag, Timeline } from 'antd';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { formatDate, formatDateTime } from '../../lib/format';
import { trpc } from '../../lib/trpc';
import { errorText } from '../development/shared';
import { STATUS_COLOR, sourceText, targetText } from './shared';

type Action = 'approve' | 'accept' | 'return' | 'cancel';
const ACTION_LABEL: Record<Action, string> = {
  approve: '审核通过',
  accept: '同意接收',
  return: '退回',
  cancel: '撤销转接',
};

export default function TransferDetailPage() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const detail = useQuery(trpc.transfers.get.queryOptions({ id }));
  const [action, setAction] = useState<Action | null>(null);
  const [note, setNote] = useState('');
  const done = {
    meta: { silent: true },
    onSuccess: () => {
      setAction(null);
      setNote('');
      qc.invalidateQueries({ queryKey: trpc.transfers.get.queryKey({ id }) });
      qc.invalidateQueries({ queryKey: trpc.transfers.list.queryKey() });
      qc.invalidateQueries({ queryKey: trpc.members.list.queryKey() });
    },
  };
  const mutations = {
    approve: useMutation(trpc.transfers.approve.mutationOptions(done)),
    accept: useMutation(trpc.transfers.accept.mutationOptions(done)),
    return: useMutation(trpc.transfers.return.mutationOptions(done)),
    cancel: useMutation(trpc.transfers.cancel.mutationOptions(done)),
  };
  if (detail.isPending) return <Loading />;
  if (detail.error) return <Alert type="error" showIcon message={errorText(detail.error)} />;
  const d = detail.data;
  const current = action ? mutations[action] : null;

  return (
    <>
      <PageHeader
        title={`组织关系转接：${d.memberName}`}
        subTitle={
          <>
            <Tag color={STATUS_COLOR[d.status]}>{transferStatusLabel[d.status]}</Tag>
            {d.escalated ? <Tag color="red">接收方超时{d.daysOverdue}天，已提交上级督办</Tag> : null}
          </>
        }
        extra={
          <Flex gap={8}>
            {(['approve', 'accept', 'return', 'cancel'] as const)
              .filter((a) => d.actions[a])
              .map((a) => (
                <Button
                  key={a}
                  type={a === 'accept' || a === 'approve' ? 'primary' : 'default'}
                  danger={a === 'return' || a === 'cancel'}
                  onClick={() => setAction(a)}
                >
                  {ACTION_LABEL[a]}
                </Button>
              ))}
            <Button onClick={() => navigate('/transfers')}>返回列表</Button>
          </Flex>
        }
      />
      <Card title="转接信息" style={{ marginBottom: 16 }}>
        <Descriptions column={{ xs: 1, md: 2 }} size="small">
          <Descriptions.Item label="姓名">{d.memberName}</Descriptions.Item>
          <Descriptions.Item label="团员编号">{d.memberNumber ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="性别">{d.memberGender === 'male' ? '男' : '女'}</Descriptions.Item>
          <Descriptions.Item label="出生日期">{d.memberBirthMasked}</Descriptions.Item>
          <Descriptions.Item label="身份证号">{d.memberIdCardMasked ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="转接类型">{transferKindLabel[d.kind]}</Descriptions.Item>
          <Descriptions.Item label="转接原因">{d.reason ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="转出组织">{sourceText(d)}</Descriptions.Item>
          <Descriptions.Item label="接收组织">{targetText(d)}</Descriptions.Item>
          {d.kind === 'out_of_city' ? (
            <Descriptions.Item label="接收方联系方式">{d.externalContact}</Descriptions.Item>
          ) : null}
          <Descriptions.Item label="接收时限">
            {d.receiverDueOn ? `${formatDate(d.receiverDueOn)}前（《组织关系转接时限》规则）` : '—'}
          </Descriptions.Item>
          {d.graduationYear ? (
            <Descriptions.Item label="学社衔接">{d.graduationYear}届毕业生</Descriptions.Item>
          ) : null}
        </Descriptions>
      </Card>
      <Card title="办理进度">
        <Timeline
          items={d.events.map((e) => ({
            color: e.step === 'returned' || e.step === 'cancelled' ? 'red' : 'green',
            children: (
              <div>
                <strong>{transferStepLabel[e.step]}</strong>　{formatDateTime(e.at)}
                <div>
                  {e.actorUnit} {e.actorName}
                </div>
                {e.note ? <div>意见：{e.note}</div> : null}
              </div>
            ),
          }))}
        />
      </Card>
      <Modal
        title={action ? ACTION_LABEL[action] : ''}
        open={action !== null}
        okText="确定"
        cancelText="取消"
        confirmLoading={current?.isPending}
        onCancel={() => setAction(null)}
        onOk={() => action && mutations[action].mutate({ id, note: note.trim() || undefined })}
      >
        {action === 'accept' ? (
          <p>
            确认接收后，{d.memberName}的组织关系转入{d.targetOrgName}，并从原组织转出。
          </p>
        ) : null}
        <Input.TextArea
          aria-label="办理意见"
          placeholder={action === 'return' ? '请填写退回理由（必填）' : '办理意见（选填）'}
          value={note}
          maxLength={500}
          onChange={(e) => setNote(e.target.value)}
        />
        {current?.error ? (
          <Alert type="error" showIcon style={{ marginTop: 12 }} message={errorText(current.error)} />
        ) : null}
      </Modal>
    </>
  );
}
