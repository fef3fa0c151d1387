import { useQuery } from '@tanstack/react-query';
import { TreeSelect, type TreeSelectProps } from 'antd';
import { useMemo } from 'react';
import type { OrgNode } from '../../lib/api-types';
import { trpc } from '../../lib/trpc';

export { downloadBase64, XLSX_MIME } from '../../lib/download';

interface OrgOption {
  value: string;
  title: string;
  disabled?: boolean;
  children?: OrgOption[];
}

function toOptions(nodes: readonly OrgNode[], activeOnly: boolean): OrgOption[] {
  return nodes.map((n) => ({
    value: n.id,
    title: n.status === 'active' ? n.name : `${n.name}（已${n.status === 'merged' ? '合并' : '撤销'}）`,
    disabled: activeOnly && n.status !== 'active',
    children: n.children?.length ? toOptions(n.children as OrgNode[], activeOnly) : undefined,
  }));
}

/** The visible organisation tree as a searchable select. */
export function OrgSelect(props: Omit<TreeSelectProps, 'treeData'> & { activeOnly?: boolean }) {
  const { activeOnly = false, ...rest } = props;
  const tree = useQuery(trpc.organisations.tree.queryOptions());
  const options = useMemo(() => toOptions(tree.data ?? [], activeOnly), [tree.data, activeOnly]);
  return (
    <TreeSelect
      placeholder="选择组织"
      allowClear
      treeData={options}
      loading={tree.isPending}
      showSearch={{ treeNodeFilterProp: 'title' }}
      treeDefaultExpandedKeys={options.map((o) => o.value)}
      styles={{ popup: { root: { maxHeight: 400, overflow: 'auto' } } }}
      {...rest}
    />
  );
}
