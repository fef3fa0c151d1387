import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Form, Input, InputNumber, Space, Table, Tag } from 'antd';
import { Link, useNavigate } from 'react-router-dom';
import { PageHeader } from '../../components/PageHeader';
import { formatDateTime } from '../../lib/format';
import { trpc, trpcClient } from '../../lib/trpc';

/** 团市委: 年终考核 — the yearly rounds and the assessed units (district tenants). */
export default function AssessmentPage() {
  const qc = useQueryClient();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const rounds = useQuery(trpc.assessment.rounds.queryOptions());
  const units = useQuery(trpc.assessment.units.queryOptions());
  const create = useMutation({
    mutationFn: (v: { year: number }) => trpcClient.assessment.createRound.mutate(v),
    onSuccess: async (r) => {
      message.success(`${r.year}年度考核已创建`);
      await qc.invalidateQueries({ queryKey: trpc.assessment.pathKey() });
      navigate(`/assessment/${r.id}`);
    },
  });
  const updateUnit = useMutation({
    mutationFn: (v: { tenantId: string; partyCommittee: string }) =>
      trpcClient.assessment.updateUnit.mutate(v),
    onSuccess: async () => {
      message.success('已保存');
      await qc.invalidateQueries({ queryKey: trpc.assessment.units.queryKey() });
    },
  });
  return (
    <>
      <PageHeader
        title="年终考核"
        subTitle="年终考核评估（述职评议）：评分、排名、公布，并按连续年度排名自动提出处置"
      />
      <Card title="考核年度" style={{ marginBottom: 16 }}>
        <Form
          layout="inline"
          onFinish={(v: { year: number }) => create.mutate(v)}
          style={{ marginBottom: 16 }}
        >
          <Form.Item name="year" label="年度" rules={[{ required: true, message: '请填写考核年度' }]}>
            <InputNumber min={2000} max={2100} precision={0} placeholder="如 2027" aria-label="考核年度" />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={create.isPending}>
            新建年度考核
          </Button>
        </Form>
        <Table
          rowKey="id"
          loading={rounds.isLoading}
          dataSource={rounds.data ?? []}
          pagination={false}
          columns={[
            {
              title: '年度',
              dataIndex: 'year',
              render: (y: number, r) => <Link to={`/assessment/${r.id}`}>{y}年度</Link>,
            },
            { title: '名称', dataIndex: 'title' },
            {
              title: '状态',
              dataIndex: 'status',
              render: (s: string) =>
                s === 'published' ? <Tag color="green">已公布</Tag> : <Tag>评分中</Tag>,
            },
            { title: '已评分', render: (_, r) => `${r.scoredCount} / ${r.unitCount}` },
            {
              title: '处置',
              render: (_, r) =>
                r.status === 'published'
                  ? `提醒约谈 ${r.actionCounts.reminder_talk}，告诫约谈 ${r.actionCounts.warning_talk}，建议调整函 ${r.actionCounts.adjustment_letter}`
                  : '—',
            },
            { title: '公布时间', dataIndex: 'publishedAt', render: (d: string | null) => formatDateTime(d) },
          ]}
        />
      </Card>
      <Card title="考核单位（各区县团委、市直团组织）">
        <Table
          rowKey="tenantId"
          loading={units.isLoading}
          dataSource={units.data ?? []}
          pagination={false}
          columns={[
            { title: '单位', dataIndex: 'name' },
            {
              title: '建议调整函送达的党组织',
              dataIndex: 'partyCommittee',
              render: (p: string, u) => (
                <Space.Compact style={{ width: 420 }}>
                  <Input
                    defaultValue={p}
                    aria-label={`${u.name}的党组织`}
                    onBlur={(e) => {
                      const v = e.target.value.trim();
                      if (v && v !== p) updateUnit.mutate({ tenantId: u.tenantId, partyCommittee: v });
                    }}
                  />
                </Space.Compact>
              ),
            },
          ]}
        />
      </Card>
    </>
  );
}
