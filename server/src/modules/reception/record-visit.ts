/**
 * recordVisit: a receptionist records one citizen (or one delegation) received at the agency, with the identity
 * check (ND 154/2026 Art. 12) and the outcome:
 *  - petition-received: opens a case, or is linked to an existing case of the user's subtrees (then it is a
 *    repeat visit); the outcome notice is due within `reception.notice` (Luật TCD Art. 28);
 *  - guided (document no.), forwarded (transfer no.), refused (a legal ground, Luật TCD Art. 9 / ND 154 Art. 4(1)):
 *    no case is opened; linking to an existing case still makes it a repeat.
 * A delegation (5+ people, Art. 29) must name 1–2 representatives (5–10 people) or 1–5 (more than 10).
 * A denunciation's identity is sealed with its case and never stored on the visit (Luật Tố cáo Art. 47(2)); a
 * denunciation visit that opens no case keeps no identity at all.
 */
import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { isoDateInVietnam } from '@danvan/domain/text';
import type { CaseKind } from '@danvan/domain/workflow';
import type { RefusalGroundCode, VisitOutcome } from '@danvan/domain/reception/visits';
import type { AppContext } from '../../context.ts';
import { jsonInsert, writeTogether } from '../../db/client.ts';
import { cases, receptionBookings, sealedIdentities, visits } from '../../db/schema.ts';
import { AppError, invalid, notFound, type FieldIssue } from '../../plugins/errors.ts';
import { requireAgency } from '../agencies/queries.ts';
import { canSee, type CurrentUser } from '../auth/current-user.ts';
import { writeAudit } from '../audit/write-audit.ts';
import { openingReads, writeOpenedCase, type CaseRow } from '../cases/open-case.ts';
import { calendarClock, lockedCalendar } from '../clock/deadlines.ts';
import { writeDuties } from '../cases/duties.ts';
import { NO_CLOCK } from '../plan.ts';
import { requireReceptionRole } from './policy.ts';
import { visibleSession, type VisitRow } from './queries.ts';
import { checkVisitInput, checkVisitSession, planVisit, visitNeeds } from './plan-visit.ts';
import { checkDay, type PersonInput } from '../input-checks.ts';
import { visitIndexWrite } from '../search/index-records.ts';

export interface RecordVisitInput {
  agency: string;
  visitedOn?: string;
  citizen: PersonInput & { phone?: string };
  content: string;
  type: CaseKind;
  peopleCount?: number;
  /** Link to an existing case (same matter) instead of opening a new one: the visit is a repeat. */
  caseId?: string;
  sessionId?: string;
  /** The citizen came with a booking: it is marked arrived and linked to this visit. */
  bookingId?: string;
  /** Delegation representatives (all of them, usually including `citizen`); default: the citizen alone. */
  representatives?: PersonInput[];
  priorAgencies?: string;
  outcome?: VisitOutcome;
  guidance?: { documentNo: string; to?: string };
  transfer?: { agency: string; documentNo: string };
  refusal?: { ground: RefusalGroundCode };
  withinJurisdiction?: boolean;
  documents?: { title: string; pages?: number; original?: boolean }[];
  resultFollowUp?: string;
  notes?: string;
  /** Online session + denunciation: the denouncer waived identity protection (ND 154/2026 Arts. 16–24). */
  identityProtectionWaived?: boolean;
}

export async function recordVisit(ctx: AppContext, user: CurrentUser, input: RecordVisitInput & { outcome?: 'petition-received' }): Promise<{ visit: VisitRow; case: CaseRow }>;
export async function recordVisit(ctx: AppContext, user: CurrentUser, input: RecordVisitInput): Promise<{ visit: VisitRow; case: CaseRow | null }>;
export async function recordVisit(ctx: AppContext, user: CurrentUser, input: RecordVisitInput): Promise<{ visit: VisitRow; case: CaseRow | null }> {
  const now = ctx.now();
  const today = isoDateInVietnam(now);
  const issues: FieldIssue[] = [];
  checkVisitInput(input, issues);
  const agency = await requireAgency(ctx.db, input.agency);
  requireReceptionRole(user, agency);

  let session = null;
  if (input.sessionId) {
    session = await visibleSession(ctx.db, user, input.sessionId);
    checkVisitSession(input, agency, session, issues);
  }
  const visitedOn = checkDay('visitedOn', input.visitedOn ?? session?.heldOn, today, issues);
  if (issues.length) throw invalid(...issues);
  if (session && session.status !== 'scheduled') throw new AppError(409, 'error.sessionState', { status: session.status });

  let existing: CaseRow | undefined;
  if (input.caseId) {
    [existing] = await ctx.db.select().from(cases).where(and(eq(cases.id, input.caseId)));
    if (!existing || !canSee(user, existing.agencyPath)) throw notFound();
  }
  let booking: typeof receptionBookings.$inferSelect | undefined;
  if (input.bookingId) {
    [booking] = await ctx.db.select().from(receptionBookings).where(eq(receptionBookings.id, input.bookingId));
    if (!booking || !canSee(user, booking.agencyPath)) throw notFound();
    if (booking.agencyId !== agency.id || (session && booking.sessionId !== session.id)) throw invalid({ field: 'bookingId', key: 'field.bookingOtherSession' });
    if (booking.status !== 'booked' && booking.status !== 'no-show') throw new AppError(409, 'error.bookingState', { status: booking.status });
  }

  return ctx.db.transaction(async (tx) => {
    // The calendar under its shared lock, like every stored deadline; the case code when the visit opens a case.
    const needs = visitNeeds(input, existing ?? null);
    const reads = needs.opensCase
      ? await openingReads(tx, agency, visitedOn)
      : { code: null, compute: needs.clock ? calendarClock(await lockedCalendar(tx)) : NO_CLOCK };
    const plan = planVisit(
      { agency, input, session, existing: existing ?? null, bookingId: booking?.id ?? null, code: reads.code },
      { now, actor: user, newId: randomUUID, compute: reads.compute, sealer: ctx.sealer, personHasher: ctx.personHasher },
    );
    // The visit, its search entry (issue 18), sealed identities and the booking it honours go in one statement, with the
    // case it opens (writeTogether, issue 13 item 10).
    const visit = plan.visit;
    const writes = [
      jsonInsert(visits, [visit]),
      visitIndexWrite(visit),
      plan.sealed.length > 0 && jsonInsert(sealedIdentities, plan.sealed),
      booking && tx.update(receptionBookings).set({ status: 'arrived', visitId: visit.id, updatedAt: now }).where(eq(receptionBookings.id, booking.id)),
    ];
    const theCase = plan.opened ? await writeOpenedCase(tx, plan.opened, writes) : (existing ?? null);
    if (!plan.opened) await writeTogether(tx, writes);
    await writeDuties(tx, plan.duties);
    await writeAudit(tx, plan.audit);
    return { visit, case: theCase };
  });
}
