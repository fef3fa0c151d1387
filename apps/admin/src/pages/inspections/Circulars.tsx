import { useQuery } from '@tanstack/react-query';
import { Card, Table } from 'antd';
import { Link } from 'react-router-dom';
import { PageHeader } from '../../components/PageHeader';
import { formatDate } from '../../lib/format';
import { trpc } from '../../lib/trpc';

/** 通报: the circulars the city has published (every tenant). */
export default function CircularsPage() {
  const list = useQuery(trpc.inspections.circulars.queryOptions());
  type Row = NonNullable<typeof list.data>[number];
  return (
    <>
      <PageHeader title="督导通报" subTitle="团市委发布的督导检查通报" />
      <Card>
        <Table<Row>
          rowKey="id"
          loading={list.isLoading}
          dataSource={list.data ?? []}
          pagination={false}
          locale={{ emptyText: '暂无通报' }}
          columns={[
            {
              title: '标题',
              dataIndex: 'title',
              render: (t: string, r) => <Link to={`/circulars/${r.id}/print`}>{t}</Link>,
            },
            { title: '文号', dataIndex: 'docNumber', width: 200 },
            { title: '发布日期', dataIndex: 'publishedOn', width: 130, render: (d: string) => formatDate(d) },
          ]}
        />
      </Card>
    </>
  );
}
