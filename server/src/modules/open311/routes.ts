/**
 * Open311 GeoReport v2 at /open311/v2 (not under /api/v1: an Open311 client is given an endpoint base URL and
 * appends `services.xml`, `requests.json`…; ADR 0021). Public like the portal's API and rate-limited per IP the
 * same way; `POST requests` authenticates by `api_key` (a DânVận API token, createApiToken). Every answer —
 * including validation, rate-limit and unknown-route errors — is in the spec's format: a list of
 * `{code, description}` in JSON or `<errors><error>…` in XML, chosen by the path's extension.
 */
import formbody from '@fastify/formbody';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { App, AppContext } from '../../context.ts';
import { pickLang, translate } from '../../i18n.ts';
import { AppError, safeErrorSummary } from '../../plugins/errors.ts';
import { FORMATS, Open311Error, formatOf, open311Error, sendErrors, sendList, type Format } from './format.ts';
import { AppErrorList, MAX_PAGE, createRequest, getRequest, jurisdiction, listRequests, listServices, serviceDefinition } from './requests.ts';

export const OPEN311_PREFIX = '/open311/v2';
const READ_LIMIT = { max: 120, timeWindow: '1 minute' };
const WRITE_LIMIT = { max: 60, timeWindow: '1 minute' };

const FormatParam = Type.Enum([...FORMATS], { description: 'json hoặc xml (XML là định dạng bắt buộc của chuẩn)' });
const Jurisdiction = Type.Optional(Type.String({ maxLength: 20, description: 'Mã cơ quan theo QĐ 19/2025 (2 chữ số cấp tỉnh, 5 chữ số cấp xã)', examples: ['00004'] }));
const ErrorList = Type.Array(Type.Object({ code: Type.Integer(), description: Type.String() }), { description: 'Lỗi theo chuẩn Open311: [{code, description}] (XML: <errors><error>…)' });
const errorResponses = {
  400: { description: 'Thiếu hoặc sai dữ liệu; khiếu nại, tố cáo bị từ chối (kèm địa chỉ cổng tiếp nhận)', content: { 'application/json': { schema: ErrorList }, 'text/xml': { schema: Type.String() } } },
  403: { description: 'api_key sai', content: { 'application/json': { schema: ErrorList }, 'text/xml': { schema: Type.String() } } },
  404: { description: 'Không có jurisdiction_id, service_code hoặc service_request_id', content: { 'application/json': { schema: ErrorList }, 'text/xml': { schema: Type.String() } } },
};
const ok = (schema: ReturnType<typeof Type.Array>, description: string) => ({ 200: { description, content: { 'application/json': { schema }, 'text/xml': { schema: Type.String() } } }, ...errorResponses });

const Service = Type.Object({
  service_code: Type.String(),
  service_name: Type.String(),
  description: Type.String(),
  metadata: Type.Boolean(),
  type: Type.String(),
  keywords: Type.String(),
  group: Type.String(),
});
const Nullable = <T extends ReturnType<typeof Type.String> | ReturnType<typeof Type.Number>>(t: T) => Type.Union([t, Type.Null()]);
const ServiceRequest = Type.Object({
  service_request_id: Type.String(),
  status: Type.Enum(['open', 'closed']),
  status_notes: Type.String({ description: 'Tình trạng chi tiết (đã tiếp nhận, đang xử lý, đã chuyển đơn, đã trả lời…)' }),
  service_name: Type.String(),
  service_code: Type.String(),
  description: Type.String({ description: 'Nội dung, đã ẩn số điện thoại, CCCD, e-mail và tên người gửi' }),
  agency_responsible: Type.String({ description: 'Cơ quan đang giải quyết (theo đơn đã chuyển)' }),
  service_notice: Type.String(),
  requested_datetime: Type.String(),
  updated_datetime: Type.String(),
  expected_datetime: Nullable(Type.String({ description: 'Hạn theo luật (đồng hồ pháp lý), hết 23:59:59 giờ Việt Nam' })),
  address: Nullable(Type.String()),
  address_id: Nullable(Type.String()),
  zipcode: Nullable(Type.String()),
  lat: Nullable(Type.Number()),
  long: Nullable(Type.Number()),
  media_url: Nullable(Type.String()),
  extended_status: Type.String({ description: 'Ngoài chuẩn: mã trạng thái của DânVận' }),
});

type Req = FastifyRequest<{ Params: { format?: string } }>;

function handleError(error: FastifyError | Error, request: FastifyRequest, reply: FastifyReply) {
  const format: Format = formatOf((request.params as { format?: string } | undefined)?.format);
  if (error instanceof Open311Error) return sendErrors(reply, format, error);
  if (error instanceof AppErrorList) return sendErrors(reply, format, new Open311Error(400, error.problems.map((description) => ({ code: 400, description }))));
  if (error instanceof AppError) {
    const lang = pickLang(request.headers['accept-language']);
    return sendErrors(reply, format, open311Error(error.statusCode, translate(lang, error.key, error.params)));
  }
  const fe = error as FastifyError;
  if (fe.validation && fe.validationContext === 'params' && fe.validation.some((v) => v.instancePath === '/format')) {
    return sendErrors(reply, 'xml', open311Error(404, 'Định dạng chỉ có .json hoặc .xml / the format is .json or .xml'));
  }
  if (fe.validation) {
    const problems = fe.validation.map((v) => `${(v.instancePath || (v.params as { missingProperty?: string }).missingProperty || '').replace(/^\//, '') || 'request'}: ${v.message ?? 'không hợp lệ'}`);
    return sendErrors(reply, format, new Open311Error(400, problems.map((description) => ({ code: 400, description }))));
  }
  const code = fe.statusCode ?? 500;
  if (code === 429) return sendErrors(reply, format, open311Error(429, 'Quá nhiều yêu cầu, vui lòng thử lại sau / too many requests'));
  if (code === 415) return sendErrors(reply, format, open311Error(415, 'POST requests nhận application/x-www-form-urlencoded / form-encoded bodies only'));
  if (code >= 400 && code < 500) return sendErrors(reply, format, open311Error(code, 'Yêu cầu không hợp lệ / bad request'));
  request.log.error({ err: safeErrorSummary(error), operation: request.routeOptions.url }, 'open311 error');
  return sendErrors(reply, format, open311Error(500, 'Lỗi hệ thống / internal error'));
}

/** The portal's submission page, for the pointer in a refusal. */
function portalUrl(request: FastifyRequest): string {
  const base = process.env.DANVAN_PUBLIC_URL?.trim().replace(/\/+$/, '') || `${request.protocol}://${request.host}`;
  return `${base}/gui-don`;
}

export async function registerOpen311(app: App, ctx: AppContext) {
  await app.register(
    async (o) => {
      await o.register(formbody, { bodyLimit: 64 * 1024 });
      o.setErrorHandler(handleError);
      o.setNotFoundHandler((request, reply) => sendErrors(reply, 'xml', open311Error(404, `Không có đường dẫn ${request.url.replace(/\?.*$/, '')} / not found`)));
      const typed = o as unknown as App;

      typed.get(
        '/services.:format',
        {
          config: { public: true, rateLimit: READ_LIMIT },
          schema: {
            operationId: 'open311ListServices',
            tags: ['open311'],
            summary: 'Open311: danh sách dịch vụ (các lĩnh vực kiến nghị, phản ánh do quản trị đặt)',
            security: [],
            params: Type.Object({ format: FormatParam }),
            querystring: Type.Object({ jurisdiction_id: Jurisdiction }),
            response: ok(Type.Array(Service), 'Danh sách dịch vụ'),
          },
        },
        async (request, reply) => {
          await jurisdiction(ctx, request.query.jurisdiction_id);
          return sendList(reply, request.params.format, 'services', 'service', await listServices(ctx));
        },
      );

      typed.get(
        '/services/:service_code.:format',
        {
          config: { public: true, rateLimit: READ_LIMIT },
          schema: {
            operationId: 'open311GetServiceDefinition',
            tags: ['open311'],
            summary: 'Open311: định nghĩa dịch vụ (không có thuộc tính bổ sung: metadata = false)',
            security: [],
            params: Type.Object({ service_code: Type.String({ minLength: 1, maxLength: 100 }), format: FormatParam }),
            querystring: Type.Object({ jurisdiction_id: Jurisdiction }),
            response: ok(Type.Array(Type.Object({ service_code: Type.String(), attributes: Type.Array(Type.Unknown()) })), 'Định nghĩa dịch vụ'),
          },
        },
        async (request, reply) => {
          await jurisdiction(ctx, request.query.jurisdiction_id);
          const def = await serviceDefinition(ctx, request.params.service_code);
          if (request.params.format === 'json') return reply.type('application/json; charset=utf-8').send(JSON.stringify(def));
          return sendList(reply, 'xml', 'service_definitions', 'service_definition', [def]);
        },
      );

      typed.post(
        '/requests.:format',
        {
          config: { public: true, rateLimit: WRITE_LIMIT },
          schema: {
            operationId: 'open311CreateRequest',
            tags: ['open311'],
            summary: 'Open311: gửi một kiến nghị, phản ánh (application/x-www-form-urlencoded, api_key); khiếu nại, tố cáo bị từ chối',
            description:
              'Tạo đơn và vụ việc qua createPetition (kênh trực tuyến): thời hạn xử lý đơn chạy như mọi kiến nghị, phản ánh. Cần vị trí: lat và long, hoặc address_string, hoặc address_id. description tối đa 4.000 ký tự, không HTML.',
            security: [],
            params: Type.Object({ format: FormatParam }),
            body: Type.Object(
              {
                api_key: Type.Optional(Type.String({ description: 'Token tích hợp (createApiToken) của tài khoản có quyền tiếp nhận đơn tại cơ quan' })),
                jurisdiction_id: Jurisdiction,
                service_code: Type.Optional(Type.String({ examples: ['hanh-chinh'] })),
                description: Type.Optional(Type.String()),
                lat: Type.Optional(Type.String()),
                long: Type.Optional(Type.String()),
                address_string: Type.Optional(Type.String()),
                address_id: Type.Optional(Type.String()),
                zipcode: Type.Optional(Type.String()),
                email: Type.Optional(Type.String()),
                device_id: Type.Optional(Type.String()),
                account_id: Type.Optional(Type.String()),
                first_name: Type.Optional(Type.String()),
                last_name: Type.Optional(Type.String()),
                phone: Type.Optional(Type.String()),
                media_url: Type.Optional(Type.String()),
              },
              { additionalProperties: true },
            ),
            response: ok(Type.Array(Type.Object({ service_request_id: Type.String(), service_notice: Type.String(), account_id: Type.Union([Type.String(), Type.Null()]) })), 'Đã tiếp nhận'),
          },
        },
        async (request, reply) => {
          const created = await createRequest(ctx, request.body as Record<string, unknown>, { portalUrl: portalUrl(request) });
          return sendList(reply, request.params.format, 'service_requests', 'request', [{ ...created }]);
        },
      );

      typed.get(
        '/requests.:format',
        {
          config: { public: true, rateLimit: READ_LIMIT },
          schema: {
            operationId: 'open311ListRequests',
            tags: ['open311'],
            summary: 'Open311: các kiến nghị, phản ánh đã gửi qua Open311 (mặc định 90 ngày gần nhất, tối đa 1.000; open/closed)',
            description: 'Ngoài chuẩn (phân trang): page (từ 1) và page_size (tối đa 1.000). Không có trường cá nhân.',
            security: [],
            params: Type.Object({ format: FormatParam }),
            querystring: Type.Object({
              jurisdiction_id: Jurisdiction,
              service_request_id: Type.Optional(Type.String({ maxLength: 20_000, description: 'Danh sách mã, phân cách bằng dấu phẩy' })),
              service_code: Type.Optional(Type.String({ maxLength: 2000 })),
              start_date: Type.Optional(Type.String({ maxLength: 40 })),
              end_date: Type.Optional(Type.String({ maxLength: 40 })),
              status: Type.Optional(Type.String({ maxLength: 20, description: 'open, closed hoặc open,closed' })),
              page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 })),
              page_size: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_PAGE })),
            }),
            response: ok(Type.Array(ServiceRequest), 'Các yêu cầu'),
          },
        },
        async (request, reply) => sendList(reply, request.params.format, 'service_requests', 'request', await listRequests(ctx, request.query)),
      );

      typed.get(
        '/requests/:service_request_id.:format',
        {
          config: { public: true, rateLimit: READ_LIMIT },
          schema: {
            operationId: 'open311GetRequest',
            tags: ['open311'],
            summary: 'Open311: một kiến nghị, phản ánh theo mã (trạng thái, cơ quan giải quyết, hạn theo luật)',
            security: [],
            params: Type.Object({ service_request_id: Type.String({ minLength: 1, maxLength: 60 }), format: FormatParam }),
            querystring: Type.Object({ jurisdiction_id: Jurisdiction }),
            response: ok(Type.Array(ServiceRequest), 'Yêu cầu'),
          },
        },
        async (request, reply) => sendList(reply, request.params.format, 'service_requests', 'request', [await getRequest(ctx, request.params.service_request_id, request.query.jurisdiction_id)]),
      );

      // Anything else under the prefix (a wrong extension, an unknown method): the spec's 404 in XML.
      o.all('/*', { schema: { hide: true }, config: { public: true } }, async (request: Req, reply) => sendErrors(reply, 'xml', open311Error(404, `Không có đường dẫn ${request.url.replace(/\?.*$/, '')} / not found`)));
    },
    { prefix: OPEN311_PREFIX },
  );
}
