import { useQuery } from '@tanstack/react-query';
import {
  HANDBOOK_CATEGORIES,
  type HandbookCategory,
  handbookCategoryLabel,
  handbookReadStateLabel,
} from '@tuanjian/domain';
import { Badge, Card, Empty, Input, List, Segmented, Space, Tag, Typography } from 'antd';
import { Link, useSearchParams } from 'react-router-dom';
import { PageHeader } from '../../components/PageHeader';
import { useMe } from '../../lib/auth';
import { formatDateTime } from '../../lib/format';
import { trpc } from '../../lib/trpc';
import CityHandbook from './CityHandbook';

const STATE_COLOR = { unread: 'blue', updated: 'red', read: 'default' } as const;

/** 工作手册: the city manages it; every other role reads and searches it. */
export default function HandbookPage() {
  const { role } = useMe();
  if (role === 'city_admin') return <CityHandbook />;
  return <ReaderHandbook />;
}

function ReaderHandbook() {
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const category = (params.get('category') ?? '') as HandbookCategory | '';
  const list = useQuery(trpc.handbook.list.queryOptions(category ? { category } : {}));
  const search = useQuery(
    trpc.handbook.search.queryOptions(
      { q: q.trim(), category: category || undefined },
      { enabled: q.trim().length > 0 },
    ),
  );
  const set = (k: string, v: string) => {
    const next = new URLSearchParams(params);
    if (v) next.set(k, v);
    else next.delete(k);
    setParams(next, { replace: true });
  };
  const states = new Map((list.data?.items ?? []).map((d) => [d.id, d.readState]));
  return (
    <>
      <PageHeader
        title="工作手册"
        subTitle={
          list.data ? (
            <Space>
              {list.data.updated > 0 ? <Tag color="red">{list.data.updated} 篇有更新</Tag> : null}
              {list.data.unread > 0 ? <Tag color="blue">{list.data.unread} 篇未读</Tag> : null}
            </Space>
          ) : null
        }
      />
      <Card>
        <Space direction="vertical" style={{ width: '100%' }} size="middle">
          <Input.Search
            allowClear
            aria-label="搜索工作手册"
            placeholder="搜索标题和正文，如：团费、三会两制一课、推优"
            defaultValue={q}
            enterButton="搜索"
            onSearch={(v) => set('q', v.trim())}
            style={{ maxWidth: 520 }}
          />
          <Segmented
            value={category}
            onChange={(v) => set('category', String(v))}
            options={[
              { label: '全部', value: '' },
              ...HANDBOOK_CATEGORIES.map((c) => ({ label: handbookCategoryLabel[c], value: c })),
            ]}
          />
          {q.trim() ? (
            <List
              loading={search.isPending}
              header={
                <span>
                  “{q.trim()}”的搜索结果：共 {search.data?.total ?? 0} 篇
                </span>
              }
              locale={{ emptyText: <Empty description="没有找到相关文档" /> }}
              dataSource={search.data?.items ?? []}
              renderItem={(d) => (
                <List.Item>
                  <List.Item.Meta
                    title={
                      <Space>
                        <Link to={`/handbook/${d.id}`}>{d.title}</Link>
                        <Tag>{handbookCategoryLabel[d.category]}</Tag>
                      </Space>
                    }
                    description={d.snippet}
                  />
                </List.Item>
              )}
            />
          ) : (
            <List
              loading={list.isPending}
              locale={{ emptyText: <Empty description="暂无文档" /> }}
              dataSource={list.data?.items ?? []}
              renderItem={(d) => (
                <List.Item
                  data-testid="handbook-item"
                  extra={
                    <Typography.Text type="secondary">
                      第{d.currentVersion}版 · {d.publishedAt ? formatDateTime(d.publishedAt) : ''}
                    </Typography.Text>
                  }
                >
                  <Space>
                    <Badge dot={states.get(d.id) !== 'read'}>
                      <Link to={`/handbook/${d.id}`}>{d.title}</Link>
                    </Badge>
                    <Tag>{handbookCategoryLabel[d.category]}</Tag>
                    {d.readState !== 'read' ? (
                      <Tag color={STATE_COLOR[d.readState]}>{handbookReadStateLabel[d.readState]}</Tag>
                    ) : null}
                  </Space>
                </List.Item>
              )}
            />
          )}
        </Space>
      </Card>
    </>
  );
}
