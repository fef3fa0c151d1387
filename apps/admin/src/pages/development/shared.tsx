import type { OrgNode } from '../../lib/api-types';
import { describeError } from '../../lib/errors';

export interface OrgOption {
  value: string;
  title: string;
  kind: string;
  children?: OrgOption[];
}

/** TreeSelect options; `selectable` limits which kinds may be chosen (others stay as folders). */
export function orgOptions(nodes: readonly OrgNode[], selectable?: readonly string[]): OrgOption[] {
  return nodes.map((n) => ({
    value: n.id,
    title: n.name,
    kind: n.kind,
    selectable: selectable ? selectable.includes(n.kind) : true,
    children: n.children?.length ? orgOptions(n.children as OrgNode[], selectable) : undefined,
  }));
}

/** The server's Chinese message of a failed mutation (shown next to the form, not as a toast). */
export function errorText(error: unknown): string | null {
  return error ? describeError(error).message : null;
}

export const STAGE_COLOR: Record<string, string> = {
  applied: 'default',
  talked: 'blue',
  activist: 'cyan',
  candidate: 'geekblue',
  prechecked: 'purple',
  introduced: 'magenta',
  voted: 'orange',
  approved: 'green',
  sworn: 'green',
};
