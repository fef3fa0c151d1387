import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { orgNameSchema, tenantCodeSchema, tenantKindLabel } from '@tuanjian/domain';
import { Alert, App, Button, Card, Form, Input, Modal, Select, Table, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { PageHeader } from '../components/PageHeader';
import type { TenantRow } from '../lib/api-types';
import { describeError } from '../lib/errors';
import { formatDateTime, labelOf } from '../lib/format';
import { TENANT_STATUS } from '../lib/labels';
import { trpc } from '../lib/trpc';

interface ProvisionValues {
  kind: 'district' | 'committee';
  code: string;
  name: string;
}

/** Chinese validation of a new tenant, shared by the form and its test. */
export function validateTenantCode(code: string, existing: readonly string[]): string | null {
  const r = tenantCodeSchema.safeParse(code);
  if (!r.success) return r.error.issues[0]?.message ?? '租户代码格式不正确';
  if (existing.includes(code)) return '该租户代码已被使用';
  return null;
}

export function validateTenantName(name: string, existing: readonly string[]): string | null {
  const v = name.trim();
  const r = orgNameSchema.safeParse(v);
  if (!r.success) return (r.error.issues[0]?.message ?? '名称不正确').replace('组织名称', '租户名称');
  if (existing.includes(v)) return '已有同名租户';
  return null;
}

function ProvisionModal(props: { open: boolean; onClose(): void; existing: readonly TenantRow[] }) {
  const [form] = Form.useForm<ProvisionValues>();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const provision = useMutation(
    trpc.tenants.provision.mutationOptions({
      meta: { silent: true },
      onSuccess: async (t) => {
        void message.success(`已创建租户「${t.name}」`);
        await queryClient.invalidateQueries({ queryKey: trpc.tenants.list.queryKey() });
        form.resetFields();
        props.onClose();
      },
      onError: (e) => setError(describeError(e).message),
    }),
  );
  const codes = props.existing.map((t) => t.code);
  const names = props.existing.map((t) => t.name);

  return (
    <Modal
      open={props.open}
      title="新建租户"
      okText="创建"
      cancelText="取消"
      confirmLoading={provision.isPending}
      onOk={() => form.submit()}
      onCancel={() => {
        if (!provision.isPending) {
          setError(null);
          props.onClose();
        }
      }}
      mask={{ closable: false }}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">
        创建后系统将为该租户建立独立的数据空间并完成初始化，通常需要几秒钟。
      </Typography.Paragraph>
      {error ? <Alert type="error" showIcon role="alert" style={{ marginBottom: 16 }} title={error} /> : null}
      <Form<ProvisionValues>
        form={form}
        name="provision-tenant"
        layout="vertical"
        disabled={provision.isPending}
        onFinish={(v) => {
          setError(null);
          provision.mutate({ kind: v.kind, code: v.code.trim(), name: v.name.trim() });
        }}
      >
        <Form.Item label="租户类型" name="kind" rules={[{ required: true, message: '请选择租户类型' }]}>
          <Select
            placeholder="请选择"
            options={[
              { value: 'district', label: tenantKindLabel.district },
              { value: 'committee', label: tenantKindLabel.committee },
            ]}
          />
        </Form.Item>
        <Form.Item
          label="租户代码"
          name="code"
          extra="以小写字母开头，由小写字母、数字或下划线组成，如 chengguan；创建后不可修改"
          rules={[
            { required: true, message: '请输入租户代码' },
            {
              validator: async (_, v: string | undefined) => {
                if (!v) return;
                const msg = validateTenantCode(v.trim(), codes);
                if (msg) throw new Error(msg);
              },
            },
          ]}
        >
          <Input placeholder="例如 chengguan" autoComplete="off" maxLength={31} />
        </Form.Item>
        <Form.Item
          label="租户名称"
          name="name"
          rules={[
            { required: true, whitespace: true, message: '请输入租户名称' },
            {
              validator: async (_, v: string | undefined) => {
                if (!v?.trim()) return;
                const msg = validateTenantName(v, names);
                if (msg) throw new Error(msg);
              },
            },
          ]}
        >
          <Input placeholder="例如 城关区团委" autoComplete="off" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export default function TenantsPage() {
  const tenants = useQuery(trpc.tenants.list.queryOptions());
  const [creating, setCreating] = useState(false);
  const [kind, setKind] = useState<string | undefined>();
  const rows = useMemo(
    () => (tenants.data ?? []).filter((t) => !kind || t.kind === kind),
    [tenants.data, kind],
  );

  return (
    <>
      <PageHeader
        title="租户管理"
        subTitle="团市委、各区县团委和专门委员会在平台上各自是一个租户，数据相互隔离。"
        extra={
          <>
            <Button
              icon={<ReloadOutlined aria-hidden />}
              onClick={() => void tenants.refetch()}
              loading={tenants.isFetching}
            >
              刷新
            </Button>
            <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setCreating(true)}>
              新建租户
            </Button>
          </>
        }
      />
      <Card>
        <div style={{ marginBottom: 16 }}>
          <Select
            aria-label="按类型筛选"
            placeholder="全部类型"
            allowClear
            style={{ width: 180 }}
            value={kind}
            onChange={setKind}
            options={[
              { value: 'city', label: tenantKindLabel.city },
              { value: 'district', label: tenantKindLabel.district },
              { value: 'committee', label: tenantKindLabel.committee },
            ]}
          />
        </div>
        <Table<TenantRow>
          rowKey="id"
          loading={tenants.isPending}
          dataSource={rows}
          pagination={{ pageSize: 20, showTotal: (t) => `共 ${t} 个租户`, hideOnSinglePage: true }}
          columns={[
            { title: '名称', dataIndex: 'name', render: (n: string) => <strong>{n}</strong> },
            {
              title: '代码',
              dataIndex: 'code',
              render: (c: string) => <Typography.Text code>{c}</Typography.Text>,
            },
            { title: '类型', dataIndex: 'kind', render: (k: string) => labelOf(tenantKindLabel, k) },
            {
              title: '数据架构',
              dataIndex: 'schemaName',
              render: (s: string | null) =>
                s ? <Typography.Text type="secondary">{s}</Typography.Text> : '—',
            },
            { title: '结构版本', dataIndex: 'schemaVersion', align: 'right' },
            {
              title: '状态',
              dataIndex: 'status',
              render: (s: string) => {
                const st = TENANT_STATUS[s];
                return <Tag color={st?.color}>{st?.label ?? s}</Tag>;
              },
            },
            { title: '创建时间', dataIndex: 'createdAt', render: (d: string) => formatDateTime(d) },
          ]}
        />
      </Card>
      <ProvisionModal open={creating} onClose={() => setCreating(false)} existing={tenants.data ?? []} />
    </>
  );
}
