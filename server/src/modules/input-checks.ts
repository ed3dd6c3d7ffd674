/**
 * Input checks shared by the use cases that take a person or a day (recordVisit, createPetition, transitionCase, the
 * generator): beyond the schema, field by field, into the caller's list of issues.
 */
import { cleanText, isRealIsoDate, isValidPersonalId, normalizePhone } from '@danvan/domain/text';
import { isValidIdNumber, normalizeIdNumber, type IdType } from '@danvan/domain/reception/visits';
import type { FieldIssue } from '../plugins/errors.ts';

export interface PersonInput {
  name: string;
  idNumber: string;
  /** personal-id (12 digits, default) | passport */
  idType?: IdType;
  address: string;
}

/** Field checks beyond the schema; also used by createPetition for its petitioner. */
export function checkPerson(prefix: string, p: { name: string; idNumber?: string; address?: string; phone?: string }, issues: FieldIssue[]) {
  const idNumber = p.idNumber?.replace(/\s/g, '');
  if (!cleanText(p.name)) issues.push({ field: `${prefix}.name`, key: 'field.required' });
  if (idNumber !== undefined && !isValidPersonalId(idNumber)) issues.push({ field: `${prefix}.idNumber`, key: 'field.idNumber' });
  if (p.address !== undefined && !cleanText(p.address)) issues.push({ field: `${prefix}.address`, key: 'field.required' });
  let phone: string | null = null;
  if (p.phone && p.phone.trim()) {
    phone = normalizePhone(p.phone);
    if (!phone) issues.push({ field: `${prefix}.phone`, key: 'field.phone' });
  }
  return {
    name: cleanText(p.name),
    idNumber: idNumber ?? null,
    address: p.address !== undefined ? cleanText(p.address) : null,
    phone,
  };
}

/** The identity check at the desk: name, address, and a personal ID or a passport number (ND 154/2026 Art. 12). */
export function checkIdentity(prefix: string, p: PersonInput, issues: FieldIssue[]) {
  const idType: IdType = p.idType ?? 'personal-id';
  const idNumber = normalizeIdNumber(p.idNumber);
  if (!cleanText(p.name)) issues.push({ field: `${prefix}.name`, key: 'field.required' });
  if (!cleanText(p.address)) issues.push({ field: `${prefix}.address`, key: 'field.required' });
  if (!isValidIdNumber(idType, idNumber)) issues.push({ field: `${prefix}.idNumber`, key: idType === 'passport' ? 'field.passport' : 'field.idNumber' });
  return { name: cleanText(p.name), idNumber, idType, address: cleanText(p.address) };
}

export function checkDay(field: string, value: string | undefined, today: string, issues: FieldIssue[]): string {
  if (value === undefined) return today;
  if (!isRealIsoDate(value)) issues.push({ field, key: 'field.date' });
  else if (value > today) issues.push({ field, key: 'field.dateInFuture' });
  return value;
}

