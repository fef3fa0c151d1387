/** Pure helpers over the nested organisation tree (`organisations.tree`). */

export interface TreeNodeLike {
  id: string;
  name: string;
  children?: readonly TreeNodeLike[] | null;
}

type Node<T> = T & { children?: readonly Node<T>[] | null };

/** Depth-first, parents before children. */
export function flattenTree<T extends TreeNodeLike>(nodes: readonly Node<T>[]): Node<T>[] {
  const out: Node<T>[] = [];
  const walk = (list: readonly Node<T>[]) => {
    for (const n of list) {
      out.push(n);
      if (n.children?.length) walk(n.children);
    }
  };
  walk(nodes);
  return out;
}

/** id → node and id → parent id. */
export function indexTree<T extends TreeNodeLike>(nodes: readonly Node<T>[]) {
  const byId = new Map<string, Node<T>>();
  const parentOf = new Map<string, string | null>();
  const walk = (list: readonly Node<T>[], parent: string | null) => {
    for (const n of list) {
      byId.set(n.id, n);
      parentOf.set(n.id, parent);
      if (n.children?.length) walk(n.children, n.id);
    }
  };
  walk(nodes, null);
  return { byId, parentOf };
}

/** The chain root → … → node, or [] when the id is not in the tree. */
export function pathTo<T extends TreeNodeLike>(nodes: readonly Node<T>[], id: string): Node<T>[] {
  const { byId, parentOf } = indexTree(nodes);
  const chain: Node<T>[] = [];
  let cur: string | null | undefined = id;
  while (cur) {
    const n = byId.get(cur);
    if (!n) return [];
    chain.unshift(n);
    cur = parentOf.get(cur);
  }
  return chain;
}

/**
 * Keeps the nodes whose name contains `keyword` (case-insensitive) and their ancestors;
 * a matching node keeps its whole subtree. Returns the filtered tree and the ids to expand.
 */
export function filterTree<T extends TreeNodeLike>(
  nodes: readonly Node<T>[],
  keyword: string,
): { nodes: Node<T>[]; expandedIds: string[]; matchIds: string[] } {
  const kw = keyword.trim().toLowerCase();
  if (!kw) return { nodes: [...nodes], expandedIds: [], matchIds: [] };
  const expandedIds: string[] = [];
  const matchIds: string[] = [];
  const walk = (list: readonly Node<T>[]): Node<T>[] => {
    const out: Node<T>[] = [];
    for (const n of list) {
      const matches = n.name.toLowerCase().includes(kw);
      if (matches) matchIds.push(n.id);
      const kids = n.children?.length ? walk(n.children) : [];
      if (matches) {
        out.push(n);
        if (kids.length > 0) expandedIds.push(n.id);
      } else if (kids.length > 0) {
        out.push({ ...n, children: kids });
        expandedIds.push(n.id);
      }
    }
    return out;
  };
  return { nodes: walk(nodes), expandedIds, matchIds };
}

/** Counts of nodes per value of `key`, e.g. per `kind`. */
export function countBy<T extends TreeNodeLike, K extends keyof T>(
  nodes: readonly Node<T>[],
  key: K,
): Map<T[K], number> {
  const counts = new Map<T[K], number>();
  for (const n of flattenTree(nodes)) counts.set(n[key], (counts.get(n[key]) ?? 0) + 1);
  return counts;
}
