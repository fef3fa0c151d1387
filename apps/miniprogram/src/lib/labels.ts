import { memberStatusLabel, orgKindLabel, roleLabel, tenantKindLabel } from '@tuanjian/domain';

/** Chinese label of a code from @tuanjian/domain; an unknown code is shown as is. */
function label(table: Record<string, string>, code: string | null | undefined): string {
  if (!code) return '—';
  return table[code] ?? code;
}

export const roleText = (role: string | null | undefined) => label(roleLabel, role);
export const orgKindText = (kind: string | null | undefined) => label(orgKindLabel, kind);
export const memberStatusText = (status: string | null | undefined) => label(memberStatusLabel, status);
export const tenantKindText = (kind: string | null | undefined) => label(tenantKindLabel, kind);
