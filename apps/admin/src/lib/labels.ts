import { memberStatusLabel, orgKindLabel, orgStatusLabel } from '@tuanjian/domain';

/** Tag colours and labels the domain package does not carry (UI-only). */

export const TENANT_STATUS: Record<string, { label: string; color: string }> = {
  active: { label: '正常', color: 'green' },
  provisioning: { label: '创建中', color: 'blue' },
  suspended: { label: '已停用', color: 'default' },
};

export const ORG_KIND_COLOR: Record<string, string> = {
  league_committee: 'red',
  working_committee: 'volcano',
  general_branch: 'orange',
  branch: 'gold',
  group: 'default',
};

export const ORG_STATUS_COLOR: Record<string, string> = {
  active: 'green',
  merged: 'default',
  dissolved: 'default',
};

export const MEMBER_STATUS_COLOR: Record<string, string> = {
  active: 'green',
  transferred_out: 'blue',
  lapsed: 'orange',
  left: 'default',
};

export { memberStatusLabel, orgKindLabel, orgStatusLabel };
