import { useQuery } from '@tanstack/react-query';
import { Button, Input, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { orgKindLabel } from '@tuanjian/domain';
import { useState } from 'react';
import { Empty, ErrorBlock, Loading } from '../../components/states';
import { trpc } from '../../lib/trpc';
import '../handbook/handbook.css';
import '../meetings/meetings.css';

/**
 * The one search box of the mini-program: members (name, 团员编号, last ID digits), organisations
 * and 工作手册 — only what the user may see (the server decides; a member finds only itself).
 */
export default function SearchPage() {
  const [input, setInput] = useState('');
  const [q, setQ] = useState('');
  const r = useQuery({
    queryKey: ['search', q],
    queryFn: () => trpc.search.query.query({ q }),
    enabled: q.length > 0,
  });
  const d = r.data;
  const total = d ? (d.members?.total ?? 0) + (d.organisations?.total ?? 0) + d.documents.total : 0;
  return (
    <View className="page" id="search-page">
      <View className="hb-search">
        <Input
          className="hb-input"
          id="search-q"
          placeholder="姓名、团员编号、身份证后4位、组织、手册"
          value={input}
          confirmType="search"
          onInput={(e) => setInput(e.detail.value)}
          onConfirm={() => setQ(input.trim())}
        />
        <Button className="btn btn-primary" id="search-go" onClick={() => setQ(input.trim())}>
          搜索
        </Button>
      </View>
      {!q ? (
        <Text className="muted">输入关键词后搜索。</Text>
      ) : r.isPending ? (
        <Loading text="正在搜索…" />
      ) : r.error || !d ? (
        <ErrorBlock error={r.error} onRetry={() => void r.refetch()} />
      ) : total === 0 ? (
        <Empty title="没有找到" text="没有您有权查看的相关内容。" />
      ) : (
        <View>
          {d.members && d.members.total > 0 ? (
            <View className="card" id="search-members">
              <Text className="hb-group-title">团员（{d.members.total}）</Text>
              {d.members.items.map((m) => (
                <View
                  key={m.id}
                  className="mt-cell"
                  onClick={() => void Taro.navigateTo({ url: `/pages/archive/member/index?id=${m.id}` })}
                >
                  <View className="mt-cell-main">
                    <Text className="mt-cell-title">{m.name}</Text>
                    <Text className="muted">
                      {m.orgName}
                      {m.memberNumber ? ` · ${m.memberNumber}` : ''}
                      {m.idCardMasked ? ` · ${m.idCardMasked}` : ''}
                    </Text>
                  </View>
                  <Text className="mt-arrow">›</Text>
                </View>
              ))}
            </View>
          ) : null}
          {d.organisations && d.organisations.total > 0 ? (
            <View className="card" id="search-organisations">
              <Text className="hb-group-title">组织（{d.organisations.total}）</Text>
              {d.organisations.items.map((o) => (
                <View key={o.id} className="mt-cell">
                  <View className="mt-cell-main">
                    <Text className="mt-cell-title">{o.name}</Text>
                    <Text className="muted">
                      {orgKindLabel[o.kind]}
                      {o.parentName ? ` · 上级：${o.parentName}` : ''}
                    </Text>
                  </View>
                </View>
              ))}
            </View>
          ) : null}
          {d.documents.total > 0 ? (
            <View className="card" id="search-documents">
              <Text className="hb-group-title">工作手册（{d.documents.total}）</Text>
              {d.documents.items.map((doc) => (
                <View
                  key={doc.id}
                  className="mt-cell"
                  onClick={() => void Taro.navigateTo({ url: `/pages/handbook/detail/index?id=${doc.id}` })}
                >
                  <View className="mt-cell-main">
                    <Text className="mt-cell-title">{doc.title}</Text>
                    <Text className="muted">{doc.snippet}</Text>
                  </View>
                  <Text className="mt-arrow">›</Text>
                </View>
              ))}
            </View>
          ) : null}
        </View>
      )}
    </View>
  );
}
