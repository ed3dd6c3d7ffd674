import { describe, expect, it } from 'vitest';
import { ClockError } from './errors.ts';
import { DEFAULT_RULES, RULE_KEYS, checkRuleTable, findRule } from './rules.ts';

describe('rule table', () => {
  it('has a row for every key and no inconsistencies', () => {
    for (const key of RULE_KEYS) expect(DEFAULT_RULES.some((r) => r.key === key)).toBe(true);
    expect(new Set(DEFAULT_RULES.map((r) => r.key))).toEqual(new Set(RULE_KEYS));
    expect(checkRuleTable(DEFAULT_RULES)).toEqual([]);
  });

  it('flags only the recalled rules as unverified (LEGAL.md [R]; the resumption sending period of a denunciation)', () => {
    expect(DEFAULT_RULES.filter((r) => !r.verified).map((r) => r.key)).toEqual(['petition.process', 'complaint.guide', 'denunciation.send-resumption']);
  });

  it('switches complaint.accept on 1/7/2026 (effectiveTo exclusive)', () => {
    expect(findRule(DEFAULT_RULES, 'complaint.accept', '2026-06-30')).toMatchObject({ days: 10, unit: 'calendar', effectiveTo: '2026-07-01' });
    expect(findRule(DEFAULT_RULES, 'complaint.accept', '2026-07-01')).toMatchObject({ days: 7, unit: 'working', effectiveTo: null });
  });

  it('encodes the lengths of LEGAL.md', () => {
    const at = (key: string) => findRule(DEFAULT_RULES, key, '2027-01-01');
    expect(at('complaint.first')).toMatchObject({ days: 30, variants: { complex: 45, remote: 45, remoteComplex: 60 } });
    expect(at('complaint.second')).toMatchObject({ days: 45, variants: { complex: 60, remote: 60, remoteComplex: 70 } });
    expect(at('denunciation.intake')).toMatchObject({ days: 7, unit: 'working', variants: { severalSites: 10 } });
    expect(at('denunciation.resolve')).toMatchObject({ days: 30, extension: { maxCount: 2, maxDays: 30, complexMaxCount: 1 } });
  });

  it('throws UNKNOWN_RULE with the valid keys, or when no version is in force', () => {
    expect(() => findRule(DEFAULT_RULES, 'nope', '2027-01-01')).toThrow(ClockError);
    expect(() => findRule(DEFAULT_RULES, 'nope', '2027-01-01')).toThrow(/petition\.process, reception\.notice/);
    expect(() => findRule(DEFAULT_RULES, 'complaint.accept', '2010-01-01')).toThrow(/không có phiên bản hiệu lực/);
  });

  it('detects overlapping versions and bad lengths', () => {
    const accept = DEFAULT_RULES.filter((r) => r.key === 'complaint.accept');
    const broken = [{ ...accept[0]!, effectiveTo: null }, { ...accept[1]!, days: 0 }];
    const problems = checkRuleTable(broken);
    expect(problems.some((p) => p.includes('overlaps'))).toBe(true);
    expect(problems.some((p) => p.includes('positive'))).toBe(true);
  });
});
