import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Form, Input, Popconfirm, Space } from 'antd';
import { useEffect, useState } from 'react';
import { useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { trpc, trpcClient } from '../../lib/trpc';

/** 通报 editor: a draft generated from the plan's findings, edited, saved, published to all tenants. */
export default function CircularEditorPage() {
  const { id: planId = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const circularId = params.get('id') ?? undefined;
  const navigate = useNavigate();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm();
  const [ready, setReady] = useState(false);
  const existing = useQuery({
    ...trpc.inspections.cityCircular.queryOptions({ id: circularId ?? '' }),
    enabled: !!circularId,
  });
  const draft = useQuery({
    ...trpc.inspections.circularDraft.queryOptions({ planId }),
    enabled: !circularId,
  });
  useEffect(() => {
    if (ready) return;
    if (circularId && existing.data) {
      form.setFieldsValue({
        title: existing.data.title,
        docNumber: existing.data.docNumber,
        body: existing.data.body,
      });
      setReady(true);
    } else if (!circularId && draft.data) {
      form.setFieldsValue({ title: draft.data.title, body: draft.data.body });
      setReady(true);
    }
  }, [circularId, existing.data, draft.data, form, ready]);
  const save = useMutation({
    mutationFn: (v: { title: string; docNumber?: string; body: string }) =>
      trpcClient.inspections.saveCircular.mutate({ ...v, id: circularId, planId }),
    onSuccess: async (c) => {
      message.success('通报已保存');
      await qc.invalidateQueries({ queryKey: trpc.inspections.pathKey() });
      if (!circularId) setParams({ id: c.id }, { replace: true });
    },
  });
  const publish = useMutation({
    mutationFn: async () => {
      const v = await form.validateFields();
      const saved = await trpcClient.inspections.saveCircular.mutate({ ...v, id: circularId, planId });
      return trpcClient.inspections.publishCircular.mutate({ id: saved.id });
    },
    onSuccess: async (c) => {
      message.success('通报已发布，全市各区县团委和专门委员会均可查看');
      await qc.invalidateQueries({ queryKey: trpc.inspections.pathKey() });
      navigate(`/circulars/${c.id}/print`);
    },
  });
  if (!ready) return <Loading />;
  return (
    <>
      <PageHeader title="起草通报" subTitle="根据本次检查发现的问题生成草稿，修改后保存或发布" />
      <Card>
        <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)}>
          <Form.Item
            label="标题"
            name="title"
            rules={[{ required: true, whitespace: true, message: '请填写通报标题' }]}
          >
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item label="文号" name="docNumber">
            <Input maxLength={50} placeholder="如：兰团通〔2026〕12号" style={{ width: 320 }} />
          </Form.Item>
          <Form.Item
            label="正文"
            name="body"
            rules={[{ required: true, whitespace: true, message: '请填写通报正文' }]}
          >
            <Input.TextArea rows={18} maxLength={20000} />
          </Form.Item>
          <Space>
            <Button htmlType="submit" loading={save.isPending}>
              保存草稿
            </Button>
            <Popconfirm
              title="发布后全市各租户均可查看，且不能再修改。确认发布？"
              onConfirm={() => publish.mutate()}
            >
              <Button type="primary" loading={publish.isPending}>
                发布通报
              </Button>
            </Popconfirm>
            <Button onClick={() => navigate(`/inspections/${planId}`)}>返回计划</Button>
          </Space>
        </Form>
      </Card>
    </>
  );
}
