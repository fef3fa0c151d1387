import { theme } from 'antd';
import type { CSSProperties, ReactNode } from 'react';

export interface SimpleColumn<T> {
  key: string;
  title: string;
  render(row: T): ReactNode;
  width?: number;
  align?: 'left' | 'right' | 'center';
}

/**
 * A plain read-only table for short lists on the workbench: antd's Table brings Select, Tree
 * and Input with it (≈ 100 kB gzip), which the first screen does not need.
 */
export function SimpleTable<T>(props: {
  columns: SimpleColumn<T>[];
  rows: readonly T[];
  rowKey(row: T): string;
  caption?: string;
}) {
  const { token } = theme.useToken();
  const cell: CSSProperties = {
    padding: '8px 8px',
    borderBottom: `1px solid ${token.colorSplit}`,
    textAlign: 'left',
  };
  return (
    <table style={{ width: '100%', borderCollapse: 'collapse', fontSize: token.fontSize }}>
      {props.caption ? (
        <caption
          style={{ position: 'absolute', width: 1, height: 1, overflow: 'hidden', clip: 'rect(0 0 0 0)' }}
        >
          {props.caption}
        </caption>
      ) : null}
      <thead>
        <tr style={{ background: token.colorFillAlter }}>
          {props.columns.map((c) => (
            <th
              key={c.key}
              scope="col"
              style={{ ...cell, width: c.width, textAlign: c.align ?? 'left', fontWeight: 600 }}
            >
              {c.title}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {props.rows.map((r) => (
          <tr key={props.rowKey(r)}>
            {props.columns.map((c) => (
              <td key={c.key} style={{ ...cell, textAlign: c.align ?? 'left' }}>
                {c.render(r)}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
