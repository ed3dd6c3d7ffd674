/**
 * The columns a workflow step changes on a case, apart from its clock: one pure function shared by the use case
 * (transition-case.ts) and the national generator's in-memory use cases (seed-national/use-cases.ts), so the two
 * cannot drift (the generator's `--exact` test compares their rows column by column).
 */
import type { CaseKind, Transition } from '@danvan/domain/workflow';
import type { cases } from '../../db/schema.ts';
import type { TransitionInput } from './transition-case.ts';

type CaseRow = typeof cases.$inferSelect;
/** Select-row columns: a patch applies to a row in memory (the generator) and to `update().set()` alike. */
export type CasePatch = Partial<CaseRow>;

/** The complexity the step sets (a complexity chosen with the step), else the case's own. */
export function complexityFlags(c: CaseRow, input?: TransitionInput): { complex: boolean; especiallyComplex: boolean } {
  if (!input?.complexity) return { complex: c.clockComplex, especiallyComplex: c.clockEspeciallyComplex };
  return { complex: input.complexity !== 'normal', especiallyComplex: input.complexity === 'especially-complex' };
}

export interface StepPatch {
  patch: CasePatch;
  flags: { complex: boolean; especiallyComplex: boolean };
  /** A denunciation withdrawn while a violation is indicated goes on (ND 31/2019 Art. 4 as amended): no stop. */
  continuesAfterWithdrawal: boolean;
  /** Leaving `received` without a new clock (a feedback taken up for handling) meets the processing deadline. */
  processed: boolean;
}

/** State, dates, jurisdiction, outcome and reason of step `t` taken on day `on`; `chasedAgencyId` for a chase. */
export function stepPatch(c: CaseRow, kind: CaseKind, t: Transition, input: TransitionInput, on: string, now: Date, chasedAgencyId: string | null): StepPatch {
  const flags = complexityFlags(c, input);
  const continuesAfterWithdrawal = input.action === 'withdraw' && kind === 'denunciation' && input.violationIndicated === true;
  const patch: CasePatch = { state: t.to, updatedAt: now, clockComplex: flags.complex, clockEspeciallyComplex: flags.especiallyComplex };
  switch (input.action) {
    case 'accept':
      patch.acceptedOn = on;
      patch.jurisdiction = 'own';
      break;
    case 'forward':
      patch.jurisdiction = 'forwarded';
      patch.closedOn = on;
      break;
    case 'chase':
      patch.jurisdiction = 'chased';
      patch.chasedAgencyId = chasedAgencyId;
      patch.closedOn = on;
      break;
    case 'guide':
    case 'return-documents':
    case 'archive':
      patch.jurisdiction = input.action === 'guide' ? 'guided' : input.action === 'archive' ? 'archived' : 'returned';
      patch.reason = input.reason ?? null;
      patch.closedOn = on;
      break;
    case 'hold-dialogue':
      patch.dialogueHeld = true;
      break;
    case 'suspend':
      patch.suspendedFromState = c.state;
      patch.suspendedOn = on;
      patch.reason = input.reason ?? null;
      patch.dueOn = null; // the clock stands still; its inputs stay on the row for `resume`
      break;
    case 'resume':
      patch.state = c.suspendedFromState ?? 'accepted';
      patch.suspendedFromState = null;
      patch.suspendedOn = null;
      break;
    case 'withdraw':
    case 'terminate':
      if (continuesAfterWithdrawal) {
        patch.state = c.state;
      } else {
        patch.outcome = input.action === 'withdraw' ? 'withdrawn' : 'terminated';
        patch.decidedOn = on;
        patch.reason = input.reason ?? null;
      }
      break;
    case 'close':
      patch.closedOn = on;
      break;
  }
  if (t.needs?.includes('outcome')) {
    patch.outcome = input.outcome ?? null;
    patch.decidedOn = on;
  }
  // Reports (03/GQKN, 04/GQTC): on time or late is judged against the deadline in force when resolved.
  if (patch.decidedOn) patch.dueAtDecision = c.dueOn;
  const processed = c.dueRule === 'petition.process' && c.state === 'received';
  return { patch, flags, continuesAfterWithdrawal, processed };
}
