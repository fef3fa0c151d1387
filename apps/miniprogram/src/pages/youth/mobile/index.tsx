import { useQuery } from '@tanstack/react-query';
import { Text, View } from '@tarojs/components';
import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { ErrorBlock, Loading } from '../../../components/states';
import { formatDate } from '../../../lib/format';
import { queryKeys } from '../../../lib/query';
import { trpc } from '../../../lib/trpc';
import '../youth.css';

type Placement = Awaited<ReturnType<typeof trpc.youthStudy.mobileList.query>>[number];

/**
 * 流动团员 (MEM-8). A member: my actual place and the branch responsible for me (dues and
 * organisational life there). A secretary: the mobile members her branches are responsible for,
 * and her members placed away with other branches.
 */
export default function MobilePage() {
  const me = useQuery({ queryKey: queryKeys.me, queryFn: () => trpc.auth.me.query() });
  const role = me.data?.grants.find((g) => g.id === me.data?.activeGrantId)?.role;
  const member = role === 'member';
  const mine = useQuery({
    queryKey: ['youthStudy', 'mobileMine'],
    queryFn: () => trpc.youthStudy.mobileMine.query(),
    enabled: member,
  });
  const list = useQuery({
    queryKey: ['youthStudy', 'mobileList'],
    queryFn: () => trpc.youthStudy.mobileList.query({}),
    enabled: !!role && !member,
  });
  usePullDownRefresh(() => {
    void Promise.allSettled([mine.refetch(), list.refetch()]).finally(() => Taro.stopPullDownRefresh());
  });
  if (me.isPending) return <Loading />;
  if (me.error) return <ErrorBlock error={me.error} onRetry={() => void me.refetch()} />;
  if (member) {
    if (mine.isPending) return <Loading />;
    if (mine.error) return <ErrorBlock error={mine.error} onRetry={() => void mine.refetch()} />;
    const p = mine.data;
    return (
      <View className="page">
        <View className="card" id="mobile-mine">
          <Text className="card-title">我的流动团员登记</Text>
          {p ? (
            <>
              <Row label="实际所在地" value={p.place} id="mobile-place" />
              <Row label="负责团支部" value={p.responsibleOrgName} id="mobile-responsible" />
              <Row label="流动类型" value={p.kindLabel} />
              {p.unitName ? <Row label="所在单位" value={p.unitName} /> : null}
              <Row label="流出日期" value={formatDate(p.startedOn)} />
              <Row label="原团支部" value={p.homeOrgName} />
              <Text className="muted">团费交纳、主题团日签到和青年大学习由负责团支部管理。</Text>
            </>
          ) : (
            <Text className="muted" id="mobile-none">
              您没有外出流动登记，由所在团支部管理。外出务工、求学时请告诉团支部书记。
            </Text>
          )}
        </View>
      </View>
    );
  }
  if (list.isPending) return <Loading />;
  if (list.error) return <ErrorBlock error={list.error} onRetry={() => void list.refetch()} />;
  const here = list.data.filter((p) => p.side !== 'home');
  const away = list.data.filter((p) => p.side === 'home');
  return (
    <View className="page">
      <View className="card" id="mobile-responsible-list">
        <Text className="card-title">由本组织负责的流动团员（{here.length}人）</Text>
        {here.length === 0 ? <Text className="muted">暂无</Text> : null}
        {here.map((p) => (
          <Item key={p.id} p={p} sub={`原团支部：${p.homeOrgName}`} />
        ))}
      </View>
      <View className="card" id="mobile-away-list">
        <Text className="card-title">本组织外出流动的团员（{away.length}人）</Text>
        {away.length === 0 ? <Text className="muted">暂无</Text> : null}
        {away.map((p) => (
          <Item key={p.id} p={p} sub={`负责团支部：${p.responsibleOrgName}`} />
        ))}
      </View>
    </View>
  );
}

function Row(props: { label: string; value: string; id?: string }) {
  return (
    <View className="yt-row" id={props.id}>
      <Text className="muted">{props.label}</Text>
      <Text>{props.value}</Text>
    </View>
  );
}

function Item(props: { p: Placement; sub: string }) {
  const { p } = props;
  return (
    <View className="yt-row mobile-item">
      <View className="yt-main">
        <Text>
          {p.memberName}
          <Text className="yt-tag">{p.kindLabel}</Text>
        </Text>
        <Text className="muted">
          {p.place} · {props.sub}
        </Text>
      </View>
      <Text className="muted">{formatDate(p.startedOn)}起</Text>
    </View>
  );
}
