import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Empty, Row } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import type { OrgNode } from '../../lib/api-types';
import { useMe } from '../../lib/auth';
import { describeError } from '../../lib/errors';
import { pathTo } from '../../lib/tree';
import { trpc } from '../../lib/trpc';
import { OrgDetail } from './OrgDetail';
import { OrgFormModal, type OrgFormMode } from './OrgFormModal';
import { OrgTree } from './OrgTree';

export default function OrganisationsPage() {
  const tree = useQuery(trpc.organisations.tree.queryOptions());
  const [params, setParams] = useSearchParams();
  const selectedId = params.get('org') ?? undefined;
  const keyword = params.get('q') ?? '';
  const [formTarget, setFormTarget] = useState<OrgFormMode | null>(null);
  const { role } = useMe();

  const nodes: OrgNode[] = tree.data ?? [];
  const path = useMemo(() => (selectedId ? pathTo<OrgNode>(nodes, selectedId) : []), [nodes, selectedId]);

  // Open on the top of the visible tree rather than on an empty panel.
  const firstRoot = tree.data?.[0]?.id;
  useEffect(() => {
    if (!selectedId && firstRoot) {
      setParams(
        (cur) => {
          const next = new URLSearchParams(cur);
          next.set('org', firstRoot);
          return next;
        },
        { replace: true },
      );
    }
  }, [selectedId, firstRoot, setParams]);

  const update = (patch: Record<string, string | undefined>, replace = false) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    setParams(next, { replace });
  };

  return (
    <>
      <PageHeader
        title="组织管理"
        subTitle="本单位团组织的层级结构。选择左侧组织查看详情、编辑或新增下级组织。"
        extra={
          <>
            <Button
              icon={<ReloadOutlined aria-hidden />}
              onClick={() => void tree.refetch()}
              loading={tree.isFetching}
            >
              刷新
            </Button>
            {role === 'district_admin' ? (
              // Only the district admin sets up top-level organisations; others add under a selected node.
              <Button
                icon={<PlusOutlined aria-hidden />}
                onClick={() => setFormTarget({ mode: 'create', parent: null })}
              >
                新增顶级组织
              </Button>
            ) : null}
          </>
        }
      />
      {tree.isPending ? (
        <Loading tip="正在加载组织树…" />
      ) : tree.error ? (
        <Alert type="error" showIcon title={describeError(tree.error).message} />
      ) : (
        <Row gutter={[16, 16]}>
          <Col xs={24} lg={10}>
            <Card title="组织树" styles={{ body: { paddingTop: 12 } }}>
              <OrgTree
                nodes={nodes}
                selectedId={selectedId}
                keyword={keyword}
                onKeywordChange={(q) => update({ q }, true)}
                onSelect={(org) => update({ org })}
              />
            </Card>
          </Col>
          <Col xs={24} lg={14}>
            {selectedId && path.length > 0 ? (
              <OrgDetail
                id={selectedId}
                onSelect={(org) => update({ org })}
                onEdit={(org) => setFormTarget({ mode: 'edit', org })}
                onCreateChild={(parent) => setFormTarget({ mode: 'create', parent })}
              />
            ) : (
              <Card>
                <Empty
                  description={
                    selectedId ? '该组织不存在或不在您的管理范围内' : '请在左侧组织树中选择一个组织'
                  }
                />
              </Card>
            )}
          </Col>
        </Row>
      )}
      {formTarget ? (
        <OrgFormModal
          key={
            formTarget.mode === 'edit'
              ? `edit-${formTarget.org.id}`
              : `create-${formTarget.parent?.id ?? 'root'}`
          }
          target={formTarget}
          onClose={() => setFormTarget(null)}
          onSaved={(id) => {
            setFormTarget(null);
            update({ org: id });
          }}
        />
      ) : null}
    </>
  );
}
