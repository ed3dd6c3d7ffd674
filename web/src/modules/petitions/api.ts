import { apiFetch } from '../../http.ts';
import type { CaseKind, Suggestion } from '../cases/api.ts';

/** Intake channels (issue 4 §1), in the order a handler meets them. */
export const CHANNELS = ['in-person', 'post', 'online', 'hotline', 'email', 'forwarded', 'press', 'deputy'] as const;
export type Channel = (typeof CHANNELS)[number];

export interface PetitionerInput {
  name: string;
  idNumber?: string;
  address?: string;
  phone?: string;
}

export interface NewPetition {
  agency: string;
  channel: Channel;
  /** YYYY-MM-DD; starts `petition.process`. */
  receivedOn?: string;
  type: CaseKind;
  content: string;
  anonymous?: boolean;
  petitioner?: PetitionerInput;
  /** Attach to this existing case (a repeat petition) instead of opening a new one. */
  caseId?: string;
}

export interface CreatedPetition {
  petition: { id: string; receivedOn: string; channel: string; kind: string };
  case: { id: string; code: string; kind: string; state: string };
}

export function createPetition(body: NewPetition): Promise<CreatedPetition> {
  return apiFetch<CreatedPetition>('POST', '/petitions', { body });
}

export interface IntakeQuery {
  agency: string;
  content: string;
  idNumber?: string;
  name?: string;
  address?: string;
  kind?: CaseKind;
  /** A new denunciation is being registered on this form (the server then matches the denouncer, and records it). */
  registering?: boolean;
}

/** An existing case of the same person and/or similar content (here, below, or forwarded to/from). */
export interface RepeatCandidate {
  id: string;
  code: string;
  kind: string;
  state: string;
  agencyCode: string;
  agencyName: string;
  receivedOn: string;
  /** 0..1 */
  similarity: number;
  samePerson: boolean;
}

export interface IntakeCheck {
  suggestion: Suggestion;
  repeats: RepeatCandidate[];
}

export function checkIntake(body: IntakeQuery): Promise<IntakeCheck> {
  return apiFetch<IntakeCheck>('POST', '/intake/check', { body });
}
