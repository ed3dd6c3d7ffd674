/**
 * `danvan seed --national` as an operator runs it (a real process through bin/danvan.mjs on its own PGlite data
 * directory): besides the main ground truth it writes `<truth>-models.json`, and the «Dân vận khéo» campaigns and
 * models it wrote give, through getModelFigures' own SQL, exactly the counts of that file.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { openDatabase, queryRows } from '../../db/client.ts';
import { figuresFor } from './figures.ts';
import type { ModelsTruth } from './seed-models.ts';

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const dir = mkdtempSync(path.join(tmpdir(), 'danvan-seed-models-'));
const dataDir = path.join(dir, 'data');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function danvan(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.DATABASE_URL;
  return new Promise((resolve) => {
    execFile(process.execPath, ['bin/danvan.mjs', ...args, '--data-dir', dataDir], { cwd: ROOT, env, timeout: 400_000 }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr });
    });
  });
}

describe('danvan seed --national: the models hook', () => {
  it('writes <truth>-models.json and the models it describes', async () => {
    const truthFile = path.join(dir, 'truth.json');
    const r = await danvan('seed', '--national', '--scale', '0.001', '--seed', '3', '--provinces', '01', '--from', '2025-01-01', '--to', '2026-06-30', '--truth', truthFile);
    expect(r.code, r.stderr).toBe(0);
    const modelsFile = path.join(dir, 'truth-models.json');
    expect(existsSync(modelsFile)).toBe(true);
    const truth = JSON.parse(readFileSync(modelsFile, 'utf8')) as ModelsTruth;
    expect(truth).toMatchObject({ seed: 3, fromYear: 2025, toYear: 2026 });
    expect(truth.figures.map((f) => [f.province, f.year])).toEqual([
      ['01', 2025],
      ['01', 2026],
    ]);
    expect(truth.rows.models).toBeGreaterThan(0);
    const database = await openDatabase({ dataDir });
    try {
      const [rows] = await queryRows<{ campaigns: number; models: number }>(database.db, sql`select (select count(*) from model_campaigns)::int as campaigns, (select count(*) from good_models)::int as models`);
      expect({ campaigns: Number(rows!.campaigns), models: Number(rows!.models) }).toEqual({ campaigns: truth.rows.campaigns, models: truth.rows.models });
      const [hn] = await queryRows<{ path: string }>(database.db, sql`select path from agencies where code = '01'`);
      for (const f of truth.figures) {
        const { province: _p, year, ...expected } = f;
        expect((await figuresFor(database.db, hn!.path, year, year)).total, String(year)).toEqual(expected);
      }
    } finally {
      await database.close();
    }
  }, 420_000);
});
