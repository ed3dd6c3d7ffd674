import { Timeline, Typography } from 'antd';
import { useI18n } from '../../i18n/i18n.tsx';
import { formatDateTime } from '../../ui/format.ts';
import type { HistoryEntry } from './api.ts';
import { historyLabel } from './labels.ts';

export function CaseHistory({ history }: { history: HistoryEntry[] }) {
  const { t } = useI18n();
  if (history.length === 0) return <Typography.Text type="secondary">{t('case.noHistory')}</Typography.Text>;
  return (
    <Timeline
      data-testid="case-history"
      items={history.map((h, i) => {
        const name = historyLabel(t, h.action);
        return {
          key: `${h.at}-${i}`,
          content: (
            <div data-testid="case-history-entry" data-action={h.action}>
              <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                <time dateTime={h.at}>{formatDateTime(h.at)}</time>
              </Typography.Text>
              {/* The server's summary is the record; a known action also gets its short name. */}
              {name && <Typography.Text strong>{name}: </Typography.Text>}
              <Typography.Text>{h.summary}</Typography.Text>
              {h.actorName && (
                <div>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {h.actorName}
                  </Typography.Text>
                </div>
              )}
            </div>
          ),
        };
      })}
    />
  );
}
