/**
 * A tiny hash router: the app is served under /app/ by the API server, and hash routes
 * need no server-side fallback. Routes look like `#/cases/42`.
 */
import { useSyncExternalStore } from 'react';
import type { AnchorHTMLAttributes, ReactNode } from 'react';

function currentPath(): string {
  const raw = window.location.hash.replace(/^#/, '');
  return raw.startsWith('/') ? raw : `/${raw}`;
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

/** The current path, e.g. "/cases/42" (query string excluded). */
export function usePath(): string {
  const path = useSyncExternalStore(subscribe, currentPath, () => '/');
  return path.split('?')[0] ?? '/';
}

export function href(path: string): string {
  return `#${path}`;
}

export function navigate(path: string, options: { replace?: boolean } = {}): void {
  if (options.replace) {
    window.location.replace(href(path));
  } else {
    window.location.hash = path;
  }
}

/** Matches "/cases/:id" against "/cases/42" → { id: "42" }; null when it does not match. */
export function matchPath(pattern: string, path: string): Record<string, string> | null {
  const want = pattern.split('/').filter(Boolean);
  const got = path.split('/').filter(Boolean);
  if (want.length !== got.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    const w = want[i] as string;
    const g = got[i] as string;
    if (w.startsWith(':')) params[w.slice(1)] = decodeURIComponent(g);
    else if (w !== g) return null;
  }
  return params;
}

type LinkProps = Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'href'> & { to: string; children: ReactNode };

export function Link({ to, children, ...rest }: LinkProps) {
  return (
    <a href={href(to)} {...rest}>
      {children}
    </a>
  );
}
