import { useState } from 'react';
import { createPortal, flushSync } from 'react-dom';
import { Button, Card, Typography } from 'antd';
import { useT } from '../i18n/i18n.tsx';
import { formatDate, todayInVietnam } from './format.ts';

/** On paper only the print sheet shows: it is a direct child of <body>, every sibling is hidden. */
const PRINT_CSS = `
.dv-print-sheet { display: none; }
@media print {
  body > *:not(.dv-print-sheet) { display: none !important; }
  .dv-print-sheet { display: block; padding: 20mm 18mm; font: 13pt/1.5 'Times New Roman', serif; color: #000; }
  .dv-print-sheet h1 { font-size: 14pt; text-align: center; margin: 12pt 0; }
  .dv-print-sheet .agency { font-weight: bold; text-transform: uppercase; font-size: 11pt; }
  .dv-print-sheet .meta { margin-top: 18pt; font-size: 10pt; }
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
 * A notice to the citizen as a simple printable block. Print renders a plain sheet (agency, heading,
 * text, case code, date) at the top of <body> and calls window.print(); nothing else is printed.
 */
export function PrintableNotice({ text, agencyName, caseCode, at, testId = 'notice' }: Props) {
  const t = useT();
  const [printing, setPrinting] = useState(false);
  const date = formatDate(at ?? todayInVietnam());
  const meta = `${caseCode ? `${t('case.printCode', { code: caseCode })} · ` : ''}${t('case.printDate', { date })}`;

  const print = () => {
    flushSync(() => setPrinting(true));
    try {
      window.print();
    } finally {
      setPrinting(false);
    }
  };

  return (
    <div data-testid={testId}>
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
          {meta}
        </Typography.Text>
        <div style={{ marginTop: 8 }}>
          <Button size="small" onClick={print} data-testid={`${testId}-print`}>
            {t('case.print')}
          </Button>
        </div>
      </Card>
      {printing &&
        createPortal(
          <div className="dv-print-sheet" data-testid="print-sheet">
            {agencyName && <div className="agency">{agencyName}</div>}
            <h1>{t('case.printHeading')}</h1>
            <p style={{ whiteSpace: 'pre-wrap' }}>{text}</p>
            <div className="meta">{meta}</div>
          </div>,
          document.body,
        )}
    </div>
  );
}
