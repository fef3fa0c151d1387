import { useQuery } from '@tanstack/react-query';
import { TreeSelect } from 'antd';
import { useMemo } from 'react';
import type { RouterOutputs } from '../../lib/api-types';
import { describeError } from '../../lib/errors';
import { trpc } from '../../lib/trpc';

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

/** Saves a file the server made (base64) under its name. */
export function downloadBase64(fileName: string, base64: string, mime: string): void {
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type: mime }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
