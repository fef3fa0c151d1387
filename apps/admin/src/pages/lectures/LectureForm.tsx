import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  LECTURE_FORMATS,
  LECTURE_VENUE_KINDS,
  lectureFormatLabel,
  lectureVenueKindLabel,
  minuteToTime,
} from '@tuanjian/domain';
import { App, Button, Card, DatePicker, Form, Input, InputNumber, Select, Space, TimePicker } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useNavigate, useParams } from 'react-router-dom';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { trpc, trpcClient } from '../../lib/trpc';

interface Values {
  format: (typeof LECTURE_FORMATS)[number];
  theme: string;
  speaker: string;
  speakerTitle?: string;
  venueKind: (typeof LECTURE_VENUE_KINDS)[number];
  venue: string;
  date: Dayjs;
  time: [Dayjs, Dayjs];
  capacity: number;
}

const minuteOf = (d: Dayjs) => d.hour() * 60 + d.minute();

/** 团市委: create or edit a 五四讲堂 (times are Beijing time). */
export default function LectureFormPage() {
  const { id } = useParams();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const existing = useQuery({ ...trpc.lectures.get.queryOptions({ id: id ?? '' }), enabled: !!id });
  const save = useMutation({
    mutationFn: (v: Values) => {
      const fields = {
        format: v.format,
        theme: v.theme,
        speaker: v.speaker,
        speakerTitle: v.speakerTitle,
        venueKind: v.venueKind,
        venue: v.venue,
        date: v.date.format('YYYY-MM-DD'),
        startMinute: minuteOf(v.time[0]),
        endMinute: minuteOf(v.time[1]),
        capacity: v.capacity,
      };
      return id
        ? trpcClient.lectures.update.mutate({ id, ...fields })
        : trpcClient.lectures.create.mutate(fields);
    },
    onSuccess: async (l) => {
      message.success(id ? '讲堂已保存' : '讲堂已创建（草稿），发布后团员即可报名');
      await qc.invalidateQueries({ queryKey: trpc.lectures.pathKey() });
      navigate(`/lectures/${l.id}`);
    },
  });
  if (id && !existing.data) return <Loading />;
  const l = existing.data;
  const initial: Partial<Values> = l
    ? {
        format: l.format,
        theme: l.theme,
        speaker: l.speaker,
        speakerTitle: l.speakerTitle ?? undefined,
        venueKind: l.venueKind,
        venue: l.venue,
        date: dayjs(l.date),
        time: [
          dayjs(`${l.date}T${minuteToTime(l.startMinute)}`),
          dayjs(`${l.date}T${minuteToTime(l.endMinute)}`),
        ],
        capacity: l.capacity,
      }
    : { format: 'guest_lecture', venueKind: 'youth_home', capacity: 100 };
  return (
    <>
      <PageHeader
        title={id ? '编辑讲堂' : '新建讲堂'}
        subTitle="时间均为北京时间；保存后为草稿，发布后团员可在小程序报名"
      />
      <Card>
        <Form<Values>
          layout="vertical"
          name="lecture"
          initialValues={initial}
          onFinish={(v) => save.mutate(v)}
          style={{ maxWidth: 640 }}
        >
          <Form.Item label="讲堂形式" name="format" rules={[{ required: true, message: '请选择讲堂形式' }]}>
            <Select options={LECTURE_FORMATS.map((f) => ({ value: f, label: lectureFormatLabel[f] }))} />
          </Form.Item>
          <Form.Item
            label="主题"
            name="theme"
            rules={[{ required: true, whitespace: true, message: '请填写主题' }]}
          >
            <Input maxLength={100} showCount />
          </Form.Item>
          <Form.Item
            label="主讲人"
            name="speaker"
            rules={[{ required: true, whitespace: true, message: '请填写主讲人' }]}
          >
            <Input maxLength={50} />
          </Form.Item>
          <Form.Item label="主讲人简介" name="speakerTitle">
            <Input maxLength={100} placeholder="单位、职务或职称" />
          </Form.Item>
          <Form.Item
            label="场地类型"
            name="venueKind"
            rules={[{ required: true, message: '请选择场地类型' }]}
          >
            <Select
              options={LECTURE_VENUE_KINDS.map((v) => ({ value: v, label: lectureVenueKindLabel[v] }))}
            />
          </Form.Item>
          <Form.Item
            label="地点"
            name="venue"
            rules={[{ required: true, whitespace: true, message: '请填写地点' }]}
          >
            <Input maxLength={100} />
          </Form.Item>
          <Space size="large" wrap>
            <Form.Item label="日期" name="date" rules={[{ required: true, message: '请选择日期' }]}>
              <DatePicker />
            </Form.Item>
            <Form.Item label="开始—结束时间" name="time" rules={[{ required: true, message: '请选择时间' }]}>
              <TimePicker.RangePicker format="HH:mm" minuteStep={5} needConfirm={false} />
            </Form.Item>
            <Form.Item label="名额（人）" name="capacity" rules={[{ required: true, message: '请填写名额' }]}>
              <InputNumber min={1} max={10000} precision={0} />
            </Form.Item>
          </Space>
          <Form.Item>
            <Space>
              <Button type="primary" htmlType="submit" loading={save.isPending}>
                保存
              </Button>
              <Button onClick={() => navigate(-1)}>返回</Button>
            </Space>
          </Form.Item>
        </Form>
      </Card>
    </>
  );
}
