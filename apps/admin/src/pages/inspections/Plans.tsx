import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  type InspectionMethod,
  inspectionMethodLabel,
  inspectionPlanStatusLabel,
  quarterAt,
} from '@tuanjian/domain';
import { App, Button, Card, Form, Input, InputNumber, Modal, Select, Table, Tag } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { PageHeader } from '../../components/PageHeader';
import { useMe } from '../../lib/auth';
import { formatDate } from '../../lib/format';
import { trpc, trpcClient } from '../../lib/trpc';
import { methodOptions } from './shared';

/** 督导检查: the quarterly plans (city_admin: all; inspector: those of its team). */
export default function InspectionPlansPage() {
  const { activeGrant } = useMe();
  const isAdmin = activeGrant?.role === 'city_admin';
  const list = useQuery(trpc.inspections.plans.queryOptions({}));
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const create = useMutation({
    mutationFn: (v: {
      year: number;
      quarter: number;
      title: string;
      focus?: string;
      methods: InspectionMethod[];
    }) => trpcClient.inspections.createPlan.mutate(v),
    onSuccess: async (r) => {
      message.success('计划已创建');
      setOpen(false);
      await qc.invalidateQueries({ queryKey: trpc.inspections.pathKey() });
      navigate(`/inspections/${r.id}`);
    },
  });
  const q = quarterAt(new Date());
  type Row = NonNullable<typeof list.data>[number];
  return (
    <>
      <PageHeader
        title="督导检查"
        subTitle="季度督导检查计划、检查组、检查对象、发现问题与通报"
        extra={
          isAdmin ? (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => {
                form.setFieldsValue({
                  year: q.year,
                  quarter: q.quarter,
                  title: `${q.label}全市共青团基层组织建设督导检查`,
                  methods: ['hearing_report', 'site_visit', 'ledger_review'],
                });
                setOpen(true);
              }}
            >
              新建检查计划
            </Button>
          ) : null
        }
      />
      <Card>
        <Table<Row>
          rowKey="id"
          loading={list.isLoading}
          dataSource={list.data ?? []}
          pagination={false}
          columns={[
            { title: '季度', key: 'q', width: 130, render: (_, r) => `${r.year}年第${r.quarter}季度` },
            {
              title: '计划',
              dataIndex: 'title',
              render: (t: string, r) => <Link to={`/inspections/${r.id}`}>{t}</Link>,
            },
            {
              title: '检查方式',
              dataIndex: 'methods',
              render: (m: InspectionMethod[]) => m.map((x) => inspectionMethodLabel[x]).join('、'),
            },
            {
              title: '时间',
              key: 't',
              width: 200,
              render: (_, r) => `${formatDate(r.startsOn)} 至 ${formatDate(r.endsOn)}`,
            },
            { title: '检查组', dataIndex: 'teamCount', width: 70, align: 'right' },
            { title: '对象', dataIndex: 'targetCount', width: 60, align: 'right' },
            { title: '问题', dataIndex: 'findingCount', width: 60, align: 'right' },
            {
              title: '待整改',
              key: 'open',
              width: 110,
              render: (_, r) => (
                <>
                  {r.openCount}
                  {r.overdueCount > 0 ? (
                    <Tag color="red" style={{ marginLeft: 6 }}>
                      逾期{r.overdueCount}
                    </Tag>
                  ) : null}
                </>
              ),
            },
            {
              title: '状态',
              key: 's',
              width: 140,
              render: (_, r) => (
                <>
                  <Tag>{inspectionPlanStatusLabel[r.status]}</Tag>
                  {r.circularPublished ? <Tag color="green">已通报</Tag> : null}
                </>
              ),
            },
          ]}
        />
      </Card>
      <Modal
        title="新建督导检查计划"
        open={open}
        onCancel={() => setOpen(false)}
        okText="创建"
        confirmLoading={create.isPending}
        onOk={() => form.submit()}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" onFinish={(v) => create.mutate(v)}>
          <Form.Item label="年度" name="year" rules={[{ required: true, message: '请填写年度' }]}>
            <InputNumber min={2000} max={2100} />
          </Form.Item>
          <Form.Item label="季度" name="quarter" rules={[{ required: true, message: '请选择季度' }]}>
            <Select options={[1, 2, 3, 4].map((n) => ({ value: n, label: `第${n}季度` }))} />
          </Form.Item>
          <Form.Item label="计划名称" name="title" rules={[{ required: true, message: '请填写计划名称' }]}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item label="检查重点" name="focus">
            <Input.TextArea rows={3} maxLength={2000} />
          </Form.Item>
          <Form.Item
            label="检查方式"
            name="methods"
            rules={[{ required: true, message: '请至少选择一种检查方式' }]}
          >
            <Select mode="multiple" options={methodOptions} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
