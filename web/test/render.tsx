import type { ReactNode } from 'react';
import { render } from '@testing-library/react';
import { vi } from 'vitest';
import { I18nProvider } from '../src/i18n/i18n.tsx';

/** Renders inside the app's i18n provider (Vietnamese, the default language). */
export function renderVi(ui: ReactNode) {
  localStorage.removeItem('danvan.lang');
  return render(<I18nProvider>{ui}</I18nProvider>);
}

export interface SentRequest {
  method: string;
  url: string;
  body: unknown;
}

/** Replaces fetch: records each request the component sends and answers with `reply(request)` → [status, json]. */
export function answerApi(reply: (req: SentRequest) => [number, unknown]): SentRequest[] {
  const sent: SentRequest[] = [];
  vi.stubGlobal('fetch', async (url: string, init: RequestInit = {}) => {
    const req: SentRequest = { method: init.method ?? 'GET', url, body: init.body ? JSON.parse(String(init.body)) : undefined };
    sent.push(req);
    const [status, json] = reply(req);
    return new Response(status === 204 ? null : JSON.stringify(json), { status, headers: { 'content-type': 'application/json' } });
  });
  return sent;
}
