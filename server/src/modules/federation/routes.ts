/**
 * Liên thông routes (issue 16): the directory (registerInstance, listInstances), the instance-to-instance inbox
 * (receivePackage, authenticated by the package's signature — no session), the staff's views of outgoing and
 * incoming packages, recall / replacement / update, re-queueing a failed or returned package, on-demand delivery, and the signed counter snapshots of the
 * national roll-up.
 */
import { Type } from 'typebox';
import { and, desc, eq, sql } from 'drizzle-orm';
import type { App, AppContext } from '../../context.ts';
import { requireUser } from '../../context.ts';
import { agencies, federationPackages } from '../../db/schema.ts';
import { AppError, invalid, notFound } from '../../plugins/errors.ts';
import { ErrorBody } from '../shared-schemas.ts';
import { scopeCondition, type CurrentUser } from '../auth/current-user.ts';
import { writeAudit } from '../audit/write-audit.ts';
import { listInstances, registerInstance, requireDirectoryAdmin, signedIdentity } from './directory.ts';
import { receivePackage } from './receive.ts';
import { deliverDue, enqueueFollowUp, requeueOutgoing } from './outbox.ts';
import { counterSnapshot, pullCounterSnapshots } from './snapshots.ts';
import { mayDeliverNow, mayFollowUpPackage, mayRetryPackage } from './policy.ts';

const Jwk = Type.Record(Type.String({ maxLength: 20 }), Type.String({ maxLength: 200 }));
const PublicKey = Type.Object({
  kid: Type.String({ minLength: 1, maxLength: 80 }),
  sig: Jwk,
  enc: Jwk,
  notBefore: Type.String({ maxLength: 40 }),
  notAfter: Type.Union([Type.String({ maxLength: 40 }), Type.Null()]),
});
const Instance = Type.Object({
  id: Type.String(),
  name: Type.String(),
  baseUrl: Type.String(),
  agencyCodes: Type.Array(Type.String()),
  keys: Type.Array(PublicKey),
  active: Type.Boolean(),
  self: Type.Boolean({ description: 'Chính hệ thống này' }),
});
const PackageOut = Type.Object({
  id: Type.String(),
  direction: Type.String(),
  type: Type.String({ description: 'edoc | replacement | revocation | update | status' }),
  peerInstance: Type.String(),
  fromAgency: Type.String(),
  toAgency: Type.String(),
  documentNo: Type.String(),
  documentDate: Type.String(),
  caseId: Type.Union([Type.String(), Type.Null()]),
  refersTo: Type.Union([Type.String(), Type.Null()]),
  status: Type.String({ description: 'out: pending | delivered | returned | failed; in: accepted | returned | revoked' }),
  remoteStatus: Type.Union([Type.String(), Type.Null()], { description: 'received | accepted | rejected | processing | done' }),
  attempts: Type.Integer(),
  nextAttemptAt: Type.Union([Type.String(), Type.Null()]),
  lastError: Type.Union([Type.String(), Type.Null()]),
  ackedAt: Type.Union([Type.String(), Type.Null()]),
  returnReason: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String(),
});
const Returned = Type.Object({ returned: Type.Literal(true), reason: Type.String(), packageId: Type.Union([Type.String(), Type.Null()]) });

type PackageRow = typeof federationPackages.$inferSelect;
const iso = (d: Date | null) => (d ? d.toISOString() : null);
function packageOut(p: PackageRow) {
  return {
    id: p.id,
    direction: p.direction,
    type: p.type,
    peerInstance: p.peerInstance,
    fromAgency: p.fromAgency,
    toAgency: p.toAgency,
    documentNo: p.documentNo,
    documentDate: p.documentDate,
    caseId: p.caseId,
    refersTo: p.refersTo,
    status: p.status,
    remoteStatus: p.remoteStatus,
    attempts: p.attempts,
    nextAttemptAt: iso(p.nextAttemptAt),
    lastError: p.lastError,
    ackedAt: iso(p.ackedAt),
    returnReason: p.returnReason,
    createdAt: p.createdAt.toISOString(),
  };
}

/** An outgoing package whose sending agency is in the user's scope, with that agency's path; undefined otherwise (→ 404). */
async function outgoingInScope(ctx: AppContext, user: CurrentUser, id: string) {
  const [row] = await ctx.db
    .select({ p: federationPackages, path: agencies.path })
    .from(federationPackages)
    .innerJoin(agencies, eq(agencies.code, federationPackages.fromAgency))
    .where(and(eq(federationPackages.direction, 'out'), eq(federationPackages.id, id), scopeCondition(user, agencies.path)));
  return row;
}

export function registerFederationRoutes(app: App, ctx: AppContext) {
  app.get(
    '/federation/instances',
    {
      schema: {
        operationId: 'listInstances',
        tags: ['federation'],
        summary: 'Danh bạ liên thông: các hệ thống DânVận (mã cơ quan phục vụ, địa chỉ, khóa công khai), hệ thống này trước',
        response: { 200: Type.Array(Instance), 401: ErrorBody },
      },
    },
    async (request) => {
      requireUser(request);
      return listInstances(ctx);
    },
  );
  app.post(
    '/federation/instances',
    {
      schema: {
        operationId: 'registerInstance',
        tags: ['federation'],
        summary: 'Đăng ký hoặc cập nhật một hệ thống DânVận trong danh bạ (quản trị cấp trung ương; neo tin cậy); có ghi nhật ký',
        body: Type.Object({
          id: Type.String({ minLength: 1, maxLength: 40 }),
          name: Type.String({ minLength: 1, maxLength: 200 }),
          baseUrl: Type.String({ minLength: 1, maxLength: 500 }),
          agencyCodes: Type.Array(Type.String({ minLength: 1, maxLength: 20 }), { minItems: 1, maxItems: 200 }),
          keys: Type.Array(PublicKey, { minItems: 1, maxItems: 10 }),
          active: Type.Optional(Type.Boolean()),
        }),
        response: { 200: Instance, 400: ErrorBody, 401: ErrorBody, 403: ErrorBody },
      },
    },
    async (request) => registerInstance(ctx, requireUser(request), request.body),
  );
  app.post(
    '/federation/packages',
    {
      config: { public: true, rateLimit: { max: 600, timeWindow: '1 minute' } },
      bodyLimit: 32 * 1024 * 1024,
      schema: {
        operationId: 'receivePackage',
        tags: ['federation'],
        summary:
          'Nhận gói tin liên thông từ một hệ thống DânVận khác (xác thực bằng chữ ký số của gói tin, không bằng phiên đăng nhập). 200: biên nhận đã ký (xác nhận đã nhận cùng ngày); gửi lại cùng gói: cùng biên nhận, không tạo gì mới. 422: trả lại kèm lý do (sai chữ ký, gửi nhầm). 403: hệ thống gửi chưa đăng ký.',
        security: [],
        body: Type.Object({ package: Type.String({ minLength: 1, maxLength: 30_000_000, description: 'JWS compact (EdDSA)' }) }),
        response: {
          200: Type.Object({ ack: Type.String(), packageId: Type.String(), duplicate: Type.Boolean(), caseCode: Type.Union([Type.String(), Type.Null()]) }),
          400: ErrorBody,
          403: Returned,
          422: Returned,
        },
      },
    },
    async (request, reply) => {
      const r = await receivePackage(ctx, request.body.package);
      if (r.status === 200) return r.body;
      return reply.code(r.status).send(r.body);
    },
  );
  const listQuery = Type.Object({
    status: Type.Optional(Type.String({ maxLength: 20 })),
    caseId: Type.Optional(Type.String({ format: 'uuid' })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
  });
  for (const [direction, operationId, summary, agencyCol] of [
    ['out', 'listOutgoingPackages', 'Gói tin liên thông đã gửi (hộp thư đi): trạng thái gửi, biên nhận, trả lại, trạng thái xử lý nơi nhận báo về', 'from_agency'],
    ['in', 'listIncomingPackages', 'Gói tin liên thông đã nhận (hộp thư đến): đã tiếp nhận, trả lại, bị thu hồi', 'to_agency'],
  ] as const) {
    app.get(
      `/federation/packages/${direction === 'out' ? 'outgoing' : 'incoming'}`,
      { schema: { operationId, tags: ['federation'], summary, querystring: listQuery, response: { 200: Type.Array(PackageOut), 400: ErrorBody, 401: ErrorBody } } },
      async (request) => {
        const user = requireUser(request);
        const q = request.query;
        const rows = await ctx.db
          .select({ p: federationPackages })
          .from(federationPackages)
          .innerJoin(agencies, eq(agencies.code, sql.raw(`federation_packages.${agencyCol}`)))
          .where(
            and(
              eq(federationPackages.direction, direction),
              scopeCondition(user, agencies.path),
              q.status ? eq(federationPackages.status, q.status) : undefined,
              q.caseId ? eq(federationPackages.caseId, q.caseId) : undefined,
            ),
          )
          .orderBy(desc(federationPackages.createdAt))
          .limit(q.limit ?? 100);
        return rows.map((r) => packageOut(r.p));
      },
    );
  }
  app.post(
    '/federation/packages/:id/follow-ups',
    {
      schema: {
        operationId: 'sendPackageFollowUp',
        tags: ['federation'],
        summary: 'Thu hồi (revocation), thay thế (replacement) hoặc cập nhật (update) một văn bản chuyển đơn đã gửi (Điều 18 Nghị định 30/2020/NĐ-CP)',
        params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
        body: Type.Object({
          type: Type.Enum(['revocation', 'replacement', 'update']),
          reason: Type.String({ minLength: 1, maxLength: 2000 }),
          content: Type.Optional(Type.String({ minLength: 1, maxLength: 20000 })),
        }),
        response: { 200: Type.Object({ packageId: Type.String() }), 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const row = await outgoingInScope(ctx, user, request.params.id);
      if (!row || row.p.type !== 'edoc') throw notFound();
      if (!mayFollowUpPackage(user, row.path)) throw new AppError(403, 'error.forbidden');
      if (request.body.type !== 'revocation' && !request.body.content) throw invalid({ field: 'content', key: 'field.required' });
      const packageId = await ctx.db.transaction(async (tx) => {
        const id = await enqueueFollowUp(tx, ctx, { edoc: row.p, type: request.body.type, content: request.body.content, reason: request.body.reason });
        if (row.p.caseId) {
          await writeAudit(tx, {
            at: ctx.now(),
            actorId: user.id,
            actorName: user.displayName,
            agencyId: null,
            entity: 'case',
            entityId: row.p.caseId,
            caseId: row.p.caseId,
            action: `federation.send-${request.body.type}`,
            summary: `${request.body.type === 'revocation' ? 'Thu hồi' : request.body.type === 'replacement' ? 'Thay thế' : 'Cập nhật'} văn bản chuyển đơn số ${row.p.documentNo} gửi ${row.p.peerInstance}: ${request.body.reason}`,
            after: { packageId: id, refersTo: row.p.id },
          });
        }
        return id;
      });
      return { packageId };
    },
  );
  app.post(
    '/federation/packages/outgoing/:id/retry',
    {
      schema: {
        operationId: 'retryOutgoingPackage',
        tags: ['federation'],
        summary:
          'Gửi lại một gói tin liên thông đã gửi không thành công (failed, sau 20 lần thử) hoặc bị trả lại (returned): đưa lại vào hàng đợi gửi, đặt lại số lần thử; cùng gói tin đã ký (cùng mã gói, nơi nhận không tạo trùng). Quản trị, cán bộ xử lý hoặc lãnh đạo của cơ quan gửi; có ghi nhật ký',
        params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
        response: { 200: PackageOut, 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const row = await outgoingInScope(ctx, user, request.params.id);
      if (!row) throw notFound();
      if (!mayRetryPackage(user, row.path)) throw new AppError(403, 'error.forbidden');
      const now = ctx.now();
      await ctx.db.transaction(async (tx) => {
        const before = await requeueOutgoing(tx, now, row.p.id);
        if (!before) throw new AppError(409, 'error.packageNotRetryable', { status: row.p.status });
        await writeAudit(tx, {
          at: now,
          actorId: user.id,
          actorName: user.displayName,
          agencyId: null,
          entity: row.p.caseId ? 'case' : 'federation-package',
          entityId: row.p.caseId ?? row.p.id,
          caseId: row.p.caseId,
          action: 'federation.retry',
          summary: `Gửi lại gói tin liên thông (${row.p.type}) số ${row.p.documentNo} tới ${row.p.peerInstance}: trước đó ${before.status === 'returned' ? `bị trả lại — ${before.returnReason ?? ''}` : `gửi không thành công sau ${before.attempts} lần — ${before.lastError ?? ''}`}`,
          before: { status: before.status, attempts: before.attempts, lastError: before.lastError, returnReason: before.returnReason },
          after: { packageId: row.p.id, status: 'pending', attempts: 0 },
        });
      });
      const [after] = await ctx.db.select().from(federationPackages).where(and(eq(federationPackages.direction, 'out'), eq(federationPackages.id, row.p.id)));
      return packageOut(after!);
    },
  );
  app.post(
    '/federation/deliver',
    {
      schema: {
        operationId: 'deliverPackages',
        tags: ['federation'],
        summary: 'Gửi ngay các gói tin đang chờ (kể cả gói đang chờ lần thử lại) — quản trị',
        response: { 200: Type.Object({ delivered: Type.Integer(), returned: Type.Integer(), retrying: Type.Integer() }), 401: ErrorBody, 403: ErrorBody },
      },
    },
    async (request) => {
      const user = requireUser(request);
      if (!mayDeliverNow(user)) throw new AppError(403, 'error.forbidden');
      return deliverDue(ctx, { force: true });
    },
  );
  app.get(
    '/federation/identity',
    {
      config: { public: true },
      schema: {
        operationId: 'getInstanceIdentity',
        tags: ['federation'],
        summary: 'Mục danh bạ của hệ thống này (mã, địa chỉ, mã cơ quan, khóa công khai) do từng khóa còn hiệu lực ký: sau khi đổi khóa, hệ thống khác kiểm tra khóa mới bằng khóa cũ',
        security: [],
        response: { 200: Type.Object({ signatures: Type.Array(Type.String()) }) },
      },
    },
    async () => ({ signatures: await signedIdentity(ctx) }),
  );
  app.get(
    '/federation/counter-snapshot',
    {
      config: { public: true },
      schema: {
        operationId: 'getCounterSnapshot',
        tags: ['federation'],
        summary: 'Ảnh chụp đã ký các bộ đếm báo cáo của hệ thống này (cho tổng hợp toàn quốc); yêu cầu phải do một hệ thống đã đăng ký ký (header x-danvan-request)',
        security: [],
        headers: Type.Object({ 'x-danvan-request': Type.String({ minLength: 1, maxLength: 4000 }) }),
        response: { 200: Type.Object({ snapshot: Type.String() }), 400: ErrorBody, 403: Type.Object({ reason: Type.String() }) },
      },
    },
    async (request, reply) => {
      const r = await counterSnapshot(ctx, request.headers['x-danvan-request']);
      if (r.status === 200) return { snapshot: r.snapshot };
      return reply.code(403).send({ reason: r.reason });
    },
  );
  app.post(
    '/federation/counter-snapshots/pull',
    {
      schema: {
        operationId: 'pullCounterSnapshots',
        tags: ['federation'],
        summary: 'Lấy số liệu báo cáo đã ký của mọi hệ thống khác (tổng hợp toàn quốc không sao chép hồ sơ) — quản trị cấp trung ương',
        response: {
          200: Type.Array(Type.Object({ instance: Type.String(), ok: Type.Boolean(), rows: Type.Integer(), asOf: Type.Union([Type.String(), Type.Null()]), error: Type.Union([Type.String(), Type.Null()]) })),
          401: ErrorBody,
          403: ErrorBody,
        },
      },
    },
    async (request) => {
      requireDirectoryAdmin(requireUser(request));
      return pullCounterSnapshots(ctx);
    },
  );
}
