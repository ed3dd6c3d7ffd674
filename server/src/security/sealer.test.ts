/** The key list: commas or one key per line (a hand-edited seal.key), distinct ids, the first key seals. */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSealer, loadSealer, parseKeyList, sealKeyFile } from './sealer.ts';

const b64 = () => randomBytes(32).toString('base64');

describe('seal keys', () => {
  it('parses "id:key" pairs separated by commas, spaces or newlines; the first is current, all open', () => {
    const [a, b] = [b64(), b64()];
    for (const text of [`k2:${a},k1:${b}`, `k2:${a}, k1:${b}`, `k2:${a}\nk1:${b}\n`, `\nk2:${a}\r\nk1:${b}`]) {
      const keys = parseKeyList(text);
      expect(keys.map((k) => k.id)).toEqual(['k2', 'k1']);
      const s = createSealer(keys);
      expect(s.currentKeyId).toBe('k2');
      expect(s.keyIds).toEqual(['k2', 'k1']);
    }
    const old = createSealer(parseKeyList(`k1:${b}`));
    const box = old.seal('Nguyễn Văn A');
    const both = createSealer(parseKeyList(`k2:${a}\nk1:${b}`));
    expect(both.open(box)).toBe('Nguyễn Văn A');
    expect(both.seal('x').keyId).toBe('k2');
  });

  it('refuses a repeated id, a short key, a malformed pair', () => {
    const a = b64();
    expect(() => createSealer(parseKeyList(`k1:${a},k1:${b64()}`))).toThrow('distinct');
    expect(() => createSealer(parseKeyList(`k1:${randomBytes(16).toString('base64')}`))).toThrow('32 bytes');
    expect(() => parseKeyList('k1')).toThrow('id:base64key');
  });

  it('loadSealer({create: false}) refuses without keys and creates no file', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'danvan-sealer-'));
    try {
      expect(() => loadSealer({}, dir, { create: false })).toThrow('Chưa có khóa niêm phong');
      expect(() => loadSealer({}, dir, { create: false })).toThrow(sealKeyFile(dir));
      expect(loadSealer({}, dir).keyIds).toEqual(['k1']);
      expect(loadSealer({}, dir, { create: false }).keyIds).toEqual(['k1']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
