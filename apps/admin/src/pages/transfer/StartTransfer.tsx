import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, Flex, Form, Input, Radio, Select, Steps, TreeSelect } from 'antd';
import { useMemo, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { PageHeader } from '../../components/PageHeader';
import type { RouterInputs } from '../../lib/api-types';
import { trpc } from '../../lib/trpc';
import { errorText, orgOptions } from '../development/shared';

type TargetType = 'internal' | 'cross_tenant' | 'out_of_city';
type StartInput = RouterInputs['transfers']['start'];

/** Step form: 1 the member, 2 the receiving organisation, 3 confirm. */
export default function StartTransferPage() {
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [step, setStep] = useState(0);
  const [search, setSearch] = useState('');
  const [member, setMember] = useState<{
    id: string;
    name: string;
    number: string | null;
    org: string;
  } | null>(null);
  const [type, setType] = useState<TargetType>('cross_tenant');
  const [tenantId, setTenantId] = useState<string | undefined>();
  const [orgId, setOrgId] = useState<string | undefined>();
  const [external, setExternal] = useState({ name: '', contact: '' });
  const [reason, setReason] = useState('');

  const members = useQuery(
    trpc.members.list.queryOptions(
      { q: search || undefined, status: 'active', pageSize: 20 },
      { enabled: step === 0 },
    ),
  );
  const tree = useQuery(trpc.organisations.tree.queryOptions(undefined, { enabled: type === 'internal' }));
  const districts = useQuery(
    trpc.transfers.districts.queryOptions(undefined, { enabled: type === 'cross_tenant' }),
  );
  const targetOrgs = useQuery(
    trpc.transfers.targetOrgs.queryOptions(
      { tenantId: tenantId ?? '' },
      { enabled: !!tenantId && type === 'cross_tenant' },
    ),
  );
  const branchOptions = useMemo(() => orgOptions(tree.data ?? [], ['branch', 'general_branch']), [tree.data]);

  const start = useMutation(
    trpc.transfers.start.mutationOptions({
      meta: { silent: true },
      onSuccess: (r) => {
        qc.invalidateQueries({ queryKey: trpc.transfers.list.queryKey() });
        navigate(`/transfers/${r.id}`);
      },
    }),
  );

  const target: StartInput['target'] | null =
    type === 'out_of_city'
      ? external.name.trim() && external.contact.trim()
        ? { type, name: external.name.trim(), contact: external.contact.trim() }
        : null
      : type === 'internal'
        ? orgId
          ? { type, orgId }
          : null
        : tenantId && orgId
          ? { type, tenantId, orgId }
          : null;

  const targetLabel =
    type === 'out_of_city'
      ? `${external.name}（市外，联系方式：${external.contact}）`
      : type === 'internal'
        ? (findTitle(branchOptions, orgId) ?? '')
        : `${districts.data?.find((d) => d.id === tenantId)?.name ?? ''} · ${
            targetOrgs.data?.find((o) => o.id === orgId)?.name ?? ''
          }`;

  return (
    <>
      <PageHeader title="发起组织关系转接" subTitle="选择团员 → 选择接收组织 → 确认提交" />
      <Card>
        <Steps
          current={step}
          style={{ marginBottom: 24 }}
          items={[{ title: '选择团员' }, { title: '选择接收组织' }, { title: '确认提交' }]}
        />
        {step === 0 ? (
          <Form layout="vertical" name="transfer-member">
            <Form.Item label="团员（按姓名或团员编号搜索）" required>
              <Select
                showSearch={{ filterOption: false, onSearch: setSearch }}
                placeholder="输入姓名或团员编号"
                aria-label="选择团员"
                value={member?.id}
                loading={members.isFetching}
                onChange={(id: string) => {
                  const m = members.data?.items.find((x) => x.id === id);
                  if (m) setMember({ id: m.id, name: m.name, number: m.memberNumber, org: m.orgName });
                }}
                options={(members.data?.items ?? []).map((m) => ({
                  value: m.id,
                  label: `${m.name}　${m.memberNumber ?? '（无编号）'}　${m.orgName}`,
                }))}
              />
            </Form.Item>
            <Button type="primary" disabled={!member} onClick={() => setStep(1)}>
              下一步
            </Button>
          </Form>
        ) : null}
        {step === 1 ? (
          <Form layout="vertical" name="transfer-target">
            <Form.Item label="转接去向" required>
              <Radio.Group
                value={type}
                onChange={(e) => {
                  setType(e.target.value);
                  setOrgId(undefined);
                }}
                options={[
                  { value: 'internal', label: '本单位内' },
                  { value: 'cross_tenant', label: '其他区县' },
                  { value: 'out_of_city', label: '转出本市' },
                ]}
              />
            </Form.Item>
            {type === 'internal' ? (
              <Form.Item label="接收团支部" required>
                <TreeSelect
                  aria-label="接收团支部"
                  placeholder="选择本单位的团支部"
                  treeData={branchOptions}
                  value={orgId}
                  onChange={setOrgId}
                  showSearch={{ treeNodeFilterProp: 'title' }}
                />
              </Form.Item>
            ) : null}
            {type === 'cross_tenant' ? (
              <>
                <Form.Item label="接收区县团委" required>
                  <Select
                    aria-label="接收区县团委"
                    placeholder="选择区县"
                    value={tenantId}
                    onChange={(v: string) => {
                      setTenantId(v);
                      setOrgId(undefined);
                    }}
                    options={(districts.data ?? []).map((d) => ({ value: d.id, label: d.name }))}
                  />
                </Form.Item>
                <Form.Item label="接收团组织" required>
                  <Select
                    aria-label="接收团组织"
                    placeholder={tenantId ? '选择团支部或团总支' : '请先选择区县'}
                    disabled={!tenantId}
                    loading={targetOrgs.isFetching}
                    value={orgId}
                    onChange={setOrgId}
                    showSearch={{ optionFilterProp: 'label' }}
                    options={(targetOrgs.data ?? []).map((o) => ({
                      value: o.id,
                      label: o.parentName ? `${o.name}（${o.parentName}）` : o.name,
                    }))}
                  />
                </Form.Item>
              </>
            ) : null}
            {type === 'out_of_city' ? (
              <>
                <Form.Item label="接收组织名称" required>
                  <Input
                    value={external.name}
                    onChange={(e) => setExternal({ ...external, name: e.target.value })}
                    placeholder="如：上海市浦东新区某街道团工委"
                  />
                </Form.Item>
                <Form.Item label="接收组织联系人及电话" required>
                  <Input
                    value={external.contact}
                    onChange={(e) => setExternal({ ...external, contact: e.target.value })}
                  />
                </Form.Item>
              </>
            ) : null}
            <Flex gap={8}>
              <Button onClick={() => setStep(0)}>上一步</Button>
              <Button type="primary" disabled={!target} onClick={() => setStep(2)}>
                下一步
              </Button>
            </Flex>
          </Form>
        ) : null}
        {step === 2 && member && target ? (
          <>
            <Descriptions bordered column={1} size="small" style={{ marginBottom: 16 }}>
              <Descriptions.Item label="团员">
                {member.name}（{member.number ?? '无编号'}）
              </Descriptions.Item>
              <Descriptions.Item label="转出组织">{member.org}</Descriptions.Item>
              <Descriptions.Item label="接收组织">{targetLabel}</Descriptions.Item>
            </Descriptions>
            <Form layout="vertical" name="transfer-confirm">
              <Form.Item label="转接原因（选填）">
                <Input.TextArea value={reason} maxLength={500} onChange={(e) => setReason(e.target.value)} />
              </Form.Item>
            </Form>
            {type === 'out_of_city' ? (
              <Alert
                type="warning"
                showIcon
                style={{ marginBottom: 16 }}
                message="转出本市后，该团员的状态将变为“已转出”。"
              />
            ) : null}
            {start.error ? (
              <Alert type="error" showIcon style={{ marginBottom: 16 }} message={errorText(start.error)} />
            ) : null}
            <Flex gap={8}>
              <Button onClick={() => setStep(1)}>上一步</Button>
              <Button
                type="primary"
                loading={start.isPending}
                onClick={() =>
                  start.mutate({ memberId: member.id, target, reason: reason.trim() || undefined })
                }
              >
                提交转接
              </Button>
            </Flex>
          </>
        ) : null}
      </Card>
    </>
  );
}

function findTitle(nodes: ReturnType<typeof orgOptions>, id: string | undefined): string | undefined {
  for (const n of nodes) {
    if (n.value === id) return n.title;
    const c = n.children ? findTitle(n.children, id) : undefined;
    if (c) return c;
  }
  return undefined;
}
