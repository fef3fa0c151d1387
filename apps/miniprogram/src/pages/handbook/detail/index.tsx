import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { handbookCategoryLabel, todayInShanghai } from '@tuanjian/domain';
import { useEffect } from 'react';
import { ErrorBlock, Loading } from '../../../components/states';
import { formatDate } from '../../../lib/format';
import { trpc } from '../../../lib/trpc';
import { Body, Changes, handbookKeys } from '../shared';
import '../handbook.css';

/** One document: what changed since the last read (if anything), the text, the versions. */
export default function HandbookDetailPage() {
  const { params } = useRouter();
  const id = params.id ?? '';
  const version = params.version ? Number(params.version) : undefined;
  const qc = useQueryClient();
  const doc = useQuery({
    queryKey: handbookKeys.detail(id, version),
    queryFn: () => trpc.handbook.get.query({ id, version }),
    enabled: !!id,
  });
  const markRead = useMutation({
    mutationFn: (v: number) => trpc.handbook.markRead.mutate({ id, version: v }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: handbookKeys.list });
      void qc.invalidateQueries({ queryKey: handbookKeys.unread });
    },
  });
  const d = doc.data;
  useEffect(() => {
    if (d && version === undefined && d.readState !== 'read') markRead.mutate(d.currentVersion);
  }, [d, version, markRead.mutate]);
  if (doc.isPending) return <Loading />;
  if (doc.error || !d) return <ErrorBlock error={doc.error} onRetry={() => void doc.refetch()} />;
  return (
    <View className="page" id="handbook-detail">
      <View className="card">
        <Text className="hb-item-title" id="handbook-title">
          {d.title}
        </Text>
        <Text className="muted hb-snippet">
          {handbookCategoryLabel[d.category]} · 第{d.version}版
          {d.version < d.currentVersion ? `（现行第${d.currentVersion}版）` : ''}
        </Text>
      </View>
      {d.changes ? (
        <View className="card">
          <Text className="card-title">自您上次阅读（第{d.changes.fromVersion}版）以来的修改</Text>
          {d.changeNote ? <Text className="muted hb-snippet">修订说明：{d.changeNote}</Text> : null}
          <Changes lines={d.changes.lines} />
        </View>
      ) : null}
      <View className="card">
        <Body body={d.body} />
      </View>
      <View className="card">
        <Text className="card-title">版本记录</Text>
        {d.versions.map((v) => (
          <View
            key={v.version}
            className="mt-cell"
            onClick={() =>
              void Taro.navigateTo({ url: `/pages/handbook/detail/index?id=${id}&version=${v.version}` })
            }
          >
            <View className="mt-cell-main">
              <Text className="mt-cell-title">
                第{v.version}版 · {v.publishedAt ? formatDate(todayInShanghai(new Date(v.publishedAt))) : ''}
              </Text>
              <Text className="muted">{v.changeNote ?? '—'}</Text>
            </View>
          </View>
        ))}
      </View>
    </View>
  );
}
