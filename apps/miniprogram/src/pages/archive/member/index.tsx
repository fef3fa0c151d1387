import { useQuery } from '@tanstack/react-query';
import { Text, View } from '@tarojs/components';
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro';
import { genderLabel } from '@tuanjian/domain';
import { Empty, ErrorBlock, Loading } from '../../../components/states';
import { isUnauthorized, toastError } from '../../../lib/errors';
import { formatDate, formatMemberNumber } from '../../../lib/format';
import { memberStatusText } from '../../../lib/labels';
import { queryKeys } from '../../../lib/query';
import { trpc } from '../../../lib/trpc';

/**
 * 团员档案 (MEM-1), masked: a secretary opens a member of the branch (`?id=`), a member opens
 * their own archive (no id: 我的档案). Personal numbers are shown masked only; the full value
 * is revealed in the admin app with a reason (audited). Stable text for tests: #archive-title.
 */
export default function MemberArchivePage() {
  const { params } = useRouter();
  const given = params.id;
  const own = useQuery({
    queryKey: queryKeys.homeSummary,
    queryFn: () => trpc.home.summary.query(),
    enabled: !given,
  });
  const id = given ?? own.data?.profile?.id;
  const member = useQuery({
    queryKey: ['members', 'get', id],
    queryFn: () => trpc.members.get.query({ id: id as string }),
    enabled: Boolean(id),
  });

  usePullDownRefresh(() => {
    member
      .refetch()
      .then((r) => {
        if (r.error && !isUnauthorized(r.error)) toastError(r.error);
      })
      .finally(() => Taro.stopPullDownRefresh());
  });

  if (!given && own.isPending) return <Loading />;
  if (!given && own.error) return <ErrorBlock error={own.error} onRetry={() => void own.refetch()} />;
  if (!id)
    return (
      <View className="page">
        <Empty title="没有找到团员档案" text="请联系团支部书记核对您的团员信息。" />
      </View>
    );
  if (member.isPending) return <Loading />;
  if (member.error) return <ErrorBlock error={member.error} onRetry={() => void member.refetch()} />;
  const m = member.data;
  const rows: [string, string][] = [
    ['姓名', m.name],
    ['性别', genderLabel[m.gender] ?? '—'],
    ['民族', m.ethnicity || '—'],
    ['出生日期', formatDate(m.birthDate)],
    ['身份证号', m.idCardMasked ?? '未登记'],
    ['手机号码', m.phoneMasked ?? '未登记'],
    ['入团时间', formatDate(m.joinDate)],
    ['团员编号', formatMemberNumber(m.memberNumber)],
    ['学历', m.education || '—'],
    ['职业类别', m.occupationCategory || '—'],
    ['所在团组织', m.orgName],
    ['团籍状态', memberStatusText(m.status)],
  ];
  return (
    <View className="page">
      <View className="section-head">
        <Text id="archive-title" className="section-title">
          {given ? `${m.name}的档案` : '我的档案'}
        </Text>
        <Text className="muted">完备度 {m.archive.score}%</Text>
      </View>
      <View className="card">
        {rows.map(([label, value]) => (
          <View className="row" key={label}>
            <Text className="row-label">{label}</Text>
            <Text className="row-value">{value}</Text>
          </View>
        ))}
      </View>
      {m.archive.missingLabels.length ? (
        <View className="card">
          <Text className="muted">
            档案尚缺：{m.archive.missingLabels.join('、')}。
            {given ? '请在管理后台补全。' : '请联系团支部书记补全。'}
          </Text>
        </View>
      ) : (
        <View className="card">
          <Text className="muted">档案完备。</Text>
        </View>
      )}
      <Text className="refresh-hint muted">身份证号和手机号码已隐去部分数字以保护个人信息</Text>
    </View>
  );
}
