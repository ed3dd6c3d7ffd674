/**
 * The «Dân vận khéo» figures in the period report's exports (reports/sections.ts): for the years the report's range
 * touches, the scope's counts and its direct children's. Nothing when the scope has no model at all.
 */
import { inArray } from 'drizzle-orm';
import type { ModelFigures } from '@danvan/domain/good-models';
import { agencies } from '../../db/schema.ts';
import { agencyByCode } from '../agencies/queries.ts';
import { registerReportSection, type ReportSection } from '../reports/sections.ts';
import { figuresFor } from './figures.ts';

const COLUMNS: { key: keyof ModelFigures; label: string }[] = [
  { key: 'registered', label: 'Mô hình đăng ký' },
  { key: 'recognized', label: 'Được công nhận' },
  { key: 'new', label: 'Mô hình mới' },
  { key: 'replicated', label: 'Nhân rộng' },
  { key: 'maintained', label: 'Duy trì' },
  { key: 'notMaintained', label: 'Không duy trì' },
  { key: 'unchecked', label: 'Chưa kiểm tra' },
];

registerReportSection(async (ctx, scope, from, to): Promise<ReportSection | null> => {
  const a = await agencyByCode(ctx.db, scope.code);
  if (!a) return null;
  const fromYear = Number(from.slice(0, 4));
  const toYear = Number(to.slice(0, 4));
  const f = await figuresFor(ctx.db, a.path, fromYear, toYear);
  if (!f.byChild.size) return null;
  const paths = [...f.byChild.keys()].filter(Boolean);
  const names = paths.length ? await ctx.db.select({ path: agencies.path, code: agencies.code, name: agencies.fullName }).from(agencies).where(inArray(agencies.path, paths)) : [];
  const values = (x: ModelFigures) => Object.fromEntries(COLUMNS.map((c) => [c.key, x[c.key]]));
  return {
    key: 'dan-van-kheo',
    title: `Dân vận khéo ${fromYear === toYear ? fromYear : `${fromYear}-${toYear}`}`,
    columns: COLUMNS,
    rows: [
      { code: a.code, name: a.fullName, values: values(f.total) },
      ...names.sort((x, y) => x.code.localeCompare(y.code)).map((n) => ({ code: n.code, name: n.name, values: values(f.byChild.get(n.path)!) })),
    ],
  };
});
