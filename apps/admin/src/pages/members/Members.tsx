import { DownloadOutlined, ReloadOutlined, SearchOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { genderLabel, MEMBER_STATUSES } from '@tuanjian/domain';
import {
  Breadcrumb,
  Button,
  Card,
  Col,
  Form,
  Input,
  Row,
  Select,
  Table,
  type TableColumnsType,
  Tag,
  TreeSelect,
  Typography,
} from 'antd';
import { useEffect, useMemo } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { PageHeader } from '../../components/PageHeader';
import type { MemberRow, OrgNode } from '../../lib/api-types';
import { formatDate, labelOf } from '../../lib/format';
import { MEMBER_STATUS_COLOR, memberStatusLabel, orgKindLabel } from '../../lib/labels';
import { pathTo } from '../../lib/tree';
import { trpc, trpcClient } from '../../lib/trpc';
import { downloadBase64 } from '../archive/shared';
import { type MemberFilters, PAGE_SIZES, readFilters, writeFilters } from './filters';
import { MemberDrawer } from './MemberDrawer';

interface FormValues {
  q?: string;
  orgId?: string;
  status?: string;
}

interface OrgOption {
  value: string;
  title: string;
  children?: OrgOption[];
}

function toOptions(nodes: readonly OrgNode[]): OrgOption[] {
  return nodes.map((n) => ({
    value: n.id,
    title: n.name,
    children: n.children?.length ? toOptions(n.children as OrgNode[]) : undefined,
  }));
}

export default function MembersPage() {
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => readFilters(params), [params]);
  const memberId = params.get('member') ?? undefined;
  const [form] = Form.useForm<FormValues>();

  const tree = useQuery(trpc.organisations.tree.queryOptions());
  const list = useQuery(
    trpc.members.list.queryOptions(
      {
        page: filters.page,
        pageSize: filters.pageSize,
        q: filters.q,
        orgId: filters.orgId,
        status: filters.status as (typeof MEMBER_STATUSES)[number] | undefined,
      },
      { placeholderData: keepPreviousData },
    ),
  );

  const orgOptions = useMemo(() => toOptions(tree.data ?? []), [tree.data]);
  const orgPath = useMemo(
    () => (filters.orgId && tree.data ? pathTo<OrgNode>(tree.data, filters.orgId) : []),
    [filters.orgId, tree.data],
  );

  // The URL is the source of truth: back/forward and drill-down links refill the form.
  useEffect(() => {
    form.setFieldsValue({ q: filters.q ?? '', orgId: filters.orgId, status: filters.status });
  }, [form, filters.q, filters.orgId, filters.status]);

  const go = (f: MemberFilters, replace = false) => setParams(writeFilters(params, f), { replace });
  const linkTo = (f: MemberFilters) => ({ search: `?${writeFilters(params, f).toString()}` });
  const openMember = (id: string | undefined) => {
    const next = new URLSearchParams(params);
    if (id) next.set('member', id);
    else next.delete('member');
    setParams(next, { replace: !id });
  };

  const columns: TableColumnsType<MemberRow> = [
    {
      title: '姓名',
      dataIndex: 'name',
      render: (name: string, row) => (
        <Typography.Link
          onClick={(e) => {
            e.stopPropagation();
            openMember(row.id);
          }}
        >
          {name}
        </Typography.Link>
      ),
    },
    { title: '性别', dataIndex: 'gender', width: 72, render: (g: string) => labelOf(genderLabel, g) },
    { title: '民族', dataIndex: 'ethnicity', width: 96, render: (v: string | null) => v || '—' },
    { title: '出生日期', dataIndex: 'birthDate', width: 140, render: (d: string) => formatDate(d) },
    {
      title: '团员编号',
      dataIndex: 'memberNumber',
      width: 140,
      render: (v: string | null) =>
        v ? <span style={{ fontVariantNumeric: 'tabular-nums' }}>{v}</span> : '—',
    },
    {
      title: '身份证号',
      dataIndex: 'idCardMasked',
      width: 190,
      render: (v: string | null) => v ?? '—',
    },
    { title: '手机号码', dataIndex: 'phoneMasked', width: 130, render: (v: string | null) => v ?? '—' },
    {
      title: '所属组织',
      dataIndex: 'orgName',
      ellipsis: true,
      render: (name: string) => name || '—',
    },
    {
      title: '状态',
      dataIndex: 'status',
      width: 96,
      render: (s: string) => <Tag color={MEMBER_STATUS_COLOR[s]}>{labelOf(memberStatusLabel, s)}</Tag>,
    },
    {
      title: '档案',
      key: 'archive',
      width: 80,
      render: (_: unknown, row) => (
        <Link to={`/members/${row.id}`} onClick={(e) => e.stopPropagation()}>
          查看档案
        </Link>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title="团员管理"
        subTitle="按姓名、团员编号、所属组织和状态查询团员；选择组织时包含其下级组织的团员。"
      />
      <Card style={{ marginBottom: 16 }}>
        <Form<FormValues>
          form={form}
          name="member-search"
          layout="vertical"
          onFinish={(v) =>
            go({ ...filters, q: v.q?.trim() || undefined, orgId: v.orgId, status: v.status, page: 1 })
          }
        >
          <Row gutter={16} align="bottom">
            <Col xs={24} sm={12} lg={6}>
              <Form.Item label="姓名/团员编号/身份证后4位" name="q" style={{ marginBottom: 12 }}>
                <Input placeholder="姓名、团员编号或身份证号后4位" allowClear autoComplete="off" />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12} lg={8}>
              <Form.Item label="所属组织" name="orgId" style={{ marginBottom: 12 }}>
                <TreeSelect
                  placeholder="全部组织"
                  allowClear
                  treeData={orgOptions}
                  loading={tree.isPending}
                  showSearch={{ treeNodeFilterProp: 'title' }}
                  treeDefaultExpandedKeys={orgOptions.map((o) => o.value)}
                  styles={{ popup: { root: { maxHeight: 400, overflow: 'auto' } } }}
                />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12} lg={4}>
              <Form.Item label="状态" name="status" style={{ marginBottom: 12 }}>
                <Select
                  placeholder="全部状态"
                  allowClear
                  options={MEMBER_STATUSES.map((s) => ({ value: s, label: memberStatusLabel[s] }))}
                />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12} lg={6}>
              <Form.Item style={{ marginBottom: 12 }}>
                <Row gutter={8} wrap={false}>
                  <Col>
                    <Button type="primary" htmlType="submit" icon={<SearchOutlined aria-hidden />}>
                      查询
                    </Button>
                  </Col>
                  <Col>
                    <Button
                      icon={<DownloadOutlined aria-hidden />}
                      onClick={async () => {
                        const f = await trpcClient.imports.exportMembers.query({
                          q: filters.q,
                          orgId: filters.orgId,
                          status: filters.status as (typeof MEMBER_STATUSES)[number] | undefined,
                        });
                        downloadBase64(f.fileName, f.base64);
                      }}
                    >
                      导出
                    </Button>
                  </Col>
                  <Col>
                    <Button
                      icon={<ReloadOutlined aria-hidden />}
                      onClick={() => {
                        form.resetFields();
                        go({ page: 1, pageSize: filters.pageSize });
                      }}
                    >
                      重置
                    </Button>
                  </Col>
                </Row>
              </Form.Item>
            </Col>
          </Row>
        </Form>
      </Card>
      <Card>
        {orgPath.length > 0 ? (
          <Breadcrumb
            style={{ marginBottom: 12 }}
            items={[
              {
                key: 'all',
                title: <Link to={linkTo({ ...filters, orgId: undefined, page: 1 })}>全部组织</Link>,
              },
              ...orgPath.map((n, i) => ({
                key: n.id,
                title:
                  i === orgPath.length - 1 ? (
                    `${n.name}（${orgKindLabel[n.kind as keyof typeof orgKindLabel] ?? ''}，含下级）`
                  ) : (
                    <Link to={linkTo({ ...filters, orgId: n.id, page: 1 })}>{n.name}</Link>
                  ),
              })),
            ]}
          />
        ) : null}
        <Table<MemberRow>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={list.data?.items ?? []}
          loading={list.isFetching}
          onRow={(row) => ({ onClick: () => openMember(row.id), style: { cursor: 'pointer' } })}
          scroll={{ x: 1300 }}
          locale={{
            emptyText: filters.q || filters.orgId || filters.status ? '没有符合条件的团员' : '暂无团员',
          }}
          pagination={{
            current: filters.page,
            pageSize: filters.pageSize,
            total: list.data?.total ?? 0,
            showSizeChanger: true,
            pageSizeOptions: PAGE_SIZES.map(String),
            showQuickJumper: true,
            showTotal: (total, [from, to]) => `第 ${from}–${to} 条，共 ${total} 条`,
            onChange: (page, pageSize) =>
              go({ ...filters, page: pageSize !== filters.pageSize ? 1 : page, pageSize }),
          }}
        />
      </Card>
      <MemberDrawer id={memberId} onClose={() => openMember(undefined)} />
    </>
  );
}
