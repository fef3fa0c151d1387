import { PrinterOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Col, Row, Table } from 'antd';
import { Link } from 'react-router-dom';
import { PageHeader } from '../../components/PageHeader';
import { formatDate } from '../../lib/format';
import { trpc } from '../../lib/trpc';

/** 挂图: the two wall charts, drawn from the rule data in force, with the rules they use. */
export default function WallChartsPage() {
  const data = useQuery(trpc.meetings.wallCharts.queryOptions({}));
  return (
    <>
      <PageHeader
        title="挂图"
        subTitle="“四项基础团务”和“三会两制一课”挂图，内容取自现行规则数据，可直接打印为A4"
      />
      <Row gutter={16} style={{ marginBottom: 16 }}>
        {(data.data?.charts ?? []).map((c) => (
          <Col span={12} key={c.kind}>
            <Card
              title={`${c.title}挂图`}
              extra={
                <Link to={`/wall-charts/${c.kind}/print`} target="_blank">
                  <Button type="primary" icon={<PrinterOutlined aria-hidden />}>
                    打印预览
                  </Button>
                </Link>
              }
            >
              <div style={{ color: '#666' }}>{c.subtitle}</div>
              <ul style={{ marginTop: 8 }}>
                {c.sections.map((s) => (
                  <li key={s.title}>{s.title}</li>
                ))}
              </ul>
            </Card>
          </Col>
        ))}
      </Row>
      <Card title="所用规则数据">
        <Table
          rowKey="key"
          size="small"
          pagination={false}
          loading={data.isLoading}
          dataSource={data.data?.rules ?? []}
          columns={[
            { title: '规则', dataIndex: 'title', width: 200 },
            { title: '版本', dataIndex: 'version', width: 70 },
            {
              title: '生效日期',
              dataIndex: 'effectiveFrom',
              width: 140,
              render: (v: string) => formatDate(v),
            },
            { title: '依据', dataIndex: 'source' },
            { title: '说明', dataIndex: 'note', render: (v: string | null) => v ?? '' },
          ]}
        />
      </Card>
    </>
  );
}
