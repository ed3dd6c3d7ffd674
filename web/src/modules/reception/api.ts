/**
 * Reception (tiếp công dân) API: sessions, bookings, visits, the register (Mẫu 03/TCD) with its Excel export and
 * import, and the head's reception compliance. Shapes follow the server's openapi.json (operationIds in comments).
 */
import { ApiError, NetworkError, apiFetch, withQuery } from '../../http.ts';
import type { ApiErrorBody } from '../../http.ts';
import type { CaseKind } from '../cases/api.ts';
import type { IdType, RefusalGroundCode, VisitOutcome } from '@danvan/domain/reception/visits';
import type { SessionKind } from '@danvan/domain/reception/sessions';
import type { BookingStatus } from '@danvan/domain/reception/booking';

export type { IdType, RefusalGroundCode, VisitOutcome, SessionKind, BookingStatus };

// ---- Sessions -----------------------------------------------------------------------------------------------

export interface ReceptionSession {
  id: string;
  agencyCode: string;
  agencyName: string;
  kind: SessionKind;
  kindLabel: string;
  heldOn: string;
  startTime: string | null;
  endTime: string | null;
  location: string | null;
  host: { userId: string | null; name: string | null; title: string | null } | null;
  delegatedTo: { userId: string | null; name: string | null; title: string | null; reason: string | null } | null;
  noticeOn: string | null;
  onlineLink: string | null;
  recordingRef: string | null;
  capacity: number | null;
  status: 'scheduled' | 'closed' | 'cancelled';
  statusLabel: string;
  summary: string | null;
  closedAt: string | null;
  visits: number;
  people: number;
  bookings: number;
}

/** listReceptionSessions: the sessions of one agency (not its subtree) held between two dates. */
export function sessionsPath(agency: string, from: string, to: string): string {
  return withQuery('/reception-sessions', { agency, from, to });
}

export function sessionPath(id: string): string {
  return `/reception-sessions/${encodeURIComponent(id)}`;
}

/** createReceptionSession for today's regular desk: idempotent — an open one is returned (`created: false`). */
export function openRegularSession(agency: string): Promise<{ session: ReceptionSession; created: boolean }> {
  return apiFetch('POST', '/reception-sessions', { body: { agency, kind: 'regular' } });
}

/** closeReceptionSession: the session was held; it ends (a head session then counts as a held day). */
export function closeSession(id: string, summary?: string): Promise<{ session: ReceptionSession }> {
  return apiFetch('POST', `${sessionPath(id)}/close`, { body: summary ? { summary } : {} });
}

// ---- Bookings -----------------------------------------------------------------------------------------------

export interface Booking {
  id: string;
  sessionId: string;
  code: string;
  queueNumber: number;
  name: string;
  /** null when the booking is linked to a denunciation (identity sealed). */
  phone: string | null;
  identitySealed: boolean;
  content: string;
  status: BookingStatus;
  statusLabel: string;
  visitId: string | null;
  createdAt: string;
}

/** listReceptionBookings of one session (in queue order). */
export function bookingsPath(sessionId: string): string {
  return withQuery('/reception-bookings', { sessionId });
}

/** updateReceptionBooking: arrived (optionally with the visit) or no-show. */
export function setBookingStatus(id: string, status: 'arrived' | 'no-show'): Promise<{ booking: Booking }> {
  return apiFetch('POST', `/reception-bookings/${encodeURIComponent(id)}/status`, { body: { status } });
}

// ---- Visits -------------------------------------------------------------------------------------------------

export interface Person {
  name: string;
  idType?: IdType;
  idNumber: string;
  address: string;
}

/** recordVisit's body (VisitBody in the openapi). */
export interface VisitInput {
  agency: string;
  sessionId?: string;
  bookingId?: string;
  visitedOn?: string;
  citizen: Person & { phone?: string };
  content: string;
  type: CaseKind;
  peopleCount?: number;
  representatives?: Person[];
  caseId?: string;
  priorAgencies?: string;
  outcome: VisitOutcome;
  guidance?: { documentNo: string; to?: string };
  transfer?: { agency: string; documentNo: string };
  refusal?: { ground: RefusalGroundCode };
  documents?: { title: string; pages?: number; original?: boolean }[];
  notes?: string;
  identityProtectionWaived?: boolean;
}

/** VisitOut: one visit as the lists and the register know it (a denunciation's identity never appears). */
export interface Visit {
  id: string;
  agencyCode: string;
  visitedOn: string;
  sessionId: string | null;
  citizenName: string | null;
  kind: CaseKind;
  content: string;
  peopleCount: number;
  isDelegation: boolean;
  representativesCount: number | null;
  isRepeat: boolean;
  caseId: string | null;
  caseCode: string | null;
  outcome: VisitOutcome;
  outcomeLabel: string;
  withinJurisdiction: boolean | null;
  priorAgencies: string | null;
  guidanceDocNo: string | null;
  guidedTo: string | null;
  forwardedTo: string | null;
  transferDocNo: string | null;
  refusal: { ground: string; label: string; citation: string } | null;
  resultFollowUp: string | null;
  notes: string | null;
  noticeDueOn: string | null;
  noticeSentOn: string | null;
  noticeOutcome: string | null;
  noticeOutcomeLabel: string | null;
  source: string;
}

export interface RecordedVisit {
  visit: Visit;
  case: { id: string; code: string; kind: CaseKind; state: string } | null;
}

export function recordVisit(body: VisitInput): Promise<RecordedVisit> {
  return apiFetch<RecordedVisit>('POST', '/visits', { body });
}

export interface VisitPage {
  total: number;
  items: Visit[];
}

/** listVisits of one session, newest first. */
export function sessionVisitsPath(sessionId: string): string {
  return withQuery('/visits', { sessionId, limit: 500 });
}

/** listVisits: the earlier visits of one person (by personal ID / passport number), to link a repeat visit. */
export function visitsByIdNumber(idNumber: string): Promise<VisitPage> {
  return apiFetch<VisitPage>('GET', withQuery('/visits', { idNumber, limit: 50 }));
}

/** getVisitReceipt: the printable receipt page (Mẫu 02/TCD), opened in its own tab. */
export function receiptUrl(visitId: string): string {
  return `/api/v1/visits/${encodeURIComponent(visitId)}/receipt`;
}

// ---- The register (sổ tiếp công dân, Mẫu 03/TCD) -----------------------------------------------------------

export interface RegisterView {
  agency: { code: string; name: string };
  from: string;
  to: string;
  columns: { key: string; header: string }[];
  rows: { visitId: string; caseId: string | null; cells: Record<string, string> }[];
}

export function registerPath(agency: string, from: string, to: string): string {
  return withQuery('/reception-register', { agency, from, to });
}

/** How the browser reads the server's error body for a non-JSON request (download, upload). */
function errorFrom(status: number, text: string): ApiError {
  let body: ApiErrorBody | null = null;
  try {
    const json: unknown = JSON.parse(text);
    if (typeof json === 'object' && json !== null && typeof (json as ApiErrorBody).message === 'string') body = json as ApiErrorBody;
  } catch {
    body = null;
  }
  return new ApiError(status, body);
}

function fileNameFrom(disposition: string | null, fallback: string): string {
  const m = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition ?? '');
  return m?.[1] ? decodeURIComponent(m[1]) : fallback;
}

/** exportReceptionRegister: fetches the .xlsx and hands it to the browser as a download. */
export async function downloadRegister(agency: string, from: string, to: string, lang: string): Promise<{ fileName: string; rows: number }> {
  const url = `/api/v1${withQuery('/reception-register/export', { agency, from, to })}`;
  let res: Response;
  try {
    res = await fetch(url, { credentials: 'same-origin', headers: { 'accept-language': lang } });
  } catch (err) {
    throw new NetworkError(err);
  }
  if (!res.ok) throw errorFrom(res.status, await res.text());
  const blob = await res.blob();
  const fileName = fileNameFrom(res.headers.get('content-disposition'), `so-tiep-cong-dan-${agency}-${from}-${to}.xlsx`);
  const href = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = href;
  a.download = fileName;
  a.style.display = 'none';
  document.body.append(a);
  a.click();
  a.remove();
  // Give the browser time to start the download before the object URL goes.
  window.setTimeout(() => URL.revokeObjectURL(href), 60_000);
  return { fileName, rows: Number(res.headers.get('x-register-rows') ?? '0') };
}

export type ImportMode = 'check' | 'all' | 'valid-only';

export interface RowIssue {
  /** The spreadsheet row number. */
  row: number;
  /** Column letter, A–M. */
  column: string;
  header: string;
  message: string;
  text: string;
}

export interface ImportReport {
  mode: ImportMode;
  /** checked | imported | rejected (mode all with bad rows: nothing written) */
  status: string;
  total: number;
  valid: number;
  invalid: number;
  imported: number;
  importId: string | null;
  errors: RowIssue[];
  warnings: RowIssue[];
}

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * importReceptionRegister: the raw .xlsx as the request body. XMLHttpRequest rather than fetch, for the upload
 * progress. A rejected import (mode all, bad rows) answers 400 with the report next to the message: it is
 * returned as a report, not thrown.
 */
export function importRegister(
  agency: string,
  file: Blob,
  mode: ImportMode,
  lang: string,
  onUpload: (fraction: number) => void,
): { promise: Promise<ImportReport>; abort: () => void } {
  const xhr = new XMLHttpRequest();
  const promise = new Promise<ImportReport>((resolve, reject) => {
    xhr.open('POST', `/api/v1${withQuery('/reception-register/import', { agency, mode })}`);
    xhr.withCredentials = true;
    xhr.setRequestHeader('content-type', XLSX_MIME);
    xhr.setRequestHeader('accept', 'application/json');
    xhr.setRequestHeader('accept-language', lang);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && e.total > 0) onUpload(e.loaded / e.total);
    };
    xhr.upload.onload = () => onUpload(1);
    xhr.onerror = () => reject(new NetworkError(new Error('upload failed')));
    xhr.onabort = () => reject(new NetworkError(new Error('aborted')));
    xhr.onload = () => {
      const text = xhr.responseText;
      if (xhr.status >= 200 && xhr.status < 300) {
        resolve(JSON.parse(text) as ImportReport);
        return;
      }
      const err = errorFrom(xhr.status, text);
      const body = err.body as (ApiErrorBody & Partial<ImportReport>) | null;
      if (xhr.status === 400 && body && body.status === 'rejected' && Array.isArray(body.errors)) {
        resolve({
          mode,
          status: 'rejected',
          total: body.total ?? 0,
          valid: body.valid ?? 0,
          invalid: body.invalid ?? 0,
          imported: 0,
          importId: null,
          errors: body.errors,
          warnings: body.warnings ?? [],
        });
        return;
      }
      reject(err);
    };
    xhr.send(file);
  });
  return { promise, abort: () => xhr.abort() };
}

// ---- The head's reception compliance -------------------------------------------------------------------------

export interface ComplianceRow {
  agencyCode: string;
  agencyName: string;
  level: string;
  holder: string;
  frequency: 'weekly' | 'monthly' | string;
  requirement: string;
  citation: string;
  required: number;
  heldDays: number;
  inPersonDays: number;
  delegatedDays: number;
  countedDays: number;
  compliant: boolean;
  flags: { code: string; label: string }[];
  missedPeriods: { start: string; end: string }[];
  days: { date: string; inPerson: boolean }[];
}

export interface ComplianceReport {
  agency: { code: string; name: string };
  from: string;
  to: string;
  rule: string;
  delegationBan: { effectiveFrom: string; citation: string; verified: boolean };
  total: number;
  flagged: number;
  items: ComplianceRow[];
}

export function compliancePath(agency: string, from: string, to: string, flaggedOnly: boolean): string {
  return withQuery('/reception-compliance', { agency, from, to, flaggedOnly: flaggedOnly ? 'true' : undefined, limit: 5000 });
}
