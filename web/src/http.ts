/**
 * The one way the app talks to the API. The session is the httpOnly cookie `danvan_session`,
 * so requests only need `credentials: 'same-origin'`.
 */
import { useCallback, useEffect, useState, useSyncExternalStore } from 'react';

export interface FieldError {
  field: string;
  message: string;
}

/** Every API error body: `{ statusCode, error, message, details? }`, message in Vietnamese. */
export interface ApiErrorBody {
  statusCode: number;
  error: string;
  message: string;
  /** Field errors for 400s; an object (e.g. `{ allowedActions }` on a 409) elsewhere. */
  details?: FieldError[] | Record<string, unknown>;
  /** Some errors carry more context next to `details` (the server spreads it at the top level). */
  [extra: string]: unknown;
}

export class ApiError extends Error {
  readonly status: number;
  readonly body: ApiErrorBody | null;

  constructor(status: number, body: ApiErrorBody | null) {
    super(body?.message ?? `HTTP ${status}`);
    this.name = 'ApiError';
    this.status = status;
    this.body = body;
  }

  /** Field errors when the server sent them, else []. */
  get fieldErrors(): FieldError[] {
    const d = this.body?.details;
    return Array.isArray(d) ? d.filter(isFieldError) : [];
  }
}

/** Thrown when the server cannot be reached at all. */
export class NetworkError extends Error {
  constructor(cause: unknown) {
    super('network', { cause });
    this.name = 'NetworkError';
  }
}

function isFieldError(x: unknown): x is FieldError {
  return typeof x === 'object' && x !== null && typeof (x as FieldError).field === 'string' && typeof (x as FieldError).message === 'string';
}

function isErrorBody(x: unknown): x is ApiErrorBody {
  return typeof x === 'object' && x !== null && typeof (x as ApiErrorBody).message === 'string';
}

let language = 'vi';
const languageListeners = new Set<() => void>();
/** The server words its messages (errors, summaries) in the language the request asks for. */
export function setApiLanguage(lang: string): void {
  if (lang === language) return;
  language = lang;
  for (const l of languageListeners) l();
}
function subscribeLanguage(listener: () => void): () => void {
  languageListeners.add(listener);
  return () => languageListeners.delete(listener);
}

let onUnauthorized: (() => void) | null = null;
/** The session layer registers here to learn that a request came back 401 (session expired). */
export function setUnauthorizedHandler(handler: (() => void) | null): void {
  onUnauthorized = handler;
}

export type Query = Record<string, string | number | undefined | null>;

export function withQuery(path: string, query: Query = {}): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

interface RequestOptions {
  body?: unknown;
  /** Do not treat a 401 as an expired session (login and session restore). */
  expectUnauthorized?: boolean;
}

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export async function apiFetch<T>(method: HttpMethod, path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', 'accept-language': language };
  const init: RequestInit = { method, credentials: 'same-origin', headers };
  if (options.body !== undefined) {
    headers['content-type'] = 'application/json';
    init.body = JSON.stringify(options.body);
  }
  let res: Response;
  try {
    res = await fetch(`/api/v1${path}`, init);
  } catch (err) {
    throw new NetworkError(err);
  }
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  let json: unknown = null;
  if (text) {
    try {
      json = JSON.parse(text);
    } catch {
      json = null;
    }
  }
  if (!res.ok) {
    if (res.status === 401 && !options.expectUnauthorized) onUnauthorized?.();
    throw new ApiError(res.status, isErrorBody(json) ? json : null);
  }
  return json as T;
}

export interface ApiState<T> {
  data: T | null;
  error: unknown;
  loading: boolean;
  reload: () => void;
}

/** GET `path` whenever it (or the UI language) changes; `null` skips the request. */
export function useApi<T>(path: string | null): ApiState<T> {
  const lang = useSyncExternalStore(subscribeLanguage, () => language);
  const [state, setState] = useState<{ path: string | null; data: T | null; error: unknown; loading: boolean }>({
    path: null,
    data: null,
    error: null,
    loading: path !== null,
  });
  const [tick, setTick] = useState(0);
  const reload = useCallback(() => setTick((n) => n + 1), []);

  useEffect(() => {
    if (path === null) return;
    let live = true;
    setState((s) => ({ ...s, loading: true, error: null }));
    apiFetch<T>('GET', path).then(
      (data) => live && setState({ path, data, error: null, loading: false }),
      (error: unknown) => live && setState({ path, data: null, error, loading: false }),
    );
    return () => {
      live = false;
    };
  }, [path, tick, lang]);

  return { data: state.data, error: state.error, loading: state.loading, reload };
}
