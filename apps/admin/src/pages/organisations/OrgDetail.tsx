import { EditOutlined, PlusOutlined, ProfileOutlined, TeamOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { allowedChildKinds, sectorLabel } from '@tuanjian/domain';
import { Alert, Breadcrumb, Button, Card, Descriptions, Flex, Skeleton, Tag, Tooltip } from 'antd';
import { useNavigate } from 'react-router-dom';
import type { Organisation } from '../../lib/api-types';
import { describeError } from '../../lib/errors';
import { formatDate, formatDateTime, labelOf } from '../../lib/format';
import { ORG_KIND_COLOR, ORG_STATUS_COLOR, orgKindLabel, orgStatusLabel } from '../../lib/labels';
import { trpc } from '../../lib/trpc';
import { StarTag } from '../rating/StarTag';

export interface OrgDetailProps {
  id: string;
  onSelect(id: string): void;
  onEdit(org: Organisation): void;
  onCreateChild(parent: Organisation): void;
}

/** The selected organisation (`organisations.get`) with its actions. */
export function OrgDetail(props: OrgDetailProps) {
  const navigate = useNavigate();
  const org = useQuery(trpc.organisations.get.queryOptions({ id: props.id }));

  if (org.isPending) {
    return (
      <Card>
        <Skeleton active />
      </Card>
    );
  }
  if (org.error) return <Alert type="error" showIcon title={describeError(org.error).message} />;

  const o = org.data;
  const childKinds = allowedChildKinds[o.kind];
  const canAddChild = childKinds.length > 0 && o.status === 'active';

  return (
    <Card
      aria-label="组织详情"
      title={
        <Flex align="center" gap={8} wrap>
          <h2 style={{ margin: 0, fontSize: 16, fontWeight: 600 }}>{o.name}</h2>
          <Tag color={ORG_KIND_COLOR[o.kind]}>{labelOf(orgKindLabel, o.kind)}</Tag>
          <Tag color={ORG_STATUS_COLOR[o.status]}>{labelOf(orgStatusLabel, o.status)}</Tag>
          <StarTag star={o.star} />
        </Flex>
      }
      extra={
        <Flex gap={8} wrap>
          <Button icon={<EditOutlined aria-hidden />} onClick={() => props.onEdit(o)}>
            编辑
          </Button>
          <Tooltip
            title={
              childKinds.length === 0
                ? `${orgKindLabel[o.kind]}下不能再设下级组织`
                : o.status !== 'active'
                  ? '该组织已合并或撤销，不能新增下级组织'
                  : undefined
            }
          >
            <Button
              type="primary"
              icon={<PlusOutlined aria-hidden />}
              disabled={!canAddChild}
              onClick={() => props.onCreateChild(o)}
            >
              新增下级组织
            </Button>
          </Tooltip>
        </Flex>
      }
    >
      {o.breadcrumbs.length > 1 ? (
        <Breadcrumb
          style={{ marginBottom: 16 }}
          items={o.breadcrumbs.map((n, i) => ({
            key: n.id,
            title:
              i === o.breadcrumbs.length - 1 ? (
                n.name
              ) : (
                <a
                  href={`?org=${n.id}`}
                  onClick={(e) => {
                    e.preventDefault();
                    props.onSelect(n.id);
                  }}
                >
                  {n.name}
                </a>
              ),
          }))}
        />
      ) : null}
      <Descriptions column={{ xs: 1, md: 2 }} bordered size="small">
        <Descriptions.Item label="组织名称">{o.name}</Descriptions.Item>
        <Descriptions.Item label="组织类型">{labelOf(orgKindLabel, o.kind)}</Descriptions.Item>
        <Descriptions.Item label="上级组织">{o.parentName ?? '—'}</Descriptions.Item>
        <Descriptions.Item label="所属领域">{labelOf(sectorLabel, o.sector)}</Descriptions.Item>
        <Descriptions.Item label="所属单位">{o.unitName || '—'}</Descriptions.Item>
        <Descriptions.Item label="地址">{o.address || '—'}</Descriptions.Item>
        <Descriptions.Item label="成立日期">{formatDate(o.foundedOn)}</Descriptions.Item>
        <Descriptions.Item label="状态">{labelOf(orgStatusLabel, o.status)}</Descriptions.Item>
        <Descriptions.Item label="团员人数">
          {o.memberCount} 人
          {o.memberCount !== o.directMemberCount ? `（直属 ${o.directMemberCount} 人）` : ''}
        </Descriptions.Item>
        <Descriptions.Item label="下级组织">{o.childCount} 个</Descriptions.Item>
        <Descriptions.Item label="星级">
          {o.star ? `${o.star.label}（${o.star.year}年度）` : '未评定'}
        </Descriptions.Item>
        <Descriptions.Item label="创建时间">{formatDateTime(o.createdAt)}</Descriptions.Item>
        <Descriptions.Item label="更新时间">{formatDateTime(o.updatedAt)}</Descriptions.Item>
      </Descriptions>
      <Flex gap={8} style={{ marginTop: 16 }}>
        <Button icon={<TeamOutlined aria-hidden />} onClick={() => navigate(`/members?orgId=${o.id}`)}>
          查看本组织团员
        </Button>
        <Button icon={<ProfileOutlined aria-hidden />} onClick={() => navigate(`/org-ledger/${o.id}`)}>
          班子、换届与台帐
        </Button>
      </Flex>
    </Card>
  );
}
