/**
 * The public gallery (no login): recognised models only — search (diacritic- and đ/d-insensitive: the query and
 * the stored search key both go through foldForSearch), filters by province, field, year and kind; a model's page
 * with its story, the public copies of its photos (resized, no EXIF), the DânVận outcomes linked as evidence, the
 * yearly checks and where it was replicated; open data (CSV/JSON) of the same list.
 */
import { modelAwardsOf } from './awards.ts';
import { and, asc, count, desc, eq, inArray, like, type SQL } from 'drizzle-orm';
import { foldForSearch } from '@danvan/domain/text';
import { MODEL_KIND_LABELS, type ModelKind } from '@danvan/domain/good-models';
import type { AppContext } from '../../context.ts';
import { agencies, goodModels, modelCampaigns, modelChecks, modelEvidence } from '../../db/schema.ts';
import { notFound } from '../../plugins/errors.ts';
import { subtreeCondition } from '../auth/current-user.ts';
import { agencyByCode } from '../agencies/queries.ts';
import type { PortalOptions } from '../portal/options.ts';
import { decryptFile } from '../portal/storage.ts';
import { campaignData, type CampaignRow } from './queries.ts';

export interface PublicQuery {
  q?: string;
  province?: string;
  field?: string;
  year?: number;
  kind?: ModelKind;
  limit: number;
  offset: number;
}

async function provinceNames(ctx: AppContext, paths: string[]) {
  const provincePaths = [...new Set(paths.map((p) => p.split('/').slice(0, 2).join('/')))];
  if (!provincePaths.length) return new Map<string, string>();
  const rows = await ctx.db.select({ path: agencies.path, name: agencies.unitName }).from(agencies).where(inArray(agencies.path, provincePaths));
  return new Map(rows.map((r) => [r.path, r.name]));
}

function presentPublic(m: typeof goodModels.$inferSelect, c: CampaignRow, agency: { code: string; name: string }, province: string) {
  const d = campaignData(c);
  return {
    id: m.id,
    title: m.title,
    kind: m.kind as ModelKind,
    kindLabel: MODEL_KIND_LABELS[m.kind as ModelKind] ?? m.kind,
    field: m.field,
    fieldLabel: d.fields.find((f) => f.key === m.field)?.label ?? m.field,
    year: m.year,
    agency: agency,
    province,
    campaign: c.title,
    level: m.level ?? '',
    levelLabel: d.levels.find((l) => l.key === m.level)?.label ?? '',
    recognizedOn: m.recognizedOn ?? '',
    replicatedFromId: m.replicatedFromId,
    excerpt: m.story.length > 280 ? `${m.story.slice(0, 277)}…` : m.story,
  };
}

export async function listPublicModels(ctx: AppContext, query: PublicQuery) {
  const conds: SQL[] = [eq(goodModels.status, 'recognized')];
  for (const word of foldForSearch(query.q ?? '').split(' ').filter(Boolean).slice(0, 10)) conds.push(like(goodModels.searchKey, `%${word.replace(/[%_\\]/g, '')}%`));
  if (query.province) {
    const p = await agencyByCode(ctx.db, query.province);
    if (!p) return { total: 0, items: [] };
    conds.push(subtreeCondition(p.path, goodModels.agencyPath));
  }
  if (query.field) conds.push(eq(goodModels.field, query.field));
  if (query.year) conds.push(eq(goodModels.year, query.year));
  if (query.kind) conds.push(eq(goodModels.kind, query.kind));
  const where = and(...conds);
  const [{ total } = { total: 0 }] = await ctx.db.select({ total: count() }).from(goodModels).where(where);
  const rows = await ctx.db
    .select({ m: goodModels, c: modelCampaigns, code: agencies.code, name: agencies.unitName })
    .from(goodModels)
    .innerJoin(modelCampaigns, eq(modelCampaigns.id, goodModels.campaignId))
    .innerJoin(agencies, eq(agencies.id, goodModels.agencyId))
    .where(where)
    .orderBy(desc(goodModels.recognizedOn), asc(goodModels.title))
    .limit(query.limit)
    .offset(query.offset);
  const provinces = await provinceNames(ctx, rows.map((r) => r.m.agencyPath));
  return {
    total: Number(total),
    items: rows.map((r) => presentPublic(r.m, r.c, { code: r.code, name: r.name }, provinces.get(r.m.agencyPath.split('/').slice(0, 2).join('/')) ?? '')),
  };
}

export async function getPublicModel(ctx: AppContext, id: string) {
  const [r] = await ctx.db
    .select({ m: goodModels, c: modelCampaigns, code: agencies.code, name: agencies.unitName })
    .from(goodModels)
    .innerJoin(modelCampaigns, eq(modelCampaigns.id, goodModels.campaignId))
    .innerJoin(agencies, eq(agencies.id, goodModels.agencyId))
    .where(and(eq(goodModels.id, id), eq(goodModels.status, 'recognized')));
  if (!r) throw notFound();
  const provinces = await provinceNames(ctx, [r.m.agencyPath]);
  const evidence = await ctx.db.select().from(modelEvidence).where(eq(modelEvidence.modelId, id)).orderBy(asc(modelEvidence.createdAt));
  const checks = await ctx.db.select().from(modelChecks).where(eq(modelChecks.modelId, id)).orderBy(asc(modelChecks.year));
  const replicas = await ctx.db
    .select({ id: goodModels.id, status: goodModels.status, year: goodModels.year, name: agencies.unitName })
    .from(goodModels)
    .innerJoin(agencies, eq(agencies.id, goodModels.agencyId))
    .where(eq(goodModels.replicatedFromId, id))
    .orderBy(asc(goodModels.year), asc(agencies.unitName));
  let origin: { id: string; title: string; agency: string } | null = null;
  if (r.m.replicatedFromId) {
    const [o] = await ctx.db
      .select({ id: goodModels.id, title: goodModels.title, name: agencies.unitName, status: goodModels.status })
      .from(goodModels)
      .innerJoin(agencies, eq(agencies.id, goodModels.agencyId))
      .where(eq(goodModels.id, r.m.replicatedFromId));
    if (o && o.status === 'recognized') origin = { id: o.id, title: o.title, agency: o.name };
  }
  return {
    ...presentPublic(r.m, r.c, { code: r.code, name: r.name }, provinces.get(r.m.agencyPath.split('/').slice(0, 2).join('/')) ?? ''),
    story: r.m.story,
    photos: evidence.filter((e) => e.publicStorageKey).map((e) => ({ id: e.id, title: e.title, url: `/api/v1/public/models/${id}/photos/${e.id}` })),
    outcomes: evidence.filter((e) => e.refType).map((e) => ({ type: e.refType ?? '', label: e.refLabel ?? '', title: e.title })),
    checks: checks.map((c) => ({ year: c.year, maintained: c.maintained })),
    replications: replicas.map((x) => ({ id: x.status === 'recognized' ? x.id : null, agency: x.name, year: x.year, recognized: x.status === 'recognized' })),
    origin,
    awards: await modelAwardsOf(ctx.db, id),
  };
}

/** The public copy of a photo (JPEG without metadata) of a recognised model. */
export async function publicModelPhoto(ctx: AppContext, portal: PortalOptions, modelId: string, evidenceId: string): Promise<Buffer> {
  const [r] = await ctx.db
    .select({ key: modelEvidence.publicStorageKey, dataKey: modelEvidence.publicDataKey })
    .from(modelEvidence)
    .innerJoin(goodModels, eq(goodModels.id, modelEvidence.modelId))
    .where(and(eq(modelEvidence.id, evidenceId), eq(modelEvidence.modelId, modelId), eq(goodModels.status, 'recognized')));
  if (!r?.key || !r.dataKey) throw notFound();
  return decryptFile(ctx.sealer, await portal.storage.get(r.key), r.dataKey);
}

export const OPEN_DATA_COLUMNS = ['id', 'title', 'kind', 'field', 'year', 'agencyCode', 'agency', 'province', 'campaign', 'level', 'recognizedOn', 'replicatedFromId'] as const;

const csvCell = (v: unknown) => {
  const s = v === null || v === undefined ? '' : String(v);
  // Neutralise spreadsheet formulas, quote every cell (RFC 4180).
  const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return `"${safe.replace(/"/g, '""')}"`;
};

/** Every recognised model matching the filters, for open data (CSV with a BOM for spreadsheet programs, or JSON). */
export async function openDataRows(ctx: AppContext, query: Omit<PublicQuery, 'limit' | 'offset'>) {
  const all = await listPublicModels(ctx, { ...query, limit: 100_000, offset: 0 });
  return all.items.map((m) => ({
    id: m.id,
    title: m.title,
    kind: m.kindLabel,
    field: m.fieldLabel,
    year: m.year,
    agencyCode: m.agency.code,
    agency: m.agency.name,
    province: m.province,
    campaign: m.campaign,
    level: m.levelLabel,
    recognizedOn: m.recognizedOn,
    replicatedFromId: m.replicatedFromId ?? '',
  }));
}

export function toCsv(rows: Awaited<ReturnType<typeof openDataRows>>): string {
  const lines = [OPEN_DATA_COLUMNS.join(','), ...rows.map((r) => OPEN_DATA_COLUMNS.map((c) => csvCell(r[c])).join(','))];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
