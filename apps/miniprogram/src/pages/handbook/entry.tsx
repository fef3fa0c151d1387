import { useQuery } from '@tanstack/react-query';
import { Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { trpc } from '../../lib/trpc';
import { handbookKeys } from './shared';
import '../meetings/meetings.css';
import './handbook.css';

/** The 工作手册 and 搜索 entries (团务 tab), with the count of documents not read at their current version. */
export function HandbookEntry() {
  const count = useQuery({ queryKey: handbookKeys.unread, queryFn: () => trpc.handbook.unreadCount.query() });
  useDidShow(() => void count.refetch());
  const updated = count.data?.updated ?? 0;
  const unread = count.data?.unread ?? 0;
  return (
    <View className="card">
      <Text className="card-title">工作手册与搜索</Text>
      <View
        id="affairs-handbook"
        className="mt-cell"
        onClick={() => void Taro.navigateTo({ url: '/pages/handbook/list/index' })}
      >
        <View className="mt-cell-main">
          <Text className="mt-cell-title">工作手册</Text>
          <Text className="muted">团市委发布的工作流程、制度、模板和挂图</Text>
        </View>
        {updated > 0 ? (
          <Text className="tag hb-badge-updated" id="handbook-updated-badge">
            {updated}篇有更新
          </Text>
        ) : unread > 0 ? (
          <Text className="tag hb-badge-unread">{unread}篇未读</Text>
        ) : null}
        <Text className="mt-arrow">›</Text>
      </View>
      <View
        id="affairs-search"
        className="mt-cell"
        onClick={() => void Taro.navigateTo({ url: '/pages/search/index' })}
      >
        <View className="mt-cell-main">
          <Text className="mt-cell-title">搜索</Text>
          <Text className="muted">团员（姓名、编号、身份证后4位）、组织、工作手册</Text>
        </View>
        <Text className="mt-arrow">›</Text>
      </View>
    </View>
  );
}
