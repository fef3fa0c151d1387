import { skipToken, useQuery } from '@tanstack/react-query';
import { genderLabel } from '@tuanjian/domain';
import { Alert, Descriptions, Drawer, Skeleton, Tag } from 'antd';
import { describeError } from '../../lib/errors';
import { formatDate, formatDateTime, labelOf } from '../../lib/format';
import { MEMBER_STATUS_COLOR, memberStatusLabel } from '../../lib/labels';
import { trpc } from '../../lib/trpc';

export function MemberDrawer(props: { id: string | undefined; onClose(): void }) {
  const member = useQuery(trpc.members.get.queryOptions(props.id ? { id: props.id } : skipToken));
  const m = member.data;
  return (
    <Drawer
      open={!!props.id}
      onClose={props.onClose}
      title={m ? `团员详情 · ${m.name}` : '团员详情'}
      size={520}
      destroyOnHidden
    >
      {member.isPending ? (
        <Skeleton active />
      ) : member.error ? (
        <Alert type="error" showIcon title={describeError(member.error).message} />
      ) : m ? (
        <Descriptions column={1} bordered size="small" styles={{ label: { width: 120 } }}>
          <Descriptions.Item label="姓名">{m.name}</Descriptions.Item>
          <Descriptions.Item label="性别">{labelOf(genderLabel, m.gender)}</Descriptions.Item>
          <Descriptions.Item label="民族">{m.ethnicity || '—'}</Descriptions.Item>
          <Descriptions.Item label="出生日期">
            {formatDate(m.birthDate)}
            {`（${m.age}周岁）`}
          </Descriptions.Item>
          <Descriptions.Item label="团员编号">{m.memberNumber || '—'}</Descriptions.Item>
          <Descriptions.Item label="入团日期">{formatDate(m.joinDate)}</Descriptions.Item>
          <Descriptions.Item label="所属组织">{m.orgName || '—'}</Descriptions.Item>
          <Descriptions.Item label="学历">{m.education || '—'}</Descriptions.Item>
          <Descriptions.Item label="职业类别">{m.occupationCategory || '—'}</Descriptions.Item>
          <Descriptions.Item label="状态">
            <Tag color={MEMBER_STATUS_COLOR[m.status]}>{labelOf(memberStatusLabel, m.status)}</Tag>
          </Descriptions.Item>
          <Descriptions.Item label="更新时间">{formatDateTime(m.updatedAt)}</Descriptions.Item>
        </Descriptions>
      ) : null}
    </Drawer>
  );
}
