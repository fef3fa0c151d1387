import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import type { MeetingKind } from '@tuanjian/domain';
import {
  App,
  Button,
  Card,
  Checkbox,
  DatePicker,
  Form,
  Input,
  Select,
  Table,
  type TableColumnsType,
  Tag,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { PageHeader } from '../../components/PageHeader';
import type { RouterOutputs } from '../../lib/api-types';
import { formatDate } from '../../lib/format';
import { trpc, trpcClient } from '../../lib/trpc';
import { downloadBase64, OrgPicker, XLSX_MIME } from '../dues/shared';
import { KIND_OPTIONS } from './shared';

type Row = RouterOutputs['meetings']['list']['items'][number];

interface Filters {
  orgId?: string;
  kind?: MeetingKind;
  from?: string;
  to?: string;
  q?: string;
  belowQuorum?: boolean;
}

/** 三会两制一课台帐: every meeting recorded in the user's scope, filtered, exportable. */
export default function MeetingsPage() {
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const [filters, setFilters] = useState<Filters>({});
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const data = useQuery(
    trpc.meetings.list.queryOptions({ ...filters, ...page }, { placeholderData: keepPreviousData }),
  );
  const exporter = useMutation({
    mutationFn: () => trpcClient.meetings.export.mutate(filters),
    onSuccess: (f) => {
      downloadBase64(f.fileName, f.base64, XLSX_MIME);
      message.success(`已导出${f.rows}次会议：${f.fileName}`);
    },
  });
  const columns: TableColumnsType<Row> = [
    { title: '会议日期', dataIndex: 'heldOn', width: 130, render: (v: string) => formatDate(v) },
    { title: '类型', dataIndex: 'kindLabel', width: 110 },
    { title: '团支部', dataIndex: 'orgName', width: 220, ellipsis: true },
    {
      title: '主题',
      dataIndex: 'topic',
      ellipsis: true,
      render: (v: string, r) => <Link to={`/meetings/${r.id}`}>{v}</Link>,
    },
    {
      title: '出席',
      key: 'att',
      width: 110,
      align: 'right',
      render: (_: unknown, r) => `${r.presentCount} / ${r.entitledCount}`,
    },
    {
      title: '计入落实',
      key: 'counts',
      width: 130,
      render: (_: unknown, r) =>
        r.counts ? (
          <Tag color="success">是</Tag>
        ) : (
          <Tag color="error" title={r.flag ?? ''}>
            未达法定人数
          </Tag>
        ),
    },
    { title: '照片', dataIndex: 'photoCount', width: 70, align: 'right' },
  ];
  const apply = (v: {
    orgId?: string;
    kind?: MeetingKind;
    range?: [Dayjs | null, Dayjs | null] | null;
    q?: string;
    belowQuorum?: boolean;
  }) => {
    setFilters({
      orgId: v.orgId || undefined,
      kind: v.kind || undefined,
      from: v.range?.[0]?.format('YYYY-MM-DD'),
      to: v.range?.[1]?.format('YYYY-MM-DD'),
      q: v.q?.trim() || undefined,
      belowQuorum: v.belowQuorum || undefined,
    });
    setPage((p) => ({ ...p, page: 1 }));
  };
  return (
    <>
      <PageHeader
        title="三会两制一课"
        subTitle="支部团员大会、支部委员会、团小组会和团课的记录台帐"
        extra={
          <>
            <Button
              icon={<DownloadOutlined aria-hidden />}
              loading={exporter.isPending}
              onClick={() => exporter.mutate()}
            >
              导出Excel
            </Button>
            <Button
              type="primary"
              icon={<PlusOutlined aria-hidden />}
              onClick={() => navigate('/meetings/new')}
            >
              登记会议
            </Button>
          </>
        }
      />
      <Card style={{ marginBottom: 16 }}>
        <Form form={form} layout="inline" onFinish={apply} style={{ rowGap: 12 }}>
          <Form.Item name="orgId" label="组织" style={{ width: 280 }}>
            <OrgPicker />
          </Form.Item>
          <Form.Item name="kind" label="类型">
            <Select allowClear placeholder="全部类型" options={KIND_OPTIONS} style={{ width: 150 }} />
          </Form.Item>
          <Form.Item name="range" label="会议日期">
            <DatePicker.RangePicker />
          </Form.Item>
          <Form.Item name="q" label="关键词">
            <Input allowClear placeholder="主题或团支部名称" style={{ width: 180 }} />
          </Form.Item>
          <Form.Item name="belowQuorum" valuePropName="checked">
            <Checkbox>只看未达法定人数</Checkbox>
          </Form.Item>
          <Form.Item>
            <Button type="primary" htmlType="submit">
              查询
            </Button>
          </Form.Item>
          <Form.Item>
            <Button
              onClick={() => {
                form.resetFields();
                apply({});
              }}
            >
              重置
            </Button>
          </Form.Item>
        </Form>
      </Card>
      <Card>
        <Table<Row>
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={data.data?.items ?? []}
          loading={data.isFetching}
          locale={{ emptyText: '暂无会议记录，点击右上角“登记会议”开始记录' }}
          pagination={{
            current: page.page,
            pageSize: page.pageSize,
            total: data.data?.total ?? 0,
            showTotal: (t) => `共 ${t} 次`,
            onChange: (p, s) => setPage({ page: p, pageSize: s }),
          }}
        />
      </Card>
    </>
  );
}
