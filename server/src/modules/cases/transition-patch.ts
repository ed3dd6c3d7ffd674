/**
 * The columns a workflow step changes on a case, apart from its clock, and the facts its guards read: the pure parts
 * of the transition planner (plan-transition.ts, ADR 0025), which the use case (transition-case.ts) and the national
 * generator (tools/seed-national/use-cases.ts) both call, so the two cannot drift (the generator's `--exact` test
 * compares their rows column by column).
 */
import type { CaseFacts, CaseKind, Transition } from '@danvan/domain/workflow';
import { ClockError, type Deadline } from '@danvan/domain/clock/index';
import type { cases } from '../../db/schema.ts';
import { clockInputs, type ClockInputs } from '../clock/deadlines.ts';
import type { TransitionInput } from './transition-case.ts';

type CaseRow = typeof cases.$inferSelect;
/** Select-row columns: a patch applies to a row in memory (the generator) and to `update().set()` alike. */
export type CasePatch = Partial<CaseRow>;

/** The complexity the step sets (a complexity chosen with the step), else the case's own. */
export function complexityFlags(c: CaseRow, input?: TransitionInput): { complex: boolean; especiallyComplex: boolean } {
  // A written finding of complexity after acceptance (ND 124/2020 Art. 3a).
  if (input?.action === 'find-complex') return { complex: true, especiallyComplex: c.clockEspeciallyComplex };
  if (!input?.complexity) return { complex: c.clockComplex, especiallyComplex: c.clockEspeciallyComplex };
  return { complex: input.complexity !== 'normal', especiallyComplex: input.complexity === 'especially-complex' };
}

export interface StepPatch {
  patch: CasePatch;
  flags: { complex: boolean; especiallyComplex: boolean };
  /**
   * A withdrawal after which the case goes on (no stop): a denunciation withdrawn in part, while a violation is
   * indicated, under coercion or for money, or used to slander (Luật Tố cáo Art. 33; ND 31/2019 Art. 4(4) as
   * amended); one complainant of a group complaint while the others go on (ND 124/2020 Art. 7a).
   */
  continuesAfterWithdrawal: boolean;
  /** Leaving `received` without a new clock (a feedback taken up for handling) meets the processing deadline. */
  processed: boolean;
}

/** Does a denunciation go on after this withdrawal (Luật Tố cáo Art. 33; ND 31/2019 Art. 4(4) as amended)? */
export function denunciationGoesOn(input: TransitionInput): boolean {
  return input.violationIndicated === true || input.coerced === true || input.slander === true || input.withdrawalScope === 'part';
}

/**
 * State, dates, jurisdiction, outcome and reason of step `t` taken on day `on`; `chasedAgencyId` for a chase;
 * `complainants`: the number of complainants of the case (a group complaint), read only for a withdrawal that
 * names how many withdraw.
 */
export function stepPatch(c: CaseRow, kind: CaseKind, t: Transition, input: TransitionInput, on: string, now: Date, chasedAgencyId: string | null, complainants = 1): StepPatch {
  const flags = complexityFlags(c, input);
  const withdrawing = input.action === 'withdraw' && kind === 'complaint' ? input.withdrawingCount : undefined;
  const othersGoOn = withdrawing !== undefined && withdrawing < complainants - c.withdrawnCount;
  const continuesAfterWithdrawal = input.action === 'withdraw' && (kind === 'denunciation' ? denunciationGoesOn(input) : othersGoOn);
  const patch: CasePatch = { state: t.to === '$same' ? c.state : t.to, updatedAt: now, clockComplex: flags.complex, clockEspeciallyComplex: flags.especiallyComplex };
  if (withdrawing !== undefined) patch.withdrawnCount = c.withdrawnCount + withdrawing;
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
    case 'send-decision':
      patch.decisionSentOn = on;
      break;
  }
  if (t.needs?.includes('outcome')) {
    patch.outcome = input.outcome ?? null;
    patch.decidedOn = on;
  }
  // Reports (03/GQKN, 04/GQTC): on time or late is judged against the deadline in force when resolved.
  if (patch.decidedOn) patch.dueAtDecision = c.dueOn;
  // Leaving processing (received, or found outside jurisdiction) ends the intake / forwarding deadline.
  const processed = (c.state === 'received' || c.state === 'outside') && patch.state !== c.state && patch.state !== 'outside';
  return { patch, flags, continuesAfterWithdrawal, processed };
}

/** The resolution deadlines whose lapse opens the next level (Luật Khiếu nại Art. 33; Luật Tố cáo Art. 38). */
const RESOLUTION_RULES: readonly string[] = ['complaint.first', 'complaint.second', 'denunciation.resolve'];

/**
 * The facts that depend on the clock, shared by the use case and the generator: whether the decision became
 * effective (30 days, 45 in a remote area — the agency's flag, not the stopped clock's), whether the resolution
 * deadline lapsed, and whether a second complaint / lawsuit comes within 30 days (45 remote) of receiving the
 * first decision or of the lapsed deadline (Luật Khiếu nại Art. 33). `on`: the step's date; `today`: the clock's.
 */
export function clockFacts(
  c: CaseRow,
  x: { remote: boolean; on: string; today: string; compute: (inputs: ClockInputs) => Deadline; decisionReceivedOn?: string },
): Pick<CaseFacts, 'effectivePeriodElapsed' | 'deadlineLapsed' | 'appealWindowClosed' | 'decisionSent' | 'complex' | 'severalSites'> {
  const safe = (inputs: ClockInputs): Deadline | null => {
    try {
      return x.compute(inputs);
    } catch (err) {
      if (err instanceof ClockError) return null;
      throw err;
    }
  };
  let effectivePeriodElapsed = false;
  if (c.kind === 'complaint' && c.state === 'decided' && c.decidedOn) {
    const d = safe(clockInputs('complaint.effective', c.decidedOn, { remote: x.remote }));
    effectivePeriodElapsed = d !== null && x.today > d.due;
  }
  const deadlineLapsed = Boolean(c.dueOn && c.dueRule && RESOLUTION_RULES.includes(c.dueRule) && x.on > c.dueOn);
  let appealWindowClosed: string | null = null;
  if (c.kind === 'complaint' && c.instance !== 2) {
    const from = c.state === 'decided' ? (x.decisionReceivedOn ?? c.decisionSentOn ?? c.decidedOn) : deadlineLapsed ? c.dueOn : null;
    const w = from ? safe(clockInputs('complaint.appeal-window', from, { remote: x.remote })) : null;
    if (w && x.on > w.due) appealWindowClosed = `Đã hết thời hạn khiếu nại lần hai hoặc khởi kiện. ${w.explanation}`;
  }
  return { effectivePeriodElapsed, deadlineLapsed, appealWindowClosed, decisionSent: c.decisionSentOn !== null, complex: c.clockComplex, severalSites: c.clockSeveralSites };
}

/**
 * The facts the workflow guards read (CaseFacts), from the case, the clock and what was read about the same content
 * in the agency. `offerExtension`: when listing the actions (no input yet) with no complexity finding recorded, one
 * can be made together with the extension decision, so `extend` is offered; the transition checks the finding it
 * receives.
 */
export function caseFactsOf(
  c: CaseRow,
  x: { remote: boolean; today: string; compute: (inputs: ClockInputs) => Deadline; input?: TransitionInput; alreadyForwarded: boolean; alreadyGuided: boolean; offerExtension: boolean },
): CaseFacts {
  const flags = complexityFlags(c, x.input);
  const timed = clockFacts(c, { remote: x.remote, on: x.input?.on ?? x.today, today: x.today, compute: x.compute, decisionReceivedOn: x.input?.decisionReceivedOn });
  return {
    ...timed,
    instance: c.instance === 2 ? 2 : 1,
    dialogueHeld: c.dialogueHeld,
    extensionsUsed: Array.isArray(c.clockExtensions) ? c.clockExtensions.length : 0,
    extensionsAllowed: c.kind !== 'denunciation' ? 0 : flags.especiallyComplex ? 2 : flags.complex ? 1 : x.offerExtension ? 2 : 0,
    alreadyForwarded: x.alreadyForwarded,
    alreadyGuided: x.alreadyGuided,
  };
}
