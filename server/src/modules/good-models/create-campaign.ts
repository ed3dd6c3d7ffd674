/**
 * createModelCampaign: an agency (a province, a ministry) launches a yearly campaign or a 5-year review with its
 * own criteria per kind, fields, scale and recognition levels (PARTICIPATION.md d2–d6). Omitted lists take the
 * documented defaults (domain/src/good-models.ts), which the UI labels as defaults.
 */
import { cleanText, foldForSearch } from '@danvan/domain/text';
import { DEFAULT_CRITERIA, DEFAULT_FIELDS, DEFAULT_LEVELS, DEFAULT_SCALE_MAX, MODEL_KINDS, type Criterion, type FieldDef, type LevelDef, type ModelKind } from '@danvan/domain/good-models';
import type { AppContext } from '../../context.ts';
import { modelCampaigns } from '../../db/schema.ts';
import { AppError, invalid, type FieldIssue } from '../../plugins/errors.ts';
import { requireAgency, type AgencyRow } from '../agencies/queries.ts';
import type { CurrentUser } from '../auth/current-user.ts';
import { writeAudit, type AuditEntry } from '../audit/write-audit.ts';
import { mayRunCampaign } from './policy.ts';

export interface CampaignInput {
  agency: string;
  title: string;
  periodKind: 'year' | 'review';
  fromYear: number;
  toYear?: number;
  criteria?: Partial<Record<ModelKind, { key?: string; label: string }[]>>;
  fields?: { key?: string; label: string }[];
  levels?: { key?: string; label: string; minPercent: number }[];
  scaleMax?: number;
}

const keyOf = (label: string) => foldForSearch(label).replace(/ /g, '-').slice(0, 60);

function keyed<T extends { key?: string; label: string }>(list: T[], field: string, issues: FieldIssue[]): (T & { key: string; label: string })[] {
  const seen = new Set<string>();
  return list.map((item, i) => {
    const label = cleanText(item.label);
    const key = item.key ? cleanText(item.key) : keyOf(label);
    if (!label) issues.push({ field: `${field}.${i}.label`, key: 'field.required' });
    if (seen.has(key)) issues.push({ field: `${field}.${i}.key`, key: 'field.duplicate' });
    seen.add(key);
    return { ...item, key, label };
  });
}

/** Pure: the row and the audit entry of a new campaign. */
export function planCampaign(input: CampaignInput, agency: AgencyRow, user: CurrentUser, now: Date) {
  const issues: FieldIssue[] = [];
  const toYear = input.toYear ?? (input.periodKind === 'year' ? input.fromYear : input.fromYear + 5);
  if (input.fromYear < 2009 || toYear > 2100 || toYear < input.fromYear || (input.periodKind === 'year' && toYear !== input.fromYear) || toYear - input.fromYear > 5) {
    issues.push({ field: 'toYear', key: 'field.yearRange' });
  }
  const title = cleanText(input.title);
  if (!title) issues.push({ field: 'title', key: 'field.required' });
  const criteria = {} as Record<ModelKind, Criterion[]>;
  for (const kind of MODEL_KINDS) {
    const list = input.criteria?.[kind] ?? DEFAULT_CRITERIA[kind];
    if (!list.length) issues.push({ field: `criteria.${kind}`, key: 'field.required' });
    criteria[kind] = keyed(list, `criteria.${kind}`, issues).map(({ key, label }) => ({ key, label }));
  }
  const fields: FieldDef[] = keyed(input.fields ?? DEFAULT_FIELDS, 'fields', issues).map(({ key, label }) => ({ key, label }));
  if (!fields.length) issues.push({ field: 'fields', key: 'field.required' });
  const levels: LevelDef[] = keyed(input.levels ?? DEFAULT_LEVELS, 'levels', issues).map(({ key, label, minPercent }) => ({ key, label, minPercent }));
  if (!levels.length) issues.push({ field: 'levels', key: 'field.required' });
  if (issues.length) throw invalid(...issues);
  const row = {
    agencyId: agency.id,
    agencyPath: agency.path,
    periodKind: input.periodKind,
    fromYear: input.fromYear,
    toYear,
    title,
    criteria,
    fields,
    levels,
    scaleMax: input.scaleMax ?? DEFAULT_SCALE_MAX,
    createdBy: user.id,
    createdAt: now,
  };
  const audit: Omit<AuditEntry<'model-campaign.create'>, 'entityId'> = {
    at: now,
    actorId: user.id,
    actorName: user.displayName,
    agencyId: agency.id,
    entity: 'model-campaign',
    action: 'model-campaign.create',
    summary: `Phát động «${title}» (${input.fromYear}${toYear !== input.fromYear ? `–${toYear}` : ''}): ${criteria.model.length} tiêu chí mô hình, ${criteria.exemplar.length} tiêu chí điển hình`,
    after: { periodKind: input.periodKind, fromYear: input.fromYear, toYear, criteria: { model: criteria.model.length, exemplar: criteria.exemplar.length }, levels: levels.map((l) => l.key) },
  };
  return { row, audit };
}

export async function createModelCampaign(ctx: AppContext, user: CurrentUser, input: CampaignInput) {
  const agency = await requireAgency(ctx.db, input.agency);
  if (!mayRunCampaign(user, agency.path)) {
    throw new AppError(403, 'error.forbidden', {}, [{ field: 'agency', key: 'field.agencyOutOfScope', params: { code: agency.code } }]);
  }
  const plan = planCampaign(input, agency, user, ctx.now());
  return ctx.db.transaction(async (tx) => {
    const [c] = await tx.insert(modelCampaigns).values(plan.row).returning();
    if (!c) throw new AppError(500, 'error.internal');
    await writeAudit(tx, { ...plan.audit, entityId: c.id });
    return { campaign: c, agency };
  });
}
