/**
 * Typed audit payloads (issue 11): the `@ts-expect-error` lines below are checked by `tsc -b` (this file is in the
 * server project) — each must be a type error, or the build fails. The runtime test only keeps the file a test file.
 */
import { expect, it } from 'vitest';
import type { AuditAction } from './actions.ts';
import type { AuditEntry } from './write-audit.ts';
import { dialogueAudit } from '../dialogues/audit.ts';

/** What writeAudit's parameter checks: the entry against the payload of the action it names. */
const entry = <A extends AuditAction>(e: AuditEntry<A>) => e;
const base = { at: new Date(0), actorId: null, actorName: 'Kiểm thử', agencyId: null, entity: 'case', entityId: 'c1', summary: 'Dòng thử' };
const step = { state: 'accepted', dueOn: '2027-02-01', dueRule: 'complaint.first', outcome: null };

const accepted = [
  entry({ ...base, action: 'case.assign', before: { assigneeId: null }, after: { assigneeId: 'u1' } }),
  entry({ ...base, action: 'case.accept', before: { ...step, state: 'received' }, after: { ...step, on: '2027-01-02' } }),
  entry({ ...base, action: 'grassroots.decision.recognize', after: { on: '2027-01-02', onTime: true } }),
  entry({ ...base, action: 'grassroots.initiative.create' }),
  dialogueAudit(null, { id: 'd1', agencyId: 'a1' }, new Date(0), 'dialogue.cancel', 'Hủy', { status: 'cancelled', registrantsTold: 2 }, { status: 'noticed' }),
];

const rejected = [
  // @ts-expect-error a misspelt field of case.assign's after
  entry({ ...base, action: 'case.assign', before: { assigneeId: null }, after: { asigneeId: 'u1' } }),
  // @ts-expect-error a field of the wrong type
  entry({ ...base, action: 'grassroots.recommendation.answer', after: { onTime: 'yes' } }),
  // @ts-expect-error a required field missing (the step's new state)
  entry({ ...base, action: 'case.accept', after: { dueOn: null, dueRule: null, outcome: null, on: '2027-01-02' } }),
  // @ts-expect-error a pattern-declared action checks its own payload (grassroots.decision.recognize: on, onTime)
  entry({ ...base, action: 'grassroots.decision.recognize', after: { on: '2027-01-02', onTme: true } }),
  // @ts-expect-error an action that records no payload
  entry({ ...base, action: 'grassroots.initiative.create', after: { anything: 1 } }),
  // @ts-expect-error the helper checks the payload of the action it is given
  dialogueAudit(null, { id: 'd1', agencyId: 'a1' }, new Date(0), 'dialogue.cancel', 'Hủy', { status: 'cancelled', registrantsTold: '2' }),
];

it('keeps the typed payload examples (their check is the type-check)', () => {
  expect(accepted).toHaveLength(5);
  expect(rejected).toHaveLength(6);
});
