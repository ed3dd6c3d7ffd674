import { Type } from 'typebox';
import type { App, AppContext } from '../../context.ts';
import { requireUser } from '../../context.ts';
import { CaseKind, ErrorBody, IsoDate } from '../shared-schemas.ts';
import { createPetition } from './create-petition.ts';
import { CHANNELS } from './plan-petition.ts';

const Person = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 200 }),
  idNumber: Type.Optional(Type.String({ maxLength: 20, description: 'CCCD: 12 chữ số' })),
  address: Type.Optional(Type.String({ maxLength: 500 })),
  phone: Type.Optional(Type.String({ maxLength: 20 })),
});

export function registerPetitionRoutes(app: App, ctx: AppContext) {
  app.post(
    '/petitions',
    {
      schema: {
        operationId: 'createPetition',
        tags: ['petitions'],
        summary: 'Tiếp nhận một đơn (khiếu nại, tố cáo, kiến nghị, phản ánh) từ mọi nguồn; mở hoặc gắn vào vụ việc',
        body: Type.Object(
          {
            agency: Type.String({ minLength: 1, maxLength: 20 }),
            channel: Type.Enum(CHANNELS, {
              description: 'in-person = trực tiếp, post = bưu chính, online = cổng trực tuyến, hotline, email, forwarded = cơ quan khác chuyển, press = báo chí, deputy = đại biểu Quốc hội',
            }),
            receivedOn: Type.Optional(IsoDate('Ngày nhận đơn (bắt đầu thời hạn xử lý đơn)')),
            type: CaseKind,
            content: Type.String({ minLength: 1, maxLength: 20000 }),
            anonymous: Type.Optional(Type.Boolean()),
            petitioner: Type.Optional(Person),
            coSigners: Type.Optional(
              Type.Array(
                Type.Object({ name: Type.String({ minLength: 1, maxLength: 200 }), idNumber: Type.Optional(Type.String({ maxLength: 20 })), address: Type.Optional(Type.String({ maxLength: 500 })) }),
                { maxItems: 200, description: 'Người cùng ký đơn' },
              ),
            ),
            caseId: Type.Optional(Type.String({ format: 'uuid' })),
          },
          {
            examples: [
              {
                agency: '00004',
                channel: 'post',
                receivedOn: '2026-07-15',
                type: 'feedback',
                content: 'Phản ánh đèn chiếu sáng ngõ 5 phố Đội Cấn hỏng nhiều ngày',
                petitioner: { name: 'Trần Thị Bình', address: 'Ngõ 5 phố Đội Cấn, Phường Ba Đình, Hà Nội', phone: '0987654321' },
              },
            ],
          },
        ),
        response: {
          201: Type.Object({
            petition: Type.Object({ id: Type.String(), receivedOn: Type.String(), channel: Type.String(), kind: Type.String() }),
            case: Type.Object({ id: Type.String(), code: Type.String(), kind: Type.String(), state: Type.String() }),
          }),
          400: ErrorBody,
          401: ErrorBody,
          403: ErrorBody,
          404: ErrorBody,
        },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      const r = await createPetition(ctx, user, request.body);
      return reply.status(201).send({
        petition: { id: r.petition.id, receivedOn: r.petition.receivedOn, channel: r.petition.channel, kind: r.petition.kind },
        case: { id: r.case.id, code: r.case.code, kind: r.case.kind, state: r.case.state },
      });
    },
  );
}
