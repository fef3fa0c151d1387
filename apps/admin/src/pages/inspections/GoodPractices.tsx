import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  type GoodPracticeStatus,
  goodPracticeStatusLabel,
  halfYearLabel,
  type InspectionSector,
  inspectionSectorLabel,
} from '@tuanjian/domain';
import { App, Button, Card, Form, Input, List, Modal, Select, Space, Switch, Tag } from 'antd';
import { useState } from 'react';
import { PageHeader } from '../../components/PageHeader';
import { useMe } from '../../lib/auth';
import { trpc, trpcClient } from '../../lib/trpc';
import { sectorOptions } from './shared';

const STATUS_COLOR: Record<GoodPracticeStatus, string> = {
  submitted: 'orange',
  promoted: 'red',
  declined: 'default',
};

/** 好经验好做法: searchable library; districts submit, the city promotes citywide. */
export default function GoodPracticesPage() {
  const { activeGrant } = useMe();
  const isCity = activeGrant?.tenant.kind === 'city';
  const isCityAdmin = activeGrant?.role === 'city_admin';
  const canSubmit = activeGrant?.role === 'district_admin' || activeGrant?.role === 'org_secretary';
  const [q, setQ] = useState('');
  const [filters, setFilters] = useState<{
    q?: string;
    sector?: InspectionSector;
    status?: GoodPracticeStatus;
    tag?: string;
  }>({});
  const cityList = useQuery({ ...trpc.goodPractices.cityList.queryOptions(filters), enabled: isCity });
  const tenantList = useQuery({
    ...trpc.goodPractices.list.queryOptions(filters),
    enabled: !!activeGrant && !isCity,
  });
  const list = isCity ? cityList : tenantList;
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm();
  const refresh = () => qc.invalidateQueries({ queryKey: trpc.goodPractices.pathKey() });
  const decide = useMutation({
    mutationFn: (v: { id: string; decision: 'promote' | 'decline' }) =>
      trpcClient.goodPractices.decide.mutate(v),
    onSuccess: async (r) => {
      message.success(r.status === 'promoted' ? '已在全市推广' : '已标记为未采纳');
      await refresh();
    },
  });
  const save = useMutation({
    mutationFn: (v: {
      title: string;
      body: string;
      tags?: string[];
      sector?: InspectionSector;
      sourceOrgName?: string;
      promote?: boolean;
    }) =>
      isCity
        ? trpcClient.goodPractices.create.mutate({
            title: v.title,
            body: v.body,
            tags: v.tags ?? [],
            sector: v.sector,
            sourceOrgName: v.sourceOrgName ?? '',
            promote: v.promote,
          })
        : trpcClient.goodPractices.submit.mutate({
            title: v.title,
            body: v.body,
            tags: v.tags ?? [],
            sector: v.sector,
          }),
    onSuccess: async () => {
      message.success(isCity ? '已录入' : '已报送团市委');
      setOpen(false);
      form.resetFields();
      await refresh();
    },
  });
  type Item = NonNullable<typeof list.data>[number];
  return (
    <>
      <PageHeader
        title="好经验好做法"
        subTitle="半年观摩交流：全市推广的基层团建经验做法"
        extra={
          isCityAdmin || canSubmit ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)}>
              {isCity ? '录入经验做法' : '报送经验做法'}
            </Button>
          ) : null
        }
      />
      <Card style={{ marginBottom: 16 }}>
        <Space wrap>
          <Input.Search
            aria-label="搜索经验做法"
            placeholder="搜索标题、内容、标签、来源组织"
            allowClear
            value={q}
            onChange={(e) => setQ(e.target.value)}
            onSearch={(v) => setFilters((f) => ({ ...f, q: v.trim() || undefined }))}
            style={{ width: 320 }}
            enterButton="搜索"
          />
          <Select
            aria-label="领域"
            allowClear
            placeholder="全部领域"
            style={{ width: 220 }}
            options={sectorOptions}
            value={filters.sector}
            onChange={(v) => setFilters((f) => ({ ...f, sector: v }))}
          />
          {isCity ? (
            <Select
              aria-label="推广状态"
              allowClear
              placeholder="全部状态"
              style={{ width: 140 }}
              value={filters.status}
              onChange={(v) => setFilters((f) => ({ ...f, status: v }))}
              options={(['submitted', 'promoted', 'declined'] as const).map((s) => ({
                value: s,
                label: goodPracticeStatusLabel[s],
              }))}
            />
          ) : null}
          {filters.tag ? (
            <Tag closable onClose={() => setFilters((f) => ({ ...f, tag: undefined }))}>
              标签：{filters.tag}
            </Tag>
          ) : null}
        </Space>
      </Card>
      <Card>
        <List<Item>
          loading={list.isLoading}
          dataSource={list.data ?? []}
          locale={{ emptyText: '暂无符合条件的经验做法' }}
          renderItem={(g) => (
            <List.Item
              className="good-practice"
              actions={
                isCityAdmin
                  ? [
                      g.status !== 'promoted' ? (
                        <Button
                          type="link"
                          size="small"
                          key="p"
                          onClick={() => decide.mutate({ id: g.id, decision: 'promote' })}
                        >
                          全市推广
                        </Button>
                      ) : null,
                      g.status === 'submitted' ? (
                        <Button
                          type="link"
                          size="small"
                          key="d"
                          onClick={() => decide.mutate({ id: g.id, decision: 'decline' })}
                        >
                          不予采纳
                        </Button>
                      ) : null,
                    ].filter(Boolean)
                  : []
              }
            >
              <List.Item.Meta
                title={
                  <Space>
                    <span>{g.title}</span>
                    <Tag color={STATUS_COLOR[g.status]}>{goodPracticeStatusLabel[g.status]}</Tag>
                    {g.own ? <Tag>本单位报送</Tag> : null}
                  </Space>
                }
                description={
                  <Space wrap size={4}>
                    <span>
                      {g.tenantName} · {g.sourceOrgName} · {inspectionSectorLabel[g.sector]} ·{' '}
                      {halfYearLabel(g.halfYear)}
                    </span>
                    {g.tags.map((t) => (
                      <Tag
                        key={t}
                        color="blue"
                        style={{ cursor: 'pointer' }}
                        onClick={() => setFilters((f) => ({ ...f, tag: t }))}
                      >
                        #{t}
                      </Tag>
                    ))}
                  </Space>
                }
              />
              <div style={{ whiteSpace: 'pre-wrap' }}>{g.body}</div>
            </List.Item>
          )}
        />
      </Card>
      <Modal
        title={isCity ? '录入经验做法' : '报送经验做法'}
        open={open}
        onCancel={() => setOpen(false)}
        okText="保存"
        confirmLoading={save.isPending}
        onOk={() => form.submit()}
        width={640}
      >
        <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)}>
          <Form.Item
            label="标题"
            name="title"
            rules={[{ required: true, whitespace: true, message: '请填写标题' }]}
          >
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item
            label="内容"
            name="body"
            rules={[{ required: true, whitespace: true, message: '请填写经验做法内容' }]}
          >
            <Input.TextArea rows={6} maxLength={20000} />
          </Form.Item>
          <Form.Item
            label="所属领域"
            name="sector"
            rules={isCity ? [{ required: true, message: '请选择所属领域' }] : []}
          >
            <Select aria-label="所属领域" options={sectorOptions} allowClear />
          </Form.Item>
          <Form.Item label="标签" name="tags">
            <Select mode="tags" aria-label="标签" placeholder="输入后回车，最多10个" />
          </Form.Item>
          {isCity ? (
            <>
              <Form.Item
                label="来源组织"
                name="sourceOrgName"
                rules={[{ required: true, whitespace: true, message: '请填写来源组织' }]}
              >
                <Input maxLength={100} />
              </Form.Item>
              <Form.Item label="录入后直接全市推广" name="promote" valuePropName="checked">
                <Switch />
              </Form.Item>
            </>
          ) : null}
        </Form>
      </Modal>
    </>
  );
}
