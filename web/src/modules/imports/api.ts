/**
 * The import API (modules/imports on the server): previewRegisterImport, previewCaseImport, importReceptionRegister
 * and importCases take the raw file as the request body; XMLHttpRequest for the upload progress. A rejected import
 * (mode all, bad rows) answers 400 with the report beside the message: returned as a report, not thrown.
 */
import { ApiError, NetworkError, apiFetch, withQuery } from '../../http.ts';
import type { ApiErrorBody } from '../../http.ts';
import type { Ok } from '../../api/types.ts';

/** The server's own progress of a running preview or import (reading, checking every row, writing). */
export type ServerProgress = Ok<'getImportProgress'>;

export type ImportTarget = 'register' | 'cases';
export type ImportMode = 'all' | 'valid-only';

export interface RowIssue {
  row: number;
  column: string;
  header: string;
  message: string;
}

export interface MappingColumn {
  letter: string;
  header: string;
  field: string;
  fieldLabel: string;
  proposed: string;
  confidence: number;
}

export interface Preview {
  headerRows: number[];
  firstDataRow: number;
  columns: MappingColumn[];
  fields: { key: string; label: string; required: boolean }[];
  mapping: Record<string, string>;
  mappingSource: 'request' | 'template' | 'proposal';
  mappingProblems: string[];
  templateSaved: boolean;
  encoding: string | null;
  total: number;
  valid: number;
  invalid: number;
  errors: RowIssue[];
  warnings: RowIssue[];
  errorFile: string;
  rows: { row: number; cells?: Record<string, string>; kind?: string; stateLabel?: string; receivedOn?: string; dueOn?: string | null; overdue?: boolean }[];
}

export interface ImportResult {
  status: string;
  total: number;
  valid: number;
  invalid: number;
  imported: number;
  importId: string | null;
  errors: RowIssue[];
  warnings: RowIssue[];
  errorFile?: string;
}

const CSV = 'text/csv';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Uploads the file; `progressId` names the request so that the page can follow the server's work. */
function send<T>(url: string, file: File, lang: string, onUpload: (f: number) => void, progressId: string | null, rejected?: (body: ApiErrorBody & Partial<ImportResult>) => T | null): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/v1${url}`);
    xhr.withCredentials = true;
    if (progressId) xhr.setRequestHeader('x-progress-id', progressId);
    xhr.setRequestHeader('content-type', file.name.toLowerCase().endsWith('.csv') ? CSV : XLSX);
    xhr.setRequestHeader('accept', 'application/json');
    xhr.setRequestHeader('accept-language', lang);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && e.total > 0) onUpload(e.loaded / e.total);
    };
    xhr.upload.onload = () => onUpload(1);
    xhr.onerror = () => reject(new NetworkError(new Error('upload failed')));
    xhr.onload = () => {
      let body: unknown = null;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        body = null;
      }
      if (xhr.status >= 200 && xhr.status < 300) return resolve(body as T);
      const err = body as (ApiErrorBody & Partial<ImportResult>) | null;
      const r = err && rejected ? rejected(err) : null;
      if (r) return resolve(r);
      reject(new ApiError(xhr.status, err));
    };
    xhr.send(file);
  });
}

export function previewImport(target: ImportTarget, agency: string, file: File, mapping: Record<string, string> | null, saveTemplate: boolean, lang: string, onUpload: (f: number) => void, progressId: string | null = null): Promise<Preview> {
  const query: Record<string, string> = { agency };
  if (mapping) query.mapping = JSON.stringify(mapping);
  if (saveTemplate) query.saveTemplate = 'true';
  return send<Preview>(withQuery(`/imports/${target}/preview`, query), file, lang, onUpload, progressId);
}

export function runImport(target: ImportTarget, agency: string, file: File, mapping: Record<string, string>, mode: ImportMode, lang: string, onUpload: (f: number) => void, progressId: string | null = null): Promise<ImportResult> {
  const url = withQuery(target === 'register' ? '/reception-register/import' : '/imports/cases', { agency, mode, mapping: JSON.stringify(mapping) });
  return send<ImportResult>(url, file, lang, onUpload, progressId, (b) => (Array.isArray(b.errors) ? { status: 'rejected', total: b.total ?? 0, valid: b.valid ?? 0, invalid: b.invalid ?? 0, imported: 0, importId: null, errors: b.errors, warnings: b.warnings ?? [], ...(b.errorFile ? { errorFile: b.errorFile } : {}) } : null));
}

/** getImportProgress: null while the server has not started (or the poll reached another process). */
export async function importProgress(id: string): Promise<ServerProgress | null> {
  try {
    return await apiFetch<ServerProgress>('GET', `/imports/progress/${id}`);
  } catch (err) {
    if (err instanceof ApiError && err.status === 404) return null;
    throw err;
  }
}

export function undoImport(id: string): Promise<{ removed: number }> {
  return apiFetch<{ removed: number }>('POST', `/imports/${id}/undo`);
}
