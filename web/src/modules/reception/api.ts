/**
 * Reception (tiếp công dân) API: sessions, bookings, visits, the register (Mẫu 03/TCD) with its Excel export and
 * import, and the head's reception compliance. Shapes are read from the server's OpenAPI document by operationId (ADR 0012).
 */
import { ApiError, NetworkError, apiFetch, withQuery } from '../../http.ts';
import type { ApiErrorBody } from '../../http.ts';
import type { Body, Ok } from '../../api/types.ts';
import type { IdType, RefusalGroundCode, VisitOutcome } from '@danvan/domain/reception/visits';

export type { IdType, RefusalGroundCode, VisitOutcome };

// ---- Sessions -----------------------------------------------------------------------------------------------

export type ReceptionSession = Ok<'getReceptionSession'>['session'];

/** listReceptionSessions: the sessions of one agency (not its subtree) held between two dates. */
export function sessionsPath(agency: string, from: string, to: string): string {
  return withQuery('/reception-sessions', { agency, from, to });
}

export function sessionPath(id: string): string {
  return `/reception-sessions/${encodeURIComponent(id)}`;
}

/** createReceptionSession for today's regular desk: idempotent — an open one is returned (`created: false`). */
export function openRegularSession(agency: string): Promise<Ok<'createReceptionSession'>> {
  return apiFetch('POST', '/reception-sessions', { body: { agency, kind: 'regular' } });
}

/** closeReceptionSession: the session was held; it ends (a head session then counts as a held day). */
export function closeSession(id: string, summary?: string): Promise<Ok<'closeReceptionSession'>> {
  return apiFetch('POST', `${sessionPath(id)}/close`, { body: summary ? { summary } : {} });
}

// ---- Bookings -----------------------------------------------------------------------------------------------

/** A booking; `phone` is null when it is linked to a denunciation (identity sealed). */
export type Booking = Ok<'listReceptionBookings'>['items'][number];

/** listReceptionBookings of one session (in queue order). */
export function bookingsPath(sessionId: string): string {
  return withQuery('/reception-bookings', { sessionId });
}

/** updateReceptionBooking: arrived (optionally with the visit) or no-show. */
export function setBookingStatus(id: string, status: 'arrived' | 'no-show'): Promise<Ok<'updateReceptionBooking'>> {
  return apiFetch('POST', `/reception-bookings/${encodeURIComponent(id)}/status`, { body: { status } });
}

// ---- Visits -------------------------------------------------------------------------------------------------

/** recordVisit's body (VisitBody in the openapi). */
export type VisitInput = Body<'recordVisit'>;
export type Person = NonNullable<VisitInput['representatives']>[number];

/** VisitOut: one visit as the lists and the register know it (a denunciation's identity never appears). */
export type Visit = VisitPage['items'][number];

export type RecordedVisit = Ok<'recordVisit'>;

export function recordVisit(body: VisitInput): Promise<RecordedVisit> {
  return apiFetch<RecordedVisit>('POST', '/visits', { body });
}

export type VisitPage = Ok<'listVisits'>;

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

export type RegisterView = Ok<'listReceptionRegister'>;

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

/** importReceptionRegister's answer: status checked | imported | rejected (mode all with bad rows: nothing written). */
export type ImportReport = Ok<'importReceptionRegister'>;
/** A spreadsheet row number, its column letter (A–M) and header, the message and the cell text. */
export type RowIssue = ImportReport['errors'][number];

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

export type ComplianceReport = Ok<'getReceptionCompliance'>;
export type ComplianceRow = ComplianceReport['items'][number];

export function compliancePath(agency: string, from: string, to: string, flaggedOnly: boolean): string {
  return withQuery('/reception-compliance', { agency, from, to, flaggedOnly: flaggedOnly ? 'true' : undefined, limit: 5000 });
}
