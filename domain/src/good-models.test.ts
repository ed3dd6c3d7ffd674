import { describe, expect, it } from 'vitest';
import { checkScores, DEFAULT_CRITERIA, DEFAULT_LEVELS, levelEarned, modelFigures, stepOpen, type FigureModel } from './good-models.ts';

describe('good models', () => {
  it('scores: every criterion once, integers within the scale', () => {
    const crit = DEFAULT_CRITERIA.model;
    const ok = checkScores(crit, 10, crit.map((c) => ({ criterion: c.key, score: 8 })));
    expect(ok).toEqual({ issues: [], total: 40, max: 50 });
    const bad = checkScores(crit, 10, [{ criterion: crit[0]!.key, score: 11 }, { criterion: crit[0]!.key, score: 2.5 }, { criterion: 'x', score: 1 }]);
    expect(bad.issues.map((i) => i.problem).sort()).toEqual(['duplicate', 'missing', 'missing', 'missing', 'missing', 'range', 'range', 'unknown']);
  });
  it('level: the highest whose threshold the average reaches', () => {
    expect(levelEarned(DEFAULT_LEVELS, [45], 50)?.key).toBe('xuat-sac');
    expect(levelEarned(DEFAULT_LEVELS, [45, 40], 50)?.key).toBe('tieu-bieu');
    expect(levelEarned(DEFAULT_LEVELS, [30], 50)).toBeNull();
    expect(levelEarned(DEFAULT_LEVELS, [], 50)).toBeNull();
  });
  it('lifecycle steps', () => {
    expect(stepOpen('selfAssess', 'returned')).toBe(true);
    expect(stepOpen('decide', 'self-assessed')).toBe(false);
    expect(stepOpen('check', 'recognized')).toBe(true);
  });
  it('figures: recognised 1 → maintained 0 after a failed check the next year', () => {
    const m = (o: Partial<FigureModel>): FigureModel => ({ id: 'a', year: 2026, recognizedYear: null, replicated: false, checks: new Map(), ...o });
    const a = m({ recognizedYear: 2026 });
    const b = m({ id: 'b', year: 2027, replicated: true });
    expect(modelFigures([a, b], 2026, 2026)).toEqual({ registered: 1, recognized: 1, new: 1, replicated: 0, maintained: 1, notMaintained: 0, unchecked: 0 });
    expect(modelFigures([a, b], 2026, 2027)).toMatchObject({ registered: 2, recognized: 1, replicated: 1, maintained: 0, unchecked: 1 });
    const failed = m({ recognizedYear: 2026, checks: new Map([[2027, false]]) });
    expect(modelFigures([failed], 2026, 2027)).toMatchObject({ recognized: 1, maintained: 0, notMaintained: 1 });
    expect(modelFigures([failed], 2027, 2027)).toMatchObject({ recognized: 0, maintained: 0, notMaintained: 1 });
  });
});
