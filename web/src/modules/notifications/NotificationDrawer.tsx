import { useEffect } from 'react';
import { Drawer, Empty, List, Skeleton, Tag, Typography } from 'antd';
import { useApi } from '../../http.ts';
import { isMessageKey, useT } from '../../i18n/i18n.tsx';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { formatDateTime } from '../../ui/format.ts';
import { Link } from '../../ui/router.tsx';
import type { AppNotification } from './api.ts';
import { ToneTag } from '../../ui/ToneTag.tsx';

interface Props {
  open: boolean;
  onClose: () => void;
  /** Told after each load so the bell's count follows. */
  onLoaded: () => void;
}

export default function NotificationDrawer({ open, onClose, onLoaded }: Props) {
  const t = useT();
  const { data, error, loading, reload } = useApi<AppNotification[]>(open ? '/me/notifications' : null);

  useEffect(() => {
    if (data) onLoaded();
  }, [data, onLoaded]);

  const items = data ? [...data].sort((a, b) => b.createdAt.localeCompare(a.createdAt)) : [];
  return (
    <Drawer open={open} onClose={onClose} title={t('notif.title')} size={420} data-testid="notif-drawer">
      {error !== null && <ErrorAlert error={error} onRetry={reload} />}
      {!data && loading && <Skeleton active />}
      {data && items.length === 0 && <Empty description={t('notif.empty')} data-testid="notif-empty" />}
      {items.length > 0 && (
        <List
          dataSource={items}
          renderItem={(n) => {
            const kindKey = `notif.kind.${n.kind}`;
            return (
              <List.Item data-testid="notif-item" data-read={n.read} style={{ background: n.read ? undefined : '#f0f7ff', paddingInline: 8 }}>
                <div style={{ width: '100%' }}>
                  <div>
                    {isMessageKey(kindKey) && <Tag>{t(kindKey)}</Tag>}
                    {!n.read && <ToneTag tone="blue">{t('notif.unread')}</ToneTag>}
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      <time dateTime={n.createdAt}>{formatDateTime(n.createdAt)}</time>
                    </Typography.Text>
                  </div>
                  <Typography.Paragraph style={{ margin: '4px 0' }}>{n.message}</Typography.Paragraph>
                  {n.caseId && (
                    <Link to={`/cases/${n.caseId}`} onClick={onClose} data-testid="notif-case-link">
                      {t('notif.openCase')} →
                    </Link>
                  )}
                </div>
              </List.Item>
            );
          }}
        />
      )}
    </Drawer>
  );
}
