import { useQuery } from '@tanstack/react-query';
import { Card, Select, Table, Tag } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { PageHeader } from '../../components/PageHeader';
import type { RouterOutputs } from '../../lib/api-types';
import { trpc } from '../../lib/trpc';

type Visit = RouterOutputs['instructors']['districtVisits'][number];
type Assignment = RouterOutputs['instructors']['districtAssignments'][number];

/** 区县团委 / 团组织书记: the instructors of our branches and their visits (only our own tenant's). */
export default function DistrictVisitsPage() {
  const thisYear = dayjs().year();
  const [year, setYear] = useState(thisYear);
  const assignments = useQuery(trpc.instructors.districtAssignments.queryOptions());
  const visits = useQuery(trpc.instructors.districtVisits.queryOptions({ year }));
  return (
    <>
      <PageHeader
        title="指导员走访"
        subTitle="团市委分配的基层团建指导员走访本单位团支部的记录；走访评价作为“上级点”计入团支部体检"
        extra={
          <Select
            aria-label="年度"
            value={year}
            style={{ width: 110 }}
            onChange={setYear}
            options={[thisYear, thisYear - 1, thisYear - 2].map((y) => ({ value: y, label: `${y}年` }))}
          />
        }
      />
      <Card title="走访记录" style={{ marginBottom: 16 }}>
        <Table<Visit>
          rowKey="id"
          size="small"
          loading={visits.isFetching}
          dataSource={visits.data}
          locale={{ emptyText: '暂无走访记录' }}
          columns={[
            { title: '日期', dataIndex: 'visitedOn', width: 110 },
            { title: '指导员', dataIndex: 'instructorName', width: 100 },
            { title: '团支部', dataIndex: 'orgName', ellipsis: true },
            { title: '走访发现', dataIndex: 'findings' },
            {
              title: '体检',
              dataIndex: 'statusLabel',
              width: 190,
              render: (l: string, r) => <Tag color={r.status === 'applied' ? 'green' : 'orange'}>{l}</Tag>,
            },
          ]}
        />
      </Card>
      <Card title="团支部的指导员">
        <Table<Assignment>
          rowKey="id"
          size="small"
          loading={assignments.isFetching}
          dataSource={assignments.data}
          locale={{ emptyText: '本单位团支部尚无指导员' }}
          columns={[
            { title: '团支部', dataIndex: 'orgName' },
            { title: '指导员', dataIndex: 'instructorName', width: 110 },
            { title: '开始', dataIndex: 'startsOn', width: 110 },
            {
              title: '结束',
              dataIndex: 'endsOn',
              width: 110,
              render: (v: string | null) => v ?? <Tag color="green">联系中</Tag>,
            },
          ]}
        />
      </Card>
    </>
  );
}
