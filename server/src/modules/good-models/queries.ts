/** Loading a campaign or a model within the user's scope (404 otherwise) and presenting them. */
import { eq } from 'drizzle-orm';
import type { Criterion, FieldDef, LevelDef, ModelKind } from '@danvan/domain/good-models';
import { MODEL_KIND_LABELS, MODEL_STATUS_LABELS, type ModelStatus } from '@danvan/domain/good-models';
import type { DbOrTx } from '../../db/client.ts';
import { agencies, goodModels, modelCampaigns } from '../../db/schema.ts';
import { notFound } from '../../plugins/errors.ts';
import { canSee, type CurrentUser } from '../auth/current-user.ts';

export type CampaignRow = typeof modelCampaigns.$inferSelect;
export type ModelRow = typeof goodModels.$inferSelect;

export interface CampaignData {
  criteria: Record<ModelKind, Criterion[]>;
  fields: FieldDef[];
  levels: LevelDef[];
}

export function campaignData(c: CampaignRow): CampaignData {
  return { criteria: c.criteria as CampaignData['criteria'], fields: c.fields as FieldDef[], levels: c.levels as LevelDef[] };
}

export async function campaignById(db: DbOrTx, id: string): Promise<CampaignRow | undefined> {
  const [c] = await db.select().from(modelCampaigns).where(eq(modelCampaigns.id, id));
  return c;
}

/** A campaign the user can see: their subtrees contain its agency, or its agency contains one of their grants. */
export async function visibleCampaign(db: DbOrTx, user: CurrentUser, id: string): Promise<CampaignRow> {
  const c = await campaignById(db, id);
  if (!c || !(canSee(user, c.agencyPath) || user.grants.some((g) => g.agencyPath.startsWith(`${c.agencyPath}/`)))) throw notFound();
  return c;
}

export async function visibleModel(db: DbOrTx, user: CurrentUser, id: string): Promise<{ model: ModelRow; campaign: CampaignRow }> {
  const [m] = await db.select().from(goodModels).where(eq(goodModels.id, id));
  if (!m || !canSee(user, m.agencyPath)) throw notFound();
  const c = await campaignById(db, m.campaignId);
  if (!c) throw notFound();
  return { model: m, campaign: c };
}

export async function agencyLabel(db: DbOrTx, id: string) {
  const [a] = await db.select({ code: agencies.code, name: agencies.fullName, path: agencies.path }).from(agencies).where(eq(agencies.id, id));
  return a ?? { code: '', name: '', path: '' };
}

export function presentCampaign(c: CampaignRow, agency: { code: string; name: string }) {
  const d = campaignData(c);
  return {
    id: c.id,
    agency: { code: agency.code, name: agency.name },
    periodKind: c.periodKind as 'year' | 'review',
    fromYear: c.fromYear,
    toYear: c.toYear,
    title: c.title,
    criteria: d.criteria,
    fields: d.fields,
    levels: d.levels,
    scaleMax: c.scaleMax,
    createdAt: c.createdAt.toISOString(),
  };
}

export function presentModel(m: ModelRow, agency: { code: string; name: string }, c: CampaignRow) {
  const d = campaignData(c);
  return {
    id: m.id,
    campaignId: m.campaignId,
    campaignTitle: c.title,
    agency: { code: agency.code, name: agency.name },
    kind: m.kind as ModelKind,
    kindLabel: MODEL_KIND_LABELS[m.kind as ModelKind] ?? m.kind,
    field: m.field,
    fieldLabel: d.fields.find((f) => f.key === m.field)?.label ?? m.field,
    year: m.year,
    title: m.title,
    story: m.story,
    status: m.status as ModelStatus,
    statusLabel: MODEL_STATUS_LABELS[m.status as ModelStatus] ?? m.status,
    selfScores: (m.selfScores as { criterion: string; score: number; comment?: string }[] | null) ?? null,
    level: m.level,
    levelLabel: d.levels.find((l) => l.key === m.level)?.label ?? null,
    recognizedOn: m.recognizedOn,
    returnReasons: m.returnReasons,
    replicatedFromId: m.replicatedFromId,
    createdAt: m.createdAt.toISOString(),
    updatedAt: m.updatedAt.toISOString(),
  };
}
