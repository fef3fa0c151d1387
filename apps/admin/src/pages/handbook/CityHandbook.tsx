import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { HANDBOOK_CATEGORIES, type HandbookCategory, handbookCategoryLabel } from '@tuanjian/domain';
import {
  App,
  Button,
  Card,
  Form,
  Input,
  Modal,
  Select,
  Space,
  Table,
  type TableColumnsType,
  Tag,
} from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { PageHeader } from '../../components/PageHeader';
import type { RouterOutputs } from '../../lib/api-types';
import { formatDateTime } from '../../lib/format';
import { trpc, trpcClient } from '../../lib/trpc';

type Row = RouterOutputs['handbook']['cityList'][number];

/** 团市委: the handbook documents — drafts, published versions, readers, wall charts from rules. */
export default function CityHandbook() {
  const { message } = App.useApp();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const list = useQuery(trpc.handbook.cityList.queryOptions());
  const [creating, setCreating] = useState(false);
  const [form] = Form.useForm<{
    category: HandbookCategory;
    title: string;
    body: string;
    changeNote?: string;
  }>();
  const create = useMutation({
    mutationFn: (v: { category: HandbookCategory; title: string; body: string; changeNote?: string }) =>
      trpcClient.handbook.create.mutate(v),
    onSuccess: async (r) => {
      message.success('文档已创建（草稿），发布后各支部可见');
      setCreating(false);
      form.resetFields();
      await qc.invalidateQueries({ queryKey: trpc.handbook.pathKey() });
      navigate(`/handbook/${r.id}`);
    },
  });
  const chart = useMutation({
    mutationFn: (kind: 'basic_affairs' | 'meetings') => trpcClient.handbook.draftWallChart.mutate({ kind }),
    onSuccess: async (r) => {
      message.success(`已按现行规则数据生成第${r.version}版挂图草稿`);
      await qc.invalidateQueries({ queryKey: trpc.handbook.pathKey() });
      navigate(`/handbook/${r.id}`);
    },
  });
  const columns: TableColumnsType<Row> = [
    {
      title: '标题',
      dataIndex: 'title',
      render: (t: string, r) => <Link to={`/handbook/${r.id}`}>{t}</Link>,
    },
    {
      title: '分类',
      dataIndex: 'category',
      width: 110,
      render: (c: HandbookCategory) => handbookCategoryLabel[c],
    },
    {
      title: '现行版本',
      dataIndex: 'currentVersion',
      width: 110,
      render: (v: number, r) =>
        r.withdrawnAt ? <Tag>已撤回</Tag> : v > 0 ? `第${v}版` : <Tag color="orange">未发布</Tag>,
    },
    {
      title: '草稿',
      dataIndex: 'draftVersion',
      width: 110,
      render: (v: number | null) => (v ? <Tag color="gold">第{v}版待发布</Tag> : '—'),
    },
    {
      title: '发布时间',
      dataIndex: 'publishedAt',
      width: 170,
      render: (v: Date | null) => (v ? formatDateTime(v) : '—'),
    },
    { title: '已读现行版本（人）', dataIndex: 'readersOfCurrent', width: 150, align: 'right' },
  ];
  return (
    <>
      <PageHeader
        title="工作手册"
        subTitle="团市委发布到每个基层团支部的工作流程、制度、模板、表格和挂图"
        extra={
          <Space>
            <Button loading={chart.isPending} onClick={() => chart.mutate('basic_affairs')}>
              生成“四项基础团务”挂图
            </Button>
            <Button loading={chart.isPending} onClick={() => chart.mutate('meetings')}>
              生成“三会两制一课”挂图
            </Button>
            <Button type="primary" onClick={() => setCreating(true)}>
              新建文档
            </Button>
          </Space>
        }
      />
      <Card>
        <Table<Row>
          rowKey="id"
          size="middle"
          loading={list.isPending}
          columns={columns}
          dataSource={list.data ?? []}
          pagination={false}
        />
      </Card>
      <Modal
        title="新建文档"
        open={creating}
        width={760}
        okText="保存草稿"
        confirmLoading={create.isPending}
        onCancel={() => setCreating(false)}
        onOk={() => form.submit()}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" onFinish={(v) => create.mutate(v)}>
          <Form.Item name="category" label="分类" rules={[{ required: true, message: '请选择文档分类' }]}>
            <Select
              options={HANDBOOK_CATEGORIES.map((c) => ({ value: c, label: handbookCategoryLabel[c] }))}
            />
          </Form.Item>
          <Form.Item name="title" label="标题" rules={[{ required: true, message: '请填写标题' }]}>
            <Input maxLength={80} />
          </Form.Item>
          <Form.Item
            name="body"
            label="正文"
            extra="支持“# 标题”“- 列表”“1. 编号列表”“> 提示”，段落之间空一行"
            rules={[{ required: true, message: '请填写正文' }]}
          >
            <Input.TextArea rows={14} />
          </Form.Item>
          <Form.Item name="changeNote" label="修订说明">
            <Input maxLength={200} placeholder="如：首次发布" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
