import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  type FindingSeverity,
  type FindingStatus,
  type InspectionMethod,
  type InspectionSector,
  inspectionMethodLabel,
  inspectionPlanStatusLabel,
  inspectionSectorLabel,
  type OrgKind,
  orgKindLabel,
} from '@tuanjian/domain';
import {
  App,
  Button,
  Card,
  DatePicker,
  Descriptions,
  Drawer,
  Form,
  Input,
  Modal,
  Popconfirm,
  Select,
  Space,
  Table,
  Tag,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { FileUpload } from '../../components/FileUpload';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { formatDate, formatDateTime } from '../../lib/format';
import { trpc, trpcClient } from '../../lib/trpc';
import {
  evidenceUploader,
  FileLinks,
  FindingStatusTag,
  methodOptions,
  SeverityTag,
  sectorOptions,
  severityOptions,
} from './shared';

/** One plan: team, targets across districts and sectors, findings (record, review), circulars. */
export default function InspectionPlanPage() {
  const { id = '' } = useParams();
  const data = useQuery(trpc.inspections.plan.queryOptions({ id }));
  const qc = useQueryClient();
  const navigate = useNavigate();
  const refresh = () => qc.invalidateQueries({ queryKey: trpc.inspections.pathKey() });
  const [findingOpen, setFindingOpen] = useState(false);
  const [shown, setShown] = useState<string | null>(null);
  const p = data.data;
  if (!p) return <Loading />;
  type FindingRow = (typeof p.findings)[number];
  type TargetRow = (typeof p.targets)[number];
  return (
    <>
      <PageHeader
        title={p.title}
        subTitle={`${p.year}年第${p.quarter}季度 · ${inspectionPlanStatusLabel[p.status]}`}
        extra={
          <Space>
            {p.canManage ? (
              <Button onClick={() => navigate(`/inspections/${p.id}/circular`)}>起草通报</Button>
            ) : null}
            {p.canManage && p.status !== 'closed' ? (
              <Popconfirm
                title="结束本次检查？结束后不能再记录问题。"
                onConfirm={async () => {
                  await trpcClient.inspections.updatePlan.mutate({ id: p.id, status: 'closed' });
                  await refresh();
                }}
              >
                <Button>结束检查</Button>
              </Popconfirm>
            ) : null}
          </Space>
        }
      />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Descriptions size="small" column={2}>
          <Descriptions.Item label="检查时间">
            {formatDate(p.startsOn)} 至 {formatDate(p.endsOn)}
          </Descriptions.Item>
          <Descriptions.Item label="检查方式">
            {p.methods.map((m) => inspectionMethodLabel[m]).join('、')}
          </Descriptions.Item>
          <Descriptions.Item label="检查重点" span={2}>
            {p.focus || '—'}
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <TeamCard plan={p} onSaved={refresh} />
      <Card
        title={`检查对象（${p.targets.length}）`}
        size="small"
        style={{ marginBottom: 16 }}
        extra={p.canManage && p.status !== 'closed' ? <AddTarget planId={p.id} onAdded={refresh} /> : null}
      >
        <Table<TargetRow>
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={p.targets}
          columns={[
            { title: '区县', dataIndex: 'tenantName', width: 140 },
            { title: '组织', dataIndex: 'orgName' },
            { title: '类型', dataIndex: 'orgKind', width: 80, render: (k: OrgKind) => orgKindLabel[k] ?? k },
            {
              title: '领域',
              dataIndex: 'sector',
              width: 200,
              render: (s: InspectionSector) => inspectionSectorLabel[s],
            },
            { title: '问题数', dataIndex: 'findingCount', width: 70, align: 'right' },
            ...(p.canManage
              ? [
                  {
                    title: '操作',
                    key: 'op',
                    width: 80,
                    render: (_: unknown, t: TargetRow) =>
                      t.findingCount === 0 && p.status !== 'closed' ? (
                        <Popconfirm
                          title="移除该检查对象？"
                          onConfirm={async () => {
                            await trpcClient.inspections.removeTarget.mutate({ id: t.id });
                            await refresh();
                          }}
                        >
                          <Button type="link" size="small">
                            移除
                          </Button>
                        </Popconfirm>
                      ) : null,
                  },
                ]
              : []),
          ]}
        />
      </Card>
      <Card
        title={`发现的问题（${p.findings.length}）`}
        size="small"
        style={{ marginBottom: 16 }}
        extra={
          p.canRecord && p.targets.length > 0 ? (
            <Button type="primary" onClick={() => setFindingOpen(true)}>
              记录问题
            </Button>
          ) : null
        }
      >
        <Table<FindingRow>
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={p.findings}
          columns={[
            { title: '被检查组织', key: 'org', render: (_, f) => `${f.tenantName} ${f.orgName}` },
            {
              title: '检查方式',
              dataIndex: 'method',
              width: 90,
              render: (m: InspectionMethod) => inspectionMethodLabel[m],
            },
            {
              title: '程度',
              dataIndex: 'severity',
              width: 70,
              render: (s: FindingSeverity) => <SeverityTag severity={s} />,
            },
            { title: '问题', dataIndex: 'description', ellipsis: true },
            { title: '整改期限', dataIndex: 'deadline', width: 110, render: (d: string) => formatDate(d) },
            {
              title: '状态',
              dataIndex: 'status',
              width: 140,
              render: (s: FindingStatus, f) => <FindingStatusTag status={s} overdue={f.overdue} />,
            },
            {
              title: '',
              key: 'op',
              width: 60,
              render: (_, f) => (
                <Button type="link" size="small" onClick={() => setShown(f.id)}>
                  查看
                </Button>
              ),
            },
          ]}
        />
      </Card>
      <Card title="通报" size="small">
        {p.circulars.length === 0 ? (
          <span style={{ color: '#999' }}>尚未起草通报</span>
        ) : (
          p.circulars.map((c) => (
            <div key={c.id} style={{ marginBottom: 8 }}>
              <Space>
                <span>{c.title}</span>
                {c.status === 'published' ? (
                  <Tag color="green">已发布 {formatDate(c.publishedOn)}</Tag>
                ) : (
                  <Tag>草稿</Tag>
                )}
                {c.status === 'draft' && p.canManage ? (
                  <Link to={`/inspections/${p.id}/circular?id=${c.id}`}>编辑</Link>
                ) : null}
                <Link to={`/circulars/${c.id}/print`}>打印</Link>
              </Space>
            </div>
          ))
        )}
      </Card>
      <FindingForm
        open={findingOpen}
        onClose={() => setFindingOpen(false)}
        targets={p.targets}
        onSaved={refresh}
      />
      <FindingDrawer id={shown} canReview={p.canManage} onClose={() => setShown(null)} onChanged={refresh} />
    </>
  );
}

type Plan = Awaited<ReturnType<typeof trpcClient.inspections.plan.query>>;

function TeamCard(props: { plan: Plan; onSaved: () => unknown }) {
  const p = props.plan;
  const inspectors = useQuery({ ...trpc.inspections.inspectors.queryOptions(), enabled: p.canManage });
  const [editing, setEditing] = useState(false);
  const [members, setMembers] = useState<string[]>([]);
  const [leader, setLeader] = useState<string | undefined>();
  const { message } = App.useApp();
  const save = useMutation({
    mutationFn: () =>
      trpcClient.inspections.setTeam.mutate({
        planId: p.id,
        members: members.map((userId) => ({ userId, isLeader: userId === leader })),
      }),
    onSuccess: async () => {
      message.success('检查组已保存');
      setEditing(false);
      await props.onSaved();
    },
  });
  return (
    <Card
      title={`检查组（${p.team.length}）`}
      size="small"
      style={{ marginBottom: 16 }}
      extra={
        p.canManage && p.status !== 'closed' && !editing ? (
          <Button
            onClick={() => {
              setMembers(p.team.map((m) => m.userId));
              setLeader(p.team.find((m) => m.isLeader)?.userId);
              setEditing(true);
            }}
          >
            调整检查组
          </Button>
        ) : null
      }
    >
      {editing ? (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Select
            mode="multiple"
            aria-label="检查组成员"
            style={{ width: '100%' }}
            placeholder="选择督查组成员"
            value={members}
            onChange={setMembers}
            options={(inspectors.data ?? []).map((i) => ({
              value: i.userId,
              label: `${i.displayName}（${i.username}）`,
            }))}
          />
          <Select
            aria-label="组长"
            style={{ width: 300 }}
            placeholder="指定组长"
            allowClear
            value={leader}
            onChange={setLeader}
            options={(inspectors.data ?? [])
              .filter((i) => members.includes(i.userId))
              .map((i) => ({ value: i.userId, label: i.displayName }))}
          />
          <Space>
            <Button type="primary" loading={save.isPending} onClick={() => save.mutate()}>
              保存检查组
            </Button>
            <Button onClick={() => setEditing(false)}>取消</Button>
          </Space>
        </Space>
      ) : p.team.length === 0 ? (
        <span style={{ color: '#999' }}>尚未指定检查组成员</span>
      ) : (
        <Space wrap>
          {p.team.map((m) => (
            <Tag key={m.userId} color={m.isLeader ? 'red' : undefined}>
              {m.displayName}
              {m.isLeader ? '（组长）' : ''}
            </Tag>
          ))}
        </Space>
      )}
    </Card>
  );
}

function AddTarget(props: { planId: string; onAdded: () => unknown }) {
  const [open, setOpen] = useState(false);
  const [tenantId, setTenantId] = useState<string>();
  const [sector, setSector] = useState<InspectionSector>();
  const [orgId, setOrgId] = useState<string>();
  const [q, setQ] = useState('');
  const districts = useQuery({ ...trpc.inspections.districts.queryOptions(), enabled: open });
  const orgs = useQuery({
    ...trpc.inspections.orgCandidates.queryOptions({ tenantId: tenantId ?? '', sector, q: q || undefined }),
    enabled: open && !!tenantId,
  });
  const { message } = App.useApp();
  const add = useMutation({
    mutationFn: () =>
      trpcClient.inspections.addTarget.mutate({
        planId: props.planId,
        tenantId: tenantId!,
        orgId: orgId!,
        sector,
      }),
    onSuccess: async () => {
      message.success('已添加检查对象');
      setOrgId(undefined);
      await props.onAdded();
    },
  });
  return (
    <>
      <Button onClick={() => setOpen(true)}>添加检查对象</Button>
      <Modal
        title="添加检查对象"
        open={open}
        onCancel={() => setOpen(false)}
        okText="添加"
        okButtonProps={{ disabled: !tenantId || !orgId }}
        confirmLoading={add.isPending}
        onOk={() => add.mutate()}
      >
        <Form layout="vertical">
          <Form.Item label="区县">
            <Select
              aria-label="区县"
              value={tenantId}
              onChange={(v) => {
                setTenantId(v);
                setOrgId(undefined);
              }}
              options={(districts.data ?? []).map((d) => ({ value: d.id, label: d.name }))}
            />
          </Form.Item>
          <Form.Item label="检查领域">
            <Select
              aria-label="检查领域"
              allowClear
              value={sector}
              onChange={setSector}
              options={sectorOptions}
            />
          </Form.Item>
          <Form.Item label="组织">
            <Select
              aria-label="组织"
              showSearch
              filterOption={false}
              onSearch={setQ}
              value={orgId}
              onChange={setOrgId}
              loading={orgs.isFetching}
              notFoundContent={tenantId ? '没有符合条件的组织' : '请先选择区县'}
              options={(orgs.data ?? []).map((o) => ({
                value: o.id,
                label: `${o.name}（${orgKindLabel[o.kind as OrgKind] ?? o.kind}${o.inspectionSector ? ` · ${inspectionSectorLabel[o.inspectionSector]}` : ''}）`,
              }))}
            />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

function FindingForm(props: {
  open: boolean;
  onClose: () => void;
  targets: { id: string; tenantName: string; orgName: string }[];
  onSaved: () => unknown;
}) {
  const [form] = Form.useForm();
  const targetId = Form.useWatch('targetId', form) as string | undefined;
  const { message } = App.useApp();
  const save = useMutation({
    mutationFn: (v: {
      targetId: string;
      method: InspectionMethod;
      severity: FindingSeverity;
      description: string;
      requirement?: string;
      deadline?: Dayjs;
      evidenceFileIds?: string[];
    }) =>
      trpcClient.inspections.recordFinding.mutate({
        ...v,
        deadline: v.deadline ? v.deadline.format('YYYY-MM-DD') : undefined,
        evidenceFileIds: v.evidenceFileIds ?? [],
      }),
    onSuccess: async () => {
      message.success('问题已记录，被检查单位可在“督导问题整改”中查看并答复');
      form.resetFields();
      props.onClose();
      await props.onSaved();
    },
  });
  return (
    <Modal
      title="记录发现的问题"
      open={props.open}
      onCancel={props.onClose}
      okText="保存"
      confirmLoading={save.isPending}
      onOk={() => form.submit()}
      width={640}
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) => save.mutate(v)}
        initialValues={{ severity: 'general' }}
      >
        <Form.Item
          label="被检查组织"
          name="targetId"
          rules={[{ required: true, message: '请选择被检查组织' }]}
        >
          <Select
            aria-label="被检查组织"
            options={props.targets.map((t) => ({ value: t.id, label: `${t.tenantName} ${t.orgName}` }))}
            onChange={() => form.setFieldValue('evidenceFileIds', [])}
          />
        </Form.Item>
        <Form.Item label="检查方式" name="method" rules={[{ required: true, message: '请选择检查方式' }]}>
          <Select aria-label="检查方式" options={methodOptions} />
        </Form.Item>
        <Form.Item label="问题程度" name="severity" rules={[{ required: true, message: '请选择问题程度' }]}>
          <Select aria-label="问题程度" options={severityOptions} />
        </Form.Item>
        <Form.Item
          label="问题描述"
          name="description"
          rules={[{ required: true, whitespace: true, message: '请填写问题描述' }]}
        >
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
        <Form.Item label="整改要求" name="requirement">
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
        <Form.Item label="整改期限" name="deadline" extra="不填则按规则默认（检查之日起30日）">
          <DatePicker />
        </Form.Item>
        <Form.Item label="佐证材料" name="evidenceFileIds">
          <FileUpload
            accept="any"
            max={10}
            label="上传佐证"
            disabled={!targetId}
            uploader={evidenceUploader(targetId)}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function FindingDrawer(props: {
  id: string | null;
  canReview: boolean;
  onClose: () => void;
  onChanged: () => unknown;
}) {
  const data = useQuery({
    ...trpc.inspections.finding.queryOptions({ id: props.id ?? '' }),
    enabled: !!props.id,
  });
  const [note, setNote] = useState('');
  const [returning, setReturning] = useState(false);
  const qc = useQueryClient();
  const { message } = App.useApp();
  const review = useMutation({
    mutationFn: (decision: 'close' | 'return') =>
      trpcClient.inspections.reviewFinding.mutate({ id: props.id!, decision, note: note || undefined }),
    onSuccess: async (r) => {
      message.success(r.status === 'closed' ? '已销号' : '已退回重新整改');
      setReturning(false);
      setNote('');
      await qc.invalidateQueries({ queryKey: trpc.inspections.pathKey() });
      await props.onChanged();
    },
  });
  const f = data.data;
  return (
    <Drawer title="问题详情" open={!!props.id} onClose={props.onClose} width={640}>
      {!f ? (
        <Loading />
      ) : (
        <>
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label="被检查组织">
              {f.tenantName} {f.orgName}
            </Descriptions.Item>
            <Descriptions.Item label="检查方式">{inspectionMethodLabel[f.method]}</Descriptions.Item>
            <Descriptions.Item label="程度">
              <SeverityTag severity={f.severity} />
            </Descriptions.Item>
            <Descriptions.Item label="问题">{f.description}</Descriptions.Item>
            <Descriptions.Item label="整改要求">{f.requirement || '—'}</Descriptions.Item>
            <Descriptions.Item label="检查日期">{formatDate(f.inspectedOn)}</Descriptions.Item>
            <Descriptions.Item label="整改期限">{formatDate(f.deadline)}</Descriptions.Item>
            <Descriptions.Item label="状态">
              <FindingStatusTag status={f.status} overdue={f.overdue} />
            </Descriptions.Item>
            <Descriptions.Item label="佐证材料">
              <FileLinks files={f.evidence} />
            </Descriptions.Item>
            {f.reviewNote ? <Descriptions.Item label="审核意见">{f.reviewNote}</Descriptions.Item> : null}
          </Descriptions>
          <h3 style={{ marginTop: 16 }}>整改答复</h3>
          {f.answers.length === 0 ? <span style={{ color: '#999' }}>尚未答复</span> : null}
          {f.answers.map((a) => (
            <Card key={a.id} size="small" style={{ marginBottom: 8 }} className="finding-answer">
              <div style={{ whiteSpace: 'pre-wrap' }}>{a.body}</div>
              <div style={{ marginTop: 6 }}>
                附件：
                <FileLinks files={a.files} />
              </div>
              <div style={{ color: '#999', marginTop: 4 }}>
                {a.answeredByName} · {formatDateTime(a.answeredAt)}
              </div>
            </Card>
          ))}
          {props.canReview && f.status === 'answered' ? (
            <Space direction="vertical" style={{ width: '100%', marginTop: 12 }}>
              {returning ? (
                <Input.TextArea
                  aria-label="退回原因"
                  rows={2}
                  placeholder="请写明退回原因"
                  value={note}
                  onChange={(e) => setNote(e.target.value)}
                />
              ) : null}
              <Space>
                <Button type="primary" loading={review.isPending} onClick={() => review.mutate('close')}>
                  审核通过，销号
                </Button>
                {returning ? (
                  <Button danger onClick={() => review.mutate('return')}>
                    确认退回
                  </Button>
                ) : (
                  <Button onClick={() => setReturning(true)}>退回重新整改</Button>
                )}
              </Space>
            </Space>
          ) : null}
        </>
      )}
    </Drawer>
  );
}
