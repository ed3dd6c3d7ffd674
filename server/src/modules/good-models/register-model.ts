/**
 * registerModel: a unit below the campaign's agency registers a model (mô hình) or an exemplar (điển hình) at the
 * start of the year (đăng ký xây dựng mô hình, d1). replicateModel: another unit adopts a recognised model
 * (nhân rộng): a new registration linked to the original, which then goes through the same lifecycle.
 */
import { pathWithin } from '@danvan/domain/roles';
import { cleanText, foldForSearch, isoDateInVietnam } from '@danvan/domain/text';
import { MODEL_KIND_LABELS, type ModelKind } from '@danvan/domain/good-models';
import type { AppContext } from '../../context.ts';
import { goodModels } from '../../db/schema.ts';
import { AppError, invalid, notFound, type FieldIssue } from '../../plugins/errors.ts';
import { requireAgency, type AgencyRow } from '../agencies/queries.ts';
import { canSee, type CurrentUser } from '../auth/current-user.ts';
import { writeAudit, type AuditEntry } from '../audit/write-audit.ts';
import { mayWorkUnit } from './policy.ts';
import { agencyLabel, campaignById, campaignData, visibleCampaign, type CampaignRow, type ModelRow } from './queries.ts';
import { eq } from 'drizzle-orm';

export interface RegisterInput {
  campaignId: string;
  agency: string;
  kind: ModelKind;
  field: string;
  title: string;
  story: string;
  /** For a 5-year review: the year within it (default the current year, or the first). */
  year?: number;
}

/** The names the gallery search folds: the unit and every ancestor (Phường Ba Đình, Thành phố Hà Nội). */
export async function searchKeyOf(ctx: AppContext, unit: AgencyRow, title: string, story: string, fieldLabel: string): Promise<string> {
  const names: string[] = [];
  const parts = unit.path.split('/');
  for (let i = 2; i < parts.length; i++) {
    const a = await ctx.db.query.agencies.findFirst({ where: (t, { eq: e }) => e(t.path, parts.slice(0, i).join('/')) });
    if (a) names.push(a.unitName);
  }
  return foldForSearch(`${title} ${unit.unitName} ${names.join(' ')} ${fieldLabel} ${story}`).slice(0, 8000);
}

/** Pure: the registration row and its audit entry. */
export function planRegistration(
  input: Omit<RegisterInput, 'agency'>,
  campaign: CampaignRow,
  unit: AgencyRow,
  user: CurrentUser,
  now: Date,
  extra: { searchKey: string; replicatedFrom?: ModelRow },
) {
  const issues: FieldIssue[] = [];
  const data = campaignData(campaign);
  if (!(pathWithin(unit.path, campaign.agencyPath) && unit.path !== campaign.agencyPath)) {
    issues.push({ field: 'agency', key: 'field.unitNotInCampaign', params: { code: unit.code } });
  }
  if (!data.fields.some((f) => f.key === input.field)) issues.push({ field: 'field', key: 'field.modelField', params: { value: input.field } });
  const title = cleanText(input.title);
  const story = input.story.normalize('NFC').trim();
  if (!title) issues.push({ field: 'title', key: 'field.required' });
  if (!story) issues.push({ field: 'story', key: 'field.required' });
  const thisYear = Number(isoDateInVietnam(now).slice(0, 4));
  const year = input.year ?? Math.min(Math.max(thisYear, campaign.fromYear), campaign.toYear);
  if (year < campaign.fromYear || year > campaign.toYear) issues.push({ field: 'year', key: 'field.yearRange' });
  if (issues.length) throw invalid(...issues);
  const row = {
    campaignId: campaign.id,
    agencyId: unit.id,
    agencyPath: unit.path,
    kind: input.kind,
    field: input.field,
    year,
    title,
    story,
    status: 'registered',
    replicatedFromId: extra.replicatedFrom?.id ?? null,
    searchKey: extra.searchKey,
    createdBy: user.id,
    createdAt: now,
    updatedAt: now,
  };
  const audit: Omit<AuditEntry<'good-model.register' | 'good-model.replicate'>, 'entityId'> = {
    at: now,
    actorId: user.id,
    actorName: user.displayName,
    agencyId: unit.id,
    entity: 'good-model',
    action: extra.replicatedFrom ? 'good-model.replicate' : 'good-model.register',
    summary: extra.replicatedFrom
      ? `Nhân rộng mô hình «${extra.replicatedFrom.title}» tại ${unit.fullName}`
      : `Đăng ký ${MODEL_KIND_LABELS[input.kind].toLowerCase()} «${title}» năm ${year}`,
    after: { campaignId: campaign.id, kind: input.kind, field: input.field, year, replicatedFromId: extra.replicatedFrom?.id ?? null },
  };
  return { row, audit };
}

async function insertModel(ctx: AppContext, plan: ReturnType<typeof planRegistration>) {
  return ctx.db.transaction(async (tx) => {
    const [m] = await tx.insert(goodModels).values(plan.row).returning();
    if (!m) throw new AppError(500, 'error.internal');
    await writeAudit(tx, { ...plan.audit, entityId: m.id });
    return m;
  });
}

function requireUnitRole(user: CurrentUser, unit: AgencyRow) {
  if (!mayWorkUnit(user, unit.path)) throw new AppError(403, 'error.forbidden', {}, [{ field: 'agency', key: 'field.agencyOutOfScope', params: { code: unit.code } }]);
}

export async function registerModel(ctx: AppContext, user: CurrentUser, input: RegisterInput) {
  const unit = await requireAgency(ctx.db, input.agency);
  requireUnitRole(user, unit);
  const campaign = await visibleCampaign(ctx.db, user, input.campaignId);
  const fieldLabel = campaignData(campaign).fields.find((f) => f.key === input.field)?.label ?? '';
  const plan = planRegistration(input, campaign, unit, user, ctx.now(), { searchKey: await searchKeyOf(ctx, unit, input.title, input.story, fieldLabel) });
  return { model: await insertModel(ctx, plan), campaign, agency: { code: unit.code, name: unit.fullName } };
}

export interface ReplicateInput {
  agency: string;
  campaignId?: string;
  title?: string;
  story?: string;
  year?: number;
}

/** The original must be recognised (it is public then); an unrecognised one is only visible within its scope. */
export async function replicateModel(ctx: AppContext, user: CurrentUser, sourceId: string, input: ReplicateInput) {
  const source = await ctx.db.query.goodModels.findFirst({ where: eq(goodModels.id, sourceId) });
  if (!source || (source.status !== 'recognized' && !canSee(user, source.agencyPath))) throw notFound();
  if (source.status !== 'recognized') throw new AppError(409, 'error.modelStep', { step: 'nhân rộng', status: source.status });
  const unit = await requireAgency(ctx.db, input.agency);
  requireUnitRole(user, unit);
  if (unit.id === source.agencyId) throw invalid({ field: 'agency', key: 'field.replicateSameUnit' });
  const campaign = input.campaignId ? await visibleCampaign(ctx.db, user, input.campaignId) : await campaignById(ctx.db, source.campaignId);
  if (!campaign) throw notFound();
  const origin = await agencyLabel(ctx.db, source.agencyId);
  const title = input.title ?? source.title;
  const story = input.story ?? `Nhân rộng từ mô hình «${source.title}» của ${origin.name}.\n\n${source.story}`;
  const fieldLabel = campaignData(campaign).fields.find((f) => f.key === source.field)?.label ?? '';
  const plan = planRegistration(
    { campaignId: campaign.id, kind: source.kind as ModelKind, field: source.field, title, story, ...(input.year !== undefined ? { year: input.year } : {}) },
    campaign,
    unit,
    user,
    ctx.now(),
    { searchKey: await searchKeyOf(ctx, unit, title, story, fieldLabel), replicatedFrom: source },
  );
  return { model: await insertModel(ctx, plan), campaign, agency: { code: unit.code, name: unit.fullName } };
}
