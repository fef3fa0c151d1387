/**
 * 流动团员 (MEM-8): the placements of the district (district admin) or of the secretary's branches —
 * both those placed away from them and those placed with them — with the actual place, the
 * responsible branch and since when. Placing and ending is done on the member's page.
 */
import { useQuery } from '@tanstack/react-query';
import { Card, Input, Space, Switch, Table, Tag } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { PageHeader } from '../../components/PageHeader';
import type { RouterOutputs } from '../../lib/api-types';
import { formatDate } from '../../lib/format';
import { trpc } from '../../lib/trpc';

type Placement = RouterOutputs['youthStudy']['mobileList'][number];

const SIDE: Record<Placement['side'], { label: string; color: string }> = {
  home: { label: '本组织流出', color: 'orange' },
  responsible: { label: '由本组织负责', color: 'blue' },
  both: { label: '本组织内流动', color: 'default' },
};

export default function MobileMembersPage() {
  const [all, setAll] = useState(false);
  const [q, setQ] = useState('');
  const list = useQuery(trpc.youthStudy.mobileList.queryOptions({ all }));
  const text = q.trim();
  const rows = (list.data ?? []).filter(
    (p) =>
      !text ||
      p.memberName.includes(text) ||
      p.homeOrgName.includes(text) ||
      p.responsibleOrgName.includes(text) ||
      p.place.includes(text),
  );
  return (
    <>
      <PageHeader
        title="流动团员"
        subTitle="外出务工、求学的团员由负责团支部管理团费和组织生活，原团支部保留跟踪"
      />
      <Card>
        <Space wrap style={{ marginBottom: 12 }}>
          <Input.Search
            allowClear
            placeholder="姓名、团支部或所在地"
            aria-label="查找流动团员"
            onSearch={setQ}
            style={{ width: 260 }}
          />
          <Space>
            <Switch checked={all} onChange={setAll} aria-label="包括已结束" />
            包括已结束
          </Space>
        </Space>
        <Table<Placement>
          rowKey="id"
          loading={list.isLoading}
          dataSource={rows}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          locale={{ emptyText: '暂无流动团员' }}
          data-testid="mobile-members"
          columns={[
            {
              title: '姓名',
              dataIndex: 'memberName',
              render: (v: string, p) =>
                p.side === 'responsible' ? v : <Link to={`/members/${p.memberId}`}>{v}</Link>,
            },
            { title: '原团支部', dataIndex: 'homeOrgName' },
            { title: '负责团支部', dataIndex: 'responsibleOrgName' },
            { title: '流动类型', dataIndex: 'kindLabel' },
            { title: '实际所在地', dataIndex: 'place' },
            { title: '所在单位', dataIndex: 'unitName', render: (v: string | null) => v ?? '—' },
            { title: '流出日期', dataIndex: 'startedOn', render: (d: string) => formatDate(d) },
            {
              title: '状态',
              key: 'status',
              render: (_: unknown, p) =>
                p.endedOn ? (
                  <Tag>已结束（{formatDate(p.endedOn)}）</Tag>
                ) : (
                  <Tag color={SIDE[p.side].color}>{SIDE[p.side].label}</Tag>
                ),
            },
          ]}
        />
      </Card>
    </>
  );
}
