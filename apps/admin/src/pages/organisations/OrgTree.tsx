import { sectorLabel } from '@tuanjian/domain';
import { Empty, Flex, Input, Tag, Tree, type TreeDataNode, Typography } from 'antd';
import { type ReactNode, useEffect, useMemo, useState } from 'react';
import type { OrgNode } from '../../lib/api-types';
import { labelOf } from '../../lib/format';
import { ORG_KIND_COLOR, ORG_STATUS_COLOR, orgKindLabel, orgStatusLabel } from '../../lib/labels';
import { filterTree, flattenTree, pathTo } from '../../lib/tree';
import { StarTag } from '../rating/StarTag';

function highlight(text: string, keyword: string): ReactNode {
  const kw = keyword.trim();
  if (!kw) return text;
  const i = text.toLowerCase().indexOf(kw.toLowerCase());
  if (i < 0) return text;
  return (
    <>
      {text.slice(0, i)}
      <mark style={{ padding: 0, background: '#ffe58f' }}>{text.slice(i, i + kw.length)}</mark>
      {text.slice(i + kw.length)}
    </>
  );
}

function toTreeData(nodes: readonly OrgNode[], keyword: string): TreeDataNode[] {
  return nodes.map((n) => ({
    key: n.id,
    title: (
      <Flex align="center" gap={6} wrap style={{ minWidth: 0, rowGap: 2, padding: '2px 0' }}>
        <span>{highlight(n.name, keyword)}</span>
        <Tag color={ORG_KIND_COLOR[n.kind]} style={{ marginInlineEnd: 0 }}>
          {labelOf(orgKindLabel, n.kind)}
        </Tag>
        {n.sector ? (
          <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: 'nowrap' }}>
            {labelOf(sectorLabel, n.sector)}
          </Typography.Text>
        ) : null}
        <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: 'nowrap' }}>
          {n.memberCount}人
        </Typography.Text>
        <StarTag star={n.star} compact />
        {n.status !== 'active' ? (
          <Tag color={ORG_STATUS_COLOR[n.status]} style={{ marginInlineEnd: 0 }}>
            {labelOf(orgStatusLabel, n.status)}
          </Tag>
        ) : null}
      </Flex>
    ),
    children: n.children?.length ? toTreeData(n.children as OrgNode[], keyword) : undefined,
    isLeaf: !n.children?.length,
  }));
}

export interface OrgTreeProps {
  nodes: readonly OrgNode[];
  selectedId: string | undefined;
  keyword: string;
  onKeywordChange(keyword: string): void;
  onSelect(id: string): void;
}

/** The organisation tree with a name filter; matches stay visible with their ancestors. */
export function OrgTree(props: OrgTreeProps) {
  const { nodes, selectedId, keyword } = props;
  const [input, setInput] = useState(keyword);
  useEffect(() => setInput(keyword), [keyword]);

  const filtered = useMemo(() => filterTree<OrgNode>(nodes, keyword), [nodes, keyword]);
  const total = useMemo(() => flattenTree<OrgNode>(nodes).length, [nodes]);
  const treeData = useMemo(() => toTreeData(filtered.nodes, keyword), [filtered.nodes, keyword]);

  // Without a search: roots open, plus the way down to the selected node.
  const [expanded, setExpanded] = useState<string[]>(() => {
    const open = new Set(nodes.map((n) => n.id));
    if (selectedId) for (const n of pathTo<OrgNode>(nodes, selectedId).slice(0, -1)) open.add(n.id);
    return [...open];
  });
  useEffect(() => {
    if (keyword.trim()) setExpanded(filtered.expandedIds);
  }, [keyword, filtered.expandedIds]);
  useEffect(() => {
    if (!selectedId) return;
    const ancestors = pathTo<OrgNode>(nodes, selectedId)
      .slice(0, -1)
      .map((n) => n.id);
    setExpanded((cur) =>
      ancestors.every((a) => cur.includes(a)) ? cur : [...new Set([...cur, ...ancestors])],
    );
  }, [nodes, selectedId]);

  return (
    <Flex vertical gap={12}>
      <Input.Search
        aria-label="搜索组织"
        placeholder="输入组织名称搜索"
        allowClear
        value={input}
        onChange={(e) => {
          setInput(e.target.value);
          if (!e.target.value) props.onKeywordChange('');
        }}
        onSearch={(v) => props.onKeywordChange(v.trim())}
      />
      {keyword.trim() ? (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          找到 {filtered.matchIds.length} 个名称含“{keyword.trim()}”的组织
        </Typography.Text>
      ) : (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          共 {total} 个组织
        </Typography.Text>
      )}
      {treeData.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={keyword ? '没有匹配的组织' : '暂无组织'} />
      ) : (
        <Tree
          aria-label="组织树"
          blockNode
          showLine
          treeData={treeData}
          selectedKeys={selectedId ? [selectedId] : []}
          expandedKeys={expanded}
          onExpand={(keys) => setExpanded(keys as string[])}
          onSelect={(keys) => {
            const k = keys[0];
            if (k !== undefined) props.onSelect(String(k));
          }}
          // Only a very large tree is virtualised (off-screen rows are then not in the DOM).
          height={total > 300 ? 640 : undefined}
        />
      )}
    </Flex>
  );
}
