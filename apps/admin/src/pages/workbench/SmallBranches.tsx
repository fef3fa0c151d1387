import { ruleCatalogue } from '@tuanjian/domain';
import { Button, Card, Empty, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { SimpleTable } from '../../components/SimpleTable';
import type { OrgNode } from '../../lib/api-types';

const SHOWN = 10;

/** Active 团支部 with fewer active members than the rule asks for (rule `branch.setup`). */
export function smallBranchesOf(nodes: readonly OrgNode[], minMembers: number): OrgNode[] {
  return nodes
    .filter((n) => n.kind === 'branch' && n.status === 'active' && n.memberCount < minMembers)
    .sort((a, b) => a.memberCount - b.memberCount || a.name.localeCompare(b.name, 'zh-CN'));
}

export default function SmallBranches(props: { nodes: readonly OrgNode[]; loading: boolean }) {
  const navigate = useNavigate();
  const [all, setAll] = useState(false);
  const setup = ruleCatalogue['branch.setup'];
  const minMembers = setup.value.minMembers;
  const rows = smallBranchesOf(props.nodes, minMembers);
  return (
    <Card
      title={`团员少于 ${minMembers} 人的团支部`}
      loading={props.loading}
      extra={<Typography.Text type="secondary">依据：{setup.source}</Typography.Text>}
    >
      {rows.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={`所有团支部均有 ${minMembers} 名以上团员`} />
      ) : (
        <>
          <SimpleTable<OrgNode>
            caption={`团员少于 ${minMembers} 人的团支部`}
            rows={all ? rows : rows.slice(0, SHOWN)}
            rowKey={(n) => n.id}
            columns={[
              { key: 'name', title: '团支部', render: (n) => n.name },
              {
                key: 'count',
                title: '团员人数',
                width: 120,
                render: (n) => <Tag color={n.memberCount === 0 ? 'red' : 'orange'}>{n.memberCount} 人</Tag>,
              },
              {
                key: 'go',
                title: '操作',
                width: 80,
                render: (n) => (
                  <Typography.Link onClick={() => navigate(`/organisations?org=${n.id}`)}>
                    查看
                  </Typography.Link>
                ),
              },
            ]}
          />
          {rows.length > SHOWN ? (
            <Button type="link" onClick={() => setAll((v) => !v)} style={{ marginTop: 8, paddingInline: 0 }}>
              {all ? '收起' : `显示全部 ${rows.length} 个`}
            </Button>
          ) : null}
        </>
      )}
    </Card>
  );
}
