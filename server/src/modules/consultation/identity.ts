/**
 * Identity of a portal respondent (b11): one interface, two kinds of provider.
 *  - `otpIdentity` (here): a one-time code to a phone (SMS) or an e-mail through the notification outbox (ADR 0008);
 *    the person is counted under a keyed hash of the normalised phone or e-mail.
 *  - a VNeID adapter implements the same interface: `start` returns the authorisation URL of the VNeID login
 *    (level 2), `verify` exchanges the returned code and counts the person under a keyed hash of their personal ID —
 *    the same key an officer's assisted entry with the ID number produces.
 * Codes are stored only as keyed hashes, expire after 30 minutes, allow 5 wrong tries, and at most 5 codes per
 * identifier and hour are sent.
 */
import { randomInt } from 'node:crypto';
import { and, eq, gt, sql } from 'drizzle-orm';
import { normalizePhone } from '@danvan/domain/text';
import type { AppContext } from '../../context.ts';
import { consultationCodes } from '../../db/schema.ts';
import { AppError, invalid } from '../../plugins/errors.ts';
import { enqueueNotification } from '../notifications/enqueue-notification.ts';
import { PORTAL_LINK } from '../notifications/links.ts';
import { maskEmail, maskPhone } from '../notifications/transports.ts';
import { normalizeEmail } from './opinion-input.ts';

export interface VerifiedIdentity {
  personKey: string;
  /** otp-sms | otp-email | vneid */
  method: string;
  /** With `deferMark`: the code to mark as verified in the caller's transaction. */
  markCodeId?: string;
}

export interface IdentityChallenge {
  requestId: string;
  method: string;
  /** Where the code went, masked ("+84•••••••321"). */
  hint: string;
  expiresAt: Date;
  /** Providers that verify elsewhere (VNeID) send the person there. */
  redirectUrl?: string;
}

export interface IdentityProvider {
  readonly name: string;
  start(ctx: AppContext, consultation: { id: string; title: string }, destination: { phone?: string; email?: string }): Promise<IdentityChallenge>;
  /** `deferMark`: do not write "verified" now — the caller marks `markCodeId` in its own transaction (group commit). */
  verify(ctx: AppContext, consultationId: string, requestId: string, proof: string, opts?: { deferMark?: boolean }): Promise<VerifiedIdentity>;
}

const CODE_TTL_MS = 30 * 60_000;
const MAX_TRIES = 5;
const MAX_CODES_PER_HOUR = 5;

export const otpIdentity: IdentityProvider = {
  name: 'otp',
  async start(ctx, consultation, destination) {
    const now = ctx.now();
    let method: 'otp-sms' | 'otp-email';
    let to: string;
    let personKey: string;
    if (destination.phone) {
      const p = normalizePhone(destination.phone);
      if (!p) throw invalid({ field: 'phone', key: 'field.phone' });
      method = 'otp-sms';
      to = p;
      personKey = ctx.personHasher.hashIdentifier('phone', p);
    } else if (destination.email) {
      const e = normalizeEmail(destination.email);
      if (!e) throw invalid({ field: 'email', key: 'field.email' });
      method = 'otp-email';
      to = e;
      personKey = ctx.personHasher.hashIdentifier('email', e);
    } else {
      throw invalid({ field: 'phone', key: 'field.required' });
    }
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    const hint = method === 'otp-sms' ? maskPhone(to) : maskEmail(to);
    return ctx.db.transaction(async (tx) => {
      // One identifier at a time: the hourly count and the insert must not interleave.
      await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`code:${consultation.id}:${personKey}`}, 0))`);
      const [{ n } = { n: 0 }] = await tx
        .select({ n: sql<number>`count(*)` })
        .from(consultationCodes)
        .where(and(eq(consultationCodes.consultationId, consultation.id), eq(consultationCodes.personKey, personKey), gt(consultationCodes.createdAt, new Date(now.getTime() - 3600_000))));
      if (Number(n) >= MAX_CODES_PER_HOUR) throw new AppError(429, 'error.codeTooMany');
      const expiresAt = new Date(now.getTime() + CODE_TTL_MS);
      const [row] = await tx
        .insert(consultationCodes)
        .values({ consultationId: consultation.id, method, personKey, codeHash: 'pending', hint, expiresAt, createdAt: now })
        .returning({ id: consultationCodes.id });
      const id = row!.id;
      await tx.update(consultationCodes).set({ codeHash: ctx.personHasher.hashIdentifier('otp', `${id}:${code}`) }).where(eq(consultationCodes.id, id));
      const title = consultation.title.length > 60 ? `${consultation.title.slice(0, 57)}...` : consultation.title;
      await enqueueNotification(tx, ctx, {
        channel: method === 'otp-sms' ? 'sms' : 'email',
        kind: 'consultation-code',
        to,
        subject: `Mã xác thực góp ý dự thảo: ${code}`,
        text:
          method === 'otp-sms'
            ? `DanVan: ma xac thuc gop y du thao la ${code}, hieu luc 30 phut. Khong chia se ma nay.`
            : [`Mã xác thực để góp ý dự thảo «${title}» là: ${code}`, '', 'Mã có hiệu lực 30 phút. Không chia sẻ mã này với ai.', `${PORTAL_LINK}/gop-y/${consultation.id}`, '', 'Thư tự động từ DânVận.'].join('\n'),
        dedupeKey: `consultation-code:${id}`,
      });
      return { requestId: id, method, hint, expiresAt };
    });
  },

  async verify(ctx, consultationId, requestId, proof, opts) {
    const now = ctx.now();
    const bad = () => new AppError(400, 'error.codeInvalid');
    if (!/^[0-9a-f-]{36}$/i.test(requestId)) throw bad();
    const [row] = await ctx.db.select().from(consultationCodes).where(and(eq(consultationCodes.id, requestId), eq(consultationCodes.consultationId, consultationId)));
    if (!row || row.expiresAt <= now || row.attempts >= MAX_TRIES) throw bad();
    if (ctx.personHasher.hashIdentifier('otp', `${row.id}:${proof.trim()}`) !== row.codeHash) {
      await ctx.db.update(consultationCodes).set({ attempts: sql`${consultationCodes.attempts} + 1` }).where(eq(consultationCodes.id, row.id));
      throw bad();
    }
    if (!row.verifiedAt && opts?.deferMark) return { personKey: row.personKey, method: row.method, markCodeId: row.id };
    if (!row.verifiedAt) await ctx.db.update(consultationCodes).set({ verifiedAt: now }).where(eq(consultationCodes.id, row.id));
    return { personKey: row.personKey, method: row.method };
  },
};
