import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Form, InputNumber, Row, Statistic, Table, Tag, TreeSelect } from 'antd';
import { useMemo, useState } from 'react';
import { PageHeader } from '../../components/PageHeader';
import type { RouterOutputs } from '../../lib/api-types';
import { trpc } from '../../lib/trpc';
import { errorText, orgOptions } from '../development/shared';

type BranchRate = RouterOutputs['transfers']['schoolToSociety']['branches'][number];

/** 学社衔接: graduating members of school branches and the share transferred, against the target. */
export default function SchoolToSocietyPage() {
  const thisYear = Number(
    new Intl.DateTimeFormat('en', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(new Date()),
  );
  const [year, setYear] = useState(thisYear);
  const qc = useQueryClient();
  const report = useQuery(trpc.transfers.schoolToSociety.queryOptions({ year }));
  const tree = useQuery(trpc.organisations.tree.queryOptions());
  const options = useMemo(() => orgOptions(tree.data ?? [], ['branch']), [tree.data]);
  const mark = useMutation(
    trpc.transfers.markGraduating.mutationOptions({
      meta: { silent: true },
      onSuccess: () => qc.invalidateQueries({ queryKey: trpc.transfers.schoolToSociety.queryKey() }),
    }),
  );
  const r = report.data;
  const pct = (v: number | null) => (v === null ? '—' : `${v.toFixed(1)}%`);

  return (
    <>
      <PageHeader
        title="学社衔接"
        subTitle={
          r
            ? `毕业学生团员转接率目标 ≥ ${r.rule.minPercent}%（${r.rule.source}，第${r.rule.version}版）`
            : undefined
        }
      />
      <Card style={{ marginBottom: 16 }}>
        <Row gutter={24} align="middle">
          <Col>
            <Form layout="inline">
              <Form.Item label="毕业年份">
                <InputNumber min={2000} max={2100} value={year} onChange={(v) => v && setYear(v)} />
              </Form.Item>
            </Form>
          </Col>
          <Col>
            <Statistic title="毕业团员" value={r?.total.graduating ?? 0} />
          </Col>
          <Col>
            <Statistic title="已转接" value={r?.total.transferred ?? 0} />
          </Col>
          <Col>
            <Statistic
              title="转接率"
              value={pct(r?.total.percent ?? null)}
              valueStyle={{ color: r?.total.meetsTarget === false ? '#cf1322' : undefined }}
            />
          </Col>
        </Row>
      </Card>
      <Card title="各团支部" style={{ marginBottom: 16 }}>
        <Table<BranchRate>
          rowKey="orgId"
          size="middle"
          loading={report.isFetching}
          dataSource={r?.branches ?? []}
          pagination={false}
          locale={{ emptyText: '该年份没有标记毕业班的团员' }}
          columns={[
            { title: '团支部', dataIndex: 'orgName' },
            { title: '领域', dataIndex: 'sectorLabel', width: 120 },
            { title: '毕业团员', dataIndex: 'graduating', width: 100 },
            { title: '已转接', dataIndex: 'transferred', width: 100 },
            {
              title: '转接率',
              dataIndex: 'percent',
              width: 160,
              render: (v: number | null, b) => (
                <>
                  {pct(v)}{' '}
                  {b.meetsTarget === false ? <Tag color="red">未达标</Tag> : <Tag color="green">达标</Tag>}
                </>
              ),
            },
          ]}
        />
      </Card>
      <Card title="标记毕业班">
        <Form
          layout="inline"
          name="mark-graduating"
          onFinish={(v: { orgId: string; year: number }) => mark.mutate({ orgId: v.orgId, year: v.year })}
          initialValues={{ year: thisYear }}
        >
          <Form.Item label="团支部" name="orgId" rules={[{ required: true, message: '请选择团支部' }]}>
            <TreeSelect
              style={{ width: 320 }}
              treeData={options}
              placeholder="普通高校、中职、普通高中的团支部"
              showSearch={{ treeNodeFilterProp: 'title' }}
            />
          </Form.Item>
          <Form.Item label="毕业年份" name="year" rules={[{ required: true, message: '请填写毕业年份' }]}>
            <InputNumber min={2000} max={2100} />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={mark.isPending}>
            标记为毕业班
          </Button>
        </Form>
        {mark.data ? (
          <Alert
            type="success"
            showIcon
            style={{ marginTop: 12 }}
            message={`已标记 ${mark.data.updated} 名团员`}
          />
        ) : null}
        {mark.error ? (
          <Alert type="error" showIcon style={{ marginTop: 12 }} message={errorText(mark.error)} />
        ) : null}
      </Card>
    </>
  );
}
