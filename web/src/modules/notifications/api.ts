import { apiFetch, withQuery } from '../../http.ts';
import type { Ok } from '../../api/types.ts';

/** In-app notices: assignment, deadline reminder, overdue escalation (listMyNotifications' answer). */
export type AppNotification = Ok<'listMyNotifications'>[number];

export function listMyNotifications(options: { unread?: boolean } = {}): Promise<AppNotification[]> {
  return apiFetch<AppNotification[]>('GET', withQuery('/me/notifications', { unread: options.unread ? 'true' : undefined }));
}

/** Where my deadline reminders, escalations, assignments and chases are e-mailed (null: not by e-mail). */
export type NotificationSettings = Ok<'getMyNotificationSettings'>;

export function getMyNotificationSettings(): Promise<NotificationSettings> {
  return apiFetch<NotificationSettings>('GET', '/me/notification-settings');
}

export function setMyNotificationSettings(settings: NotificationSettings): Promise<NotificationSettings> {
  return apiFetch<NotificationSettings>('PUT', '/me/notification-settings', { body: settings });
}
