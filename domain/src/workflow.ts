/**
 * Case workflows as transition tables, one per kind (STYLE.md pattern 5). The server enforces exactly these
 * rows and the web app shows the allowed actions from the same table.
 * Each row: from-states, action, next state, roles allowed to act, required fields, clock effect, citation.
 */
import type { Role } from './roles.ts';

export const CASE_KINDS = ['complaint', 'denunciation', 'feedback'] as const;
export type CaseKind = (typeof CASE_KINDS)[number];

export interface Outcome {
  value: string;
  label: string;
}

export interface ClockEffect {
  /** Start (or restart) the deadline of this rule key, counted from the action's date. */
  start?: string;
  /** The case is resolved: no running deadline. */
  stop?: boolean;
}

export interface Transition {
  action: string;
  label: string;
  from: readonly string[];
  to: string;
  roles: readonly Role[];
  needs?: readonly 'outcome'[];
  outcomes?: readonly Outcome[];
  clock?: ClockEffect;
  citation: string;
}

export const STATE_LABELS: Record<string, string> = {
  received: 'Đã tiếp nhận',
  accepted: 'Đã thụ lý',
  decided: 'Đã giải quyết',
  closed: 'Đã kết thúc',
};

const COMPLAINT_OUTCOMES: Outcome[] = [
  { value: 'right', label: 'Khiếu nại đúng' },
  { value: 'partly-right', label: 'Khiếu nại đúng một phần' },
  { value: 'wrong', label: 'Khiếu nại sai' },
];
const DENUNCIATION_OUTCOMES: Outcome[] = [
  { value: 'right', label: 'Tố cáo đúng' },
  { value: 'partly-right', label: 'Tố cáo đúng một phần' },
  { value: 'untrue', label: 'Tố cáo sai sự thật' },
];
const FEEDBACK_OUTCOMES: Outcome[] = [{ value: 'answered', label: 'Đã trả lời' }];

const close = (citation: string): Transition => ({
  action: 'close',
  label: 'Kết thúc hồ sơ',
  from: ['decided'],
  to: 'closed',
  roles: ['handler', 'head'],
  citation,
});

export const WORKFLOWS: Record<CaseKind, readonly Transition[]> = {
  complaint: [
    {
      action: 'accept',
      label: 'Thụ lý',
      from: ['received'],
      to: 'accepted',
      roles: ['handler', 'head'],
      clock: { start: 'complaint.first' },
      citation: 'Điều 27 Luật Khiếu nại 2011; Điều 16 Nghị định 124/2020/NĐ-CP (sửa đổi bởi Nghị định 155/2026/NĐ-CP)',
    },
    {
      action: 'decide',
      label: 'Ra quyết định giải quyết',
      from: ['accepted'],
      to: 'decided',
      roles: ['head'],
      needs: ['outcome'],
      outcomes: COMPLAINT_OUTCOMES,
      clock: { stop: true },
      citation: 'Điều 31 Luật Khiếu nại 2011',
    },
    close('Điều 44 Luật Khiếu nại 2011'),
  ],
  denunciation: [
    {
      action: 'accept',
      label: 'Thụ lý tố cáo',
      from: ['received'],
      to: 'accepted',
      roles: ['handler', 'head'],
      clock: { start: 'denunciation.resolve' },
      citation: 'Điều 29 Luật Tố cáo 2018',
    },
    {
      action: 'decide',
      label: 'Kết luận nội dung tố cáo',
      from: ['accepted'],
      to: 'decided',
      roles: ['head'],
      needs: ['outcome'],
      outcomes: DENUNCIATION_OUTCOMES,
      clock: { stop: true },
      citation: 'Điều 35 Luật Tố cáo 2018',
    },
    close('Điều 40 Luật Tố cáo 2018'),
  ],
  feedback: [
    {
      action: 'accept',
      label: 'Tiếp nhận xử lý',
      from: ['received'],
      to: 'accepted',
      roles: ['handler', 'head'],
      citation: 'Điều 9 Nghị định 20/2008/NĐ-CP',
    },
    {
      action: 'decide',
      label: 'Trả lời kiến nghị, phản ánh',
      from: ['accepted'],
      to: 'decided',
      roles: ['handler', 'head'],
      needs: ['outcome'],
      outcomes: FEEDBACK_OUTCOMES,
      clock: { stop: true },
      citation: 'Điều 14–15 Nghị định 20/2008/NĐ-CP',
    },
    close('Điều 15 Nghị định 20/2008/NĐ-CP'),
  ],
};

export function isCaseKind(v: string): v is CaseKind {
  return (CASE_KINDS as readonly string[]).includes(v);
}

/** Transitions possible from `state` for this kind, regardless of who acts. */
export function transitionsFrom(kind: CaseKind, state: string): Transition[] {
  return WORKFLOWS[kind].filter((t) => t.from.includes(state));
}

/** Transitions `roles` may perform from `state`. */
export function allowedTransitions(kind: CaseKind, state: string, roles: ReadonlySet<Role>): Transition[] {
  return transitionsFrom(kind, state).filter((t) => t.roles.some((r) => roles.has(r)));
}

export type TransitionCheck =
  | { ok: true; transition: Transition }
  | { ok: false; reason: 'not-allowed-in-state' | 'role' | 'outcome-required' | 'outcome-invalid'; allowed: string[] };

export function checkTransition(kind: CaseKind, state: string, action: string, roles: ReadonlySet<Role>, outcome?: string): TransitionCheck {
  const possible = transitionsFrom(kind, state);
  const t = possible.find((p) => p.action === action);
  const allowed = allowedTransitions(kind, state, roles).map((p) => p.action);
  if (!t) return { ok: false, reason: 'not-allowed-in-state', allowed };
  if (!t.roles.some((r) => roles.has(r))) return { ok: false, reason: 'role', allowed };
  if (t.needs?.includes('outcome')) {
    if (!outcome) return { ok: false, reason: 'outcome-required', allowed };
    if (!t.outcomes?.some((o) => o.value === outcome)) return { ok: false, reason: 'outcome-invalid', allowed };
  }
  return { ok: true, transition: t };
}

/** A case counts as resolved (for the settlement rate) once decided (or closed after a decision). */
export const RESOLVED_STATES: readonly string[] = ['decided', 'closed'];
