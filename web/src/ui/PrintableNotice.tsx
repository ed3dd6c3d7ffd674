import { useRef } from 'react';
import { Button, Card, Typography } from 'antd';
import { useT } from '../i18n/i18n.tsx';
import { formatDate, todayInVietnam } from './format.ts';

const PRINT_CSS = `
@media print {
  body * { visibility: hidden !important; }
  .dv-print-now, .dv-print-now * { visibility: visible !important; }
  .dv-print-now { position: absolute; inset: 0 auto auto 0; width: 100%; padding: 24mm 20mm; box-sizing: border-box; border: none !important; box-shadow: none !important; }
  .dv-print-now .dv-no-print { display: none !important; }
}
`;

interface Props {
  text: string;
  agencyName?: string;
  caseCode?: string;
  /** When the notice was issued (ISO); defaults to today. */
  at?: string;
  testId?: string;
}

/**
 * A notice to the citizen as a simple printable block: only this block prints (window.print),
 * with the agency, the case code and the date.
 */
export function PrintableNotice({ text, agencyName, caseCode, at, testId = 'notice' }: Props) {
  const t = useT();
  const ref = useRef<HTMLDivElement>(null);
  const print = () => {
    const el = ref.current;
    if (!el) return;
    el.classList.add('dv-print-now');
    try {
      window.print();
    } finally {
      el.classList.remove('dv-print-now');
    }
  };
  return (
    <div ref={ref} data-testid={testId}>
      <style href="dv-print-notice" precedence="default">
        {PRINT_CSS}
      </style>
      <Card size="small" styles={{ body: { background: '#fcfcf7' } }}>
        {agencyName && (
          <Typography.Text strong style={{ display: 'block', textTransform: 'uppercase', fontSize: 12 }}>
            {agencyName}
          </Typography.Text>
        )}
        <Typography.Text strong style={{ display: 'block', textAlign: 'center', margin: '4px 0' }}>
          {t('case.printHeading')}
        </Typography.Text>
        <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }} data-testid={`${testId}-text`}>
          {text}
        </Typography.Paragraph>
        <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12, marginTop: 4 }}>
          {caseCode ? `${t('case.printCode', { code: caseCode })} · ` : ''}
          {t('case.printDate', { date: formatDate(at ?? todayInVietnam()) })}
        </Typography.Text>
        <div className="dv-no-print" style={{ marginTop: 8 }}>
          <Button size="small" onClick={print} data-testid={`${testId}-print`}>
            {t('case.print')}
          </Button>
        </div>
      </Card>
    </div>
  );
}
