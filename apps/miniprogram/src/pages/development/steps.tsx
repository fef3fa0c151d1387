import { Text, View } from '@tarojs/components';
import { formatDate } from '../../lib/format';
import type { RouterOutputs } from '../../lib/trpc';

type Timeline = RouterOutputs['development']['get']['timeline'];

/** The development steps as a vertical step view: done (red), current (amber), to come (grey). */
export function DevelopmentSteps({ timeline }: { timeline: Timeline }) {
  const current = timeline.findIndex((s) => !s.done);
  return (
    <View className="dev-steps">
      {timeline.map((s, i) => (
        <View
          key={s.stage}
          className={`dev-step ${s.done ? 'dev-step-done' : i === current ? 'dev-step-current' : ''}`}
        >
          <Text className="dev-step-title">
            {s.done ? '✓ ' : i === current ? '● ' : '○ '}
            {s.label}
          </Text>
          {s.done ? (
            <Text className="dev-step-sub">
              {formatDate(s.date)}
              {s.detail ? ` · ${s.detail}` : ''}
            </Text>
          ) : i === current ? (
            <Text className="dev-step-sub">进行中</Text>
          ) : null}
        </View>
      ))}
    </View>
  );
}
