import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Input, Picker, Text, View } from '@tarojs/components';
import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { useState } from 'react';
import { ErrorBlock, Loading } from '../../../components/states';
import { trpc } from '../../../lib/trpc';
import '../../meetings/meetings.css';

/**
 * 我的星级 (RATE): the secretary's organisation — the published star, what would raise it (criteria
 * below full points with how they were computed), and this year's self-assessment: scores for the
 * criteria the superior scores, then signing with a member representative.
 */
export default function MyRatingPage() {
  const qc = useQueryClient();
  const mine = useQuery({ queryKey: ['rating', 'mine'], queryFn: () => trpc.rating.mine.query() });
  const home = useQuery({ queryKey: ['home', 'summary'], queryFn: () => trpc.home.summary.query() });
  const [scores, setScores] = useState<Record<string, string>>({});
  const [rep, setRep] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  usePullDownRefresh(() => {
    void mine.refetch().finally(() => Taro.stopPullDownRefresh());
  });
  const done = () => {
    setError(null);
    void qc.invalidateQueries({ queryKey: ['rating', 'mine'] });
  };
  const save = useMutation({
    mutationFn: (id: string) =>
      trpc.rating.selfAssess.mutate({
        id,
        scores: Object.entries(scores).map(([key, v]) => ({ key, points: Number(v) })),
      }),
    onSuccess: () => {
      void Taro.showToast({ title: '自评已保存', icon: 'success' });
      done();
    },
    onError: (e) => setError(e.message),
  });
  const members = home.data?.members ?? [];
  const sign = useMutation({
    mutationFn: (id: string) => trpc.rating.sign.mutate({ id, memberRepId: members[rep ?? 0]!.id }),
    onSuccess: () => {
      void Taro.showToast({ title: '已签字', icon: 'success' });
      done();
    },
    onError: (e) => setError(e.message),
  });
  if (mine.isPending) return <Loading />;
  if (mine.error) return <ErrorBlock error={mine.error} onRetry={() => void mine.refetch()} />;
  const m = mine.data;
  const r = m.rating;
  return (
    <View className="page">
      <View className="card">
        <Text className="card-title">{m.orgName}</Text>
        <Text id="rating-star">{m.star ? `${m.star.year}年度 ${m.star.label}` : '尚无公布的星级'}</Text>
        {r && (
          <Text className="muted">
            {r.year}年度评定：{r.statusLabel}
            {r.totalPoints !== null ? ` · ${r.totalPoints}分` : ''}
            {r.levelLabel ? ` · ${r.levelLabel}` : ''}
          </Text>
        )}
      </View>
      {m.raise.length > 0 && (
        <View className="card">
          <Text className="card-title">怎样提升星级</Text>
          {m.raise.map((x) => (
            <View key={x.key} className="mt-cell" id={`raise-${x.key}`}>
              <Text>
                {x.goodLabel} · 差{x.gap}分（{x.got}/{x.points}）
              </Text>
              <Text className="muted">{x.explanation}</Text>
            </View>
          ))}
        </View>
      )}
      {r?.canSelfAssess && (
        <View className="card">
          <Text className="card-title">自评</Text>
          {r.criteria
            .filter((c) => c.mode === 'scored')
            .map((c) => (
              <View key={c.key} className="mt-cell">
                <Text>
                  {c.title}（{c.points}分）
                </Text>
                <Input
                  id={`self-${c.key}`}
                  type="digit"
                  placeholder={c.selfPoints === null ? '请填写自评分' : String(c.selfPoints)}
                  value={scores[c.key] ?? ''}
                  onInput={(e) => setScores((s) => ({ ...s, [c.key]: e.detail.value }))}
                />
              </View>
            ))}
          <Button id="self-save" loading={save.isPending} onClick={() => save.mutate(r.id)}>
            保存自评
          </Button>
          <Picker
            mode="selector"
            range={members.map((x) => x.name)}
            onChange={(e) => setRep(Number(e.detail.value))}
          >
            <View className="mt-cell">
              <Text>团员代表：{rep === null ? '请选择' : members[rep]?.name}</Text>
            </View>
          </Picker>
          <Button
            id="self-sign"
            type="primary"
            disabled={rep === null || r.status !== 'self_assessing'}
            loading={sign.isPending}
            onClick={() => sign.mutate(r.id)}
          >
            书记和团员代表签字确认
          </Button>
          {r.signature && (
            <Text className="muted">
              已签字：书记 {r.signature.secretaryName}、团员代表 {r.signature.memberRepName}
            </Text>
          )}
          {error && <Text className="error">{error}</Text>}
        </View>
      )}
    </View>
  );
}
