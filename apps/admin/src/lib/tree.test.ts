import { describe, expect, it } from 'vitest';
import { countBy, filterTree, flattenTree, pathTo } from './tree';

interface N {
  id: string;
  name: string;
  kind: string;
  children?: N[];
}

const tree: N[] = [
  {
    id: 'a',
    name: '城关区团委',
    kind: 'league_committee',
    children: [
      {
        id: 'b',
        name: '兰州一中团委',
        kind: 'league_committee',
        children: [
          { id: 'c', name: '高一（1）班团支部', kind: 'branch' },
          { id: 'd', name: '高一（2）班团支部', kind: 'branch' },
        ],
      },
      {
        id: 'e',
        name: '张掖路街道团工委',
        kind: 'working_committee',
        children: [{ id: 'f', name: '社区团支部', kind: 'branch' }],
      },
    ],
  },
];

describe('tree helpers', () => {
  it('flattens parents before children', () => {
    expect(flattenTree(tree).map((n) => n.id)).toEqual(['a', 'b', 'c', 'd', 'e', 'f']);
  });

  it('counts by kind', () => {
    const c = countBy(tree, 'kind');
    expect(c.get('branch')).toBe(3);
    expect(c.get('league_committee')).toBe(2);
  });

  it('finds the chain from the root', () => {
    expect(pathTo(tree, 'd').map((n) => n.id)).toEqual(['a', 'b', 'd']);
    expect(pathTo(tree, 'zzz')).toEqual([]);
  });

  it('filters by name keeping ancestors, and expands the way down', () => {
    const r = filterTree(tree, '（2）');
    expect(flattenTree(r.nodes).map((n) => n.id)).toEqual(['a', 'b', 'd']);
    expect(r.matchIds).toEqual(['d']);
    expect(r.expandedIds.sort()).toEqual(['a', 'b']);
  });

  it('keeps the whole subtree of a matching node', () => {
    const r = filterTree(tree, '一中');
    expect(flattenTree(r.nodes).map((n) => n.id)).toEqual(['a', 'b', 'c', 'd']);
  });

  it('returns everything for an empty keyword and nothing for a miss', () => {
    expect(filterTree(tree, '  ').nodes).toHaveLength(1);
    expect(filterTree(tree, '七里河').nodes).toEqual([]);
  });
});
