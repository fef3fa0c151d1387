import { CheckCircleTwoTone, CloseCircleTwoTone, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  PROPOSAL_KINDS,
  PROPOSAL_STATUSES,
  type ProposalKind,
  type ProposalStatus,
  proposalKindLabel,
  proposalStatusLabel,
} from '@tuanjian/domain';
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Flex,
  Form,
  Input,
  Modal,
  Radio,
  Select,
  Space,
  Spin,
  Steps,
  Table,
  Tag,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { ExportButton } from '../../components/ExportButton';
import { PageHeader } from '../../components/PageHeader';
import type { RouterOutputs } from '../../lib/api-types';
import { useMe } from '../../lib/auth';
import { formatDate, formatDateTime, todayDayjs } from '../../lib/format';
import { trpc, trpcClient } from '../../lib/trpc';
import { OrgSelect } from './shared';

type Proposal = RouterOutputs['org']['proposals']['list'][number];

const STATUS_COLOR: Record<ProposalStatus, string> = {
  pending: 'gold',
  approved: 'blue',
  rejected: 'default',
  applied: 'green',
};

const TARGET_LABEL: Record<ProposalKind, string> = {
  adjust: '新的上级组织',
  merge: '合并到',
  dissolve: '团员和下级组织转入',
};

/** ORG-6: adjust / merge / dissolve proposals — submit, approve (district admin), execute. */
export default function ProposalsPage() {
  const [params, setParams] = useSearchParams();
  const status = (params.get('status') as ProposalStatus | null) ?? undefined;
  const { role } = useMe();
  const isSuperior = role === 'district_admin';
  const { message, modal } = App.useApp();
  const queryClient = useQueryClient();
  const list = useQuery(trpc.org.proposals.list.queryOptions({ status }));
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: trpc.org.proposals.list.queryKey() });
    void queryClient.invalidateQueries({ queryKey: trpc.organisations.tree.queryKey() });
    void queryClient.invalidateQueries({ queryKey: trpc.org.ledger.list.queryKey() });
  };
  const decide = useMutation(
    trpc.org.proposals.decide.mutationOptions({
      onSuccess: (p) => {
        message.success(p.status === 'approved' ? '已批准' : '已驳回');
        refresh();
      },
    }),
  );
  const execute = useMutation(
    trpc.org.proposals.execute.mutationOptions({
      onSuccess: (p) => {
        message.success(
          `已执行：转移团员${p.result?.membersMoved ?? 0}人、下级组织${p.result?.childrenMoved ?? 0}个`,
        );
        refresh();
      },
    }),
  );
  const creating = params.get('new') === '1';
  const setCreating = (open: boolean) => {
    const next = new URLSearchParams(params);
    if (open) next.set('new', '1');
    else {
      next.delete('new');
      next.delete('orgId');
    }
    setParams(next, { replace: !open });
  };
  const [rejecting, setRejecting] = useState<Proposal | null>(null);
  const [rejectNote, setRejectNote] = useState('');

  return (
    <>
      <PageHeader
        title="组织调整"
        subTitle="团组织调整、合并、撤销：提出申请 → 上级团委审批 → 执行。执行时团员和下级组织整体转移，原组织保留历史记录。"
        extra={
          <>
            <ExportButton unit="项" onExport={() => trpcClient.exports.proposals.mutate({ status })} />
            <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setCreating(true)}>
              提出调整申请
            </Button>
          </>
        }
      />
      <Card style={{ marginBottom: 16 }}>
        <Space>
          <span>审批状态</span>
          <Select
            style={{ width: 160 }}
            placeholder="全部"
            allowClear
            value={status}
            onChange={(v) => {
              const next = new URLSearchParams(params);
              if (v) next.set('status', v);
              else next.delete('status');
              setParams(next);
            }}
            options={PROPOSAL_STATUSES.map((s) => ({ value: s, label: proposalStatusLabel[s] }))}
          />
        </Space>
      </Card>
      <Card>
        <Table<Proposal>
          rowKey="id"
          size="middle"
          loading={list.isFetching}
          dataSource={list.data ?? []}
          locale={{ emptyText: '暂无调整申请' }}
          scroll={{ x: 1100 }}
          expandable={{
            expandedRowRender: (p) => (
              <div>
                <div>理由：{p.reason}</div>
                <div>
                  申请人：{p.proposedByName}（{formatDateTime(p.proposedAt)}）
                  {p.decidedByName ? `；审批人：${p.decidedByName}（${formatDateTime(p.decidedAt)}）` : ''}
                  {p.decisionNote ? `；意见：${p.decisionNote}` : ''}
                </div>
                {p.result ? (
                  <div>
                    执行结果：转移团员{p.result.membersMoved}人、下级组织{p.result.childrenMoved}个；全区团员
                    {p.result.before.tenant}人 → {p.result.after.tenant}人（无遗漏、无重复）
                  </div>
                ) : null}
              </div>
            ),
          }}
          columns={[
            {
              title: '类型',
              dataIndex: 'kind',
              width: 80,
              render: (k: ProposalKind) => <Tag color="volcano">{proposalKindLabel[k]}</Tag>,
            },
            {
              title: '组织',
              dataIndex: ['org', 'name'],
              render: (name: string, p) => <Link to={`/org-ledger/${p.org.id}`}>{name}</Link>,
            },
            {
              title: '目标组织',
              dataIndex: ['target', 'name'],
              render: (name: string | undefined, p) =>
                p.target ? <Link to={`/org-ledger/${p.target.id}`}>{name}</Link> : '—',
            },
            { title: '新名称', dataIndex: 'newName', render: (v: string | null) => v ?? '—' },
            { title: '生效日期', dataIndex: 'effectiveOn', width: 130, render: (d: string) => formatDate(d) },
            {
              title: '状态',
              dataIndex: 'status',
              width: 110,
              render: (s: ProposalStatus) => <Tag color={STATUS_COLOR[s]}>{proposalStatusLabel[s]}</Tag>,
            },
            {
              title: '操作',
              width: 180,
              render: (_, p) =>
                !isSuperior ? (
                  p.status === 'pending' ? (
                    <span style={{ color: '#888' }}>等待上级审批</span>
                  ) : null
                ) : p.status === 'pending' ? (
                  <Space>
                    <Button
                      size="small"
                      type="primary"
                      loading={decide.isPending}
                      onClick={() => decide.mutate({ id: p.id, approve: true })}
                    >
                      批准
                    </Button>
                    <Button size="small" danger onClick={() => setRejecting(p)}>
                      驳回
                    </Button>
                  </Space>
                ) : p.status === 'approved' ? (
                  <Button
                    size="small"
                    type="primary"
                    loading={execute.isPending}
                    onClick={() =>
                      modal.confirm({
                        title: `执行${proposalKindLabel[p.kind]}：${p.org.name}`,
                        content: p.target
                          ? `团员和下级组织将转入“${p.target.name}”，原组织保留历史记录。此操作在一个事务中完成。`
                          : '原组织保留历史记录。',
                        okText: '确认执行',
                        onOk: () => execute.mutateAsync({ id: p.id }),
                      })
                    }
                  >
                    执行
                  </Button>
                ) : null,
            },
          ]}
        />
      </Card>
      {creating ? (
        <ProposalForm
          initialOrgId={params.get('orgId') ?? undefined}
          onClose={() => setCreating(false)}
          onCreated={() => {
            setCreating(false);
            refresh();
          }}
        />
      ) : null}
      <Modal
        open={!!rejecting}
        title={`驳回申请 — ${rejecting?.org.name ?? ''}`}
        okText="驳回"
        okButtonProps={{ danger: true, disabled: !rejectNote.trim() }}
        onCancel={() => setRejecting(null)}
        onOk={() =>
          decide.mutateAsync({ id: rejecting!.id, approve: false, note: rejectNote }).then(() => {
            setRejecting(null);
            setRejectNote('');
          })
        }
      >
        <Input.TextArea
          rows={3}
          placeholder="请填写驳回理由"
          value={rejectNote}
          onChange={(e) => setRejectNote(e.target.value)}
        />
      </Modal>
    </>
  );
}

interface Values {
  kind: ProposalKind;
  orgId: string;
  targetOrgId?: string;
  newName?: string;
  reason: string;
  effectiveOn: Dayjs;
}

/** Step form: what → the rule checks as they stand → reason and effective date. */
function ProposalForm(props: { initialOrgId?: string; onClose(): void; onCreated(): void }) {
  const [form] = Form.useForm<Values>();
  const [step, setStep] = useState(0);
  const [draft, setDraft] = useState<Pick<Values, 'kind' | 'orgId' | 'targetOrgId' | 'newName'> | null>(null);
  const kind = Form.useWatch('kind', form) ?? 'merge';
  const preview = useQuery({
    ...trpc.org.proposals.preview.queryOptions({
      kind: draft?.kind ?? 'merge',
      orgId: draft?.orgId ?? '00000000-0000-4000-8000-000000000000',
      targetOrgId: draft?.targetOrgId ?? null,
      newName: draft?.newName || null,
    }),
    enabled: !!draft && step === 1,
    staleTime: 0,
  });
  const create = useMutation(trpc.org.proposals.create.mutationOptions({ onSuccess: props.onCreated }));

  const next = async () => {
    if (step === 0) {
      const v = await form.validateFields(['kind', 'orgId', 'targetOrgId', 'newName']);
      setDraft({ kind: v.kind, orgId: v.orgId, targetOrgId: v.targetOrgId, newName: v.newName });
      setStep(1);
    } else if (step === 1) setStep(2);
  };
  const submit = async () => {
    const v = await form.validateFields(['reason', 'effectiveOn']);
    const all = form.getFieldsValue(true) as Values;
    create.mutate({
      kind: all.kind,
      orgId: all.orgId,
      targetOrgId: all.targetOrgId ?? null,
      newName: all.newName || null,
      reason: v.reason,
      effectiveOn: v.effectiveOn.format('YYYY-MM-DD'),
    });
  };

  return (
    <Modal
      open
      width={720}
      title="提出调整申请"
      onCancel={props.onClose}
      footer={
        <Flex justify="end" gap={8}>
          {step > 0 ? <Button onClick={() => setStep(step - 1)}>上一步</Button> : null}
          {step < 2 ? (
            <Button type="primary" onClick={() => void next()} disabled={step === 1 && !preview.data?.ok}>
              下一步
            </Button>
          ) : (
            <Button type="primary" loading={create.isPending} onClick={() => void submit()}>
              提交申请
            </Button>
          )}
        </Flex>
      }
    >
      <Steps
        size="small"
        current={step}
        style={{ marginBottom: 16 }}
        items={[{ title: '调整内容' }, { title: '规则校验' }, { title: '理由与生效日期' }]}
      />
      <Form<Values>
        form={form}
        layout="vertical"
        name="proposal"
        initialValues={{ kind: 'merge', orgId: props.initialOrgId, effectiveOn: todayDayjs() }}
      >
        <div style={{ display: step === 0 ? 'block' : 'none' }}>
          <Form.Item label="调整类型" name="kind" rules={[{ required: true }]}>
            <Radio.Group
              optionType="button"
              options={PROPOSAL_KINDS.map((k) => ({ value: k, label: proposalKindLabel[k] }))}
            />
          </Form.Item>
          <Form.Item label="被调整的组织" name="orgId" rules={[{ required: true, message: '请选择组织' }]}>
            <OrgSelect activeOnly aria-label="被调整的组织" />
          </Form.Item>
          <Form.Item
            label={TARGET_LABEL[kind]}
            name="targetOrgId"
            rules={[{ required: kind !== 'dissolve', message: `请选择${TARGET_LABEL[kind]}的组织` }]}
            extra={kind === 'dissolve' ? '组织还有团员或下级组织时必须指定' : undefined}
          >
            <OrgSelect activeOnly aria-label="目标组织" />
          </Form.Item>
          {kind === 'adjust' ? (
            <Form.Item label="调整后名称（不改名可不填）" name="newName">
              <Input maxLength={100} />
            </Form.Item>
          ) : null}
        </div>
        {step === 1 ? (
          preview.isPending ? (
            <Spin tip="正在校验…" />
          ) : preview.data ? (
            <>
              <Alert
                type={preview.data.ok ? 'success' : 'error'}
                showIcon
                style={{ marginBottom: 12 }}
                title={preview.data.ok ? '符合规则，可以提交' : '不符合规则，不能提交'}
                description={`${preview.data.subject.name}：直属团员${preview.data.subject.directMembers}人，下级组织${preview.data.subject.children}个${
                  preview.data.target
                    ? `；${preview.data.target.name}：直属团员${preview.data.target.directMembers}人`
                    : ''
                }`}
              />
              <ul aria-label="规则校验" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
                {preview.data.checks.map((c) => (
                  <li key={c.text} style={{ padding: '6px 0', borderBottom: '1px solid #f0f0f0' }}>
                    <Space>
                      {c.ok ? (
                        <CheckCircleTwoTone twoToneColor="#52c41a" aria-label="通过" />
                      ) : (
                        <CloseCircleTwoTone twoToneColor="#cf1322" aria-label="不通过" />
                      )}
                      {c.text}
                    </Space>
                  </li>
                ))}
              </ul>
            </>
          ) : null
        ) : null}
        <div style={{ display: step === 2 ? 'block' : 'none' }}>
          <Form.Item
            label="调整理由"
            name="reason"
            rules={[{ required: step === 2, whitespace: true, message: '请填写调整理由' }]}
          >
            <Input.TextArea rows={3} maxLength={500} />
          </Form.Item>
          <Form.Item
            label="生效日期"
            name="effectiveOn"
            rules={[{ required: true, message: '请选择生效日期' }]}
          >
            <DatePicker />
          </Form.Item>
        </div>
      </Form>
    </Modal>
  );
}
