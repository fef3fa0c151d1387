import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { handbookCategoryLabel } from '@tuanjian/domain';
import { Alert, App, Button, Card, Form, Input, Popconfirm, Space, Tabs, Tag, Timeline } from 'antd';
import { useEffect } from 'react';
import { useParams, useSearchParams } from 'react-router-dom';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { useMe } from '../../lib/auth';
import { formatDateTime } from '../../lib/format';
import { trpc, trpcClient } from '../../lib/trpc';
import { HandbookBody, HandbookChanges } from './Body';

export default function HandbookDetailPage() {
  const { role } = useMe();
  return role === 'city_admin' ? <CityDetail /> : <ReaderDetail />;
}

/** A reader: the current (or an earlier) version, what changed since the last read, the history. */
function ReaderDetail() {
  const { id = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const version = params.get('version') ? Number(params.get('version')) : undefined;
  const qc = useQueryClient();
  const doc = useQuery(trpc.handbook.get.queryOptions({ id, version }));
  const d = doc.data;
  const markRead = useMutation({
    mutationFn: (v: number) => trpcClient.handbook.markRead.mutate({ id, version: v }),
    meta: { silent: true },
    onSuccess: () => qc.invalidateQueries({ queryKey: trpc.handbook.list.queryKey() }),
  });
  // Opening the current version records the read (the changes stay on screen until reload).
  useEffect(() => {
    if (d && version === undefined && d.readState !== 'read') markRead.mutate(d.currentVersion);
  }, [d, version, markRead.mutate]);
  if (!d) return <Loading />;
  return (
    <>
      <PageHeader
        title={d.title}
        subTitle={
          <Space>
            <Tag>{handbookCategoryLabel[d.category]}</Tag>
            <span>
              第{d.version}版{d.version < d.currentVersion ? `（现行为第${d.currentVersion}版）` : ''}
            </span>
          </Space>
        }
      />
      {d.changes ? (
        <Card
          title={`自您上次阅读（第${d.changes.fromVersion}版）以来的修改`}
          style={{ marginBottom: 16 }}
          extra={d.changeNote ? <span>修订说明：{d.changeNote}</span> : null}
        >
          <HandbookChanges lines={d.changes.lines} />
        </Card>
      ) : null}
      <Card>
        <Tabs
          items={[
            { key: 'body', label: '正文', children: <HandbookBody body={d.body} /> },
            {
              key: 'versions',
              label: `版本记录（${d.versions.length}）`,
              children: (
                <Timeline
                  items={d.versions.map((v) => ({
                    key: v.version,
                    children: (
                      <Space direction="vertical" size={0}>
                        <Button
                          type="link"
                          style={{ padding: 0 }}
                          onClick={() => setParams({ version: String(v.version) })}
                        >
                          第{v.version}版 · {v.publishedAt ? formatDateTime(v.publishedAt) : ''}
                        </Button>
                        <span>{v.changeNote ?? '—'}</span>
                      </Space>
                    ),
                  }))}
                />
              ),
            },
          ]}
        />
      </Card>
    </>
  );
}

/** 团市委: the current version, the draft of the next one (edit, publish), withdraw / restore. */
function CityDetail() {
  const { id = '' } = useParams();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const data = useQuery(trpc.handbook.cityGet.queryOptions({ id }));
  const [form] = Form.useForm<{ title: string; body: string; changeNote?: string }>();
  const d = data.data;
  const refresh = () => qc.invalidateQueries({ queryKey: trpc.handbook.pathKey() });
  const save = useMutation({
    mutationFn: (v: { title: string; body: string; changeNote?: string }) =>
      trpcClient.handbook.saveDraft.mutate({ documentId: id, ...v }),
    onSuccess: async (r) => {
      message.success(`第${r.version}版草稿已保存`);
      await refresh();
    },
  });
  const publish = useMutation({
    mutationFn: () => trpcClient.handbook.publish.mutate({ id }),
    onSuccess: async (r) => {
      message.success(`第${r.version}版已发布，各支部将看到“有更新”`);
      await refresh();
    },
  });
  const withdraw = useMutation({
    mutationFn: (w: boolean) => trpcClient.handbook[w ? 'withdraw' : 'restore'].mutate({ id }),
    onSuccess: async (r) => {
      message.success(r.withdrawn ? '文档已撤回' : '文档已恢复');
      await refresh();
    },
  });
  useEffect(() => {
    if (!d) return;
    const src = d.draft ?? d.current;
    form.setFieldsValue({
      title: src?.title ?? d.title,
      body: src?.body ?? '',
      changeNote: d.draft?.changeNote ?? '',
    });
  }, [d, form]);
  if (!d) return <Loading />;
  return (
    <>
      <PageHeader
        title={d.title}
        subTitle={
          <Space>
            <Tag>{handbookCategoryLabel[d.category]}</Tag>
            {d.currentVersion > 0 ? (
              <span>现行第{d.currentVersion}版</span>
            ) : (
              <Tag color="orange">未发布</Tag>
            )}
            {d.withdrawnAt ? <Tag>已撤回</Tag> : null}
          </Space>
        }
        extra={
          d.currentVersion > 0 ? (
            <Popconfirm
              title={d.withdrawnAt ? '恢复后各支部可再次看到此文档' : '撤回后各支部将看不到此文档'}
              onConfirm={() => withdraw.mutate(!d.withdrawnAt)}
            >
              <Button danger={!d.withdrawnAt}>{d.withdrawnAt ? '恢复' : '撤回'}</Button>
            </Popconfirm>
          ) : null
        }
      />
      <Card
        title={
          d.draft
            ? `修订稿（第${d.draft.version}版，未发布）`
            : `修订（保存后生成第${d.currentVersion + 1}版草稿）`
        }
        style={{ marginBottom: 16 }}
      >
        {d.draft ? (
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 16 }}
            message={`草稿保存于 ${formatDateTime(d.draft.updatedAt)}，发布后各支部看到的是新版本`}
          />
        ) : null}
        <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)}>
          <Form.Item name="title" label="标题" rules={[{ required: true, message: '请填写标题' }]}>
            <Input maxLength={80} />
          </Form.Item>
          <Form.Item name="body" label="正文" rules={[{ required: true, message: '请填写正文' }]}>
            <Input.TextArea rows={16} aria-label="正文" />
          </Form.Item>
          <Form.Item name="changeNote" label="修订说明">
            <Input maxLength={200} aria-label="修订说明" />
          </Form.Item>
          <Space>
            <Button htmlType="submit" loading={save.isPending}>
              保存草稿
            </Button>
            <Button
              type="primary"
              disabled={!d.draft}
              loading={publish.isPending}
              onClick={() => publish.mutate()}
            >
              发布新版本
            </Button>
          </Space>
        </Form>
      </Card>
      <Card title="版本记录">
        <Timeline
          items={d.versions.map((v) => ({
            key: v.version,
            children: `第${v.version}版 · ${v.publishedAt ? formatDateTime(v.publishedAt) : ''} · ${v.changeNote ?? '—'}`,
          }))}
        />
        {d.current ? (
          <>
            <h3>现行版本正文</h3>
            <HandbookBody body={d.current.body} />
          </>
        ) : null}
      </Card>
    </>
  );
}
