/**
 * trackPublicPetition: the citizen's view of their petition, by tracking code + secret (or + the phone number
 * they gave). A wrong secret answers exactly like a missing code — same status, same message, same work (a
 * dummy scrypt when the code does not exist) — so nothing can be enumerated.
 *
 * The view is a presenter (STYLE.md pattern 8): state in Vietnamese (English labels beside), the running
 * deadline with its explanation, the public notices of every step (the `notice` the workflow produced, read
 * from the audit trail), the names of the files sent, the rating. Never internal notes, never another person's
 * data. A forwarded petition is followed to the receiving agency.
 */
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { normalizePhone } from '@danvan/domain/text';
import { RESOLVED_STATES, STATE_LABELS, isCaseKind, type CaseKind } from '@danvan/domain/workflow';
import type { AppContext } from '../../context.ts';
import { agencies, auditLog, cases, portalAttachments, portalRatings, portalSubmissions, publicAnswers } from '../../db/schema.ts';
import { AppError, invalid } from '../../plugins/errors.ts';
import { clockView, dueStatus } from '../clock/deadlines.ts';
import type { CaseRow } from '../cases/open-case.ts';
import { openContact } from '../notifications/enqueue-notification.ts';
import { dummySecretHash, normalizeSecret, normalizeTrackingCode, verifySecret } from './tracking.ts';

export const STATE_LABELS_EN: Record<string, string> = {
  received: 'Received',
  accepted: 'Accepted for resolution',
  handling: 'Being handled',
  verifying: 'Being verified',
  dialogue: 'Dialogue held',
  extended: 'Deadline extended',
  suspended: 'Suspended',
  decided: 'Decided',
  concluded: 'Concluded',
  'conclusion-sent': 'Conclusion sent',
  published: 'Published',
  answered: 'Answered',
  effective: 'Decision in force',
  appealed: 'Appealed / taken to court',
  withdrawn: 'Withdrawn',
  terminated: 'Terminated',
  forwarded: 'Forwarded',
  guided: 'Guided',
  chased: 'Competent lower level urged',
  returned: 'Returned',
  archived: 'Filed without action',
  closed: 'Closed',
};

export interface TrackInput {
  code: string;
  secret?: string;
  phone?: string;
}

export interface TrackView {
  trackingCode: string;
  caseCode: string;
  kind: CaseKind;
  receivedOn: string;
  agency: { code: string; name: string };
  /** The agency handling it now (the receiving agency after a forward). */
  currentAgency: { code: string; name: string };
  forwarded: boolean;
  state: string;
  stateLabel: string;
  stateLabelEn: string;
  dueOn: string | null;
  dueExplanation: string | null;
  notices: { at: string; text: string }[];
  attachments: { name: string; sizeBytes: number; contentType: string }[];
  ratable: boolean;
  rating: { satisfied: boolean; comment: string | null } | null;
  publicAnswer: { answer: string; publishedOn: string } | null;
}

export const notFoundTrack = () => new AppError(404, 'error.trackNotFound');

/** The submission the credentials open, or the uniform 404. */
export async function authenticateTracking(ctx: AppContext, input: TrackInput) {
  const secret = input.secret?.trim() ? normalizeSecret(input.secret) : '';
  const phoneRaw = input.phone?.trim() ?? '';
  if (!secret && !phoneRaw) throw invalid({ field: 'secret', key: 'field.required' });
  const code = normalizeTrackingCode(input.code);
  const [s] = code ? await ctx.db.select().from(portalSubmissions).where(eq(portalSubmissions.trackingCode, code)) : [];
  let ok = false;
  if (secret) {
    ok = await verifySecret(s?.secretHash ?? (await dummySecretHash()), secret);
  } else {
    // Same cost as a secret check, then compare with the sealed contact.
    await verifySecret(await dummySecretHash(), phoneRaw);
    const phone = normalizePhone(phoneRaw);
    const contact = s ? openContact(ctx, s.contact) : null;
    ok = Boolean(phone && contact?.phone && contact.phone === phone);
  }
  if (!s || !ok) throw notFoundTrack();
  return s;
}

/** The case and the cases it was forwarded to, in order (at most a few hops). */
async function forwardChain(ctx: AppContext, first: CaseRow): Promise<CaseRow[]> {
  const chain = [first];
  let cur = first;
  while (cur.forwardedToId && chain.length < 6) {
    const [next] = await ctx.db.select().from(cases).where(eq(cases.id, cur.forwardedToId));
    if (!next) break;
    chain.push(next);
    cur = next;
  }
  return chain;
}

export function isRatable(state: string): boolean {
  return RESOLVED_STATES.includes(state) || state === 'closed';
}

export async function trackPublicPetition(ctx: AppContext, input: TrackInput): Promise<TrackView> {
  const s = await authenticateTracking(ctx, input);
  return (await presentTracking(ctx, s)).view;
}

/** The public view, and (for use cases, never serialised) the case handling the petition now. */
export async function presentTracking(ctx: AppContext, s: typeof portalSubmissions.$inferSelect): Promise<{ view: TrackView; current: CaseRow }> {
  const [first] = await ctx.db.select().from(cases).where(eq(cases.id, s.caseId));
  if (!first || !isCaseKind(first.kind)) throw notFoundTrack();
  const chain = await forwardChain(ctx, first);
  const current = chain[chain.length - 1]!;
  const ids = chain.map((c) => c.id);
  const agencyRows = await ctx.db
    .select({ id: agencies.id, code: agencies.code, name: agencies.fullName })
    .from(agencies)
    .where(inArray(agencies.id, [...new Set(chain.map((c) => c.agencyId))]));
  const agencyOf = (id: string) => {
    const a = agencyRows.find((r) => r.id === id);
    return { code: a?.code ?? '', name: a?.name ?? '' };
  };
  const notices = await ctx.db
    .select({ at: auditLog.at, text: sql<string>`${auditLog.after}->>'notice'` })
    .from(auditLog)
    .where(and(inArray(auditLog.caseId, ids), sql`${auditLog.after} ? 'notice'`))
    .orderBy(asc(auditLog.id));
  const files = await ctx.db
    .select({ name: portalAttachments.fileName, sizeBytes: portalAttachments.sizeBytes, contentType: portalAttachments.contentType })
    .from(portalAttachments)
    .where(eq(portalAttachments.submissionId, s.id))
    .orderBy(asc(portalAttachments.createdAt));
  const [rating] = await ctx.db.select().from(portalRatings).where(eq(portalRatings.submissionId, s.id));
  const [answer] = await ctx.db.select().from(publicAnswers).where(inArray(publicAnswers.caseId, ids)).limit(1);
  const due = dueStatus(current, await clockView(ctx));
  const view: TrackView = {
    trackingCode: s.trackingCode,
    caseCode: first.code,
    kind: first.kind,
    receivedOn: first.receivedOn,
    agency: agencyOf(first.agencyId),
    currentAgency: agencyOf(current.agencyId),
    forwarded: chain.length > 1,
    state: current.state,
    stateLabel: STATE_LABELS[current.state] ?? current.state,
    stateLabelEn: STATE_LABELS_EN[current.state] ?? current.state,
    dueOn: current.dueOn,
    dueExplanation: due.dueExplanation,
    notices: notices.filter((n) => n.text).map((n) => ({ at: n.at.toISOString(), text: n.text })),
    attachments: files,
    ratable: isRatable(current.state),
    rating: rating ? { satisfied: rating.satisfied, comment: rating.comment } : null,
    publicAnswer: answer ? { answer: answer.answer, publishedOn: answer.publishedOn } : null,
  };
  return { view, current };
}
