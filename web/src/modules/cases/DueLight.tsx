import { Tooltip, Typography } from 'antd';
import { useT } from '../../i18n/i18n.tsx';
import { formatDate } from '../../ui/format.ts';
import { ToneTag } from '../../ui/ToneTag.tsx';
import type { DueLight as Light } from './api.ts';

const COLORS: Record<Light, { tone: string; dot: string }> = {
  'on-time': { tone: 'green', dot: '#389e0d' },
  'due-soon': { tone: 'gold', dot: '#d48806' },
  overdue: { tone: 'red', dot: '#cf1322' },
};

interface Props {
  light: Light | null | undefined;
  dueOn: string | null | undefined;
  /** The server's Vietnamese explanation, shown on hover and keyboard focus. */
  explanation?: string | null;
  testId?: string;
}

/**
 * The deadline's traffic light: green on time, amber within 3 working days, red overdue — always with
 * its words, never colour alone. Hovering or focusing it shows how the deadline was computed.
 */
export function DueLight({ light, dueOn, explanation, testId = 'due-light' }: Props) {
  const t = useT();
  if (!light) {
    return (
      <Typography.Text type="secondary" data-testid={testId} data-light="none">
        {t('due.none')}
      </Typography.Text>
    );
  }
  const words = t(`due.${light}`);
  const tag = (
    <ToneTag
      tone={COLORS[light].tone}
      data-testid={testId}
      data-light={light}
      tabIndex={explanation ? 0 : undefined}
      aria-label={dueOn ? t('due.lightAria', { light: words, date: formatDate(dueOn) }) : words}
      style={{ marginInlineEnd: 0, cursor: explanation ? 'help' : undefined, whiteSpace: 'nowrap' }}
    >
      <span aria-hidden style={{ display: 'inline-block', width: 8, height: 8, borderRadius: '50%', background: COLORS[light].dot, marginInlineEnd: 6 }} />
      {words}
    </ToneTag>
  );
  return explanation ? <Tooltip title={explanation}>{tag}</Tooltip> : tag;
}

/** The explanation behind a disclosure ("Cách tính hạn"), for pages with room to expand it. */
export function DueExplanation({ explanation, testId = 'due-explanation' }: { explanation: string | null | undefined; testId?: string }) {
  const t = useT();
  if (!explanation) return null;
  return (
    <details data-testid={testId} style={{ marginTop: 4 }}>
      <summary style={{ cursor: 'pointer', color: '#0b57a4', fontSize: 13 }}>{t('due.explain')}</summary>
      <Typography.Paragraph style={{ margin: '4px 0 0', fontSize: 13 }}>{explanation}</Typography.Paragraph>
    </details>
  );
}
