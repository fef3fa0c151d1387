import { useQuery } from '@tanstack/react-query';
import { TreeSelect } from 'antd';
import { useMemo } from 'react';
import type { RouterOutputs } from '../../lib/api-types';
import { describeError } from '../../lib/errors';
import { trpc } from '../../lib/trpc';

export { downloadBase64, XLSX_MIME } from '../../lib/download';

type OrgNode = RouterOutputs['organisations']['tree'][number];
interface OrgOption {
  value: string;
  title: string;
  children?: OrgOption[];
}

function options(nodes: readonly OrgNode[]): OrgOption[] {
  return nodes.map((n) => ({
    value: n.id,
    title: n.name,
    children: n.children?.length ? options(n.children as OrgNode[]) : undefined,
  }));
}

/** Organisation picker over the tree the user may see. */
export function OrgPicker(props: {
  value?: string;
  onChange?(v: string | undefined): void;
  placeholder?: string;
  id?: string;
}) {
  const tree = useQuery(trpc.organisations.tree.queryOptions());
  const data = useMemo(() => options(tree.data ?? []), [tree.data]);
  return (
    <TreeSelect
      id={props.id}
      value={props.value}
      onChange={(v) => props.onChange?.(v ?? undefined)}
      placeholder={props.placeholder ?? '全部组织'}
      allowClear
      treeData={data}
      treeDefaultExpandAll={false}
      showSearch={{ treeNodeFilterProp: 'title' }}
      style={{ width: '100%' }}
      loading={tree.isLoading}
    />
  );
}

/** The server's Chinese message of a failed mutation. */
export function errorText(error: unknown): string | null {
  return error ? describeError(error).message : null;
}
