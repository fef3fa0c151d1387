import { Flex } from 'antd';
import { PageHeader } from '../../components/PageHeader';
import { useMe } from '../../lib/auth';
import { beijingHour, formatDate } from '../../lib/format';
import { hasTodos } from '../../lib/todos';
import { CitySummary } from './CitySummary';
import { DistrictSummary } from './DistrictSummary';
import { IdentityCard } from './IdentityCard';
import { TodoCard } from './TodoCard';

function greeting(hour: number): string {
  if (hour < 6) return '夜深了';
  if (hour < 12) return '上午好';
  if (hour < 14) return '中午好';
  if (hour < 18) return '下午好';
  return '晚上好';
}

export default function WorkbenchPage() {
  const { me, role } = useMe();
  const now = new Date();
  return (
    <>
      <PageHeader
        title="工作台"
        subTitle={`${greeting(beijingHour(now))}，${me?.user.displayName ?? ''}。今天是${formatDate(now)}。`}
      />
      <Flex vertical gap={16}>
        {role === 'city_admin' ? <CitySummary /> : null}
        {hasTodos(role) ? <TodoCard role={role} /> : null}
        {role === 'district_admin' || role === 'org_secretary' ? <DistrictSummary /> : null}
        <IdentityCard />
      </Flex>
    </>
  );
}
