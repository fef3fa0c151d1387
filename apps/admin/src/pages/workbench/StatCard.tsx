import { Card, Statistic } from 'antd';
import type { ReactNode } from 'react';

export function StatCard(props: {
  title: string;
  value: number | undefined;
  suffix?: string;
  footer?: ReactNode;
  loading?: boolean;
}) {
  return (
    <Card size="small" loading={props.loading} styles={{ body: { padding: 16 } }}>
      <Statistic title={props.title} value={props.value ?? 0} suffix={props.suffix} />
      {props.footer ? (
        <div style={{ marginTop: 8, fontSize: 12, color: 'rgba(0,0,0,0.45)' }}>{props.footer}</div>
      ) : null}
    </Card>
  );
}
