/**
 * `danvan seed --national` also generates «Dân vận khéo» campaigns (one per province and year, default criteria),
 * models and exemplars of its communes, assessments, recognitions, returns, replications in a neighbouring commune
 * the next year, and the yearly checks — with its own ground truth (per province and year: registered, recognised,
 * new, replicated, maintained, not maintained, unchecked), counted here as the rows are drawn, independently of
 * the figures' SQL, so a test can compare `getModelFigures` with it.
 *
 * Rows are marked like the rest of the generated country (created_by = the inactive `seed.national` account) and
 * written without audit rows (one audit row for the batch).
 */
import { and, eq, inArray } from 'drizzle-orm';
import { DEFAULT_CRITERIA, DEFAULT_FIELDS, DEFAULT_LEVELS, DEFAULT_SCALE_MAX, type ModelKind } from '@danvan/domain/good-models';
import { foldForSearch, formatCount } from '@danvan/domain/text';
import type { Db } from '../../db/client.ts';
import { agencies, goodModels, modelAssessments, modelCampaigns, modelChecks, users } from '../../db/schema.ts';
import { writeAudit } from '../audit/write-audit.ts';
import { Rng } from '../../tools/seed-national/random.ts';

export interface ModelTruthRow {
  province: string;
  year: number;
  registered: number;
  recognized: number;
  new: number;
  replicated: number;
  maintained: number;
  notMaintained: number;
  unchecked: number;
}

export interface ModelsTruth {
  seed: number;
  fromYear: number;
  toYear: number;
  rows: { campaigns: number; models: number; assessments: number; checks: number };
  /** One row per province and year (single-year figures of the province's subtree). */
  figures: ModelTruthRow[];
}

const TITLES: Record<ModelKind, string[]> = {
  model: [
    'Dân vận khéo trong vận động hiến đất mở đường',
    'Dân vận khéo trong giải phóng mặt bằng',
    'Tổ tự quản đèn chiếu sáng ngõ xóm',
    'Dân vận khéo trong giải quyết kiến nghị của nhân dân',
    'Vận động chuyển đổi cây trồng, liên kết tiêu thụ',
    'Camera an ninh tự quản khu dân cư',
    'Chính quyền lắng nghe dân nói, cán bộ nói dân nghe',
  ],
  exemplar: ['Tổ trưởng tổ dân phố tận tụy', 'Trưởng thôn vận động bà con giữ gìn vệ sinh', 'Cán bộ một cửa tận tình hướng dẫn người dân', 'Người có uy tín hòa giải ở cơ sở'],
};

type Draft = typeof goodModels.$inferInsert & { id: string; checks: Map<number, boolean> };

export async function seedNationalModels(
  db: Db,
  opts: { seed: number; fromYear: number; toYear: number; provinces?: readonly string[]; perProvinceYear?: number; at: Date },
): Promise<ModelsTruth> {
  const rng = new Rng(opts.seed, 'good-models');
  const [generator] = await db.select({ id: users.id }).from(users).where(eq(users.username, 'seed.national'));
  if (!generator) throw new Error('seed.national account missing: run the national seed first');
  const provinceRows = await db
    .select()
    .from(agencies)
    .where(opts.provinces?.length ? and(eq(agencies.level, 'province'), inArray(agencies.code, [...opts.provinces])) : eq(agencies.level, 'province'))
    .orderBy(agencies.code);
  const perYear = opts.perProvinceYear ?? 8;
  const campaigns: (typeof modelCampaigns.$inferInsert & { id: string })[] = [];
  const models: Draft[] = [];
  const assessments: (typeof modelAssessments.$inferInsert)[] = [];
  const truth = new Map<string, ModelTruthRow>();
  const cell = (province: string, year: number) => {
    const k = `${province}/${year}`;
    let r = truth.get(k);
    if (!r) truth.set(k, (r = { province, year, registered: 0, recognized: 0, new: 0, replicated: 0, maintained: 0, notMaintained: 0, unchecked: 0 }));
    return r;
  };

  for (const p of provinceRows) {
    const communes = await db.select().from(agencies).where(and(eq(agencies.level, 'commune'), eq(agencies.provinceCode, p.code))).orderBy(agencies.code);
    if (!communes.length) continue;
    const prng = rng.fork(p.code);
    const recognizedEarlier: Draft[] = [];
    for (let year = opts.fromYear; year <= opts.toYear; year++) {
      const campaignId = crypto.randomUUID();
      campaigns.push({
        id: campaignId,
        agencyId: p.id,
        agencyPath: p.path,
        periodKind: 'year',
        fromYear: year,
        toYear: year,
        title: `Phong trào thi đua «Dân vận khéo» năm ${year} — ${p.unitName}`,
        criteria: DEFAULT_CRITERIA,
        fields: DEFAULT_FIELDS,
        levels: DEFAULT_LEVELS,
        scaleMax: DEFAULT_SCALE_MAX,
        createdBy: generator.id,
        createdAt: opts.at,
      });
      const c = cell(p.code, year);
      // This year's checks of the models recognised in earlier years (once not maintained, it stays so).
      for (const m of recognizedEarlier) {
        const before = [...m.checks.values()].at(-1) ?? true;
        const maintained = before && prng.chance(0.8);
        m.checks.set(year, maintained);
        if (maintained) c.maintained++;
        else c.notMaintained++;
      }
      const drafts: Draft[] = [];
      // Replications of last year's recognised models in another commune of the province.
      for (const src of recognizedEarlier.filter((m) => Number(m.recognizedOn?.slice(0, 4)) === year - 1)) {
        if (!prng.chance(0.3) || communes.length < 2) continue;
        const unit = prng.pick(communes.filter((x) => x.id !== src.agencyId));
        drafts.push(draft(prng, unit, p.unitName, campaignId, year, generator.id, opts.at, { kind: src.kind as ModelKind, title: src.title, replicatedFromId: src.id }));
      }
      for (let i = 0; i < perYear; i++) {
        const unit = prng.pick(communes);
        drafts.push(draft(prng, unit, p.unitName, campaignId, year, generator.id, opts.at, {}));
      }
      for (const m of drafts) {
        c.registered++;
        if (m.replicatedFromId) c.replicated++;
        const criteria = DEFAULT_CRITERIA[m.kind as ModelKind];
        const outcome = prng.weighted({ recognized: 55, returned: 10, 'self-assessed': 15, registered: 20 });
        m.status = outcome;
        if (outcome === 'recognized' || outcome === 'returned') {
          const scores = criteria.map((cr) => ({ criterion: cr.key, score: outcome === 'recognized' ? prng.int(7, 10) : prng.int(3, 7) }));
          const total = scores.reduce((a, s) => a + s.score, 0);
          m.selfScores = scores;
          assessments.push({ modelId: m.id, assessorId: generator.id, assessorAgencyId: p.id, scores, total, comment: null, createdAt: opts.at });
          if (outcome === 'recognized') {
            const percent = (100 * total) / (criteria.length * DEFAULT_SCALE_MAX);
            const level = DEFAULT_LEVELS.find((l) => percent >= l.minPercent);
            if (!level) {
              m.status = 'assessed';
            } else {
              m.level = level.key;
              m.recognizedOn = `${year}-11-${String(prng.int(10, 28)).padStart(2, '0')}`;
              c.recognized++;
              if (!m.replicatedFromId) c.new++;
              c.maintained++; // recognised this year: maintained for this year
              recognizedEarlier.push(m);
            }
          } else m.returnReasons = 'Chưa có minh chứng kết quả cụ thể';
        }
      }
      models.push(...drafts);
    }
  }

  await db.transaction(async (tx) => {
    for (let i = 0; i < campaigns.length; i += 500) await tx.insert(modelCampaigns).values(campaigns.slice(i, i + 500));
    const rows = models.map(({ checks: _checks, ...m }) => m);
    // Originals before their replications (the link is checked by nothing but kept tidy).
    for (let i = 0; i < rows.length; i += 500) await tx.insert(goodModels).values(rows.slice(i, i + 500));
    for (let i = 0; i < assessments.length; i += 500) await tx.insert(modelAssessments).values(assessments.slice(i, i + 500));
    const checks = models.flatMap((m) => [...m.checks].map(([year, maintained]) => ({ modelId: m.id, year, maintained, note: null, checkedBy: generator.id, createdAt: opts.at })));
    for (let i = 0; i < checks.length; i += 500) await tx.insert(modelChecks).values(checks.slice(i, i + 500));
    await writeAudit(tx, {
      at: opts.at,
      actorId: generator.id,
      actorName: 'Dữ liệu sinh tự động (danvan seed --national)',
      agencyId: null,
      entity: 'seed-national',
      entityId: 'good-models',
      action: 'seed.national.models',
      summary: `Đã sinh ${formatCount(campaigns.length)} đợt phát động, ${formatCount(models.length)} mô hình «Dân vận khéo» (${opts.fromYear}–${opts.toYear})`,
      after: { generated: true, campaigns: campaigns.length, models: models.length, assessments: assessments.length, checks: checks.length },
    });
  });

  return {
    seed: opts.seed,
    fromYear: opts.fromYear,
    toYear: opts.toYear,
    rows: { campaigns: campaigns.length, models: models.length, assessments: assessments.length, checks: models.reduce((n, m) => n + m.checks.size, 0) },
    figures: [...truth.values()].sort((a, b) => a.province.localeCompare(b.province) || a.year - b.year),
  };
}

function draft(
  rng: Rng,
  unit: typeof agencies.$inferSelect,
  provinceName: string,
  campaignId: string,
  year: number,
  by: string,
  at: Date,
  o: { kind?: ModelKind; title?: string; replicatedFromId?: string },
): Draft {
  const kind = o.kind ?? (rng.chance(0.7) ? 'model' : 'exemplar');
  const title = o.title ?? rng.pick(TITLES[kind]);
  const field = rng.pick(DEFAULT_FIELDS);
  const story = `${title} tại ${unit.unitName}: cán bộ đến từng hộ lắng nghe, bàn bạc công khai, nhân dân cùng làm và giám sát.`;
  return {
    id: crypto.randomUUID(),
    campaignId,
    agencyId: unit.id,
    agencyPath: unit.path,
    kind,
    field: field.key,
    year,
    title,
    story,
    status: 'registered',
    replicatedFromId: o.replicatedFromId ?? null,
    searchKey: foldForSearch(`${title} ${unit.unitName} ${provinceName} ${field.label} ${story}`),
    createdBy: by,
    createdAt: at,
    updatedAt: at,
    checks: new Map(),
  };
}
