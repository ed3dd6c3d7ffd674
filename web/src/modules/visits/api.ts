import { apiFetch } from '../../http.ts';
import type { CaseKind } from '../cases/api.ts';

export interface NewVisit {
  agency: string;
  visitedOn?: string;
  citizen: { name: string; idNumber: string; address: string; phone?: string };
  content: string;
  type: CaseKind;
  peopleCount?: number;
}

export interface RecordedVisit {
  visit: { id: string | number; agencyCode: string; visitedOn: string; peopleCount: number };
  case: { id: string | number; code: string; kind: CaseKind; state: string };
}

export function recordVisit(body: NewVisit): Promise<RecordedVisit> {
  return apiFetch<RecordedVisit>('POST', '/visits', { body });
}
