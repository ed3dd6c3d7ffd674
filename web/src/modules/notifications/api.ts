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

/** Where my deadline reminders, escalations, assignments and chases are e-mailed (null: not by e-mail). */
export interface NotificationSettings {
  email: string | null;
}

export function getMyNotificationSettings(): Promise<NotificationSettings> {
  return apiFetch<NotificationSettings>('GET', '/me/notification-settings');
}

export function setMyNotificationSettings(settings: NotificationSettings): Promise<NotificationSettings> {
  return apiFetch<NotificationSettings>('PUT', '/me/notification-settings', { body: settings });
}
