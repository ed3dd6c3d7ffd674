/** The portal submission's planner without a database (ADR 0025). */
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createSealer } from '../../security/sealer.ts';
import { createPersonHasher } from '../../security/person-hash.ts';
import type { AgencyRow } from '../agencies/queries.ts';
import { SEALED_NAME } from '../cases/open-case.ts';
import { calendarClock, calendarWith } from '../clock/deadlines.ts';
import { checkPublicPetition, planReceipt, planSubmission, requestHash, type PublicPetitionInput } from './plan-submission.ts';
import type { FieldIssue } from '../../plugins/errors.ts';

const agency = { id: 'a1', code: 'HN', path: 'VN/HN', remote: false, fullName: 'UBND thành phố Hà Nội' } as AgencyRow;
const now = new Date('2026-03-10T03:00:00Z');
const calendar = calendarWith([]);
function env() {
  let n = 0;
  return { now, actor: { id: 'p1', displayName: 'Công dân' }, newId: () => `id${++n}`, compute: calendarClock(calendar), sealer: createSealer([{ id: 'k', key: randomBytes(32) }]), personHasher: createPersonHasher(randomBytes(32)) };
}
function checked(input: Partial<PublicPetitionInput>) {
  const issues: FieldIssue[] = [];
  const c = checkPublicPetition({ kind: 'complaint', content: 'Khiếu nại về việc thu hồi đất', consent: true, ...input }, issues);
  return { c: { ...c, agency }, issues };
}
const file = { fileName: 'a.pdf', contentType: 'application/pdf', data: Buffer.from('%PDF-1.4 x') };

describe('checkPublicPetition', () => {
  it('asks a complaint for name, address and a contact; lets feedback be anonymous; refuses the honeypot', () => {
    expect(checked({ petitioner: {} }).issues.map((i) => i.field)).toEqual(['petitioner.name', 'petitioner.address', 'petitioner.phone']);
    expect(checked({ kind: 'feedback', content: 'Phản ánh đường hỏng lâu ngày' }).issues).toEqual([]);
    expect(checked({ content: 'ngắn', consent: false, petitioner: { name: 'A', address: 'B', email: 'x@' } }).issues.map((i) => i.key)).toEqual(['field.email', 'field.minLength', 'field.consentRequired']);
    expect(() => checked({ website: 'http://spam' })).toThrow(expect.objectContaining({ statusCode: 400 }));
  });
});

describe('planSubmission / planReceipt', () => {
  const x = { stored: [], code: 'HN-2026-00003', secretHash: 'salt:hash', phoneKey: 'pk', receivedOn: '2026-03-10', view: { calendar, today: '2026-03-10' } };

  it('opens the case, files the online petition, plans the submission, its audit entry with the notice, and the receipts', () => {
    const { c } = checked({ petitioner: { name: ' Nguyễn  Văn A ', address: 'Hà Nội', phone: '0912 345 678', email: 'A@Example.vn' } });
    const plan = planSubmission({ ...x, checked: c, stored: [{ file, key: '2026-03/f1', dataKey: { keyId: 'k', iv: '', ciphertext: '', authTag: '' } }] }, env());
    expect(plan.opened.case).toMatchObject({ id: 'id1', code: 'HN-2026-00003', state: 'received', kind: 'complaint', petitionerName: 'Nguyễn Văn A', receivedOn: '2026-03-10' });
    expect(plan.opened.audit).toMatchObject({ action: 'case.open', summary: 'Mở vụ việc HN-2026-00003 (từ đơn)' });
    expect(plan.petition).toMatchObject({ id: 'id2', caseId: 'id1', channel: 'online', petitionerName: 'Nguyễn Văn A', petitionerPhone: '+84912345678', anonymous: false, createdBy: 'p1' });
    expect(plan.sealed).toEqual([]);
    expect(plan.submission).toMatchObject({ id: 'id3', petitionId: 'id2', caseId: 'id1', secretHash: 'salt:hash', phoneKey: 'pk', consentAt: now });
    expect(plan.submission.contact).toBeTruthy();
    expect(plan.attachments).toMatchObject([{ id: 'id4', submissionId: 'id3', caseId: 'id1', storageKey: '2026-03/f1', sizeBytes: file.data.length }]);
    expect(plan.notice).toContain('(mã hồ sơ HN-2026-00003)');
    expect(plan.audit).toMatchObject({ action: 'petition.create', entityId: 'id2', caseId: 'id1', after: { channel: 'online', attachments: 1, notice: plan.notice } });
    expect(plan.audit.summary).toContain('kèm 1 tệp');

    const r = planReceipt(plan, 'DV-AAAAA-BBBBB', 's3cret');
    expect(r.submission).toMatchObject({ id: 'id3', trackingCode: 'DV-AAAAA-BBBBB' });
    expect(r.response).toMatchObject({ trackingCode: 'DV-AAAAA-BBBBB', secret: 's3cret', caseCode: 'HN-2026-00003', dueOn: plan.opened.case.dueOn, attachments: 1, notice: plan.notice });
    expect(r.response.dueExplanation).toBeTruthy();
    expect(r.messages.map((m) => [m.channel, m.to, m.dedupeKey])).toEqual([
      ['email', 'a@example.vn', 'receipt:id3:email'],
      ['sms', '+84912345678', 'receipt:id3:sms'],
    ]);
    expect(r.messages[0]!.text).toContain('s3cret');
  });

  it('a denunciation keeps no identity in the petition or the case: it is sealed', () => {
    const { c } = checked({ kind: 'denunciation', petitioner: { name: 'B', address: 'Hà Nội', phone: '0912345678' } });
    const plan = planSubmission({ ...x, checked: c }, env());
    expect(plan.opened.case.petitionerName).toBe(SEALED_NAME);
    expect(plan.petition).toMatchObject({ petitionerName: null, petitionerAddress: null, petitionerPhone: null });
    expect(plan.sealed.map((s) => [s.ownerType, s.ownerId, s.caseId])).toEqual([['petition', 'id2', 'id1']]);
  });

  it('anonymous feedback has no contact and no receipt message; the request hash follows the content', () => {
    const { c } = checked({ kind: 'feedback', content: 'Phản ánh đường hỏng lâu ngày' });
    const plan = planSubmission({ ...x, checked: c, phoneKey: null }, env());
    expect(plan.petition.anonymous).toBe(true);
    expect(plan.submission.contact).toBeNull();
    expect(planReceipt(plan, 'DV-1', 's').messages).toEqual([]);
    expect(requestHash(c)).toBe(requestHash({ ...c }));
    expect(requestHash(c)).not.toBe(requestHash({ ...c, content: c.content + '!' }));
  });
});
