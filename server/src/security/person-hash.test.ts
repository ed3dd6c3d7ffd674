/** The person key and its hash: HMAC-SHA-256 of personKey, 32-byte base64 key, key file created 0600 once. */
import { createHmac, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createPersonHasher, loadPersonHasher, parsePersonKey, personKeyFile } from './person-hash.ts';

const ID = '001085012345';

describe('person hash', () => {
  it('is the HMAC-SHA-256 of the person key: the ID when there is one, else the folded name and address', () => {
    const key = randomBytes(32);
    const h = createPersonHasher(key);
    const hmac = (text: string) => createHmac('sha256', key).update(`danvan/person-hash/v1\n${text}`).digest('hex');
    expect(h.hash({ idNumber: ID, name: 'Nguyễn Văn A' })).toBe(hmac(`id:${ID}`));
    expect(h.hash({ idNumber: ID })).toMatch(/^[0-9a-f]{64}$/);
    expect(h.hash({ idNumber: ID })).not.toContain(ID);
    // Diacritics, case and spacing do not matter for name and address.
    expect(h.hash({ name: 'Nguyễn  Văn A', address: 'Số 5, Kim Mã' })).toBe(h.hash({ name: 'nguyen van a', address: 'so 5 kim ma' }));
    expect(h.hash({ name: 'Nguyễn Văn A', address: 'Số 5 Kim Mã' })).toBe(hmac('na:nguyen van a|so 5 kim ma'));
    // No ID and no address (or a passport number): nothing to match on.
    expect(h.hash({ name: 'Nguyễn Văn A' })).toBeNull();
    expect(h.hash({ name: 'Nguyễn Văn A', idNumber: 'B1234567' })).toBeNull();
    // Another key, another hash.
    expect(createPersonHasher(randomBytes(32)).hash({ idNumber: ID })).not.toBe(h.hash({ idNumber: ID }));
  });

  it('refuses a key that is not 32 bytes of base64', () => {
    expect(() => parsePersonKey(randomBytes(16).toString('base64'))).toThrow('32 bytes');
    expect(() => parsePersonKey('not a key')).toThrow('32 bytes');
    expect(parsePersonKey(`  ${randomBytes(32).toString('base64')}\n`)).toHaveLength(32);
  });

  it('DANVAN_PERSON_KEY wins; else the key file is created 0600 on first use and reused; create: false refuses', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'danvan-person-'));
    try {
      const env = { DANVAN_PERSON_KEY: randomBytes(32).toString('base64') };
      expect(loadPersonHasher(env, dir).hash({ idNumber: ID })).toBe(createPersonHasher(Buffer.from(env.DANVAN_PERSON_KEY, 'base64')).hash({ idNumber: ID }));
      expect(() => loadPersonHasher({}, dir, { create: false })).toThrow(personKeyFile(dir));
      const first = loadPersonHasher({}, dir).hash({ idNumber: ID });
      expect((statSync(personKeyFile(dir)).mode & 0o777).toString(8)).toBe('600');
      expect(parsePersonKey(readFileSync(personKeyFile(dir), 'utf8'))).toHaveLength(32);
      expect(loadPersonHasher({}, dir, { create: false }).hash({ idNumber: ID })).toBe(first);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
