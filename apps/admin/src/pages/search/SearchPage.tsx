import { useQuery } from '@tanstack/react-query';
import {
  type HandbookCategory,
  handbookCategoryLabel,
  memberStatusLabel,
  orgKindLabel,
  orgStatusLabel,
} from '@tuanjian/domain';
import { Card, Empty, Input, List, Space, Tag } from 'antd';
import { Link, useSearchParams } from 'react-router-dom';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { canAccess } from '../../lib/access';
import type { RouterOutputs } from '../../lib/api-types';
import { useMe } from '../../lib/auth';
import { trpc } from '../../lib/trpc';

type Result = RouterOutputs['search']['query'];

/** Results of the one search box, grouped by kind, each linking to its page. */
export default function SearchPage() {
  const { role } = useMe();
  const [params, setParams] = useSearchParams();
  const q = (params.get('q') ?? '').trim();
  const isCity = role === 'city_admin';
  const tenant = useQuery(trpc.search.query.queryOptions({ q }, { enabled: !!q && !isCity }));
  const city = useQuery(trpc.search.city.queryOptions({ q }, { enabled: !!q && isCity }));
  const data: Result | undefined = isCity ? city.data : tenant.data;
  const pending = q && (isCity ? city.isPending : tenant.isPending);
  const memberLinks = canAccess(role, 'members');
  const total =
    (data?.members?.total ?? 0) +
    (data?.organisations?.total ?? 0) +
    (data?.documents.total ?? 0) +
    (data?.tenants?.total ?? 0);
  return (
    <>
      <PageHeader title="搜索" subTitle={q ? `“${q}”` : undefined} />
      <Card style={{ marginBottom: 16 }}>
        <Input.Search
          key={q}
          aria-label="搜索内容"
          defaultValue={q}
          enterButton="搜索"
          placeholder="姓名、团员编号、身份证号后4位、组织名称、手册内容"
          onSearch={(v) => setParams(v.trim() ? { q: v.trim() } : {})}
          style={{ maxWidth: 560 }}
        />
      </Card>
      {!q ? null : pending ? (
        <Loading />
      ) : total === 0 ? (
        <Card>
          <Empty description="没有找到您有权查看的相关内容" />
        </Card>
      ) : (
        <Space direction="vertical" style={{ width: '100%' }} size="middle">
          {data?.members && data.members.total > 0 ? (
            <Card title={`团员（${data.members.total}）`} data-testid="search-members">
              <List
                dataSource={data.members.items}
                renderItem={(m) => (
                  <List.Item>
                    <Space wrap>
                      {memberLinks ? <Link to={`/members/${m.id}`}>{m.name}</Link> : <span>{m.name}</span>}
                      <span>{m.orgName}</span>
                      {m.memberNumber ? <span>团员编号 {m.memberNumber}</span> : null}
                      {m.idCardMasked ? <span>身份证 {m.idCardMasked}</span> : null}
                      {m.status !== 'active' ? <Tag>{memberStatusLabel[m.status]}</Tag> : null}
                    </Space>
                  </List.Item>
                )}
              />
              {data.members.total > data.members.items.length && memberLinks ? (
                <Link to={`/members?q=${encodeURIComponent(q)}`}>
                  在团员名册中查看全部 {data.members.total} 人
                </Link>
              ) : null}
            </Card>
          ) : null}
          {data?.organisations && data.organisations.total > 0 ? (
            <Card title={`组织（${data.organisations.total}）`} data-testid="search-organisations">
              <List
                dataSource={data.organisations.items}
                renderItem={(o) => (
                  <List.Item>
                    <Space wrap>
                      <Link to={`/organisations?org=${o.id}`}>{o.name}</Link>
                      <Tag>{orgKindLabel[o.kind]}</Tag>
                      {o.parentName ? <span>上级：{o.parentName}</span> : null}
                      {o.status !== 'active' ? <Tag>{orgStatusLabel[o.status]}</Tag> : null}
                    </Space>
                  </List.Item>
                )}
              />
            </Card>
          ) : null}
          {data?.tenants && data.tenants.total > 0 ? (
            <Card title={`单位（${data.tenants.total}）`}>
              <List
                dataSource={data.tenants.items}
                renderItem={(t) => (
                  <List.Item>
                    <Space>
                      <Link to="/tenants">{t.name}</Link>
                      <Tag>{t.kindLabel}</Tag>
                    </Space>
                  </List.Item>
                )}
              />
            </Card>
          ) : null}
          {data && data.documents.total > 0 ? (
            <Card title={`工作手册（${data.documents.total}）`} data-testid="search-documents">
              <List
                dataSource={data.documents.items}
                renderItem={(d) => (
                  <List.Item>
                    <List.Item.Meta
                      title={
                        <Space>
                          <Link to={`/handbook/${d.id}`}>{d.title}</Link>
                          <Tag>{handbookCategoryLabel[d.category as HandbookCategory]}</Tag>
                        </Space>
                      }
                      description={d.snippet}
                    />
                  </List.Item>
                )}
              />
              {data.documents.total > data.documents.items.length ? (
                <Link to={`/handbook?q=${encodeURIComponent(q)}`}>在工作手册中查看全部</Link>
              ) : null}
            </Card>
          ) : null}
        </Space>
      )}
    </>
  );
}
