import { useQuery } from '@tanstack/react-query';
import { lectureStatusLabel } from '@tuanjian/domain';
import { Card, Col, Row, Table, type TableColumnsType, Tag } from 'antd';
import { useState } from 'react';
import { PageHeader } from '../../components/PageHeader';
import type { RouterOutputs } from '../../lib/api-types';
import { formatDateTime } from '../../lib/format';
import { trpc } from '../../lib/trpc';
import { formatText, LECTURE_STATUS_COLOR, rateText } from './shared';

type Out = RouterOutputs['lectures']['tenantAttendance'];
type LectureRow = Out['lectures'][number];
type BranchRow = Out['branches'][number];

const counts = [
  { title: '报名', dataIndex: 'signedUp', width: 70, align: 'right' as const },
  { title: '签到', dataIndex: 'attended', width: 70, align: 'right' as const },
  { title: '取消', dataIndex: 'cancelled', width: 70, align: 'right' as const },
  {
    title: '出勤率',
    dataIndex: 'attendancePermille',
    width: 90,
    align: 'right' as const,
    render: (v: number | null) => rateText(v),
  },
];

/** 区县团委 / 团组织书记: own members' 五四讲堂 attendance, per lecture and per branch. */
export default function LectureAttendancePage() {
  const [lectureId, setLectureId] = useState<string | undefined>();
  const data = useQuery(trpc.lectures.tenantAttendance.queryOptions({ lectureId }));
  const selected = data.data?.lectures.find((l) => l.id === lectureId);
  const lectureColumns: TableColumnsType<LectureRow> = [
    { title: '主题', dataIndex: 'theme', ellipsis: true },
    { title: '形式', dataIndex: 'format', width: 100, render: (f: LectureRow['format']) => formatText(f) },
    { title: '时间', dataIndex: 'startsAt', width: 170, render: (d: Date) => formatDateTime(d) },
    {
      title: '状态',
      dataIndex: 'status',
      width: 90,
      render: (s: LectureRow['status']) => <Tag color={LECTURE_STATUS_COLOR[s]}>{lectureStatusLabel[s]}</Tag>,
    },
    ...counts,
  ];
  const branchColumns: TableColumnsType<BranchRow> = [
    { title: '团组织', dataIndex: 'orgName', ellipsis: true },
    ...counts,
  ];
  return (
    <>
      <PageHeader title="五四讲堂出勤" subTitle="本单位团员报名和签到情况；点击一场讲堂查看各团组织的出勤" />
      <Row gutter={16}>
        <Col xs={24} xl={14}>
          <Card title="讲堂" style={{ marginBottom: 16 }}>
            <Table<LectureRow>
              rowKey="id"
              size="small"
              columns={lectureColumns}
              dataSource={data.data?.lectures ?? []}
              loading={data.isFetching}
              pagination={{ pageSize: 20, hideOnSinglePage: true }}
              locale={{ emptyText: '本单位团员暂无报名' }}
              rowClassName={(r) => (r.id === lectureId ? 'ant-table-row-selected' : '')}
              onRow={(r) => ({
                onClick: () => setLectureId(r.id === lectureId ? undefined : r.id),
                style: { cursor: 'pointer' },
              })}
            />
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <Card title={selected ? `各团组织出勤：${selected.theme}` : '各团组织出勤（全部讲堂）'}>
            <Table<BranchRow>
              rowKey="orgId"
              size="small"
              columns={branchColumns}
              dataSource={data.data?.branches ?? []}
              pagination={{ pageSize: 20, hideOnSinglePage: true }}
              locale={{ emptyText: '暂无报名' }}
            />
          </Card>
        </Col>
      </Row>
    </>
  );
}
