/**
 * The village (thôn) and residential-group (tổ dân phố) heads of a commune, to whom the dialogue's results are sent
 * (a4: Luật 72/2025 Art. 43 [V*] — "gửi đến trưởng thôn, tổ trưởng tổ dân phố"). The commune's head or handler
 * keeps the list; when the conclusion is recorded every active head gets it in the same transaction: an in-app
 * notice when the head has a DânVận account, an e-mail (outbox) when an address is known; each send is a
 * `dialogue_dispatches` row, and the dialogue shows how many heads were reached.
 */
import { and, asc, eq } from 'drizzle-orm';
import { cleanText, formatIsoDateVi } from '@danvan/domain/text';
import type { AppContext } from '../../context.ts';
import type { Tx } from '../../db/client.ts';
import { dialogueDispatches, dialogueVillageHeads, staffNotifications, users } from '../../db/schema.ts';
import { AppError, invalid, notFound, type FieldIssue } from '../../plugins/errors.ts';
import { requireAgency } from '../agencies/queries.ts';
import { canSee, type CurrentUser } from '../auth/current-user.ts';
import { writeAudit } from '../audit/write-audit.ts';
import { enqueueNotification } from '../notifications/enqueue-notification.ts';
import { isValidStaffEmail } from '../notifications/staff-email.ts';
import { requireOrganiser } from './policy.ts';
import type { DialogueRow } from './queries.ts';

export const VILLAGE_KINDS = ['thon', 'to-dan-pho'] as const;
export const VILLAGE_KIND_LABELS: Record<(typeof VILLAGE_KINDS)[number], string> = { thon: 'Trưởng thôn', 'to-dan-pho': 'Tổ trưởng tổ dân phố' };

export interface VillageHeadInput {
  agency: string;
  village: string;
  villageKind: (typeof VILLAGE_KINDS)[number];
  headName: string;
  email?: string | null;
  /** Login name of the head's DânVận account, if any. */
  username?: string | null;
  active?: boolean;
}

function present(h: typeof dialogueVillageHeads.$inferSelect, username: string | null) {
  return { id: h.id, village: h.village, villageKind: h.villageKind, villageKindLabel: VILLAGE_KIND_LABELS[h.villageKind as 'thon'] ?? h.villageKind, headName: h.headName, email: h.email, username, active: h.active };
}

export async function listVillageHeads(ctx: AppContext, user: CurrentUser, agencyCode: string) {
  const agency = await requireAgency(ctx.db, agencyCode);
  if (!canSee(user, agency.path)) throw notFound();
  const rows = await ctx.db.select({ h: dialogueVillageHeads, username: users.username }).from(dialogueVillageHeads).leftJoin(users, eq(users.id, dialogueVillageHeads.userId)).where(eq(dialogueVillageHeads.agencyId, agency.id)).orderBy(asc(dialogueVillageHeads.village));
  return rows.map((r) => present(r.h, r.username));
}

/** saveVillageHead: adds a head, or updates the one of the same village (upsert on agency + village). */
export async function saveVillageHead(ctx: AppContext, user: CurrentUser, input: VillageHeadInput) {
  const agency = await requireAgency(ctx.db, input.agency);
  requireOrganiser(user, agency);
  const issues: FieldIssue[] = [];
  const village = cleanText(input.village);
  const headName = cleanText(input.headName);
  if (!village) issues.push({ field: 'village', key: 'field.required' });
  if (!headName) issues.push({ field: 'headName', key: 'field.required' });
  const email = input.email ? input.email.trim().toLowerCase() : null;
  if (email && !isValidStaffEmail(email)) issues.push({ field: 'email', key: 'field.email' });
  let userId: string | null = null;
  if (input.username) {
    const [u] = await ctx.db.select({ id: users.id }).from(users).where(eq(users.username, input.username.trim().toLowerCase()));
    if (!u) issues.push({ field: 'username', key: 'field.unknownUser', params: { value: input.username } });
    else userId = u.id;
  }
  if (issues.length) throw invalid(...issues);
  const now = ctx.now();
  return ctx.db.transaction(async (tx) => {
    const [existing] = await tx.select().from(dialogueVillageHeads).where(and(eq(dialogueVillageHeads.agencyId, agency.id), eq(dialogueVillageHeads.village, village)));
    const values = { villageKind: input.villageKind, headName, email, userId, active: input.active ?? true };
    const [row] = existing
      ? await tx.update(dialogueVillageHeads).set(values).where(eq(dialogueVillageHeads.id, existing.id)).returning()
      : await tx.insert(dialogueVillageHeads).values({ agencyId: agency.id, agencyPath: agency.path, village, ...values, createdAt: now }).returning();
    if (!row) throw new AppError(409, 'error.conflict');
    await writeAudit(tx, {
      at: now,
      actorId: user.id,
      actorName: user.displayName,
      agencyId: agency.id,
      entity: 'dialogue-village-head',
      entityId: row.id,
      action: existing ? 'dialogue.village-head.update' : 'dialogue.village-head.add',
      summary: `${existing ? 'Cập nhật' : 'Thêm'} ${VILLAGE_KIND_LABELS[input.villageKind].toLowerCase()} ${village}: ${headName}`,
      after: { village, villageKind: input.villageKind, hasEmail: Boolean(email), hasAccount: Boolean(userId), active: values.active },
    });
    return present(row, input.username ?? null);
  });
}

/**
 * Inside recordDialogueConclusion's transaction: the conclusion goes to every active head of the organising commune.
 * Returns what was sent (for the audit row).
 */
export async function sendConclusionToVillageHeads(tx: Tx, ctx: AppContext, d: DialogueRow, conclusionOn: string, summary: string) {
  const heads = await tx.select({ h: dialogueVillageHeads, userEmail: users.email }).from(dialogueVillageHeads).leftJoin(users, eq(users.id, dialogueVillageHeads.userId)).where(and(eq(dialogueVillageHeads.agencyId, d.agencyId), eq(dialogueVillageHeads.active, true)));
  const now = ctx.now();
  const text = `Thông báo kết luận hội nghị đối thoại ${d.code} «${d.title}», công bố ngày ${formatIsoDateVi(conclusionOn)}: ${summary.slice(0, 1500)} — Toàn văn, các vấn đề và cam kết: cổng DânVận, mục Đối thoại. Đề nghị thông báo đến Nhân dân trong thôn, tổ dân phố.`;
  let app = 0;
  let email = 0;
  for (const { h, userEmail } of heads) {
    if (h.userId) {
      const rows = await tx.insert(staffNotifications).values({ userId: h.userId, kind: 'dialogue-conclusion', message: text.slice(0, 2000), dedupeKey: `dialogue-conclusion:${d.id}`, createdAt: now }).onConflictDoNothing().returning({ id: staffNotifications.id });
      if (rows.length) {
        app++;
        await tx.insert(dialogueDispatches).values({ dialogueId: d.id, headId: h.id, what: 'conclusion', channel: 'app', sentAt: now }).onConflictDoNothing();
      }
    }
    const to = h.email ?? userEmail;
    if (to) {
      const queued = await enqueueNotification(tx, ctx, { channel: 'email', kind: 'dialogue-conclusion', to, subject: `Thông báo kết luận đối thoại ${d.code}`, text, dedupeKey: `dialogue-conclusion:${d.id}:${h.id}`, userId: h.userId });
      if (queued) {
        email++;
        await tx.insert(dialogueDispatches).values({ dialogueId: d.id, headId: h.id, what: 'conclusion', channel: 'email', sentAt: now }).onConflictDoNothing();
      }
    }
  }
  return { heads: heads.length, app, email };
}
