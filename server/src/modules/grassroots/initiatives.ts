/**
 * Citizen initiatives (Art. 16(3)): the initiator collects consents of households; with ≥ 10% of the village's
 * households (consents valid 3 months: clock rule `grassroots.initiative-validity`) the matter is put to the
 * community; below 10% only when the village Front work committee agrees.
 */
import { and, count, eq } from 'drizzle-orm';
import { findRule, DEFAULT_RULES } from '@danvan/domain/clock/index';
import { addMonths } from '@danvan/domain/clock/dates';
import { INITIATIVE_SHARE, itemRule, needed, reaches } from '@danvan/domain/grassroots/rules';
import { cleanText, formatIsoDateVi, isoDateInVietnam } from '@danvan/domain/text';
import type { AppContext } from '../../context.ts';
import type { DbOrTx } from '../../db/client.ts';
import { grassrootsHouseholds, grassrootsInitiatives, grassrootsInitiativeSignatures } from '../../db/schema.ts';
import { AppError, invalid } from '../../plugins/errors.ts';
import type { CurrentUser } from '../auth/current-user.ts';
import { writeAudit } from '../audit/write-audit.ts';
import { requireWork } from './policy.ts';
import type { CommunityRow } from './queries.ts';

type InitiativeRow = typeof grassrootsInitiatives.$inferSelect;

export interface Standing {
  households: number;
  signatures: number;
  validSignatures: number;
  needed: number;
  frontAgreed: boolean;
  stands: boolean;
  /** The day the valid consents fall below 10% (null when they never reached it or it was put to the community). */
  lapsesOn: string | null;
  validMonths: number;
  citation: string;
}

/** Pure: consents (their dates) against the village's households on `today`. */
export function standingOf(signedOn: readonly string[], households: number, frontAgreed: boolean, today: string, months: number, put: boolean): Omit<Standing, 'citation'> {
  const expiries = signedOn.map((d) => addMonths(d, months)).sort();
  const valid = expiries.filter((e) => e > today);
  const need = needed(households, INITIATIVE_SHARE);
  const reached = reaches(valid.length, households, INITIATIVE_SHARE);
  // The consents lapse when the (valid − need + 1)-th earliest expiry passes.
  const lapsesOn = put || !reached ? null : (valid[valid.length - need] ?? null);
  return { households, signatures: signedOn.length, validSignatures: valid.length, needed: need, frontAgreed, stands: put || reached || frontAgreed, lapsesOn, validMonths: months };
}

export async function initiativeStanding(db: DbOrTx, ini: InitiativeRow, today: string): Promise<Standing> {
  const [{ n } = { n: 0 }] = await db.select({ n: count() }).from(grassrootsHouseholds).where(and(eq(grassrootsHouseholds.communityId, ini.communityId), eq(grassrootsHouseholds.active, true)));
  const sigs = await db.select({ signedOn: grassrootsInitiativeSignatures.signedOn }).from(grassrootsInitiativeSignatures).where(eq(grassrootsInitiativeSignatures.initiativeId, ini.id));
  const rule = findRule(DEFAULT_RULES, 'grassroots.initiative-validity', today);
  return { ...standingOf(sigs.map((s) => s.signedOn), Number(n), ini.frontAgreedOn !== null && ini.frontAgreedOn <= today, today, rule.days, ini.matterId !== null), citation: rule.citation };
}

export async function createInitiative(ctx: AppContext, user: CurrentUser, community: CommunityRow, input: { item: number; title: string; content: string; initiatorHousehold?: string }) {
  requireWork(user, community.agencyPath);
  itemRule(input.item);
  const title = cleanText(input.title);
  const content = cleanText(input.content);
  if (!title) throw invalid({ field: 'title', key: 'field.required' });
  if (!content) throw invalid({ field: 'content', key: 'field.required' });
  const now = ctx.now();
  return ctx.db.transaction(async (tx) => {
    let initiatorHouseholdId: string | null = null;
    if (input.initiatorHousehold) {
      const [h] = await tx.select().from(grassrootsHouseholds).where(and(eq(grassrootsHouseholds.communityId, community.id), eq(grassrootsHouseholds.code, input.initiatorHousehold)));
      if (!h) throw invalid({ field: 'initiatorHousehold', key: 'field.invalid' });
      initiatorHouseholdId = h.id;
    }
    const [ini] = await tx.insert(grassrootsInitiatives).values({ communityId: community.id, agencyPath: community.agencyPath, item: input.item, title, content, initiatorHouseholdId, createdBy: user.id }).returning();
    await writeAudit(tx, { at: now, actorId: user.id, actorName: user.displayName, agencyId: community.agencyId, entity: 'grassroots-initiative', entityId: ini!.id, action: 'grassroots.initiative.create', summary: `Sáng kiến của công dân (${community.name}): ${title}` });
    return ini!;
  });
}

/** signInitiative: households' consents from the initiator's list, on the day they signed. */
export async function signInitiative(ctx: AppContext, user: CurrentUser, ini: InitiativeRow, input: { households: string[]; signedOn: string }) {
  requireWork(user, ini.agencyPath);
  const now = ctx.now();
  const today = isoDateInVietnam(now);
  if (input.signedOn > today) throw invalid({ field: 'signedOn', key: 'field.dateRange' });
  if (ini.matterId) throw new AppError(409, 'grassroots.status', { status: 'put' });
  return ctx.db.transaction(async (tx) => {
    let added = 0;
    for (const code of new Set(input.households.map((c) => cleanText(c)))) {
      const [h] = await tx.select().from(grassrootsHouseholds).where(and(eq(grassrootsHouseholds.communityId, ini.communityId), eq(grassrootsHouseholds.code, code)));
      if (!h) throw invalid({ field: 'households', key: 'field.invalid' });
      // A household signing again renews its consent.
      await tx
        .insert(grassrootsInitiativeSignatures)
        .values({ initiativeId: ini.id, householdId: h.id, signedOn: input.signedOn })
        .onConflictDoUpdate({ target: [grassrootsInitiativeSignatures.initiativeId, grassrootsInitiativeSignatures.householdId], set: { signedOn: input.signedOn } });
      added++;
    }
    const s = await initiativeStanding(tx, ini, today);
    await writeAudit(tx, {
      at: now,
      actorId: user.id,
      actorName: user.displayName,
      agencyId: null,
      entity: 'grassroots-initiative',
      entityId: ini.id,
      action: 'grassroots.initiative.sign',
      summary: `Ghi ${added} ý kiến đồng thuận ngày ${formatIsoDateVi(input.signedOn)}: ${s.validSignatures}/${s.households} hộ còn hiệu lực`,
      after: { added, valid: s.validSignatures, households: s.households },
    });
    return s;
  });
}

/** The village Front work committee agrees an initiative below 10% may go ahead (Art. 16(3)). */
export async function recordFrontAgreement(ctx: AppContext, user: CurrentUser, ini: InitiativeRow, input: { on: string }) {
  requireWork(user, ini.agencyPath);
  const now = ctx.now();
  if (input.on > isoDateInVietnam(now)) throw invalid({ field: 'on', key: 'field.dateRange' });
  return ctx.db.transaction(async (tx) => {
    const [updated] = await tx.update(grassrootsInitiatives).set({ frontAgreedOn: input.on }).where(eq(grassrootsInitiatives.id, ini.id)).returning();
    await writeAudit(tx, { at: now, actorId: user.id, actorName: user.displayName, agencyId: null, entity: 'grassroots-initiative', entityId: ini.id, action: 'grassroots.initiative.front-agreement', summary: `Ban công tác Mặt trận đồng ý đưa sáng kiến ra cộng đồng ngày ${formatIsoDateVi(input.on)}` });
    return updated!;
  });
}
