import { describe, expect, it } from 'vitest';
import type { OrgNode } from '../../lib/api-types';
import { smallBranchesOf } from './SmallBranches';

const node = (id: string, kind: string, memberCount: number, status = 'active') =>
  ({
    id,
    name: id,
    kind,
    status,
    memberCount,
    directMemberCount: memberCount,
    sector: null,
    parentId: null,
    children: [],
  }) as unknown as OrgNode;

describe('smallBranchesOf', () => {
  it('lists active branches under the minimum, emptiest first', () => {
    const rows = smallBranchesOf(
      [
        node('支部甲', 'branch', 2),
        node('支部乙', 'branch', 0),
        node('支部丙', 'branch', 3),
        node('团总支', 'general_branch', 1),
        node('已撤销支部', 'branch', 0, 'dissolved'),
      ],
      3,
    );
    expect(rows.map((r) => r.id)).toEqual(['支部乙', '支部甲']);
  });
});
