import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  allowedChildKinds,
  type OrgKind,
  orgNameSchema,
  SECTORS,
  type Sector,
  sectorLabel,
} from '@tuanjian/domain';
import { Alert, App, DatePicker, Form, Input, InputNumber, Modal, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import type { Organisation } from '../../lib/api-types';
import { describeError } from '../../lib/errors';
import { todayDayjs } from '../../lib/format';
import { orgKindLabel } from '../../lib/labels';
import { trpc } from '../../lib/trpc';

interface Values {
  name: string;
  kind: OrgKind;
  sector?: Sector | null;
  unitName?: string;
  address?: string;
  foundedOn?: Dayjs | null;
  sortOrder?: number | null;
}

export type OrgFormMode =
  /** parent null: a top-level organisation of the tenant. */
  { mode: 'create'; parent: Organisation | null } | { mode: 'edit'; org: Organisation };

/** Kinds that may be set up under a parent of this kind (null = at the top of the tenant). */
export function kindOptions(parentKind: OrgKind | null): OrgKind[] {
  return [...allowedChildKinds[parentKind ?? 'root']];
}

export function validateOrgName(name: string | undefined): string | null {
  const r = orgNameSchema.safeParse(name ?? '');
  return r.success ? null : (r.error.issues[0]?.message ?? '组织名称不正确');
}

const blank = (v: string | undefined | null) => {
  const t = v?.trim();
  return t ? t : null;
};

export function OrgFormModal(props: {
  target: OrgFormMode | null;
  onClose(): void;
  onSaved(id: string): void;
}) {
  const { target } = props;
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [error, setError] = useState<string | null>(null);

  const done = async (id: string, text: string) => {
    void message.success(text);
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: trpc.organisations.tree.queryKey() }),
      // Member counts and breadcrumbs of other organisations may change too.
      queryClient.invalidateQueries({ queryKey: trpc.organisations.get.queryKey() }),
    ]);
    props.onSaved(id);
  };
  const create = useMutation(
    trpc.organisations.create.mutationOptions({
      meta: { silent: true },
      onSuccess: (org) => done(org.id, `已新增「${org.name}」`),
      onError: (e) => setError(describeError(e).message),
    }),
  );
  const update = useMutation(
    trpc.organisations.update.mutationOptions({
      meta: { silent: true },
      onSuccess: (org) => done(org.id, '已保存'),
      onError: (e) => setError(describeError(e).message),
    }),
  );
  const pending = create.isPending || update.isPending;

  if (!target) return null;
  const editing = target.mode === 'edit' ? target.org : null;
  const parent = target.mode === 'create' ? target.parent : null;
  // The kind of an existing organisation is fixed; a new one takes what its parent allows.
  const kinds = editing ? [editing.kind] : kindOptions(parent?.kind ?? null);

  const initialValues: Partial<Values> = editing
    ? {
        name: editing.name,
        kind: editing.kind,
        sector: editing.sector ?? null,
        unitName: editing.unitName ?? '',
        address: editing.address ?? '',
        foundedOn: editing.foundedOn ? dayjs(editing.foundedOn) : null,
        sortOrder: editing.sortOrder,
      }
    : {
        kind: kinds.length === 1 ? kinds[0] : undefined,
        // A new organisation usually sits in its parent's unit and sector.
        sector: parent?.sector ?? null,
        unitName: parent?.unitName ?? '',
        address: parent?.address ?? '',
      };

  const submit = (v: Values) => {
    setError(null);
    const common = {
      name: v.name.trim(),
      sector: v.sector ?? null,
      unitName: blank(v.unitName),
      address: blank(v.address),
      foundedOn: v.foundedOn ? v.foundedOn.format('YYYY-MM-DD') : null,
    };
    if (target.mode === 'create') {
      create.mutate({ parentId: target.parent?.id ?? null, kind: v.kind, ...common });
    } else {
      update.mutate({ id: target.org.id, ...common, sortOrder: v.sortOrder ?? undefined });
    }
  };

  const title =
    target.mode === 'edit'
      ? `编辑组织 · ${target.org.name}`
      : target.parent
        ? `新增下级组织 · ${target.parent.name}`
        : '新增组织';

  return (
    <Modal
      open
      title={title}
      okText="保存"
      cancelText="取消"
      confirmLoading={pending}
      onOk={() => form.submit()}
      onCancel={() => !pending && props.onClose()}
      mask={{ closable: false }}
      destroyOnHidden
      width={560}
    >
      {error ? <Alert type="error" showIcon role="alert" style={{ marginBottom: 16 }} title={error} /> : null}
      <Form<Values>
        form={form}
        name="organisation"
        layout="vertical"
        initialValues={initialValues}
        disabled={pending}
        onFinish={submit}
      >
        <Form.Item
          label="组织名称"
          name="name"
          rules={[
            { required: true, whitespace: true, message: '请输入组织名称' },
            {
              validator: async (_, v: string | undefined) => {
                if (!v?.trim()) return;
                const msg = validateOrgName(v);
                if (msg) throw new Error(msg);
              },
            },
          ]}
        >
          <Input placeholder="例如 兰州市第一中学团委" autoComplete="off" />
        </Form.Item>
        <Form.Item
          label="组织类型"
          name="kind"
          rules={[{ required: true, message: '请选择组织类型' }]}
          extra={
            editing
              ? '组织类型创建后不能修改'
              : `${parent ? `${orgKindLabel[parent.kind]}下` : '顶级'}可设：${kinds.map((k) => orgKindLabel[k]).join('、')}`
          }
        >
          <Select
            placeholder="请选择"
            disabled={!!editing}
            options={kinds.map((k) => ({ value: k, label: orgKindLabel[k] }))}
          />
        </Form.Item>
        <Form.Item label="所属领域" name="sector">
          <Select
            placeholder="请选择"
            allowClear
            options={SECTORS.map((s) => ({ value: s, label: sectorLabel[s] }))}
          />
        </Form.Item>
        <Form.Item
          label="所属单位"
          name="unitName"
          rules={[{ max: 100, message: '所属单位不能超过100个字' }]}
        >
          <Input placeholder="团组织所在的学校、企业、社区等" autoComplete="off" />
        </Form.Item>
        <Form.Item label="地址" name="address" rules={[{ max: 200, message: '地址不能超过200个字' }]}>
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item
          label="成立日期"
          name="foundedOn"
          rules={[
            {
              validator: async (_, v: Dayjs | null | undefined) => {
                if (v?.isAfter(todayDayjs(), 'day')) throw new Error('成立日期不能晚于今天');
              },
            },
          ]}
        >
          <DatePicker
            style={{ width: '100%' }}
            format="YYYY年M月D日"
            placeholder="请选择日期"
            disabledDate={(d) => d.isAfter(todayDayjs(), 'day')}
          />
        </Form.Item>
        {editing ? (
          <Form.Item label="排序号" name="sortOrder" extra="同级组织按排序号从小到大排列">
            <InputNumber min={0} max={1_000_000} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        ) : null}
      </Form>
    </Modal>
  );
}
