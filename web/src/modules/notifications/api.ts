import { apiFetch, withQuery } from '../../http.ts';

/** In-app notices: assignment, deadline reminder, overdue escalation. */
export interface AppNotification {
  id: string;
  kind: string;
  message: string;
  caseId: string | null;
  createdAt: string;
  read: boolean;
}

export function listMyNotifications(options: { unread?: boolean } = {}): Promise<AppNotification[]> {
  return apiFetch<AppNotification[]>('GET', withQuery('/me/notifications', { unread: options.unread ? 'true' : undefined }));
}
