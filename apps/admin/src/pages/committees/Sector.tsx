import { useQuery } from '@tanstack/react-query';
import { sectorLabel } from '@tuanjian/domain';
import { Alert, Card, Col, Empty, Row, Statistic, Table } from 'antd';
import ReactECharts from 'echarts-for-react';
import { PageHeader } from '../../components/PageHeader';
import { trpc } from '../../lib/trpc';
import { errorText } from '../dues/shared';

const pct = (v: number | null) => (v === null ? '—' : `${v}%`);
const STAR_LABEL: Record<string, string> = {
  '5': '五星',
  '4': '四星',
  '3': '三星',
  '2': '后进',
  '1': '软弱涣散',
  none: '未评定',
};

/** 领域概况 (COM-3): aggregates of the committee's sectors across all districts, from rollups. */
export default function CommitteeSectorPage() {
  const view = useQuery(trpc.committees.sector.queryOptions({}));
  const v = view.data;
  return (
    <>
      <PageHeader
        title="领域概况"
        subTitle={
          v?.computedAt
            ? `数据更新于 ${new Date(v.computedAt).toLocaleString('zh-CN')}`
            : '本委员会联系领域在各区县的组织情况（汇总数据，不含个人信息）'
        }
      />
      {view.error ? <Alert type="error" message={errorText(view.error)} /> : null}
      {v && v.total.organisations === 0 ? <Empty description="暂无汇总数据（各区县数据汇总后显示）" /> : null}
      {v && v.total.organisations > 0 ? (
        <>
          <Row gutter={16} style={{ marginBottom: 16 }}>
            <Col span={4}>
              <Card size="small">
                <Statistic title="涉及区县" value={v.districts} />
              </Card>
            </Col>
            <Col span={4}>
              <Card size="small">
                <Statistic title="团组织" value={v.total.organisations} />
              </Card>
            </Col>
            <Col span={4}>
              <Card size="small">
                <Statistic title="团支部" value={v.total.branches} />
              </Card>
            </Col>
            <Col span={4}>
              <Card size="small">
                <Statistic title="团员" value={v.total.members} />
              </Card>
            </Col>
            <Col span={4}>
              <Card size="small">
                <Statistic title="平均健康分" value={v.total.healthScore ?? '—'} />
              </Card>
            </Col>
            <Col span={4}>
              <Card size="small">
                <Statistic title="三会两制一课达标率" value={pct(v.total.meetingsRate)} />
              </Card>
            </Col>
          </Row>
          <Row gutter={16} style={{ marginBottom: 16 }}>
            <Col span={12}>
              <Card size="small" title="团支部星级分布">
                <ReactECharts
                  style={{ height: 260 }}
                  option={{
                    tooltip: { trigger: 'item' },
                    series: [
                      {
                        type: 'pie',
                        radius: ['40%', '70%'],
                        data: Object.entries(v.stars).map(([k, n]) => ({ name: STAR_LABEL[k], value: n })),
                      },
                    ],
                  }}
                />
              </Card>
            </Col>
            <Col span={12}>
              <Card size="small" title="各领域平均健康分">
                <ReactECharts
                  style={{ height: 260 }}
                  option={{
                    tooltip: {},
                    xAxis: {
                      type: 'category',
                      data: v.sectors.map(
                        (s) => sectorLabel[s.sector as keyof typeof sectorLabel] ?? '未分类',
                      ),
                    },
                    yAxis: { type: 'value', max: 100 },
                    series: [{ type: 'bar', data: v.sectors.map((s) => s.healthScore ?? 0) }],
                  }}
                />
              </Card>
            </Col>
          </Row>
          <Table
            rowKey="sector"
            size="small"
            pagination={false}
            dataSource={v.sectors}
            columns={[
              {
                title: '领域',
                dataIndex: 'sector',
                render: (s) => sectorLabel[s as keyof typeof sectorLabel] ?? '未分类',
              },
              { title: '团组织', dataIndex: 'organisations' },
              { title: '团支部', dataIndex: 'branches' },
              { title: '团员', dataIndex: 'members' },
              { title: '平均健康分', dataIndex: 'healthScore', render: (x) => x ?? '—' },
              { title: '三会两制一课', dataIndex: 'meetingsRate', render: pct },
              { title: '主题团日完成（月）', dataIndex: 'themeDayMonthsComplete', render: (x) => x ?? '—' },
              { title: '团费交纳率', dataIndex: 'duesRate', render: pct },
              { title: '档案完整率', dataIndex: 'archiveCompleteRate', render: pct },
              { title: '班子配齐率', dataIndex: 'cadreStaffedRate', render: pct },
            ]}
          />
        </>
      ) : null}
    </>
  );
}
