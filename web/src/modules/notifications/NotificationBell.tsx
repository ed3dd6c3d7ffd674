import { Suspense, lazy, useCallback, useEffect, useState } from 'react';
import { Badge, Button } from 'antd';
import { useT } from '../../i18n/i18n.tsx';
import { usePath } from '../../ui/router.tsx';
import { listMyNotifications } from './api.ts';

const NotificationDrawer = lazy(() => import('./NotificationDrawer.tsx'));
const POLL_MS = 60_000;

function BellIcon() {
  return (
    <svg aria-hidden viewBox="0 0 24 24" width="18" height="18" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" style={{ verticalAlign: '-4px' }}>
      <path d="M18 8a6 6 0 0 0-12 0c0 7-3 9-3 9h18s-3-2-3-9" />
      <path d="M13.73 21a2 2 0 0 1-3.46 0" />
    </svg>
  );
}

/** The header's bell: the count of unread in-app notices, and a drawer listing them with links to the cases. */
export function NotificationBell() {
  const t = useT();
  const path = usePath();
  const [unread, setUnread] = useState(0);
  const [open, setOpen] = useState(false);
  const [everOpened, setEverOpened] = useState(false);

  const refresh = useCallback(() => {
    listMyNotifications({ unread: true }).then(
      (items) => setUnread(items.filter((n) => !n.read).length),
      () => undefined, // the bell is not worth an error banner; the next poll retries
    );
  }, []);

  useEffect(() => {
    refresh();
    const timer = window.setInterval(refresh, POLL_MS);
    return () => window.clearInterval(timer);
  }, [refresh, path]);

  const label = unread > 0 ? t('notif.bellCount', { count: unread }) : t('notif.bell');
  return (
    <>
      <Badge count={unread} size="small" offset={[-4, 4]}>
        <Button
          type="text"
          shape="circle"
          aria-label={label}
          title={label}
          icon={<BellIcon />}
          data-testid="notif-bell"
          data-count={unread}
          onClick={() => {
            setOpen(true);
            setEverOpened(true);
          }}
        />
      </Badge>
      {everOpened && (
        <Suspense fallback={null}>
          <NotificationDrawer open={open} onClose={() => setOpen(false)} onLoaded={refresh} />
        </Suspense>
      )}
    </>
  );
}
