import { useQuery } from '@tanstack/react-query';
import { tenantKindLabel } from '@tuanjian/domain';
import { Alert, Button, Card, Col, Row, Skeleton, Tag } from 'antd';
import { useNavigate } from 'react-router-dom';
import { SimpleTable } from '../../components/SimpleTable';
import type { TenantRow } from '../../lib/api-types';
import { describeError } from '../../lib/errors';
import { formatDateTime, labelOf } from '../../lib/format';
import { TENANT_STATUS } from '../../lib/labels';
import { trpc } from '../../lib/trpc';
import { StatCard } from './StatCard';

/** 团市委: the tenants of the city, counted from `tenants.list`. */
export function CitySummary() {
  const navigate = useNavigate();
  const tenants = useQuery(trpc.tenants.list.queryOptions(undefined, { meta: { silent: true } }));
  if (tenants.error) return <Alert type="error" showIcon title={describeError(tenants.error).message} />;
  const rows: TenantRow[] = tenants.data ?? [];
  const count = (pred: (t: TenantRow) => boolean) => rows.filter(pred).length;
  const notActive = rows.filter((t) => t.status !== 'active');
  const recent = [...rows]
    .sort((a, b) => String(b.createdAt).localeCompare(String(a.createdAt)) || b.sortOrder - a.sortOrder)
    .slice(0, 5);
  const loading = tenants.isPending;
  return (
    <>
      <Row gutter={[16, 16]}>
        <Col xs={12} md={6}>
          <StatCard title="租户总数" value={rows.length} suffix="个" loading={loading} />
        </Col>
        <Col xs={12} md={6}>
          <StatCard
            title="区县团委"
            value={count((t) => t.kind === 'district')}
            suffix="个"
            loading={loading}
          />
        </Col>
        <Col xs={12} md={6}>
          <StatCard
            title="专门委员会"
            value={count((t) => t.kind === 'committee')}
            suffix="个"
            loading={loading}
          />
        </Col>
        <Col xs={12} md={6}>
          <StatCard
            title="非正常状态"
            value={notActive.length}
            suffix="个"
            loading={loading}
            footer={notActive.length === 0 ? '全部租户运行正常' : '创建中或已停用的租户'}
          />
        </Col>
      </Row>
      <Card
        title="最近新建的租户"
        extra={
          <Button type="link" onClick={() => navigate('/tenants')}>
            租户管理
          </Button>
        }
      >
        {loading ? (
          <Skeleton active />
        ) : (
          <SimpleTable<TenantRow>
            caption="最近新建的租户"
            rows={recent}
            rowKey={(t) => t.id}
            columns={[
              { key: 'name', title: '名称', render: (t) => t.name },
              { key: 'kind', title: '类型', width: 120, render: (t) => labelOf(tenantKindLabel, t.kind) },
              {
                key: 'status',
                title: '状态',
                width: 100,
                render: (t) => {
                  const st = TENANT_STATUS[t.status];
                  return <Tag color={st?.color}>{st?.label ?? t.status}</Tag>;
                },
              },
              { key: 'createdAt', title: '创建时间', width: 200, render: (t) => formatDateTime(t.createdAt) },
            ]}
          />
        )}
      </Card>
    </>
  );
}
