/** Petition intake (issue 4): the request and answer types are read from the server's schemas (ADR 0012). */
import type { Body, Ok } from '../../api/types.ts';
import { apiFetch } from '../../http.ts';

/** Intake channels (issue 4 §1), in the order a handler meets them. */
export const CHANNELS = ['in-person', 'post', 'online', 'hotline', 'email', 'forwarded', 'press', 'deputy'] as const;
export type Channel = (typeof CHANNELS)[number];

/** A new petition; `caseId` attaches it to an existing case (a repeat petition) instead of opening a new one. */
export type NewPetition = Body<'createPetition'>;
export type CreatedPetition = Ok<'createPetition'>;

export function createPetition(body: NewPetition): Promise<CreatedPetition> {
  return apiFetch<CreatedPetition>('POST', '/petitions', { body });
}

/** `registering`: a new denunciation is being registered on this form (the server then matches the denouncer). */
export type IntakeQuery = Body<'checkIntake'>;
export type IntakeCheck = Ok<'checkIntake'>;
/** An existing case of the same person and/or similar content (here, below, or forwarded to/from); similarity 0..1. */
export type RepeatCandidate = IntakeCheck['repeats'][number];

export function checkIntake(body: IntakeQuery): Promise<IntakeCheck> {
  return apiFetch<IntakeCheck>('POST', '/intake/check', { body });
}
