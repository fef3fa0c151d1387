/**
 * Excel 导入 (MEM-7): download the template, upload an .xlsx, watch the progress, read the row
 * errors. Re-importing the same file changes nothing.
 */
import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Progress, Radio, Space, Table, Tag, Upload } from 'antd';
import { useState } from 'react';
import { PageHeader } from '../../components/PageHeader';
import type { RouterOutputs } from '../../lib/api-types';
import { describeError } from '../../lib/errors';
import { formatDateTime } from '../../lib/format';
import { trpc, trpcClient } from '../../lib/trpc';
import { downloadBase64, fileToBase64 } from './shared';

type Kind = 'organisations' | 'members';
type Job = RouterOutputs['imports']['get'];
const KIND_LABEL: Record<Kind, string> = { organisations: '团组织', members: '团员' };

export default function ImportsPage() {
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [kind, setKind] = useState<Kind>('members');
  const [job, setJob] = useState<Job | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const jobs = useQuery(trpc.imports.list.queryOptions());
  const upload = useMutation(trpc.imports.upload.mutationOptions({ meta: { silent: true } }));

  const run = async (file: File) => {
    setError(null);
    setJob(null);
    setBusy(true);
    try {
      const contentBase64 = await fileToBase64(file);
      let j = await upload.mutateAsync({ kind, fileName: file.name, contentBase64 });
      setJob(j);
      while (j.status === 'running') {
        j = await trpcClient.imports.process.mutate({ jobId: j.id });
        setJob(j);
      }
      message.success(
        `导入完成：新增 ${j.createdRows} 行，更新 ${j.updatedRows} 行，未变 ${j.unchangedRows} 行，错误 ${j.errorRows} 行`,
      );
      await qc.invalidateQueries();
    } catch (e) {
      setError(describeError(e).message);
    } finally {
      setBusy(false);
    }
  };

  const percent = job?.totalRows ? Math.floor((job.processedRows * 100) / job.totalRows) : 0;
  return (
    <>
      <PageHeader
        title="Excel 导入"
        subTitle="下载模板填写后上传；有问题的行逐行列出原因，其余行照常导入；同一文件重复导入不会产生重复记录。"
      />
      <Card style={{ marginBottom: 16 }}>
        <Space wrap size="large">
          <Radio.Group
            value={kind}
            onChange={(e) => setKind(e.target.value)}
            optionType="button"
            options={[
              { value: 'members', label: '导入团员' },
              { value: 'organisations', label: '导入团组织' },
            ]}
          />
          <Button
            icon={<DownloadOutlined aria-hidden />}
            onClick={async () => {
              const t = await trpcClient.imports.template.query({ kind });
              downloadBase64(t.fileName, t.base64);
            }}
          >
            下载{KIND_LABEL[kind]}导入模板
          </Button>
          <Upload
            accept=".xlsx"
            showUploadList={false}
            disabled={busy}
            beforeUpload={(file) => {
              void run(file);
              return false;
            }}
          >
            <Button
              type="primary"
              icon={<UploadOutlined aria-hidden />}
              loading={busy}
              data-testid="import-upload"
            >
              上传 .xlsx 文件
            </Button>
          </Upload>
        </Space>
        {error ? (
          <Alert style={{ marginTop: 16 }} type="error" showIcon title={error} data-testid="import-error" />
        ) : null}
        {job ? (
          <div style={{ marginTop: 16 }} data-testid="import-result">
            <Progress
              percent={percent}
              status={job.status === 'running' ? 'active' : job.errorRows ? 'normal' : 'success'}
            />
            <Space wrap style={{ margin: '8px 0' }}>
              <span>{job.fileName}</span>
              <Tag>共 {job.totalRows} 行</Tag>
              <Tag color="green">新增 {job.createdRows}</Tag>
              <Tag color="blue">更新 {job.updatedRows}</Tag>
              <Tag>未变 {job.unchangedRows}</Tag>
              <Tag color={job.errorRows ? 'red' : undefined}>错误 {job.errorRows}</Tag>
              {job.status === 'running' ? (
                <Tag color="processing">
                  导入中 {job.processedRows}/{job.totalRows}
                </Tag>
              ) : null}
              {job.status === 'done' ? <Tag color="success">已完成</Tag> : null}
            </Space>
            {job.message ? <Alert type="warning" showIcon title={job.message} /> : null}
            {job.errors.length ? (
              <Table
                rowKey={(r) => `${r.row}`}
                size="small"
                dataSource={job.errors}
                pagination={{ pageSize: 20, hideOnSinglePage: true }}
                columns={[
                  { title: '行号', dataIndex: 'row', width: 90, render: (r: number) => `第 ${r} 行` },
                  { title: '原因', dataIndex: 'message' },
                ]}
              />
            ) : null}
          </div>
        ) : null}
      </Card>
      <Card title="最近的导入" size="small">
        <Table
          rowKey="id"
          size="small"
          loading={jobs.isPending}
          dataSource={jobs.data ?? []}
          pagination={false}
          locale={{ emptyText: '暂无导入记录' }}
          columns={[
            { title: '时间', dataIndex: 'createdAt', render: (d: Date) => formatDateTime(d) },
            { title: '类型', dataIndex: 'kind', render: (k: Kind) => KIND_LABEL[k] },
            { title: '文件', dataIndex: 'fileName' },
            { title: '行数', dataIndex: 'totalRows' },
            { title: '新增', dataIndex: 'createdRows' },
            { title: '更新', dataIndex: 'updatedRows' },
            { title: '未变', dataIndex: 'unchangedRows' },
            { title: '错误', dataIndex: 'errorRows' },
            {
              title: '状态',
              dataIndex: 'status',
              render: (s: Job['status']) =>
                s === 'done' ? (
                  <Tag color="success">已完成</Tag>
                ) : s === 'failed' ? (
                  <Tag color="red">已中断</Tag>
                ) : (
                  <Tag>进行中</Tag>
                ),
            },
          ]}
        />
      </Card>
    </>
  );
}
