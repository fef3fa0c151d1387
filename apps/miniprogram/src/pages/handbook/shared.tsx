import { Text, View } from '@tarojs/components';
import { type DiffLine, parseBody } from '@tuanjian/domain';

export const handbookKeys = {
  all: ['handbook'] as const,
  list: ['handbook', 'list'] as const,
  unread: ['handbook', 'unread'] as const,
  detail: (id: string, version?: number) => ['handbook', 'get', id, version ?? 'current'] as const,
  search: (q: string) => ['handbook', 'search', q] as const,
};

/** A handbook body (Markdown subset of `@tuanjian/domain` parseBody) in Taro components. */
export function Body({ body }: { body: string }) {
  return (
    <View className="hb-body" id="handbook-body">
      {parseBody(body).map((b, i) => {
        const key = `${b.type}-${i}`;
        if (b.type === 'heading')
          return (
            <Text key={key} className={b.level === 1 ? 'hb-h1' : 'hb-h2'}>
              {b.text}
            </Text>
          );
        if (b.type === 'list')
          return (
            <View key={key}>
              {b.items.map((item, k) => (
                <Text key={`${k}-${item}`} className="hb-li">
                  {b.ordered ? `${k + 1}. ` : '• '}
                  {item}
                </Text>
              ))}
            </View>
          );
        if (b.type === 'note')
          return (
            <Text key={key} className="hb-note">
              {b.text}
            </Text>
          );
        return (
          <Text key={key} className="hb-p">
            {b.text}
          </Text>
        );
      })}
    </View>
  );
}

export function Changes({ lines }: { lines: DiffLine[] }) {
  return (
    <View id="handbook-changes">
      {lines.map((l, i) => (
        <Text key={`${i}-${l.op}`} className={`hb-diff hb-diff-${l.op}`}>
          {l.op === 'add' ? '＋ ' : l.op === 'del' ? '－ ' : '\u3000 '}
          {l.text || ' '}
        </Text>
      ))}
    </View>
  );
}
