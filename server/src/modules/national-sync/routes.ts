/** HTTP of the national complaints database sync: the backlog view and the operator's retry. */
import { Type } from 'typebox';
import type { App, AppContext } from '../../context.ts';
import { requireUser } from '../../context.ts';
import { ErrorBody } from '../shared-schemas.ts';
import { readNationalSyncConfig, type NationalSyncConfig } from './config.ts';
import { getSyncStatus, retryNationalSync } from './sync-status.ts';

const Stamp = Type.String({ description: 'ISO 8601 (UTC)' });

export function registerNationalSyncRoutes(app: App, ctx: AppContext, config: NationalSyncConfig = readNationalSyncConfig(process.env)) {
  app.get(
    '/national-sync/status',
    {
      schema: {
        operationId: 'getSyncStatus',
        tags: ['national-sync'],
        summary: 'Tình trạng đồng bộ CSDL quốc gia về khiếu nại, tố cáo (NĐ 55/2022 Điều 8): số chờ gửi, thất bại, đã gửi, sự kiện chờ lâu nhất, lỗi gần nhất',
        description: 'Quản trị (admin) và giám sát (monitor), trong phạm vi cơ quan được phân quyền.',
        querystring: Type.Object({
          agency: Type.Optional(Type.String({ minLength: 1, maxLength: 20, description: 'Mã cơ quan (mặc định: mọi cơ quan trong phạm vi)' })),
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50 })),
        }),
        response: {
          200: Type.Object({
            configured: Type.Boolean({ description: 'DANVAN_NATIONAL_SYNC_URL đã đặt' }),
            endpointHost: Type.Union([Type.String(), Type.Null()]),
            counts: Type.Object({ pending: Type.Integer(), sending: Type.Integer(), sent: Type.Integer(), failed: Type.Integer() }),
            oldestPending: Type.Union([Type.Object({ caseCode: Type.String(), action: Type.String(), createdAt: Stamp, ageMinutes: Type.Integer() }), Type.Null()]),
            lastError: Type.Union([Type.Object({ at: Stamp, caseCode: Type.String(), error: Type.String(), httpStatus: Type.Union([Type.Integer(), Type.Null()]) }), Type.Null()]),
            lastSentAt: Type.Union([Stamp, Type.Null()]),
            unsent: Type.Array(
              Type.Object({
                id: Type.String(),
                caseCode: Type.String(),
                event: Type.String(),
                action: Type.String(),
                status: Type.String(),
                attempts: Type.Integer(),
                createdAt: Stamp,
                nextAttemptAt: Stamp,
                lastError: Type.Union([Type.String(), Type.Null()]),
                lastHttpStatus: Type.Union([Type.Integer(), Type.Null()]),
              }),
            ),
          }),
          400: ErrorBody,
          401: ErrorBody,
          403: ErrorBody,
          404: ErrorBody,
        },
      },
    },
    async (request) => getSyncStatus(ctx, config, requireUser(request), request.query),
  );

  app.post(
    '/national-sync/retry',
    {
      schema: {
        operationId: 'retryNationalSync',
        tags: ['national-sync'],
        summary: 'Gửi lại ngay các sự kiện chưa đồng bộ (thất bại hoặc đang chờ) lên CSDL quốc gia; sự kiện đã gửi không gửi lại',
        body: Type.Object({
          agency: Type.Optional(Type.String({ minLength: 1, maxLength: 20 })),
          ids: Type.Optional(Type.Array(Type.String({ format: 'uuid' }), { maxItems: 500 })),
        }),
        response: { 200: Type.Object({ requeued: Type.Integer() }), 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody },
      },
    },
    async (request) => retryNationalSync(ctx, requireUser(request), request.body),
  );
}
