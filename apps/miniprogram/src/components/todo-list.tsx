import { useQuery } from '@tanstack/react-query';
import { Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { useEffect } from 'react';
import { queryKeys } from '../lib/query';
import { openTodos, todoBadgeText } from '../lib/todos';
import { trpc } from '../lib/trpc';
import './todo-list.css';

/** Index of 首页 in the tab bar (app.config.ts): the badge sits there, where the list is. */
const HOME_TAB_INDEX = 0;

function setBadge(text: string | null) {
  // Only a tab page can set the badge; failures (e.g. no tab bar) are not the user's concern.
  const done = text
    ? Taro.setTabBarBadge({ index: HOME_TAB_INDEX, text })
    : Taro.removeTabBarBadge({ index: HOME_TAB_INDEX });
  void Promise.resolve(done).catch(() => undefined);
}

/**
 * 待办事项 (PLAT-3, `todos.list`) on 首页: what waits on the current identity (a secretary's
 * approvals, a member's transfer in progress and unpaid dues months), each linking to the page that
 * handles it; items done in the admin app only say so. Sets the red badge on the 首页 tab.
 * Stable texts for end-to-end tests: #home-todos, .todo-item, #home-todos-empty.
 */
export function TodoList() {
  const todos = useQuery({
    queryKey: queryKeys.todos,
    queryFn: () => trpc.todos.list.query(),
  });

  // Back from the page that handled an item: count again.
  useDidShow(() => {
    void todos.refetch();
  });

  const items = todos.data ? openTodos(todos.data) : [];
  const badge = todos.data ? todoBadgeText(todos.data) : null;
  useEffect(() => {
    if (todos.data) setBadge(badge);
  }, [todos.data, badge]);

  if (!todos.data) return null;
  return (
    <View id="home-todos">
      <View className="section-head">
        <Text className="section-title">待办事项</Text>
        <Text className="muted">{items.length ? `${items.length} 项` : ''}</Text>
      </View>
      {items.length === 0 ? (
        <View className="card">
          <Text id="home-todos-empty" className="muted">
            暂无待办事项
          </Text>
        </View>
      ) : (
        <View className="card todos">
          {items.map((t) => (
            <View
              key={t.kind}
              className="todo-item"
              onClick={() => {
                if (t.page) void Taro.navigateTo({ url: t.page });
                else void Taro.showToast({ title: '请在电脑端管理后台办理', icon: 'none' });
              }}
            >
              <View>
                <Text className="todo-title">{t.title}</Text>
                <Text className="todo-hint muted">
                  {t.page ? (t.overdue ? '已超期，请尽快办理' : '点击办理') : '请在管理后台办理'}
                </Text>
              </View>
              <Text className={t.overdue ? 'todo-count todo-overdue' : 'todo-count'}>{t.count}</Text>
            </View>
          ))}
        </View>
      )}
    </View>
  );
}
