import { Type } from 'typebox';
import type { App, AppContext } from '../../context.ts';
import { requireUser } from '../../context.ts';
import { ErrorBody } from '../shared-schemas.ts';
import { revealDenouncer } from './reveal-denouncer.ts';

export function registerDenouncerRoutes(app: App, ctx: AppContext) {
  app.post(
    '/cases/:id/denouncer/reveal',
    {
      schema: {
        operationId: 'revealDenouncer',
        tags: ['cases'],
        summary: 'Xem danh tính người tố cáo (chỉ thủ trưởng cơ quan giải quyết; phải nêu lý do; mọi lần xem đều ghi nhật ký)',
        params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
        body: Type.Object({ reason: Type.String({ minLength: 1, maxLength: 1000 }) }, { examples: [{ reason: 'Cần liên hệ người tố cáo để bổ sung tài liệu theo Điều 31 Luật Tố cáo' }] }),
        response: {
          200: Type.Object({
            caseId: Type.String(),
            code: Type.String(),
            denouncers: Type.Array(
              Type.Object({
                name: Type.String(),
                idNumber: Type.Optional(Type.Union([Type.String(), Type.Null()])),
                address: Type.Optional(Type.Union([Type.String(), Type.Null()])),
                phone: Type.Optional(Type.Union([Type.String(), Type.Null()])),
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
    async (request) => revealDenouncer(ctx, requireUser(request), request.params.id, request.body.reason),
  );
}
