/**
 * Delegations (đoàn đông người, Luật Tiếp công dân 2013 Art. 29): five or more people with the same
 * content name representatives in writing — 5 to 10 people: 1 or 2 representatives; more than 10 people:
 * up to 5 representatives. One delegation is one visit (lượt) of N people.
 */
export const DELEGATION_MIN_PEOPLE = 5;
export const DELEGATION_CITATION = 'Điều 29 Luật Tiếp công dân 2013';

export interface RepresentativeLimits {
  min: number;
  max: number;
}

export function isDelegation(peopleCount: number): boolean {
  return peopleCount >= DELEGATION_MIN_PEOPLE;
}

/** The number of representatives allowed for a group of `peopleCount`, or null when it is not a delegation. */
export function representativeLimits(peopleCount: number): RepresentativeLimits | null {
  if (!isDelegation(peopleCount)) return null;
  return peopleCount <= 10 ? { min: 1, max: 2 } : { min: 1, max: 5 };
}

export type DelegationCheck =
  | { ok: true }
  | { ok: false; peopleCount: number; representatives: number; min: number; max: number; message: string; citation: string };

/** Vietnamese statement of the rule that applies to a group of `peopleCount`. */
export function representativeRuleText(peopleCount: number): string {
  return peopleCount <= 10
    ? `đoàn từ 5 đến 10 người cử 1 hoặc 2 người đại diện (${DELEGATION_CITATION})`
    : `đoàn trên 10 người cử không quá 5 người đại diện (${DELEGATION_CITATION})`;
}

export function checkRepresentatives(peopleCount: number, representatives: number): DelegationCheck {
  const limits = representativeLimits(peopleCount);
  if (!limits) return { ok: true };
  if (representatives >= limits.min && representatives <= limits.max) return { ok: true };
  return {
    ok: false,
    peopleCount,
    representatives,
    ...limits,
    citation: DELEGATION_CITATION,
    message: `Đoàn ${peopleCount} người đã cử ${representatives} người đại diện; theo quy định ${representativeRuleText(peopleCount)}`,
  };
}
