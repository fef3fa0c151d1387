import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type MeetingKind, meetingKindLabel, meetingQuorumMet } from '@tuanjian/domain';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  DatePicker,
  Descriptions,
  Flex,
  Form,
  Image,
  Input,
  InputNumber,
  Select,
  Space,
  Tag,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { FileUpload } from '../../components/FileUpload';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { formatDate, todayDayjs } from '../../lib/format';
import { trpc, trpcClient } from '../../lib/trpc';
import { OrgPicker } from '../dues/shared';
import { KIND_OPTIONS } from './shared';

interface Values {
  orgId?: string;
  kind: MeetingKind;
  heldOn: Dayjs;
  topic: string;
  location?: string;
  durationMinutes?: number | null;
  minutes?: string;
  lessonApplicationIds?: string[];
}

/** 登记会议 (new) and a recorded meeting (view, edit): attendance ticked from the branch roster. */
export default function MeetingFormPage() {
  const { id } = useParams();
  const isNew = !id;
  const navigate = useNavigate();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const existing = useQuery(trpc.meetings.get.queryOptions({ id: id ?? '' }, { enabled: !isNew }));
  const [orgId, setOrgId] = useState<string | undefined>();
  const [present, setPresent] = useState<string[]>([]);
  const [photoIds, setPhotoIds] = useState<string[]>([]);
  const kind = Form.useWatch('kind', form);
  const branchId = isNew ? orgId : existing.data?.orgId;
  const roster = useQuery(
    trpc.meetings.roster.queryOptions({ orgId: branchId ?? '' }, { enabled: !!branchId && isNew }),
  );

  useEffect(() => {
    const d = existing.data;
    if (!d) return;
    form.setFieldsValue({
      kind: d.kind,
      heldOn: dayjs(d.heldOn),
      topic: d.topic,
      location: d.location ?? undefined,
      durationMinutes: d.durationMinutes,
      minutes: d.minutes ?? undefined,
      lessonApplicationIds: d.lessonCredits.map((c) => c.applicationId),
    });
    setPresent(d.attendance.filter((a) => a.present).map((a) => a.memberId));
    setPhotoIds(d.photos.map((p) => p.id));
  }, [existing.data, form]);

  const people = useMemo(
    () =>
      isNew
        ? (roster.data?.members ?? []).map((m) => ({ id: m.id, name: m.name, sub: m.orgName }))
        : (existing.data?.attendance ?? []).map((a) => ({
            id: a.memberId,
            name: a.name,
            sub: a.memberNumber ?? '',
          })),
    [isNew, roster.data, existing.data],
  );
  const entitled = people.length;
  const fraction = roster.data?.quorum.fraction ?? 0.5;
  const quorate = meetingQuorumMet(present.length, entitled, fraction);

  const save = useMutation({
    mutationFn: async (v: Values) => {
      const body = {
        kind: v.kind,
        heldOn: v.heldOn.format('YYYY-MM-DD'),
        topic: v.topic,
        location: v.location || null,
        minutes: v.minutes || null,
        durationMinutes: v.durationMinutes ?? null,
        presentMemberIds: present,
        photoIds,
        lessonApplicationIds: v.kind === 'league_lesson' ? (v.lessonApplicationIds ?? []) : [],
      };
      if (isNew) {
        if (!orgId) throw new Error('请选择团支部');
        return trpcClient.meetings.create.mutate({ ...body, orgId });
      }
      return trpcClient.meetings.update.mutate({ ...body, id: id as string });
    },
    onSuccess: async (r) => {
      await qc.invalidateQueries({ queryKey: trpc.meetings.pathKey() });
      message.success(r.counts ? '会议记录已保存' : `会议记录已保存（${r.flag ?? '未达法定人数'}）`);
      navigate(`/meetings/${r.id}`, { replace: true });
    },
  });

  if (!isNew && existing.isLoading) return <Loading />;
  if (!isNew && !existing.data) return <Alert type="error" message="会议记录不存在或无权查看" />;
  const d = existing.data;

  return (
    <>
      <PageHeader
        title={isNew ? '登记会议' : `${meetingKindLabel[d!.kind]}：${d!.topic}`}
        subTitle={
          isNew ? '记录“三会两制一课”：勾选出席团员，支部团员大会自动计算是否达到法定人数' : d!.orgName
        }
        extra={<Button onClick={() => navigate('/meetings')}>返回台帐</Button>}
      />
      {d && !d.counts ? (
        <Alert type="warning" showIcon style={{ marginBottom: 16 }} message={d.flag} />
      ) : null}
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ kind: 'general_meeting', heldOn: todayDayjs() }}
        onFinish={(v) => save.mutate(v)}
        disabled={d ? !d.canEdit : false}
      >
        <Card title="会议信息" style={{ marginBottom: 16 }}>
          <Flex gap={16} wrap>
            {isNew ? (
              <Form.Item
                label="团支部"
                required
                style={{ width: 320 }}
                validateStatus={save.isError && !orgId ? 'error' : undefined}
              >
                <OrgPicker
                  id="meeting-org"
                  value={orgId}
                  onChange={(v) => {
                    setOrgId(v);
                    setPresent([]);
                  }}
                  placeholder="选择团支部"
                />
              </Form.Item>
            ) : (
              <Descriptions size="small" items={[{ label: '团支部', children: d!.orgName }]} />
            )}
            <Form.Item name="kind" label="会议类型" rules={[{ required: true, message: '请选择会议类型' }]}>
              <Select options={KIND_OPTIONS} style={{ width: 160 }} id="meeting-kind" />
            </Form.Item>
            <Form.Item name="heldOn" label="会议日期" rules={[{ required: true, message: '请选择会议日期' }]}>
              <DatePicker disabledDate={(x) => x.isAfter(todayDayjs(), 'day')} id="meeting-date" />
            </Form.Item>
            {kind === 'league_lesson' ? (
              <Form.Item name="durationMinutes" label="团课时长（分钟）">
                <InputNumber min={1} max={1440} style={{ width: 140 }} />
              </Form.Item>
            ) : null}
          </Flex>
          <Form.Item
            name="topic"
            label="会议主题"
            rules={[{ required: true, whitespace: true, message: '请填写会议主题' }]}
          >
            <Input maxLength={200} id="meeting-topic" />
          </Form.Item>
          <Form.Item name="location" label="地点">
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="minutes" label="会议纪要">
            <Input.TextArea rows={5} maxLength={5000} showCount id="meeting-minutes" />
          </Form.Item>
        </Card>
        <Card
          title="出席情况"
          style={{ marginBottom: 16 }}
          extra={
            <Space>
              <span data-testid="attendance-count">
                应到 {entitled} 人，实到 {present.length} 人
              </span>
              {kind === 'general_meeting' && entitled > 0 ? (
                quorate ? (
                  <Tag color="success">达到法定人数</Tag>
                ) : (
                  <Tag color="error">未达法定人数（须超过半数）</Tag>
                )
              ) : null}
              <Button
                size="small"
                onClick={() => setPresent(people.map((p) => p.id))}
                disabled={entitled === 0}
              >
                全部出席
              </Button>
              <Button size="small" onClick={() => setPresent([])} disabled={entitled === 0}>
                清空
              </Button>
            </Space>
          }
        >
          {entitled === 0 ? (
            <div style={{ color: '#999' }}>
              {isNew ? '请先选择团支部，出席名单取自该团支部在册团员' : '该记录没有出席名单'}
            </div>
          ) : (
            <Checkbox.Group
              value={present}
              onChange={(v) => setPresent(v as string[])}
              style={{ width: '100%' }}
            >
              <Flex wrap gap={12}>
                {people.map((p) => (
                  <Checkbox key={p.id} value={p.id} style={{ width: 180 }}>
                    {p.name}
                    <span style={{ color: '#999', marginLeft: 4, fontSize: 12 }}>{p.sub}</span>
                  </Checkbox>
                ))}
              </Flex>
            </Checkbox.Group>
          )}
        </Card>
        {kind === 'league_lesson' &&
        (isNew ? (roster.data?.lessonCandidates.length ?? 0) > 0 : (d?.lessonCredits.length ?? 0) > 0) ? (
          <Card title="计入入团积极分子团课学时" style={{ marginBottom: 16 }}>
            <Form.Item
              name="lessonApplicationIds"
              extra="所选入团积极分子的团课学时按本次团课时长累计（发展团员须不少于8学时）"
            >
              <Checkbox.Group
                options={
                  isNew
                    ? (roster.data?.lessonCandidates ?? []).map((c) => ({
                        value: c.applicationId,
                        label: `${c.name}（已累计${Math.round(c.lessonMinutes / 6) / 10}学时）`,
                      }))
                    : (d?.lessonCredits ?? []).map((c) => ({ value: c.applicationId, label: c.name }))
                }
              />
            </Form.Item>
          </Card>
        ) : null}
        <Card title="会议照片" style={{ marginBottom: 16 }}>
          {!d || d.canEdit ? (
            <FileUpload
              value={photoIds}
              onChange={setPhotoIds}
              accept="image"
              max={9}
              orgId={branchId ?? null}
              files={d?.photos}
              label="上传照片"
            />
          ) : d.photos.length ? (
            <Image.PreviewGroup>
              <Space wrap>
                {d.photos.map((p) => (
                  <Image key={p.id} width={120} src={p.thumbUrl} preview={{ src: p.url }} alt="会议照片" />
                ))}
              </Space>
            </Image.PreviewGroup>
          ) : (
            <span style={{ color: '#999' }}>暂无照片</span>
          )}
        </Card>
        {d ? (
          <div style={{ color: '#999', marginBottom: 12 }}>
            会议日期 {formatDate(d.heldOn)}；应到 {d.entitledCount} 人（登记时的在册团员），实到{' '}
            {d.presentCount} 人
          </div>
        ) : null}
        {!d || d.canEdit ? (
          <Button type="primary" htmlType="submit" loading={save.isPending}>
            保存
          </Button>
        ) : null}
      </Form>
    </>
  );
}
