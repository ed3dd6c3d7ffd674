/**
 * The follow-up routes of dialogues (issue 14): cancelling a dialogue (registrants told), requests that make a
 * dialogue due (a2 voters' 10 %, a8 youth 45 days), and the village / residential-group heads the conclusion is sent
 * to (a4). Registered by registerDialogueRoutes.
 */
import { Type } from 'typebox';
import type { Static } from 'typebox';
import { eq } from 'drizzle-orm';
import { dialogueAttachments } from '../../db/schema.ts';
import { notFound } from '../../plugins/errors.ts';
import type { PortalOptions } from '../portal/options.ts';
import { decryptFile } from '../portal/storage.ts';
import { addDialogueAttachments } from './attachments.ts';
import { visibleDialogue } from './queries.ts';
import type { App, AppContext } from '../../context.ts';
import { requireUser } from '../../context.ts';
import { ErrorBody, IsoDate, exact } from '../shared-schemas.ts';
import type { DialogueFull } from './schemas.ts';
import { Attachment, DialogueOut, DialogueRequest, VillageHead } from './schemas.ts';
import { cancelDialogue } from './cancel-dialogue.ts';
import { createDialogueRequest, decideDialogueRequest, listDialogueRequests } from './requests.ts';
import { listVillageHeads, saveVillageHead, VILLAGE_KINDS } from './village-heads.ts';

const Id = Type.Object({ id: Type.String({ format: 'uuid' }) });
const Dialogue = DialogueOut;

export function registerDialogueFollowUpRoutes(app: App, ctx: AppContext, portal: PortalOptions, full: (id: string) => Promise<Static<typeof DialogueFull>>) {
  app.post(
    '/dialogues/:id/attachments',
    {
      bodyLimit: 16 * 1024 * 1024,
      schema: {
        operationId: 'addDialogueAttachments',
        tags: ['dialogues'],
        summary: 'Đính kèm tệp của hội nghị đã tổ chức (biên bản có chữ ký, ảnh, danh sách người dự; base64), có thể gắn với một buổi (cụm dân cư)',
        params: Id,
        body: Type.Object({
          sessionId: Type.Optional(Type.String({ format: 'uuid' })),
          files: Type.Array(Type.Object({ fileName: Type.String({ minLength: 1, maxLength: 200 }), dataBase64: Type.String({ maxLength: 7_000_000 }) }), { minItems: 1, maxItems: 5 }),
        }),
        response: { 201: Type.Object({ attachments: Type.Array(Attachment) }), 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody },
      },
    },
    async (request, reply) => {
      const b = request.body;
      const attachments = await addDialogueAttachments(ctx, portal, requireUser(request), request.params.id, { ...(b.sessionId ? { sessionId: b.sessionId } : {}), files: b.files.map((f) => ({ fileName: f.fileName, data: Buffer.from(f.dataBase64, 'base64') })) });
      return reply.status(201).send({ attachments: attachments.map((a) => exact(Attachment, a)) });
    },
  );

  app.get(
    '/dialogue-attachments/:id',
    { schema: { operationId: 'downloadDialogueAttachment', tags: ['dialogues'], summary: 'Tải tệp đính kèm của hội nghị đối thoại', params: Id, response: { 200: Type.Unsafe<Buffer>({ type: 'string', format: 'binary' }), 401: ErrorBody, 404: ErrorBody } } },
    async (request, reply) => {
      const user = requireUser(request);
      const [f] = await ctx.db.select().from(dialogueAttachments).where(eq(dialogueAttachments.id, request.params.id));
      if (!f) throw notFound();
      await visibleDialogue(ctx.db, user, f.dialogueId);
      const data = decryptFile(ctx.sealer, await portal.storage.get(f.storageKey), f.dataKey);
      return reply
        .header('content-type', f.contentType)
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(f.fileName)}`)
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'private, no-store')
        .send(data);
    },
  );

  app.post(
    '/dialogues/:id/cancel',
    {
      schema: {
        operationId: 'cancelDialogue',
        tags: ['dialogues'],
        summary: 'Hủy hội nghị đối thoại chưa tổ chức (ghi lý do); người đã đăng ký có để lại liên hệ được báo qua e-mail hoặc SMS',
        params: Id,
        body: Type.Object({ reason: Type.String({ minLength: 1, maxLength: 2000 }) }),
        response: { 200: Dialogue, 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody },
      },
    },
    async (request) => {
      const d = await cancelDialogue(ctx, requireUser(request), request.params.id, request.body);
      return { dialogue: await full(d.id) };
    },
  );

  app.get(
    '/dialogue-requests',
    {
      schema: {
        operationId: 'listDialogueRequests',
        tags: ['dialogues'],
        summary: 'Đề nghị tổ chức đối thoại của cơ quan và cấp dưới: cử tri (đủ 10% tổng số cử tri của xã thì phải tổ chức), tổ chức thanh niên (quyết định trong 45 ngày)',
        querystring: Type.Object({ agency: Type.String({ maxLength: 20 }) }),
        response: { 200: Type.Object({ items: Type.Array(DialogueRequest) }), 400: ErrorBody, 401: ErrorBody, 404: ErrorBody },
      },
    },
    async (request) => ({ items: (await listDialogueRequests(ctx, requireUser(request), request.query.agency)).map((r) => exact(DialogueRequest, r)) }),
  );

  app.post(
    '/dialogue-requests',
    {
      schema: {
        operationId: 'createDialogueRequest',
        tags: ['dialogues'],
        summary: 'Ghi nhận đề nghị tổ chức đối thoại: số cử tri đã ký (đã xác minh, mỗi người một lần) trên tổng số cử tri của xã, hoặc đề nghị của tổ chức thanh niên (tính hạn quyết định theo đồng hồ pháp lý)',
        body: Type.Object({
          agency: Type.String({ maxLength: 20 }),
          kind: Type.String({ maxLength: 40 }),
          requestedOn: IsoDate('Ngày nhận đề nghị'),
          requester: Type.String({ minLength: 1, maxLength: 300, description: 'Tổ chức hoặc nhóm cử tri đề nghị (không ghi danh tính cá nhân)' }),
          content: Type.Optional(Type.String({ maxLength: 10000 })),
          signatures: Type.Optional(Type.Integer({ minimum: 0, maximum: 10_000_000 })),
          votersOnRoll: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000_000 })),
        }),
        response: { 201: Type.Object({ request: DialogueRequest }), 400: ErrorBody, 401: ErrorBody, 403: ErrorBody },
      },
    },
    async (request, reply) => reply.status(201).send({ request: exact(DialogueRequest, await createDialogueRequest(ctx, requireUser(request), request.body)) }),
  );

  app.post(
    '/dialogue-requests/:id/decision',
    {
      schema: {
        operationId: 'decideDialogueRequest',
        tags: ['dialogues'],
        summary: 'Quyết định về đề nghị đối thoại (chấp thuận / không chấp thuận có lý do); sau hạn thì bị đánh dấu muộn',
        params: Id,
        body: Type.Object({ decision: Type.Enum(['accepted', 'refused']), reason: Type.Optional(Type.String({ maxLength: 5000 })), decidedOn: Type.Optional(IsoDate('Ngày quyết định (mặc định hôm nay)')) }),
        response: { 200: Type.Object({ request: DialogueRequest }), 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody },
      },
    },
    async (request) => ({ request: exact(DialogueRequest, await decideDialogueRequest(ctx, requireUser(request), request.params.id, request.body)) }),
  );

  app.get(
    '/dialogue-village-heads',
    {
      schema: {
        operationId: 'listVillageHeads',
        tags: ['dialogues'],
        summary: 'Trưởng thôn, tổ trưởng tổ dân phố của xã — nơi nhận thông báo kết luận đối thoại',
        querystring: Type.Object({ agency: Type.String({ maxLength: 20 }) }),
        response: { 200: Type.Object({ items: Type.Array(VillageHead) }), 400: ErrorBody, 401: ErrorBody, 404: ErrorBody },
      },
    },
    async (request) => ({ items: (await listVillageHeads(ctx, requireUser(request), request.query.agency)).map((h) => exact(VillageHead, h)) }),
  );

  app.put(
    '/dialogue-village-heads',
    {
      schema: {
        operationId: 'saveVillageHead',
        tags: ['dialogues'],
        summary: 'Thêm hoặc cập nhật trưởng thôn / tổ trưởng tổ dân phố (theo tên thôn, tổ): họ tên, e-mail, tài khoản DânVận (nếu có)',
        body: Type.Object({
          agency: Type.String({ maxLength: 20 }),
          village: Type.String({ minLength: 1, maxLength: 200 }),
          villageKind: Type.Enum([...VILLAGE_KINDS]),
          headName: Type.String({ minLength: 1, maxLength: 200 }),
          email: Type.Optional(Type.Union([Type.String({ maxLength: 320 }), Type.Null()])),
          username: Type.Optional(Type.Union([Type.String({ maxLength: 100 }), Type.Null()])),
          active: Type.Optional(Type.Boolean()),
        }),
        response: { 200: Type.Object({ head: VillageHead }), 400: ErrorBody, 401: ErrorBody, 403: ErrorBody },
      },
    },
    async (request) => ({ head: exact(VillageHead, await saveVillageHead(ctx, requireUser(request), request.body)) }),
  );
}
