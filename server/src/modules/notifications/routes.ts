/** The signed-in staff member's own notification settings: the e-mail that reminders, escalations and chases go to. */
import { Type } from 'typebox';
import type { App, AppContext } from '../../context.ts';
import { requireUser } from '../../context.ts';
import { invalid, unauthenticated } from '../../plugins/errors.ts';
import { ErrorBody } from '../shared-schemas.ts';
import { isValidStaffEmail, normalizeStaffEmail, staffEmail, STAFF_EMAIL_MAX, storeStaffEmail } from './staff-email.ts';
import { notificationSettingsOwner } from './policy.ts';

const Settings = Type.Object({
  email: Type.Union([Type.String(), Type.Null()], { description: 'E-mail nhận nhắc hạn, báo quá hạn, giao việc, đôn đốc (null: không nhận e-mail)' }),
});

export function registerNotificationSettingsRoutes(app: App, ctx: AppContext) {
  app.get(
    '/me/notification-settings',
    {
      schema: {
        operationId: 'getMyNotificationSettings',
        tags: ['auth'],
        summary: 'Cài đặt thông báo của tôi (e-mail nhận nhắc hạn, báo quá hạn, giao việc)',
        response: { 200: Settings, 401: ErrorBody },
      },
    },
    async (request) => {
      const user = requireUser(request);
      return { email: await staffEmail(ctx.db, notificationSettingsOwner(user).userId) };
    },
  );

  app.put(
    '/me/notification-settings',
    {
      schema: {
        operationId: 'setMyNotificationSettings',
        tags: ['auth'],
        summary: 'Đặt hoặc xóa (null) e-mail nhận thông báo của tôi; có ghi nhật ký (không ghi địa chỉ)',
        body: Type.Object(
          { email: Type.Union([Type.String({ maxLength: STAFF_EMAIL_MAX + 64 }), Type.Null()]) },
          { additionalProperties: false, examples: [{ email: 'chuyenvien@ubnd.example.vn' }, { email: null }] },
        ),
        response: { 200: Settings, 400: ErrorBody, 401: ErrorBody },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const email = normalizeStaffEmail(request.body.email);
      if (email !== null && !isValidStaffEmail(email)) throw invalid({ field: 'email', key: 'field.email' });
      await ctx.db.transaction(async (tx) => {
        const stored = await storeStaffEmail(tx, notificationSettingsOwner(user), email, { actor: { id: user.id, name: user.displayName }, at: ctx.now() });
        if (!stored) throw unauthenticated();
      });
      return { email };
    },
  );
}
