/**
 * getModelFigures: the d6 counts of a scope for a year or a 5-year review — registered, recognised, new, replicated,
 * maintained, not maintained, unchecked — for the scope (its subtree: a province's figures are its own plus its
 * communes') and per direct child, so the level above sees the roll-up. Rules in domain/src/good-models.ts.
 */
import { inArray, sql } from 'drizzle-orm';
import { modelFigures, type FigureModel, type ModelFigures } from '@danvan/domain/good-models';
import type { DbOrTx } from '../../db/client.ts';
import { queryRows } from '../../db/client.ts';
import { modelChecks } from '../../db/schema.ts';
import { subtreeCondition } from '../auth/current-user.ts';

interface Row {
  id: string;
  year: number;
  recognized_on: string | null;
  replicated_from_id: string | null;
  agency_path: string;
  kind: string;
}

export interface FiguresResult {
  total: ModelFigures;
  byKind: Record<'model' | 'exemplar', ModelFigures>;
  /** Direct children of the scope (path → figures); the scope's own models under ''. */
  byChild: Map<string, ModelFigures>;
}

export async function figuresFor(db: DbOrTx, scopePath: string, fromYear: number, toYear: number): Promise<FiguresResult> {
  const rows = await queryRows<Row>(db, sql`
    select id, year, recognized_on::text as recognized_on, replicated_from_id, agency_path, kind from good_models
    where ${subtreeCondition(scopePath, sql`agency_path`)} and (year <= ${toYear})`);
  const checks = new Map<string, Map<number, boolean>>();
  const ids = rows.map((r) => r.id);
  for (let i = 0; i < ids.length; i += 1000) {
    const part = await db.select().from(modelChecks).where(inArray(modelChecks.modelId, ids.slice(i, i + 1000)));
    for (const c of part) {
      const m = checks.get(c.modelId) ?? new Map<number, boolean>();
      m.set(c.year, c.maintained);
      checks.set(c.modelId, m);
    }
  }
  const models = rows.map((r): FigureModel & { path: string; kind: string } => ({
    id: r.id,
    year: Number(r.year),
    recognizedYear: r.recognized_on ? Number(r.recognized_on.slice(0, 4)) : null,
    replicated: r.replicated_from_id !== null,
    checks: checks.get(r.id) ?? new Map(),
    path: r.agency_path,
    kind: r.kind,
  }));
  const depth = scopePath.split('/').length;
  const groups = new Map<string, typeof models>();
  for (const m of models) {
    const child = m.path === scopePath ? '' : m.path.split('/').slice(0, depth + 1).join('/');
    groups.set(child, [...(groups.get(child) ?? []), m]);
  }
  const byChild = new Map<string, ModelFigures>();
  for (const [k, list] of groups) byChild.set(k, modelFigures(list, fromYear, toYear));
  return {
    total: modelFigures(models, fromYear, toYear),
    byKind: { model: modelFigures(models.filter((m) => m.kind === 'model'), fromYear, toYear), exemplar: modelFigures(models.filter((m) => m.kind === 'exemplar'), fromYear, toYear) },
    byChild,
  };
}
