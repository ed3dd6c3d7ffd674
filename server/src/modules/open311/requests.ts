/**
 * Open311 GeoReport v2 for feedback (kiến nghị, phản ánh) — PARTICIPATION.md part (f), ADR 0021.
 *
 *   services          the admin-edited field list (settings) as realtime services, feedback only
 *   POST requests     an integration's API key (a DânVận API token with intake rights at the jurisdiction) creates
 *                     the petition and its case through createPetition (channel `online`), so the legal clock
 *                     runs as for any feedback; the Open311 row (service code, location, media URL) is written in
 *                     the same transaction. Complaints and denunciations are refused with a pointer to the portal.
 *   GET requests      only requests that came through Open311; the status follows the case to the agency it was
 *                     forwarded to; open/closed with the fine state in status_notes; expected_datetime = the
 *                     case's legal deadline; no personal field; the description redacted as on the portal.
 */
import { and, eq, sql, type SQL } from 'drizzle-orm';
import { suggestClassification } from '@danvan/domain/classification';
import { foldForSearch, formatIsoDateVi, isoDateInVietnam } from '@danvan/domain/text';
import { RESOLVED_STATES, STATE_LABELS, TERMINAL_STATES } from '@danvan/domain/workflow';
import type { AppContext } from '../../context.ts';
import { queryRows } from '../../db/client.ts';
import { authTokens, open311Requests } from '../../db/schema.ts';
import { AppError } from '../../plugins/errors.ts';
import { hashToken, loadUser, type CurrentUser } from '../auth/current-user.ts';
import { agencyByCode, type AgencyRow } from '../agencies/queries.ts';
import { caseFields, keywordRules } from '../settings/settings.ts';
import { createPetition } from '../petitions/create-petition.ts';
import { redact } from '../portal/redact.ts';
import { deadlineIso, open311Error, vietnamIso, type Item, type Open311Error } from './format.ts';
import { INTAKE_ROLES, mayPostRequest } from './policy.ts';

export const SERVICE_GROUP = 'Kiến nghị, phản ánh';
/** A case in one of these states is `closed` for Open311; every other state is `open`. */
export const CLOSED_STATES: readonly string[] = [...new Set([...RESOLVED_STATES, ...TERMINAL_STATES])];
/** Service codes and kinds that name a complaint or a denunciation (folded), refused with a pointer to the portal. */
const REFUSED_KINDS = new Set(['complaint', 'denunciation', 'khieu nai', 'khieu-nai', 'khieunai', 'to cao', 'to-cao', 'tocao', 'kn', 'tc']);

// ── Services ──

export async function listServices(ctx: AppContext): Promise<Item[]> {
  const fields = await caseFields(ctx.db);
  return fields.map((f) => ({
    service_code: f.value,
    service_name: f.label,
    description: `Kiến nghị, phản ánh về lĩnh vực ${f.label.toLocaleLowerCase('vi')}. Khiếu nại, tố cáo không gửi qua kênh này.`,
    metadata: false,
    type: 'realtime',
    keywords: 'kiến nghị, phản ánh',
    group: SERVICE_GROUP,
  }));
}

export async function serviceDefinition(ctx: AppContext, code: string): Promise<Item> {
  const fields = await caseFields(ctx.db);
  if (!fields.some((f) => f.value === code)) throw open311Error(404, `Không có dịch vụ (service_code) «${code}» / unknown service_code`);
  return { service_code: code, attributes: [] };
}

export async function jurisdiction(ctx: AppContext, id: string | undefined): Promise<AgencyRow | null> {
  if (id === undefined || id === '') return null;
  const a = await agencyByCode(ctx.db, id);
  if (!a) throw open311Error(404, `Không có cơ quan có mã jurisdiction_id «${id}» (mã QĐ 19/2025: 2 chữ số cấp tỉnh, 5 chữ số cấp xã) / unknown jurisdiction_id`);
  return a;
}

// ── POST requests ──

export type Form = Record<string, unknown>;

function text(form: Form, name: string, max: number, problems: string[]): string | undefined {
  const v = form[name];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') {
    problems.push(`${name}: phải là chuỗi ký tự / must be text`);
    return undefined;
  }
  const t = v.normalize('NFC').trim();
  if (t.length > max) problems.push(`${name}: tối đa ${max} ký tự / at most ${max} characters`);
  return t === '' ? undefined : t;
}

function coordinate(raw: string | undefined, name: 'lat' | 'long', problems: string[]): string | undefined {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  const limit = name === 'lat' ? 90 : 180;
  if (!/^-?\d{1,3}(\.\d{1,12})?$/.test(raw) || !Number.isFinite(n) || Math.abs(n) > limit) {
    problems.push(`${name}: phải là số thập phân WGS84 trong khoảng ±${limit} / must be a WGS84 decimal within ±${limit}`);
    return undefined;
  }
  return raw;
}

/** The portal's address for complaints and denunciations. */
export interface Channels {
  portalUrl: string;
}

function refusal(channels: Channels, kind: 'complaint' | 'denunciation'): Open311Error {
  const what = kind === 'denunciation' ? 'tố cáo' : 'khiếu nại';
  return open311Error(
    400,
    `Open311 chỉ nhận kiến nghị, phản ánh. Nội dung này là ${what}: xin gửi qua cổng tiếp nhận của DânVận ${channels.portalUrl} ` +
      `(khiếu nại, tố cáo có mẫu đơn theo luật và người tố cáo được giữ bí mật). / Open311 takes feedback only; send complaints and denunciations through the portal: ${channels.portalUrl}`,
  );
}

async function integrationFor(ctx: AppContext, apiKey: string | undefined): Promise<CurrentUser> {
  if (!apiKey) throw open311Error(403, 'Thiếu api_key / api_key is required');
  const [t] = await ctx.db.select({ userId: authTokens.userId }).from(authTokens).where(and(eq(authTokens.tokenHash, hashToken(apiKey)), eq(authTokens.kind, 'api')));
  const user = t ? await loadUser(ctx.db, t.userId) : null;
  if (!user) throw open311Error(403, 'api_key không hợp lệ / invalid api_key');
  return user;
}

export interface CreatedRequest {
  service_request_id: string;
  service_notice: string;
  account_id: string | null;
}

export async function createRequest(ctx: AppContext, form: Form, channels: Channels): Promise<CreatedRequest> {
  const problems: string[] = [];
  const apiKey = text(form, 'api_key', 200, problems);
  const user = await integrationFor(ctx, apiKey);
  const jurisdictionId = text(form, 'jurisdiction_id', 20, problems);
  const serviceCode = text(form, 'service_code', 100, problems);
  const description = text(form, 'description', 4000, problems);
  const lat = coordinate(text(form, 'lat', 40, problems), 'lat', problems);
  const long = coordinate(text(form, 'long', 40, problems), 'long', problems);
  const addressString = text(form, 'address_string', 500, problems);
  const addressId = text(form, 'address_id', 100, problems);
  const zipcode = text(form, 'zipcode', 20, problems);
  const mediaUrl = text(form, 'media_url', 2000, problems);
  const firstName = text(form, 'first_name', 100, problems);
  const lastName = text(form, 'last_name', 100, problems);
  const phone = text(form, 'phone', 20, problems);
  const accountId = text(form, 'account_id', 100, problems);
  for (const name of ['email', 'device_id']) text(form, name, 200, problems);

  // Complaints and denunciations never enter through Open311 (PARTICIPATION.md f7).
  const kindAttr = ['attribute[kind]', 'attribute[type]', 'attribute[loai]'].map((k) => form[k]).find((v) => typeof v === 'string') as string | undefined;
  for (const named of [serviceCode, kindAttr]) {
    if (named && REFUSED_KINDS.has(foldForSearch(named))) throw refusal(channels, /^(denunciation|to)/.test(foldForSearch(named)) || foldForSearch(named) === 'tc' ? 'denunciation' : 'complaint');
  }
  if (!serviceCode) problems.push('service_code: bắt buộc / required');
  if (!description) problems.push('description: bắt buộc (nội dung kiến nghị, phản ánh) / required');
  if (description && /<\/?[a-z!][^>]*>/i.test(description)) problems.push('description: chỉ nhận văn bản thuần, không HTML / plain text only, no HTML');
  if ((lat === undefined) !== (long === undefined)) problems.push('lat, long: cần cả hai / both are needed');
  if (lat === undefined && !addressString && !addressId) problems.push('Cần vị trí: lat và long, hoặc address_string, hoặc address_id / a location is required: lat+long, address_string or address_id');
  if (mediaUrl && !/^https?:\/\/\S+$/.test(mediaUrl)) problems.push('media_url: phải là địa chỉ http(s) / must be an http(s) URL');
  if (problems.length) throw new AppErrorList(problems);

  const fields = await caseFields(ctx.db);
  const field = fields.find((f) => f.value === serviceCode);
  if (!field) throw open311Error(404, `Không có dịch vụ (service_code) «${serviceCode}» / unknown service_code`);
  const suggestion = suggestClassification(description!, await keywordRules(ctx.db));
  if (suggestion.kind && (suggestion.kind.value === 'complaint' || suggestion.kind.value === 'denunciation')) throw refusal(channels, suggestion.kind.value);

  // The jurisdiction: the one named, or the one agency where the integration may take in petitions.
  let agency = await jurisdiction(ctx, jurisdictionId);
  if (!agency) {
    const own = [...new Set(user.grants.filter((g) => (INTAKE_ROLES as readonly string[]).includes(g.role)).map((g) => g.agencyCode))];
    if (own.length !== 1) throw open311Error(400, 'jurisdiction_id: bắt buộc với khóa này (mã cơ quan nhận) / required for this api_key');
    agency = (await agencyByCode(ctx.db, own[0]!))!;
  }
  if (!mayPostRequest(user, agency.path)) throw open311Error(403, `api_key không được tiếp nhận đơn cho cơ quan ${agency.code} / this api_key may not submit to ${agency.code}`);

  const name = [lastName, firstName].filter(Boolean).join(' ').trim();
  const where = addressString ?? (lat !== undefined ? `${lat}, ${long}` : `mã địa chỉ ${addressId}`);
  const content = `${description!}\n\nĐịa điểm: ${where}`;
  try {
    const created = await createPetition(
      ctx,
      user,
      {
        agency: agency.code,
        channel: 'online',
        type: 'feedback',
        content,
        receivedOn: isoDateInVietnam(ctx.now()),
        ...(name ? { petitioner: { name, ...(phone ? { phone } : {}) } } : { anonymous: true }),
      },
      {
        field: field.value,
        within: async (tx, r) => {
          await tx.insert(open311Requests).values({
            caseId: r.case.id,
            agencyPath: agency.path,
            serviceCode: field.value,
            lat: lat ?? null,
            long: long ?? null,
            addressString: addressString ?? null,
            addressId: addressId ?? null,
            zipcode: zipcode ?? null,
            mediaUrl: mediaUrl ?? null,
            createdBy: user.id,
            createdAt: ctx.now(),
          });
        },
      },
    );
    const due = created.case.dueOn ? ` Hạn xử lý đơn theo luật: ${formatIsoDateVi(created.case.dueOn)}.` : '';
    return {
      service_request_id: created.case.code,
      service_notice: `${agency.fullName} đã tiếp nhận kiến nghị, phản ánh.${due}`,
      account_id: accountId ?? null,
    };
  } catch (e) {
    if (e instanceof AppError && e.statusCode === 400) throw new AppErrorList(e.fieldIssues.map((i) => `${i.field}: không hợp lệ / invalid`));
    if (e instanceof AppError && e.statusCode === 403) throw open311Error(403, `api_key không được tiếp nhận đơn cho cơ quan ${agency.code} / this api_key may not submit to ${agency.code}`);
    throw e;
  }
}

/** Several input problems at once: one spec error each. */
export class AppErrorList extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('; '));
  }
}

// ── GET requests ──

export interface ListQuery {
  jurisdiction_id?: string;
  service_request_id?: string;
  service_code?: string;
  start_date?: string;
  end_date?: string;
  status?: string;
  page?: number;
  page_size?: number;
}

interface Row {
  code: string;
  service_code: string;
  created_at: string;
  lat: string | null;
  long: string | null;
  address_string: string | null;
  address_id: string | null;
  zipcode: string | null;
  media_url: string | null;
  state: string;
  content: string;
  petitioner_name: string | null;
  due_on: string | null;
  updated_at: string;
  agency_name: string;
  forwarded: boolean;
}

const MAX_WINDOW_DAYS = 90;
export const MAX_PAGE = 1000;

function instant(raw: string | undefined, name: string, problems: string[]): Date | undefined {
  if (!raw) return undefined;
  const d = new Date(raw);
  if (!/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/.test(raw) || Number.isNaN(d.getTime()) || d.getUTCFullYear() < 1900 || d.getUTCFullYear() > 2099) {
    problems.push(`${name}: phải là ngày giờ ISO 8601 (vd. 2026-07-15T00:00:00+07:00) / must be an ISO 8601 datetime`);
    return undefined;
  }
  return d;
}

function present(r: Row, fields: Map<string, string>): Item {
  const closed = CLOSED_STATES.includes(r.state);
  const label = STATE_LABELS[r.state] ?? r.state;
  return {
    service_request_id: r.code,
    status: closed ? 'closed' : 'open',
    status_notes: r.forwarded ? `${label} (đơn đã được chuyển đến ${r.agency_name})` : label,
    service_name: fields.get(r.service_code) ?? r.service_code,
    service_code: r.service_code,
    description: redact(r.content, [r.petitioner_name]),
    agency_responsible: r.agency_name,
    service_notice: '',
    requested_datetime: vietnamIso(new Date(r.created_at)),
    updated_datetime: vietnamIso(new Date(r.updated_at)),
    expected_datetime: deadlineIso(r.due_on),
    address: r.address_string,
    address_id: r.address_id,
    zipcode: r.zipcode,
    lat: r.lat === null ? null : Number(r.lat),
    long: r.long === null ? null : Number(r.long),
    media_url: r.media_url,
    /** Non-standard (as mySociety's): DânVận's own state code. */
    extended_status: r.state,
  };
}

/** The requests matching the query, each at the agency now responsible (the end of its forwarding chain). */
async function query(ctx: AppContext, where: SQL, status: 'open' | 'closed' | null, limit: number, offset: number): Promise<Row[]> {
  const closed = sql.join(CLOSED_STATES.map((st) => sql`${st}`), sql`, `);
  const statusCondition = status === 'closed' ? sql`c.state in (${closed})` : status === 'open' ? sql`c.state not in (${closed})` : sql`true`;
  return queryRows<Row>(ctx.db, sql`
    with recursive chain(request_id, case_id, depth) as (
      select r.id, r.case_id, 0 from open311_requests r join cases o on o.id = r.case_id where ${where}
      union all
      select chain.request_id, c.forwarded_to_id, chain.depth + 1
        from chain join cases c on c.id = chain.case_id
       where c.forwarded_to_id is not null and chain.depth < 10
    ),
    latest as (select distinct on (request_id) request_id, case_id, depth from chain order by request_id, depth desc)
    select o.code, r.service_code, r.created_at, r.lat, r.long, r.address_string, r.address_id, r.zipcode, r.media_url,
           c.state, o.content, o.petitioner_name, c.due_on, c.updated_at, a.full_name as agency_name, latest.depth > 0 as forwarded
      from latest
      join open311_requests r on r.id = latest.request_id
      join cases o on o.id = r.case_id
      join cases c on c.id = latest.case_id
      join agencies a on a.id = c.agency_id
     where ${statusCondition}
     order by r.created_at desc, r.id
     limit ${limit} offset ${offset}`);
}

export async function listRequests(ctx: AppContext, q: ListQuery): Promise<Item[]> {
  const problems: string[] = [];
  const agency = await jurisdiction(ctx, q.jurisdiction_id);
  const conditions = [sql`true`];
  if (agency) conditions.push(sql`(r.agency_path = ${agency.path} or r.agency_path like ${`${agency.path}/%`})`);
  if (q.service_request_id) {
    const ids = q.service_request_id.split(',').map((s) => s.trim()).filter(Boolean).slice(0, MAX_PAGE);
    conditions.push(sql`o.code in (${sql.join(ids.map((i) => sql`${i}`), sql`, `)})`);
  } else {
    // The spec's default window: the last 90 days; a window given may not span more.
    let start = instant(q.start_date, 'start_date', problems);
    let end = instant(q.end_date, 'end_date', problems);
    if (!start && !end) {
      end = ctx.now();
      start = new Date(end.getTime() - MAX_WINDOW_DAYS * 86_400_000);
    } else if (start && !end) end = new Date(start.getTime() + MAX_WINDOW_DAYS * 86_400_000);
    else if (!start && end) start = new Date(end.getTime() - MAX_WINDOW_DAYS * 86_400_000);
    if (start && end && end.getTime() - start.getTime() > MAX_WINDOW_DAYS * 86_400_000) problems.push(`start_date, end_date: khoảng thời gian tối đa ${MAX_WINDOW_DAYS} ngày / may not span more than ${MAX_WINDOW_DAYS} days`);
    if (start && end && end < start) problems.push('end_date: phải sau start_date / must follow start_date');
    if (start) conditions.push(sql`r.created_at >= ${start.toISOString()}`);
    if (end) conditions.push(sql`r.created_at <= ${end.toISOString()}`);
  }
  if (q.service_code) {
    const codes = q.service_code.split(',').map((s) => s.trim()).filter(Boolean).slice(0, 100);
    conditions.push(sql`r.service_code in (${sql.join(codes.map((c) => sql`${c}`), sql`, `)})`);
  }
  let statuses: string[] = [];
  if (q.status) {
    statuses = q.status.split(',').map((s) => s.trim().toLowerCase()).filter(Boolean);
    if (statuses.some((s) => s !== 'open' && s !== 'closed')) problems.push('status: chỉ nhận open hoặc closed / open or closed only');
  }
  if (problems.length) throw new AppErrorList(problems);
  const pageSize = Math.min(q.page_size ?? MAX_PAGE, MAX_PAGE);
  const page = Math.max(1, q.page ?? 1);
  const fields = new Map((await caseFields(ctx.db)).map((f) => [f.value, f.label]));
  const status = statuses.length === 1 ? (statuses[0] as 'open' | 'closed') : null;
  const rows = await query(ctx, sql.join(conditions, sql` and `), status, pageSize, (page - 1) * pageSize);
  return rows.map((r) => present(r, fields));
}

export async function getRequest(ctx: AppContext, id: string, jurisdictionId: string | undefined): Promise<Item> {
  const agency = await jurisdiction(ctx, jurisdictionId);
  const conditions = [sql`o.code = ${id}`];
  if (agency) conditions.push(sql`(r.agency_path = ${agency.path} or r.agency_path like ${`${agency.path}/%`})`);
  const [row] = await query(ctx, sql.join(conditions, sql` and `), null, 1, 0);
  if (!row) throw open311Error(404, `Không có yêu cầu (service_request_id) «${id}» / unknown service_request_id`);
  const fields = new Map((await caseFields(ctx.db)).map((f) => [f.value, f.label]));
  return present(row, fields);
}

