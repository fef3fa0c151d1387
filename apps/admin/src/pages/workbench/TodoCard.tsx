import type { Role } from '@tuanjian/domain';
import { Alert, Badge, Card, Empty, Flex, List, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { describeError } from '../../lib/errors';
import { sortTodos, todoTotal, useTodos } from '../../lib/todos';

/** 待办事项 (PLAT-3): approvals waiting for the acting user, each a link to its list page. */
export function TodoCard(props: { role?: Role | null }) {
  const todos = useTodos(props.role ?? 'district_admin');
  const total = todoTotal(todos.data);
  return (
    <Card
      size="small"
      title={
        <Flex align="center" gap={8}>
          待办事项
          <Badge count={total} overflowCount={999} />
        </Flex>
      }
      loading={todos.isPending}
    >
      {todos.error ? (
        <Alert type="error" showIcon title={`待办事项加载失败：${describeError(todos.error).message}`} />
      ) : total === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无待办事项" />
      ) : (
        <List
          size="small"
          dataSource={sortTodos(todos.data ?? []).filter((t) => t.count > 0)}
          renderItem={(t) => (
            <List.Item
              key={t.kind}
              extra={
                <Typography.Text strong type={t.overdue ? 'danger' : undefined}>
                  {t.count}
                </Typography.Text>
              }
            >
              <Flex align="center" gap={8} wrap>
                <Link to={t.link} style={t.overdue ? { color: '#ff4d4f' } : undefined}>
                  {t.title}
                </Link>
                {t.overdue ? <Tag color="red">已逾期</Tag> : null}
                {t.dueDate ? (
                  <Typography.Text type={t.overdue ? 'danger' : 'secondary'} style={{ fontSize: 12 }}>
                    最早期限 {t.dueDate}
                  </Typography.Text>
                ) : null}
              </Flex>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}
