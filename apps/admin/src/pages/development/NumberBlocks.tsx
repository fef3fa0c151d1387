import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Form, InputNumber, Progress, Row, Select, Table, TreeSelect } from 'antd';
import { useMemo } from 'react';
import { ExportButton } from '../../components/ExportButton';
import { PageHeader } from '../../components/PageHeader';
import { useMe } from '../../lib/auth';
import { trpc, trpcClient } from '../../lib/trpc';
import { errorText, orgOptions } from './shared';

const THIS_YEAR = Number(new Date().toLocaleString('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric' }));

/** 号段: the city assigns blocks to districts; a district assigns sub-blocks to its 团委. */
export default function NumberBlocksPage() {
  const { role } = useMe();
  return (
    <>
      <PageHeader
        title="团员编号号段"
        subTitle="团员编号 = 4位年份 + 2位省级代码 + 6位序号；号段由上级逐级分配，批准入团时从批准团委的号段中顺序取号。"
      />
      {role === 'city_admin' ? <CityBlocks /> : <DistrictBlocks canAssign={role === 'district_admin'} />}
    </>
  );
}

interface RangeValues {
  year: number;
  startSeq: number;
  endSeq: number;
}

function RangeFields() {
  return (
    <>
      <Col xs={12} lg={4}>
        <Form.Item label="年度" name="year" rules={[{ required: true, message: '请填写年度' }]}>
          <InputNumber min={1922} max={2999} style={{ width: '100%' }} />
        </Form.Item>
      </Col>
      <Col xs={12} lg={4}>
        <Form.Item label="起始序号" name="startSeq" rules={[{ required: true, message: '请填写起始序号' }]}>
          <InputNumber min={1} max={999999} style={{ width: '100%' }} />
        </Form.Item>
      </Col>
      <Col xs={12} lg={4}>
        <Form.Item label="结束序号" name="endSeq" rules={[{ required: true, message: '请填写结束序号' }]}>
          <InputNumber min={1} max={999999} style={{ width: '100%' }} />
        </Form.Item>
      </Col>
    </>
  );
}

function CityBlocks() {
  const qc = useQueryClient();
  const [form] = Form.useForm<RangeValues & { tenantId: string }>();
  const tenants = useQuery(trpc.tenants.list.queryOptions());
  const blocks = useQuery(trpc.development.cityBlocks.queryOptions());
  const assign = useMutation(
    trpc.development.assignCityBlock.mutationOptions({
      meta: { silent: true },
      onSuccess: () => {
        qc.invalidateQueries({ queryKey: trpc.development.cityBlocks.queryKey() });
        form.resetFields(['startSeq', 'endSeq']);
      },
    }),
  );
  return (
    <>
      <Card title="向区县团委分配号段" style={{ marginBottom: 16 }}>
        {assign.error ? (
          <Alert type="error" showIcon title={errorText(assign.error)} style={{ marginBottom: 12 }} />
        ) : null}
        <Form
          form={form}
          layout="vertical"
          name="city-block"
          initialValues={{ year: THIS_YEAR }}
          onFinish={(v) => assign.mutate(v)}
        >
          <Row gutter={12} align="bottom">
            <Col xs={24} lg={6}>
              <Form.Item
                label="区县团委"
                name="tenantId"
                rules={[{ required: true, message: '请选择区县团委' }]}
              >
                <Select
                  options={(tenants.data ?? [])
                    .filter((t) => t.kind === 'district')
                    .map((t) => ({ value: t.id, label: t.name }))}
                />
              </Form.Item>
            </Col>
            <RangeFields />
            <Col xs={24} lg={4}>
              <Form.Item>
                <Button type="primary" htmlType="submit" loading={assign.isPending}>
                  分配
                </Button>
              </Form.Item>
            </Col>
          </Row>
        </Form>
      </Card>
      <Card
        title="已分配号段"
        extra={<ExportButton unit="段" onExport={() => trpcClient.exports.cityNumberBlocks.mutate({})} />}
      >
        <Table
          rowKey="id"
          size="middle"
          loading={blocks.isFetching}
          dataSource={blocks.data ?? []}
          pagination={false}
          columns={[
            { title: '年度', dataIndex: 'year', width: 90 },
            { title: '区县团委', dataIndex: 'tenantName' },
            { title: '起始序号', dataIndex: 'startSeq' },
            { title: '结束序号', dataIndex: 'endSeq' },
            { title: '数量', dataIndex: 'size' },
          ]}
          locale={{ emptyText: '尚未分配号段' }}
        />
      </Card>
    </>
  );
}

function DistrictBlocks(props: { canAssign: boolean }) {
  const qc = useQueryClient();
  const [form] = Form.useForm<RangeValues & { orgId: string }>();
  const tree = useQuery(trpc.organisations.tree.queryOptions());
  const blocks = useQuery(trpc.development.blocks.queryOptions());
  const committees = useMemo(
    () => orgOptions(tree.data ?? [], ['league_committee', 'working_committee']),
    [tree.data],
  );
  const assign = useMutation(
    trpc.development.assignBlock.mutationOptions({
      meta: { silent: true },
      onSuccess: () => {
        qc.invalidateQueries({ queryKey: trpc.development.blocks.queryKey() });
        form.resetFields(['startSeq', 'endSeq']);
      },
    }),
  );
  return (
    <>
      <Card title="团市委分配给本单位的号段" style={{ marginBottom: 16 }}>
        <Table
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={blocks.data?.cityBlocks ?? []}
          columns={[
            { title: '年度', dataIndex: 'year', width: 90 },
            { title: '起始序号', dataIndex: 'startSeq' },
            { title: '结束序号', dataIndex: 'endSeq' },
            { title: '数量', dataIndex: 'size' },
            { title: '已分配给团委', dataIndex: 'assigned' },
          ]}
          locale={{ emptyText: '团市委尚未分配号段' }}
        />
      </Card>
      {props.canAssign ? (
        <Card title="向团委分配号段" style={{ marginBottom: 16 }}>
          {assign.error ? (
            <Alert type="error" showIcon title={errorText(assign.error)} style={{ marginBottom: 12 }} />
          ) : null}
          <Form
            form={form}
            layout="vertical"
            name="tenant-block"
            initialValues={{ year: THIS_YEAR }}
            onFinish={(v) => assign.mutate(v)}
          >
            <Row gutter={12} align="bottom">
              <Col xs={24} lg={8}>
                <Form.Item
                  label="团委 / 团工委"
                  name="orgId"
                  rules={[{ required: true, message: '请选择团委' }]}
                >
                  <TreeSelect
                    treeData={committees}
                    showSearch={{ treeNodeFilterProp: 'title' }}
                    placeholder="选择批准发展团员的团委"
                  />
                </Form.Item>
              </Col>
              <RangeFields />
              <Col xs={24} lg={4}>
                <Form.Item>
                  <Button type="primary" htmlType="submit" loading={assign.isPending}>
                    分配
                  </Button>
                </Form.Item>
              </Col>
            </Row>
          </Form>
        </Card>
      ) : null}
      <Card
        title="团委号段使用情况"
        extra={<ExportButton unit="段" onExport={() => trpcClient.exports.numberBlocks.mutate({})} />}
      >
        <Table
          rowKey="id"
          size="middle"
          pagination={false}
          loading={blocks.isFetching}
          dataSource={blocks.data?.blocks ?? []}
          columns={[
            { title: '年度', dataIndex: 'year', width: 90 },
            { title: '团委', dataIndex: 'orgName' },
            { title: '号段', render: (_, b) => `${b.startSeq}–${b.endSeq}` },
            { title: '下一个序号', dataIndex: 'nextSeq' },
            {
              title: '已使用',
              render: (_, b) => (
                <Progress
                  percent={Math.round((b.used / (b.used + b.remaining)) * 100)}
                  format={() => `${b.used}/${b.used + b.remaining}`}
                  size="small"
                  status={b.remaining === 0 ? 'exception' : 'normal'}
                />
              ),
            },
          ]}
          locale={{ emptyText: '尚未向团委分配号段' }}
        />
      </Card>
    </>
  );
}
