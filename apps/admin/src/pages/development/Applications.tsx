import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { DEVELOPMENT_STAGES, developmentStageLabel, todayInShanghai } from '@tuanjian/domain';
import {
  Alert,
  Button,
  Checkbox,
  Col,
  Form,
  Input,
  Modal,
  Select,
  type TableColumnsType,
  Tag,
  TreeSelect,
} from 'antd';
import { useMemo, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { ExportButton } from '../../components/ExportButton';
import { PageHeader } from '../../components/PageHeader';
import { SearchTable, useUrlParams } from '../../components/SearchTable';
import { StatusTag } from '../../components/StatusTag';
import type { RouterInputs, RouterOutputs } from '../../lib/api-types';
import { formatDate } from '../../lib/format';
import { trpc, trpcClient } from '../../lib/trpc';
import { errorText, orgOptions, STAGE_COLOR } from './shared';

type AppRow = RouterOutputs['development']['list']['items'][number];
type Stage = (typeof DEVELOPMENT_STAGES)[number];

type SearchValues = { q?: string; orgId?: string; stage?: string; overdue?: boolean };

export default function ApplicationsPage() {
  const { params, set } = useUrlParams();
  const navigate = useNavigate();
  const stage = (params.get('stage') as Stage | null) ?? undefined;
  const q = params.get('q') ?? undefined;
  const orgId = params.get('orgId') ?? undefined;
  const talkOverdue = params.get('overdue') === '1' || undefined;
  const page = Number(params.get('page') ?? 1) || 1;
  const [open, setOpen] = useState(false);

  const tree = useQuery(trpc.organisations.tree.queryOptions());
  const list = useQuery(
    trpc.development.list.queryOptions(
      { page, pageSize: 20, stage, q, orgId, talkOverdue },
      { placeholderData: keepPreviousData },
    ),
  );
  const options = useMemo(() => orgOptions(tree.data ?? []), [tree.data]);
  const branchOptions = useMemo(() => orgOptions(tree.data ?? [], ['branch']), [tree.data]);

  const columns: TableColumnsType<AppRow> = [
    { title: '姓名', dataIndex: 'name' },
    { title: '出生日期', dataIndex: 'birthDate', width: 140, render: (d: string) => formatDate(d) },
    { title: '团支部', dataIndex: 'orgName', ellipsis: true },
    { title: '申请日期', dataIndex: 'appliedOn', width: 140, render: (d: string) => formatDate(d) },
    {
      title: '当前阶段',
      dataIndex: 'stage',
      width: 200,
      render: (s: Stage, r) => (
        <>
          <StatusTag value={s} labels={developmentStageLabel} colors={STAGE_COLOR} />
          {r.talkOverdue ? <Tag color="red">谈话超期</Tag> : null}
        </>
      ),
    },
    {
      title: '下一步',
      dataIndex: 'nextStage',
      width: 180,
      render: (s: Stage | null) => (s ? developmentStageLabel[s] : '已完成'),
    },
    { title: '团员编号', dataIndex: 'memberNumber', width: 140, render: (v: string | null) => v ?? '—' },
  ];

  const counts = list.data?.counts ?? {};
  return (
    <>
      <PageHeader
        title="发展团员"
        subTitle="入团申请 → 入团积极分子 → 发展对象 → 支部大会表决 → 上级批准 → 入团宣誓（《发展团员工作细则》）"
        extra={
          <>
            <ExportButton
              unit="人"
              onExport={() => trpcClient.exports.applications.mutate({ stage, q, orgId, talkOverdue })}
            />
            <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setOpen(true)}>
              登记入团申请
            </Button>
          </>
        }
      />
      <SearchTable<AppRow, SearchValues>
        formName="development-search"
        initialValues={{ q, orgId, stage, overdue: !!talkOverdue }}
        onSearch={(v) =>
          set({
            q: v.q?.trim() || undefined,
            orgId: v.orgId,
            stage: v.stage,
            overdue: v.overdue ? '1' : undefined,
            page: undefined,
          })
        }
        searchColLg={4}
        fields={
          <>
            <Col xs={24} sm={12} lg={5}>
              <Form.Item label="姓名" name="q" style={{ marginBottom: 12 }}>
                <Input placeholder="输入姓名" allowClear autoComplete="off" />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12} lg={7}>
              <Form.Item label="所属组织" name="orgId" style={{ marginBottom: 12 }}>
                <TreeSelect
                  placeholder="全部组织"
                  allowClear
                  treeData={options}
                  showSearch={{ treeNodeFilterProp: 'title' }}
                />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12} lg={5}>
              <Form.Item label="阶段" name="stage" style={{ marginBottom: 12 }}>
                <Select
                  placeholder="全部阶段"
                  allowClear
                  options={DEVELOPMENT_STAGES.map((s) => ({
                    value: s,
                    label: `${developmentStageLabel[s]}${counts[s] ? `（${counts[s]}）` : ''}`,
                  }))}
                />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12} lg={3}>
              <Form.Item name="overdue" valuePropName="checked" style={{ marginBottom: 12 }}>
                <Checkbox>谈话超期</Checkbox>
              </Form.Item>
            </Col>
          </>
        }
        columns={columns}
        rowKey="id"
        data={list.data}
        loading={list.isFetching}
        page={page}
        onPage={(p) => set({ page: String(p) })}
        onRowClick={(r) => navigate(`/development/${r.id}`)}
        emptyText="暂无入团申请"
      />
      <SubmitModal open={open} onClose={() => setOpen(false)} branchOptions={branchOptions} />
    </>
  );
}

function SubmitModal(props: {
  open: boolean;
  onClose(): void;
  branchOptions: ReturnType<typeof orgOptions>;
}) {
  const [form] = Form.useForm<RouterInputs['development']['submit']>();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const submit = useMutation(
    trpc.development.submit.mutationOptions({
      meta: { silent: true },
      onSuccess: (app) => {
        qc.invalidateQueries({ queryKey: trpc.development.list.queryKey() });
        props.onClose();
        form.resetFields();
        navigate(`/development/${app.id}`);
      },
    }),
  );
  return (
    <Modal
      title="登记入团申请"
      open={props.open}
      onCancel={props.onClose}
      okText="提交"
      confirmLoading={submit.isPending}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      {submit.error ? (
        <Alert type="error" showIcon title={errorText(submit.error)} style={{ marginBottom: 12 }} />
      ) : null}
      <Form
        form={form}
        layout="vertical"
        name="development-submit"
        initialValues={{ appliedOn: todayInShanghai() }}
        onFinish={(v) => submit.mutate(v)}
      >
        <Form.Item label="团支部" name="orgId" rules={[{ required: true, message: '请选择团支部' }]}>
          <TreeSelect
            placeholder="选择接收申请的团支部"
            treeData={props.branchOptions}
            showSearch={{ treeNodeFilterProp: 'title' }}
          />
        </Form.Item>
        <Form.Item label="姓名" name="name" rules={[{ required: true, message: '请填写姓名' }]}>
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item label="性别" name="gender" rules={[{ required: true, message: '请选择性别' }]}>
          <Select
            options={[
              { value: 'male', label: '男' },
              { value: 'female', label: '女' },
            ]}
          />
        </Form.Item>
        <Form.Item label="出生日期" name="birthDate" rules={[{ required: true, message: '请填写出生日期' }]}>
          <Input type="date" />
        </Form.Item>
        <Form.Item label="申请日期" name="appliedOn" rules={[{ required: true, message: '请填写申请日期' }]}>
          <Input type="date" />
        </Form.Item>
        <Form.Item label="学校或工作单位" name="unitName">
          <Input />
        </Form.Item>
      </Form>
    </Modal>
  );
}
