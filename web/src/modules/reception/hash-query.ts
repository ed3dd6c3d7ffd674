/**
 * Query parameters of the hash route ("#/reception?session=…"): the app's router keeps only the path, so the
 * reception pages read their few parameters here.
 */
import { useSyncExternalStore } from 'react';

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

function currentQuery(): string {
  const hash = window.location.hash;
  const i = hash.indexOf('?');
  return i >= 0 ? hash.slice(i + 1) : '';
}

/** One parameter of the current hash route, or null. */
export function useHashParam(name: string): string | null {
  const query = useSyncExternalStore(subscribe, currentQuery, () => '');
  return new URLSearchParams(query).get(name);
}

/** "/reception" + { session: "…" } → "/reception?session=…" (empty values left out). */
export function pathWithParams(path: string, params: Record<string, string | null | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v) q.set(k, v);
  const s = q.toString();
  return s ? `${path}?${s}` : path;
}
