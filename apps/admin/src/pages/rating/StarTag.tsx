import { Tag, Tooltip } from 'antd';

export const LEVEL_COLOR: Record<string, string> = {
  five: 'gold',
  four: 'green',
  three: 'blue',
  lagging: 'orange',
  weak: 'red',
};

/** The star shown on an organisation (its latest published 星级评定), e.g. “★ 四星”; nothing if never rated. */
export function StarTag(props: {
  star: { year: number; level: string; label: string } | null | undefined;
  compact?: boolean;
}) {
  const s = props.star;
  if (!s) return null;
  return (
    <Tooltip title={`${s.year}年度星级评定：${s.label}`}>
      <Tag color={LEVEL_COLOR[s.level]} style={{ marginInlineEnd: 0 }} data-testid="org-star">
        {props.compact ? s.label : `${s.year}年度 ${s.label}`}
      </Tag>
    </Tooltip>
  );
}
