import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { todayInShanghai } from '@tuanjian/domain';
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Modal,
  Select,
  Table,
  type TableColumnsType,
  Tabs,
  TreeSelect,
} from 'antd';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import { FileUpload } from '../../components/FileUpload';
import { PageHeader } from '../../components/PageHeader';
import type { RouterOutputs } from '../../lib/api-types';
import { trpc, trpcClient } from '../../lib/trpc';
import { errorText, orgOptions } from '../development/shared';

type Brand = RouterOutputs['lift']['brands'][number];
type Training = RouterOutputs['lift']['trainings'][number];
type Contact = RouterOutputs['lift']['contacts'][number];

const STATUS_OPTIONS = [
  { value: 'planned', label: '计划中' },
  { value: 'ongoing', label: '实施中' },
  { value: 'completed', label: '已完成' },
  { value: 'recognised', label: '已获评' },
];

function useLeaders() {
  const leaders = useQuery(trpc.lift.leaders.queryOptions());
  return (leaders.data ?? []).map((l) => ({
    value: l.id,
    label: `${l.name}（${l.orgName}${l.positionLabel}）`,
  }));
}

function Brands(props: { year: number }) {
  const qc = useQueryClient();
  const { message } = App.useApp();
  const list = useQuery(trpc.lift.brands.queryOptions({ year: props.year }));
  const tree = useQuery(trpc.organisations.tree.queryOptions());
  const orgs = useMemo(() => orgOptions(tree.data ?? []), [tree.data]);
  const [editing, setEditing] = useState<Partial<Brand> | null>(null);
  const [form] = Form.useForm();
  const save = useMutation({
    mutationFn: (v: {
      orgId: string;
      name: string;
      description?: string;
      status: 'planned' | 'ongoing' | 'completed' | 'recognised';
      evidenceFileIds?: string[];
    }) => trpcClient.lift.saveBrand.mutate({ ...v, id: editing?.id, year: props.year }),
    onSuccess: () => {
      message.success('工作品牌已保存');
      setEditing(null);
      void qc.invalidateQueries({ queryKey: trpc.lift.brands.queryKey() });
    },
  });
  const columns: TableColumnsType<Brand> = [
    { title: '品牌名称', dataIndex: 'name' },
    { title: '组织', dataIndex: 'orgName' },
    { title: '状态', dataIndex: 'statusLabel', width: 90 },
    { title: '简介', dataIndex: 'description', ellipsis: true },
    { title: '佐证材料', key: 'e', width: 90, render: (_, b) => `${b.evidence.length}个` },
    {
      title: '操作',
      key: 'op',
      width: 80,
      render: (_, b) => (
        <Button
          type="link"
          onClick={() => {
            setEditing(b);
            form.setFieldsValue({ ...b, evidenceFileIds: b.evidence.map((f) => f.id) });
          }}
        >
          编辑
        </Button>
      ),
    },
  ];
  return (
    <Card
      extra={
        <Button
          type="primary"
          onClick={() => {
            setEditing({});
            form.resetFields();
          }}
        >
          登记工作品牌
        </Button>
      }
    >
      <Table<Brand>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={list.data ?? []}
        loading={list.isFetching}
      />
      <Modal
        title={editing?.id ? '编辑工作品牌' : `登记${props.year}年工作品牌`}
        open={editing !== null}
        onCancel={() => setEditing(null)}
        onOk={() => form.submit()}
        confirmLoading={save.isPending}
        destroyOnHidden
      >
        {save.error && (
          <Alert type="error" showIcon title={errorText(save.error)} style={{ marginBottom: 12 }} />
        )}
        <Form
          form={form}
          layout="vertical"
          onFinish={(v) => save.mutate(v)}
          initialValues={{ status: 'ongoing' }}
        >
          <Form.Item name="orgId" label="组织" rules={[{ required: true, message: '请选择组织' }]}>
            <TreeSelect treeData={orgs} showSearch={{ treeNodeFilterProp: 'title' }} aria-label="组织" />
          </Form.Item>
          <Form.Item name="name" label="品牌名称" rules={[{ required: true, message: '请填写品牌名称' }]}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="status" label="状态">
            <Select options={STATUS_OPTIONS} />
          </Form.Item>
          <Form.Item name="description" label="品牌简介">
            <Input.TextArea rows={3} maxLength={2000} />
          </Form.Item>
          <Form.Item name="evidenceFileIds" label="佐证材料">
            <FileUpload accept="any" max={20} label="上传佐证材料" files={editing?.evidence} />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}

function Trainings(props: { year: number }) {
  const qc = useQueryClient();
  const { message } = App.useApp();
  const list = useQuery(trpc.lift.trainings.queryOptions({ year: props.year }));
  const leaders = useLeaders();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm();
  const add = useMutation({
    mutationFn: (v: {
      leaderId: string;
      kind: 'appointment' | 'rotation';
      trainedOn: dayjs.Dayjs;
      hours: number;
      topic: string;
      provider?: string;
    }) => trpcClient.lift.addTraining.mutate({ ...v, trainedOn: v.trainedOn.format('YYYY-MM-DD') }),
    onSuccess: () => {
      message.success('培训记录已保存');
      setOpen(false);
      void qc.invalidateQueries({ queryKey: trpc.lift.trainings.queryKey() });
    },
  });
  const columns: TableColumnsType<Training> = [
    { title: '日期', dataIndex: 'trainedOn', width: 110 },
    { title: '团干部', dataIndex: 'cadreName', width: 100 },
    { title: '职务', key: 'p', render: (_, t) => `${t.orgName}${t.positionLabel}` },
    { title: '类别', dataIndex: 'kindLabel', width: 90 },
    { title: '学时', dataIndex: 'hours', width: 70, align: 'right' },
    { title: '培训内容', dataIndex: 'topic' },
    { title: '举办单位', dataIndex: 'provider' },
  ];
  return (
    <Card
      extra={
        <Button type="primary" onClick={() => setOpen(true)}>
          记录培训
        </Button>
      }
    >
      <Table<Training>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={list.data ?? []}
        loading={list.isFetching}
      />
      <Modal
        title="记录团干部培训"
        open={open}
        onCancel={() => setOpen(false)}
        onOk={() => form.submit()}
        confirmLoading={add.isPending}
        destroyOnHidden
      >
        {add.error && (
          <Alert type="error" showIcon title={errorText(add.error)} style={{ marginBottom: 12 }} />
        )}
        <Form
          form={form}
          layout="vertical"
          onFinish={(v) => add.mutate(v)}
          initialValues={{ kind: 'rotation', hours: 8, trainedOn: dayjs(todayInShanghai()) }}
        >
          <Form.Item name="leaderId" label="团干部" rules={[{ required: true, message: '请选择团干部' }]}>
            <Select showSearch optionFilterProp="label" options={leaders} aria-label="团干部" />
          </Form.Item>
          <Form.Item name="kind" label="类别">
            <Select
              options={[
                { value: 'appointment', label: '任职培训' },
                { value: 'rotation', label: '任期轮训' },
              ]}
            />
          </Form.Item>
          <Form.Item name="trainedOn" label="培训日期" rules={[{ required: true, message: '请选择日期' }]}>
            <DatePicker />
          </Form.Item>
          <Form.Item name="hours" label="学时">
            <InputNumber min={1} max={500} />
          </Form.Item>
          <Form.Item name="topic" label="培训内容" rules={[{ required: true, message: '请填写培训内容' }]}>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name="provider" label="举办单位">
            <Input maxLength={100} />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}

function Contacts(props: { year: number }) {
  const qc = useQueryClient();
  const { message } = App.useApp();
  const list = useQuery(trpc.lift.contacts.queryOptions({ year: props.year }));
  const leaders = useLeaders();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm();
  const add = useMutation({
    mutationFn: (v: { leaderId: string; contactedOn: dayjs.Dayjs; youthCount: number; notes?: string }) =>
      trpcClient.lift.addContact.mutate({ ...v, contactedOn: v.contactedOn.format('YYYY-MM-DD') }),
    onSuccess: () => {
      message.success('联系记录已保存');
      setOpen(false);
      void qc.invalidateQueries({ queryKey: trpc.lift.contacts.queryKey() });
    },
  });
  const columns: TableColumnsType<Contact> = [
    { title: '日期', dataIndex: 'contactedOn', width: 110 },
    { title: '团干部', dataIndex: 'cadreName', width: 100 },
    { title: '职务', key: 'p', render: (_, t) => `${t.orgName}${t.positionLabel}` },
    { title: '联系青年（人）', dataIndex: 'youthCount', width: 120, align: 'right' },
    { title: '联系情况', dataIndex: 'notes' },
  ];
  return (
    <Card
      extra={
        <Button type="primary" onClick={() => setOpen(true)}>
          记录联系青年
        </Button>
      }
    >
      <Table<Contact>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={list.data ?? []}
        loading={list.isFetching}
      />
      <Modal
        title="记录团干部联系青年"
        open={open}
        onCancel={() => setOpen(false)}
        onOk={() => form.submit()}
        confirmLoading={add.isPending}
        destroyOnHidden
      >
        {add.error && (
          <Alert type="error" showIcon title={errorText(add.error)} style={{ marginBottom: 12 }} />
        )}
        <Form
          form={form}
          layout="vertical"
          onFinish={(v) => add.mutate(v)}
          initialValues={{ youthCount: 5, contactedOn: dayjs(todayInShanghai()) }}
        >
          <Form.Item name="leaderId" label="团干部" rules={[{ required: true, message: '请选择团干部' }]}>
            <Select showSearch optionFilterProp="label" options={leaders} aria-label="团干部" />
          </Form.Item>
          <Form.Item name="contactedOn" label="联系日期" rules={[{ required: true, message: '请选择日期' }]}>
            <DatePicker />
          </Form.Item>
          <Form.Item name="youthCount" label="联系青年人数">
            <InputNumber min={1} max={10000} />
          </Form.Item>
          <Form.Item name="notes" label="联系情况">
            <Input.TextArea rows={3} maxLength={1000} />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}

/** LIFT-1 records: 工作品牌 register, 团干部培训 (任职培训 / 任期轮训), 团干部联系青年. */
export default function LiftRecordsPage() {
  const now = Number(todayInShanghai().slice(0, 4));
  const [year, setYear] = useState(now);
  return (
    <>
      <PageHeader title="规范提升台帐" subTitle="工作品牌、团干部培训和团干部联系青年记录，计入数据看板" />
      <Card style={{ marginBottom: 16 }}>
        <Select
          aria-label="年份"
          value={year}
          onChange={setYear}
          style={{ width: 120 }}
          options={[now, now - 1, now - 2].map((y) => ({ value: y, label: `${y}年` }))}
        />
      </Card>
      <Tabs
        items={[
          { key: 'brands', label: '工作品牌', children: <Brands year={year} /> },
          { key: 'trainings', label: '团干部培训', children: <Trainings year={year} /> },
          { key: 'contacts', label: '联系青年', children: <Contacts year={year} /> },
        ]}
      />
    </>
  );
}
