/**
 * registerForDialogue (public, no account): a citizen registers for a noticed dialogue and sends a question
 * beforehand. Name, phone and e-mail are optional but, when given, are sealed (never in clear in the database, the
 * logs, the audit or any list). An Idempotency-Key makes a resend return the same registration (the same key with
 * another body is a 409). Rate-limited per IP by the route. Open from the notice until the day of the dialogue.
 */
import { createHash, randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { BOOKING_CODE_ALPHABET } from '@danvan/domain/reception/booking';
import { cleanText, isoDateInVietnam, normalizePhone } from '@danvan/domain/text';
import type { AppContext } from '../../context.ts';
import { dialogueRegistrations } from '../../db/schema.ts';
import { AppError, invalid, notFound, type FieldIssue } from '../../plugins/errors.ts';
import { writeAudit } from '../audit/write-audit.ts';
import { dialogueAudit } from './audit.ts';
import { loadDialogue } from './queries.ts';

export interface RegistrationInput {
  question: string;
  name?: string;
  phone?: string;
  email?: string;
  wantsToSpeak?: boolean;
}

const IDEMPOTENCY_KEY = /^[A-Za-z0-9_.:-]{8,200}$/;
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

function newCode(): string {
  const r = randomBytes(8);
  let s = '';
  for (let i = 0; i < 8; i++) s += BOOKING_CODE_ALPHABET[r[i]! % BOOKING_CODE_ALPHABET.length];
  return `DK-${s}`;
}

export async function registerForDialogue(ctx: AppContext, dialogueId: string, input: RegistrationInput, opts: { idempotencyKey?: string } = {}) {
  const now = ctx.now();
  if (opts.idempotencyKey !== undefined && !IDEMPOTENCY_KEY.test(opts.idempotencyKey)) throw new AppError(400, 'error.idempotencyKey');
  const d = await loadDialogue(ctx.db, dialogueId);
  if (!d) throw notFound();
  const issues: FieldIssue[] = [];
  const question = cleanText(input.question);
  if (!question) issues.push({ field: 'question', key: 'field.required' });
  const name = cleanText(input.name ?? '') || null;
  let phone: string | null = null;
  if (input.phone?.trim()) {
    phone = normalizePhone(input.phone);
    if (!phone) issues.push({ field: 'phone', key: 'field.phone' });
  }
  const email = cleanText(input.email ?? '').toLowerCase() || null;
  if (email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) issues.push({ field: 'email', key: 'field.format' });
  if (name && !phone && !email && !issues.some((i) => i.field === 'phone')) issues.push({ field: 'phone', key: 'field.contactNeeded' });
  if (issues.length) throw invalid(...issues);

  const keyHash = opts.idempotencyKey ? sha256(`dialogue-registration:${opts.idempotencyKey}`) : null;
  const reqHash = sha256(JSON.stringify([d.id, question, name, phone, email, Boolean(input.wantsToSpeak)]));
  const present = (r: { code: string }) => ({ code: r.code, dialogue: { id: d.id, code: d.code, title: d.title, plannedOn: d.plannedOn } });
  if (keyHash) {
    const [prior] = await ctx.db.select().from(dialogueRegistrations).where(eq(dialogueRegistrations.idempotencyKeyHash, keyHash));
    if (prior) {
      if (prior.requestHash !== reqHash) throw new AppError(409, 'error.idempotencyMismatch');
      return { registration: present(prior), replayed: true };
    }
  }
  if (d.status !== 'noticed' || isoDateInVietnam(now) > d.plannedOn) throw new AppError(409, 'error.registrationClosed');
  const contact = name || phone || email ? ctx.sealer.seal(JSON.stringify({ name, phone, email })) : null;
  return ctx.db.transaction(async (tx) => {
    const [r] = await tx
      .insert(dialogueRegistrations)
      .values({ dialogueId: d.id, code: newCode(), question, wantsToSpeak: Boolean(input.wantsToSpeak), contact, idempotencyKeyHash: keyHash, requestHash: reqHash, createdAt: now })
      .returning();
    if (!r) throw new AppError(500, 'error.internal');
    await writeAudit(tx, dialogueAudit(null, d, now, 'dialogue.register', `Công dân đăng ký dự đối thoại ${d.code} và gửi câu hỏi (mã ${r.code})`, { registrationId: r.id, withContact: contact !== null }));
    return { registration: present(r), replayed: false };
  });
}
