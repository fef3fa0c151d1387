import { type DiffLine, parseBody } from '@tuanjian/domain';
import { Typography, theme } from 'antd';

/** A handbook body (the Markdown subset of `@tuanjian/domain` parseBody), rendered without HTML. */
export function HandbookBody({ body }: { body: string }) {
  const { token } = theme.useToken();
  return (
    <article data-testid="handbook-body" style={{ lineHeight: 1.9, fontSize: 15, maxWidth: 860 }}>
      {parseBody(body).map((b, i) => {
        const key = `${b.type}-${i}`;
        if (b.type === 'heading') {
          return (
            <Typography.Title key={key} level={(b.level + 2) as 3 | 4 | 5} style={{ marginTop: 16 }}>
              {b.text}
            </Typography.Title>
          );
        }
        if (b.type === 'list') {
          const Tag = b.ordered ? 'ol' : 'ul';
          return (
            <Tag key={key} style={{ paddingInlineStart: 24 }}>
              {b.items.map((item, k) => (
                <li key={`${k}-${item}`}>{item}</li>
              ))}
            </Tag>
          );
        }
        if (b.type === 'note') {
          return (
            <blockquote
              key={key}
              style={{
                margin: '8px 0',
                padding: '4px 12px',
                borderInlineStart: `3px solid ${token.colorPrimary}`,
                color: token.colorTextSecondary,
              }}
            >
              {b.text}
            </blockquote>
          );
        }
        return <p key={key}>{b.text}</p>;
      })}
    </article>
  );
}

/** Changed lines: additions green, deletions red and struck through. */
export function HandbookChanges({ lines }: { lines: DiffLine[] }) {
  const { token } = theme.useToken();
  return (
    <div data-testid="handbook-changes" style={{ fontSize: 14, lineHeight: 1.8 }}>
      {lines.map((l, i) => (
        <div
          key={`${i}-${l.op}`}
          style={{
            padding: '0 8px',
            background:
              l.op === 'add' ? token.colorSuccessBg : l.op === 'del' ? token.colorErrorBg : undefined,
            textDecoration: l.op === 'del' ? 'line-through' : undefined,
            color: l.op === 'same' ? token.colorTextSecondary : undefined,
          }}
        >
          {l.op === 'add' ? '＋ ' : l.op === 'del' ? '－ ' : '\u3000 '}
          {l.text || '\u00a0'}
        </div>
      ))}
    </div>
  );
}
