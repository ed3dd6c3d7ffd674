/** Recording a visit inside a reception session (route /reception/sessions/:id/visit, optional ?booking=…). */
import { Skeleton, Space, Tag, Typography } from 'antd';
import { useApi } from '../http.ts';
import { bookingsPath, sessionPath } from '../modules/reception/api.ts';
import type { Booking, ReceptionSession } from '../modules/reception/api.ts';
import { pathWithParams, useHashParam } from '../modules/reception/hash-query.ts';
import { codeLabel, useRT } from '../modules/reception/i18n.ts';
import { ReceptionNav } from '../modules/reception/ReceptionNav.tsx';
import { VisitForm } from '../modules/reception/VisitForm.tsx';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { formatDate } from '../ui/format.ts';
import { Link } from '../ui/router.tsx';

export default function ReceptionVisitPage({ sessionId }: { sessionId: string }) {
  const { rt } = useRT();
  const bookingId = useHashParam('booking');
  const session = useApi<{ session: ReceptionSession }>(sessionPath(sessionId));
  const bookings = useApi<{ items: Booking[] }>(bookingId ? bookingsPath(sessionId) : null);
  const s = session.data?.session ?? null;
  const booking = bookingId ? (bookings.data?.items.find((b) => b.id === bookingId) ?? null) : null;
  const waiting = !s || (bookingId !== null && !bookings.data && !bookings.error);

  return (
    <section>
      <ReceptionNav current="/reception" />
      <Typography.Title level={1}>{rt('visit.title')}</Typography.Title>
      {s && (
        <Space wrap style={{ marginBottom: 16 }} data-testid="visit-session">
          <Typography.Text>
            {rt('rc.visit.session')}:{' '}
            <strong>{rt('rc.visit.sessionLine', { kind: codeLabel(rt, 'rc.kind', s.kind, s.kindLabel), date: formatDate(s.heldOn) })}</strong>
          </Typography.Text>
          <Tag>{s.agencyName}</Tag>
          <Link to={pathWithParams('/reception', { session: s.id })}>{rt('rc.visit.backToDesk')}</Link>
        </Space>
      )}
      {session.error !== null && <ErrorAlert error={session.error} onRetry={session.reload} />}
      {bookings.error !== null && <ErrorAlert error={bookings.error} onRetry={bookings.reload} />}
      {waiting && !session.error && <Skeleton active />}
      {s && !waiting && <VisitForm key={`${s.id}:${bookingId ?? ''}`} session={s} booking={booking} />}
    </section>
  );
}
