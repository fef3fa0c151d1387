import { Tag } from 'antd';

/**
 * A status, stage or kind shown as a coloured tag from a label map (or label function) and a colour
 * map, e.g. `<StatusTag value={r.status} labels={transferStatusLabel} colors={STATUS_COLOR} />`.
 * An unknown value shows as itself in the default colour; `text` overrides the label.
 */
export function StatusTag<K extends string>(props: {
  value: K;
  labels?: Partial<Record<K, string>> | ((value: K) => string);
  colors?: Partial<Record<K, string>>;
  text?: string;
}) {
  const { value, labels, colors } = props;
  const label = props.text ?? (typeof labels === 'function' ? labels(value) : labels?.[value]) ?? value;
  return <Tag color={colors?.[value]}>{label}</Tag>;
}
