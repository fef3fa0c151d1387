import { useQueries, useQuery } from '@tanstack/react-query';
import { MEMBER_STATUSES, ORG_KINDS, type OrgKind } from '@tuanjian/domain';
import { Alert, Button, Card, Col, Empty, Flex, Progress, Row, Tag, Typography, theme } from 'antd';
import { lazy, Suspense } from 'react';
import { useNavigate } from 'react-router-dom';
import type { OrgNode } from '../../lib/api-types';
import { describeError } from '../../lib/errors';
import { formatCount } from '../../lib/format';
import { MEMBER_STATUS_COLOR, memberStatusLabel, ORG_KIND_COLOR, orgKindLabel } from '../../lib/labels';
import { flattenTree } from '../../lib/tree';
import { trpc } from '../../lib/trpc';
import { StatCard } from './StatCard';

// The rule data (and zod with it) loads after the first paint.
const SmallBranches = lazy(() => import('./SmallBranches'));

const STATUS_STROKE: Record<string, string> = {
  active: '#52c41a',
  transferred_out: '#1677ff',
  lapsed: '#fa8c16',
  left: '#bfbfbf',
};

/** 区县团委 / 团组织书记: organisations and members within the grant's scope, all from live data. */
export function DistrictSummary() {
  const navigate = useNavigate();
  const { token } = theme.useToken();
  const tree = useQuery(trpc.organisations.tree.queryOptions(undefined, { meta: { silent: true } }));
  const total = useQuery(
    trpc.members.list.queryOptions({ page: 1, pageSize: 1 }, { meta: { silent: true } }),
  );
  const byStatus = useQueries({
    queries: MEMBER_STATUSES.map((status) =>
      trpc.members.list.queryOptions({ page: 1, pageSize: 1, status }, { meta: { silent: true } }),
    ),
  });

  const error = tree.error ?? total.error ?? byStatus.find((q) => q.error)?.error;
  if (error)
    return <Alert type="error" showIcon title={`工作台数据加载失败：${describeError(error).message}`} />;

  const nodes: OrgNode[] = tree.data ? flattenTree<OrgNode>(tree.data) : [];
  const activeNodes = nodes.filter((n) => n.status === 'active');
  const kindCount = (k: OrgKind) => activeNodes.filter((n) => n.kind === k).length;
  const memberTotal = total.data?.total;
  const statusLoading = byStatus.some((q) => q.isPending);

  return (
    <>
      <Row gutter={[16, 16]}>
        <Col xs={12} md={6}>
          <StatCard
            title="团组织"
            value={activeNodes.length}
            suffix="个"
            loading={tree.isPending}
            footer={
              nodes.length > activeNodes.length
                ? `另有 ${nodes.length - activeNodes.length} 个已合并或撤销`
                : '均为正常状态'
            }
          />
        </Col>
        <Col xs={12} md={6}>
          <StatCard title="团支部" value={kindCount('branch')} suffix="个" loading={tree.isPending} />
        </Col>
        <Col xs={12} md={6}>
          <StatCard
            title="团员总数"
            value={memberTotal}
            suffix="人"
            loading={total.isPending}
            footer="含已转出、脱团、离团"
          />
        </Col>
        <Col xs={12} md={6}>
          <StatCard title="正常团员" value={byStatus[0]?.data?.total} suffix="人" loading={statusLoading} />
        </Col>
      </Row>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <Card
            title="组织构成"
            loading={tree.isPending}
            style={{ height: '100%' }}
            extra={
              <Button type="link" onClick={() => navigate('/organisations')}>
                组织管理
              </Button>
            }
          >
            {activeNodes.length === 0 ? (
              <Empty description="暂无团组织" />
            ) : (
              <Flex vertical>
                {ORG_KINDS.filter((k) => kindCount(k) > 0).map((kind, i) => (
                  <Flex
                    key={kind}
                    justify="space-between"
                    align="center"
                    style={{ padding: '8px 0', borderTop: i ? `1px solid ${token.colorSplit}` : undefined }}
                  >
                    <Tag color={ORG_KIND_COLOR[kind]}>{orgKindLabel[kind]}</Tag>
                    <span>{formatCount(kindCount(kind))} 个</span>
                  </Flex>
                ))}
              </Flex>
            )}
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card
            title="团员状态"
            loading={statusLoading || total.isPending}
            style={{ height: '100%' }}
            extra={
              <Button type="link" onClick={() => navigate('/members')}>
                团员管理
              </Button>
            }
          >
            {!memberTotal ? (
              <Empty description="暂无团员" />
            ) : (
              <Flex vertical gap={12}>
                {MEMBER_STATUSES.map((status, i) => {
                  const n = byStatus[i]?.data?.total ?? 0;
                  return (
                    <Flex key={status} align="center" gap={12}>
                      <Typography.Link
                        style={{ width: 64, flex: 'none' }}
                        onClick={() => navigate(`/members?status=${status}`)}
                      >
                        {memberStatusLabel[status]}
                      </Typography.Link>
                      <Progress
                        percent={Math.round((n / memberTotal) * 1000) / 10}
                        strokeColor={STATUS_STROKE[status] ?? MEMBER_STATUS_COLOR[status]}
                        status="normal"
                        format={() => `${formatCount(n)} 人`}
                        style={{ margin: 0, flex: 1 }}
                      />
                    </Flex>
                  );
                })}
              </Flex>
            )}
          </Card>
        </Col>
      </Row>
      <Suspense fallback={<Card loading />}>
        <SmallBranches nodes={activeNodes} loading={tree.isPending} />
      </Suspense>
    </>
  );
}
