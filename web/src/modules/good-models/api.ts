import { apiFetch } from '../../http.ts';

export interface Keyed {
  key: string;
  label: string;
}
export interface Campaign {
  id: string;
  agency: { code: string; name: string };
  periodKind: 'year' | 'review';
  fromYear: number;
  toYear: number;
  title: string;
  criteria: { model: Keyed[]; exemplar: Keyed[] };
  fields: Keyed[];
  levels: (Keyed & { minPercent: number })[];
  scaleMax: number;
}
export interface Model {
  id: string;
  campaignId: string;
  campaignTitle: string;
  agency: { code: string; name: string };
  kind: 'model' | 'exemplar';
  kindLabel: string;
  field: string;
  fieldLabel: string;
  year: number;
  title: string;
  story: string;
  status: string;
  statusLabel: string;
  level: string | null;
  levelLabel: string | null;
  recognizedOn: string | null;
  returnReasons: string | null;
  replicatedFromId: string | null;
}
export interface Score {
  criterion: string;
  score: number;
  comment?: string;
}
export interface ModelDetail {
  model: Model;
  campaign: Campaign;
  evidence: { id: string; title: string; kind: string; fileName: string | null; hasPublicCopy: boolean; ref: { type: string; id: string; label: string } | null }[];
  assessments: { id: string; assessor: string; agency: string; total: number; comment: string | null }[];
  checks: { year: number; maintained: boolean; note: string | null }[];
  replications: { id: string | null; title: string; agency: string; year: number; status: string }[];
}
export interface Figures {
  registered: number;
  recognized: number;
  new: number;
  replicated: number;
  maintained: number;
  notMaintained: number;
  unchecked: number;
}

export const createCampaign = (body: unknown) => apiFetch<{ campaign: Campaign }>('POST', '/model-campaigns', { body });
export const registerModel = (body: unknown) => apiFetch<{ model: Model }>('POST', '/models', { body });
export const addEvidence = (id: string, body: unknown) => apiFetch<unknown>('POST', `/models/${id}/evidence`, { body });
export const selfAssess = (id: string, scores: Score[]) => apiFetch<{ model: Model }>('POST', `/models/${id}/self-assessment`, { body: { scores } });
export const assess = (id: string, scores: Score[], comment?: string) => apiFetch<{ model: Model }>('POST', `/models/${id}/assessments`, { body: { scores, ...(comment ? { comment } : {}) } });
export const decide = (id: string, body: unknown) => apiFetch<{ model: Model }>('POST', `/models/${id}/decision`, { body });
export const checkModel = (id: string, body: unknown) => apiFetch<unknown>('POST', `/models/${id}/checks`, { body });
export const replicate = (id: string, body: unknown) => apiFetch<{ model: Model }>('POST', `/models/${id}/replications`, { body });

/** The file as base64 (without the data: prefix). */
export function fileToBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const r = new FileReader();
    r.onload = () => resolve(String(r.result).replace(/^data:[^,]*,/, ''));
    r.onerror = () => reject(r.error ?? new Error('read'));
    r.readAsDataURL(file);
  });
}
