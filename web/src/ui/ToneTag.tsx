import { Tag } from 'antd';
import type { TagProps } from 'antd';

/**
 * antd's preset tag colours put light text on light backgrounds (below WCAG AA 4.5:1). These tones keep
 * the same hues with dark text: every pair here is at least 7:1.
 */
const TONES: Record<string, { color: string; background: string; borderColor: string }> = {
  blue: { color: '#003a8c', background: '#e6f4ff', borderColor: '#91caff' },
  cyan: { color: '#00474f', background: '#e6fffb', borderColor: '#87e8de' },
  green: { color: '#135200', background: '#f6ffed', borderColor: '#b7eb8f' },
  gold: { color: '#613400', background: '#fffbe6', borderColor: '#ffe58f' },
  orange: { color: '#612500', background: '#fff7e6', borderColor: '#ffd591' },
  volcano: { color: '#610b00', background: '#fff2e8', borderColor: '#ffbb96' },
  red: { color: '#5c0011', background: '#fff1f0', borderColor: '#ffa39e' },
  purple: { color: '#22075e', background: '#f9f0ff', borderColor: '#d3adf7' },
  default: { color: 'rgba(0, 0, 0, 0.88)', background: '#fafafa', borderColor: '#d9d9d9' },
};

export type Tone = keyof typeof TONES | (string & {});

export function ToneTag({ tone = 'default', style, ...rest }: Omit<TagProps, 'color'> & { tone?: Tone }) {
  const t = TONES[tone] ?? TONES.default;
  return <Tag {...rest} style={{ ...t, ...style }} />;
}
