import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { INSTRUCTOR_STATUSES, type InstructorStatus, instructorStatusLabel } from '@tuanjian/domain';
import {
  App,
  Button,
  Col,
  DatePicker,
  Descriptions,
  Drawer,
  Form,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Select,
  Space,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { useState } from 'react';
import { PageHeader } from '../../components/PageHeader';
import { SearchTable, useUrlParams } from '../../components/SearchTable';
import type { RouterOutputs } from '../../lib/api-types';
import { trpc, trpcClient } from '../../lib/trpc';

type Row = RouterOutputs['instructors']['list']['items'][number];
type Detail = RouterOutputs['instructors']['get'];
type Assignment = Detail['assignments'][number];

/** 团市委: 基层团建指导员 — registry, training records, login account and the branches each one covers. */
export default function InstructorsPage() {
  const { params, set } = useUrlParams();
  const q = params.get('q') ?? undefined;
  const status = (params.get('status') as InstructorStatus | null) ?? undefined;
  const page = Number(params.get('page') ?? 1) || 1;
  const list = useQuery(
    trpc.instructors.list.queryOptions(
      { q, status, page, pageSize: 20 },
      { placeholderData: keepPreviousData },
    ),
  );
  const [openId, setOpenId] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const create = useMutation({
    mutationFn: (v: { name: string; unit: string; phone?: string }) =>
      trpcClient.instructors.create.mutate({ ...v, phone: v.phone?.trim() || null }),
    onSuccess: async (r) => {
      message.success('已登记');
      setCreating(false);
      form.resetFields();
      await qc.invalidateQueries({ queryKey: trpc.instructors.pathKey() });
      setOpenId(r.id);
    },
  });

  const columns: TableColumnsType<Row> = [
    { title: '姓名', dataIndex: 'name', width: 110 },
    { title: '工作单位', dataIndex: 'unit', ellipsis: true },
    { title: '手机号码', dataIndex: 'phoneMasked', width: 130, render: (v: string | null) => v ?? '—' },
    { title: '联系团支部', dataIndex: 'branches', width: 100, align: 'right' },
    { title: '培训学时', dataIndex: 'trainingHours', width: 100, align: 'right' },
    { title: '登录账号', dataIndex: 'username', width: 140, render: (v: string | null) => v ?? '—' },
    {
      title: '状态',
      dataIndex: 'status',
      width: 90,
      render: (s: InstructorStatus) => (
        <Tag color={s === 'active' ? 'green' : 'default'}>{instructorStatusLabel[s]}</Tag>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title="基层团建指导员"
        subTitle="团市委选派、培训基层团建指导员，分配联系各区县团支部，力争全覆盖"
        extra={
          <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setCreating(true)}>
            登记指导员
          </Button>
        }
      />
      <SearchTable<Row, { q?: string; status?: InstructorStatus }>
        formName="instructor-search"
        initialValues={{ q, status }}
        onSearch={(v) => set({ q: v.q?.trim() || undefined, status: v.status, page: undefined })}
        fields={
          <>
            <Col xs={24} sm={12} lg={8}>
              <Form.Item label="姓名或单位" name="q" style={{ marginBottom: 12 }}>
                <Input allowClear autoComplete="off" placeholder="输入关键字" />
              </Form.Item>
            </Col>
            <Col xs={12} sm={6} lg={4}>
              <Form.Item label="状态" name="status" style={{ marginBottom: 12 }}>
                <Select
                  allowClear
                  placeholder="全部"
                  options={INSTRUCTOR_STATUSES.map((s) => ({ value: s, label: instructorStatusLabel[s] }))}
                />
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
        onRowClick={(r) => setOpenId(r.id)}
        emptyText="暂无指导员"
      />
      <Modal
        title="登记指导员"
        open={creating}
        onCancel={() => setCreating(false)}
        onOk={() => form.submit()}
        okText="保存"
        confirmLoading={create.isPending}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" name="instructor-create" onFinish={(v) => create.mutate(v)}>
          <Form.Item label="姓名" name="name" rules={[{ required: true, message: '请填写姓名' }]}>
            <Input maxLength={50} />
          </Form.Item>
          <Form.Item label="工作单位" name="unit" rules={[{ required: true, message: '请填写工作单位' }]}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item label="手机号码" name="phone" extra="加密保存，列表中只显示部分号码">
            <Input maxLength={20} />
          </Form.Item>
        </Form>
      </Modal>
      <InstructorDrawer id={openId} onClose={() => setOpenId(null)} />
    </>
  );
}

function InstructorDrawer(props: { id: string | null; onClose: () => void }) {
  const detail = useQuery({
    ...trpc.instructors.get.queryOptions({ id: props.id ?? '' }),
    enabled: !!props.id,
  });
  const qc = useQueryClient();
  const { message, modal } = App.useApp();
  const refresh = () => qc.invalidateQueries({ queryKey: trpc.instructors.pathKey() });
  const [trainingForm] = Form.useForm();
  const [assignForm] = Form.useForm();
  const [revealOpen, setRevealOpen] = useState(false);
  const [revealed, setRevealed] = useState<string | null>(null);
  const [accountOpen, setAccountOpen] = useState(false);
  const [tenantId, setTenantId] = useState<string | undefined>();
  const [branchQ, setBranchQ] = useState('');
  const districts = useQuery({ ...trpc.instructors.districts.queryOptions(), enabled: !!props.id });
  const branches = useQuery({
    ...trpc.instructors.branches.queryOptions({ tenantId: tenantId ?? '', q: branchQ || undefined }),
    enabled: !!tenantId,
  });
  const d = detail.data;

  const addTraining = useMutation({
    mutationFn: (v: { trainedOn: Dayjs; course: string; hours: number }) =>
      trpcClient.instructors.addTraining.mutate({
        instructorId: props.id as string,
        trainedOn: v.trainedOn.format('YYYY-MM-DD'),
        course: v.course,
        hours: v.hours,
      }),
    onSuccess: async () => {
      message.success('已添加培训记录');
      trainingForm.resetFields();
      await refresh();
    },
  });
  const removeTraining = useMutation({
    mutationFn: (id: string) => trpcClient.instructors.removeTraining.mutate({ id }),
    onSuccess: refresh,
  });
  const assign = useMutation({
    mutationFn: (v: { tenantId: string; orgId: string; startsOn: Dayjs }) =>
      trpcClient.instructors.assign.mutate({
        instructorId: props.id as string,
        tenantId: v.tenantId,
        orgId: v.orgId,
        startsOn: v.startsOn.format('YYYY-MM-DD'),
      }),
    onSuccess: async (r) => {
      message.success(r.replaced ? `已分配（原指导员${r.replaced}的联系已结束）` : `已分配联系${r.orgName}`);
      assignForm.resetFields(['orgId']);
      await refresh();
    },
  });
  const endAssignment = useMutation({
    mutationFn: (id: string) =>
      trpcClient.instructors.endAssignment.mutate({ id, endsOn: dayjs().format('YYYY-MM-DD') }),
    onSuccess: async () => {
      message.success('已结束联系');
      await refresh();
    },
  });
  const reveal = useMutation({
    mutationFn: (v: { reason: string }) =>
      trpcClient.instructors.revealPhone.mutate({ id: props.id as string, reason: v.reason }),
    onSuccess: (r) => {
      setRevealed(r.phone ?? '未登记');
      setRevealOpen(false);
    },
  });
  const account = useMutation({
    mutationFn: (v: { username: string }) =>
      trpcClient.instructors.createAccount.mutate({ instructorId: props.id as string, username: v.username }),
    onSuccess: async (r) => {
      setAccountOpen(false);
      modal.info({
        title: '登录账号已创建',
        content: (
          <div>
            <p>登录名：{r.username}</p>
            <p>
              初始密码：<Typography.Text copyable>{r.initialPassword}</Typography.Text>
            </p>
            <p>初始密码只显示这一次，请当面交给指导员；首次登录须修改密码。</p>
          </div>
        ),
      });
      await refresh();
    },
  });

  const assignmentColumns: TableColumnsType<Assignment> = [
    { title: '区县', dataIndex: 'tenantName', width: 110 },
    { title: '团支部', dataIndex: 'orgName', ellipsis: true },
    { title: '开始', dataIndex: 'startsOn', width: 105 },
    { title: '结束', dataIndex: 'endsOn', width: 105, render: (v: string | null) => v ?? '—' },
    {
      title: '本年走访',
      key: 'visits',
      width: 90,
      render: (_, r) => `${r.visitsThisYear} / ${r.visitsExpected}`,
    },
    {
      title: '',
      key: 'actions',
      width: 90,
      render: (_, r) =>
        r.current ? (
          <Popconfirm title={`结束与${r.orgName}的联系？`} onConfirm={() => endAssignment.mutate(r.id)}>
            <Button size="small" type="link">
              结束联系
            </Button>
          </Popconfirm>
        ) : (
          <Tag>历史</Tag>
        ),
    },
  ];

  return (
    <Drawer
      title={d ? `指导员：${d.name}` : '指导员'}
      open={!!props.id}
      onClose={() => {
        setRevealed(null);
        props.onClose();
      }}
      width={820}
      destroyOnHidden
    >
      {d ? (
        <>
          <Descriptions size="small" column={2} bordered style={{ marginBottom: 16 }}>
            <Descriptions.Item label="姓名">{d.name}</Descriptions.Item>
            <Descriptions.Item label="工作单位">{d.unit}</Descriptions.Item>
            <Descriptions.Item label="手机号码">
              <Space>
                {revealed ?? d.phoneMasked ?? '—'}
                {d.phoneMasked && !revealed ? (
                  <Button size="small" type="link" onClick={() => setRevealOpen(true)}>
                    查看完整号码
                  </Button>
                ) : null}
              </Space>
            </Descriptions.Item>
            <Descriptions.Item label="登录账号">
              {d.username ?? (
                <Button size="small" type="link" onClick={() => setAccountOpen(true)}>
                  创建登录账号
                </Button>
              )}
            </Descriptions.Item>
            <Descriptions.Item label="状态">{d.statusLabel}</Descriptions.Item>
            <Descriptions.Item label="培训学时合计">{d.trainingHours}</Descriptions.Item>
          </Descriptions>

          <Typography.Title level={5}>培训记录</Typography.Title>
          <Table
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={d.trainings}
            locale={{ emptyText: '暂无培训记录' }}
            columns={[
              { title: '日期', dataIndex: 'trainedOn', width: 110 },
              { title: '培训课程', dataIndex: 'course' },
              { title: '学时', dataIndex: 'hours', width: 80, align: 'right' },
              {
                title: '',
                key: 'x',
                width: 70,
                render: (_, r) => (
                  <Popconfirm title="删除这条培训记录？" onConfirm={() => removeTraining.mutate(r.id)}>
                    <Button size="small" type="link" danger>
                      删除
                    </Button>
                  </Popconfirm>
                ),
              },
            ]}
          />
          <Form
            form={trainingForm}
            layout="inline"
            name="instructor-training"
            style={{ margin: '12px 0 24px' }}
            onFinish={(v) => addTraining.mutate(v)}
          >
            <Form.Item name="trainedOn" rules={[{ required: true, message: '请选择日期' }]}>
              <DatePicker placeholder="培训日期" />
            </Form.Item>
            <Form.Item name="course" rules={[{ required: true, message: '请填写培训课程' }]}>
              <Input placeholder="培训课程" maxLength={100} style={{ width: 220 }} />
            </Form.Item>
            <Form.Item name="hours" rules={[{ required: true, message: '请填写学时' }]}>
              <InputNumber placeholder="学时" min={0.5} max={500} step={0.5} />
            </Form.Item>
            <Form.Item>
              <Button htmlType="submit" loading={addTraining.isPending}>
                添加培训记录
              </Button>
            </Form.Item>
          </Form>

          <Typography.Title level={5}>联系团支部</Typography.Title>
          <Table<Assignment>
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={d.assignments}
            columns={assignmentColumns}
            locale={{ emptyText: '尚未分配团支部' }}
          />
          {d.status === 'active' ? (
            <Form
              form={assignForm}
              layout="inline"
              name="instructor-assign"
              style={{ marginTop: 12 }}
              initialValues={{ startsOn: dayjs() }}
              onFinish={(v) => assign.mutate(v)}
            >
              <Form.Item name="tenantId" rules={[{ required: true, message: '请选择区县' }]}>
                <Select
                  aria-label="区县"
                  placeholder="区县"
                  style={{ width: 140 }}
                  options={(districts.data ?? []).map((t) => ({ value: t.id, label: t.name }))}
                  onChange={(v: string) => {
                    setTenantId(v);
                    assignForm.resetFields(['orgId']);
                  }}
                />
              </Form.Item>
              <Form.Item name="orgId" rules={[{ required: true, message: '请选择团支部' }]}>
                <Select
                  aria-label="团支部"
                  placeholder="搜索团支部"
                  showSearch
                  filterOption={false}
                  onSearch={setBranchQ}
                  style={{ width: 300 }}
                  loading={branches.isFetching}
                  options={(branches.data ?? []).map((b) => ({
                    value: b.orgId,
                    label: b.currentInstructor ? `${b.orgName}（现由${b.currentInstructor}联系）` : b.orgName,
                  }))}
                />
              </Form.Item>
              <Form.Item name="startsOn" rules={[{ required: true, message: '请选择开始日期' }]}>
                <DatePicker placeholder="开始日期" />
              </Form.Item>
              <Form.Item>
                <Button type="primary" htmlType="submit" loading={assign.isPending}>
                  分配
                </Button>
              </Form.Item>
            </Form>
          ) : null}
        </>
      ) : null}
      <Modal
        title="查看完整手机号码"
        open={revealOpen}
        onCancel={() => setRevealOpen(false)}
        footer={null}
        destroyOnHidden
      >
        <Form layout="vertical" name="instructor-reveal" onFinish={(v) => reveal.mutate(v)}>
          <Form.Item
            label="查看原因（将记入审计日志）"
            name="reason"
            rules={[{ required: true, min: 2, message: '请填写查看原因（至少2个字）' }]}
          >
            <Input maxLength={200} />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={reveal.isPending}>
            查看
          </Button>
        </Form>
      </Modal>
      <Modal
        title="创建登录账号"
        open={accountOpen}
        onCancel={() => setAccountOpen(false)}
        footer={null}
        destroyOnHidden
      >
        <Form layout="vertical" name="instructor-account" onFinish={(v) => account.mutate(v)}>
          <Form.Item label="登录名" name="username" rules={[{ required: true, message: '请填写登录名' }]}>
            <Input maxLength={32} autoComplete="off" />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={account.isPending}>
            创建
          </Button>
        </Form>
      </Modal>
    </Drawer>
  );
}
