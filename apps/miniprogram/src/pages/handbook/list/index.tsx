import { useQuery } from '@tanstack/react-query';
import { Button, Input, Text, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { handbookCategoryLabel, handbookReadStateLabel } from '@tuanjian/domain';
import { useState } from 'react';
import { Empty, ErrorBlock, Loading } from '../../../components/states';
import { trpc } from '../../../lib/trpc';
import { handbookKeys } from '../shared';
import '../handbook.css';

const open = (id: string) => void Taro.navigateTo({ url: `/pages/handbook/detail/index?id=${id}` });

/** 工作手册: the city's documents and wall charts; 未读 / 有更新 marks; full-text search. */
export default function HandbookListPage() {
  const [input, setInput] = useState('');
  const [q, setQ] = useState('');
  const list = useQuery({ queryKey: handbookKeys.list, queryFn: () => trpc.handbook.list.query({}) });
  const search = useQuery({
    queryKey: handbookKeys.search(q),
    queryFn: () => trpc.handbook.search.query({ q }),
    enabled: q.length > 0,
  });
  useDidShow(() => void list.refetch());
  usePullDownRefresh(() => {
    void list.refetch().finally(() => Taro.stopPullDownRefresh());
  });
  if (list.isPending) return <Loading />;
  if (list.error) return <ErrorBlock error={list.error} onRetry={() => void list.refetch()} />;
  return (
    <View className="page" id="handbook-list">
      <View className="hb-search">
        <Input
          className="hb-input"
          id="handbook-q"
          placeholder="搜索：团费、三会两制一课、推优…"
          value={input}
          confirmType="search"
          onInput={(e) => setInput(e.detail.value)}
          onConfirm={() => setQ(input.trim())}
        />
        <Button className="btn btn-primary" id="handbook-search" onClick={() => setQ(input.trim())}>
          搜索
        </Button>
      </View>
      {q ? (
        search.isPending ? (
          <Loading text="正在搜索…" />
        ) : search.error ? (
          <ErrorBlock error={search.error} />
        ) : search.data.items.length === 0 ? (
          <Empty title="没有找到相关文档" text="换个词试试，例如“团费”“推优”。" />
        ) : (
          <View id="handbook-results">
            <Text className="muted">
              “{q}”共找到 {search.data.total} 篇
            </Text>
            {search.data.items.map((d) => (
              <View key={d.id} className="card hb-item" onClick={() => open(d.id)}>
                <Text className="hb-item-title">{d.title}</Text>
                <Text className="muted hb-snippet">{d.snippet}</Text>
              </View>
            ))}
          </View>
        )
      ) : list.data.items.length === 0 ? (
        <Empty title="暂无文档" text="团市委发布工作手册后会在这里显示。" />
      ) : (
        list.data.items.map((d) => (
          <View key={d.id} className="card hb-item handbook-item" onClick={() => open(d.id)}>
            <View className="hb-item-head">
              <Text className="hb-item-title">{d.title}</Text>
              {d.readState !== 'read' ? (
                <Text className={`tag hb-badge-${d.readState}`}>{handbookReadStateLabel[d.readState]}</Text>
              ) : null}
            </View>
            <Text className="muted">
              {handbookCategoryLabel[d.category]} · 第{d.currentVersion}版
            </Text>
          </View>
        ))
      )}
    </View>
  );
}
