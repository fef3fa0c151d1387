import { Text, View } from '@tarojs/components';
import { shanghaiDate, transferStatusLabel, transferStepLabel } from '@tuanjian/domain';
import { formatDate } from '../../lib/format';
import type { RouterOutputs } from '../../lib/trpc';

type Detail = RouterOutputs['transfers']['get'];

/** Every step so far (who, when, note), then what comes next. */
export function TransferSteps({ detail }: { detail: Detail }) {
  const next =
    detail.status === 'pending_source'
      ? '等待转出组织审核'
      : detail.status === 'pending_target'
        ? `等待接收组织审核${detail.receiverDueOn ? `（${formatDate(detail.receiverDueOn)}前）` : ''}`
        : null;
  return (
    <View className="tr-steps">
      {detail.events.map((e, i) => (
        <View
          key={`${e.step}-${i}`}
          className={`tr-step${e.step === 'returned' || e.step === 'cancelled' ? ' tr-step-bad' : ''}`}
        >
          <Text className="tr-step-title">{transferStepLabel[e.step]}</Text>
          <Text className="tr-step-sub">
            {formatDate(shanghaiDate(new Date(e.at)))} · {e.actorUnit} {e.actorName}
            {e.note ? ` · ${e.note}` : ''}
          </Text>
        </View>
      ))}
      {next ? (
        <View className="tr-step tr-step-next">
          <Text className="tr-step-title">{next}</Text>
          <Text className="tr-step-sub">当前状态：{transferStatusLabel[detail.status]}</Text>
        </View>
      ) : null}
    </View>
  );
}
