/**
 * Keyed hash of a person, for repeat detection of denunciations without opening the sealed identity (ADR 0011):
 * HMAC-SHA-256 of `personKey` (the 12-digit personal ID, else the folded name and address), stored beside the
 * sealed box in `sealed_identities.person_hash`. Equality can be tested without decrypting, and a database dump
 * alone gives no way to test guessed IDs: the key lives outside the database, like the seal keys.
 * The key comes from DANVAN_PERSON_KEY (base64 of 32 bytes) or, for the embedded install, from
 * `<dataDir>/keys/person.key`, created with mode 0600 on first start. Changing the key makes every stored hash
 * stale: recompute them (`danvan person-hash recompute`).
 */
import { createHmac, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { personKey } from '@danvan/domain/classification';

export interface PersonFacts {
  name?: string | null;
  idNumber?: string | null;
  address?: string | null;
}

export interface PersonHasher {
  /** Hex HMAC-SHA-256 of the person's key; null when there is neither a 12-digit ID nor a name and an address. */
  hash(person: PersonFacts): string | null;
  /**
   * Keyed hash of a verified identifier of another kind ("phone:+84…", "email:…", "vneid:…", "agency:…"), for the
   * consultation's one-person-one-count ledger; a separate domain, so it never equals a denouncer's hash.
   */
  hashIdentifier(kind: string, value: string): string;
}

/** Domain separation: the same key must never produce a hash that means something else. */
const CONTEXT = 'danvan/person-hash/v1\n';

export function createPersonHasher(key: Buffer): PersonHasher {
  if (key.length !== 32) throw new Error('person key must be 32 bytes');
  const secret = Buffer.from(key);
  return {
    hash(person) {
      const k = personKey(person);
      return k === null ? null : createHmac('sha256', secret).update(CONTEXT + k, 'utf8').digest('hex');
    },
    hashIdentifier(kind, value) {
      return createHmac('sha256', secret).update(`danvan/identifier/v1\n${kind}:${value}`, 'utf8').digest('hex');
    },
  };
}

/** Base64 of exactly 32 bytes (surrounding white space, as in a hand-edited key file, is ignored). */
export function parsePersonKey(value: string): Buffer {
  const text = value.trim();
  const key = Buffer.from(text, 'base64');
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(text) || key.length !== 32) throw new Error('DANVAN_PERSON_KEY must be 32 bytes in base64');
  return key;
}

/** The embedded install's key file. */
export const personKeyFile = (dataDir: string) => path.resolve(dataDir, 'keys', 'person.key');

/**
 * The key from the environment, else the data dir's key file (created on first use unless `create` is false: a
 * tool that only reads hashes must not invent a key that matches nothing).
 */
export function loadPersonHasher(env: NodeJS.ProcessEnv, dataDir: string, opts: { create?: boolean } = {}): PersonHasher {
  if (env.DANVAN_PERSON_KEY) return createPersonHasher(parsePersonKey(env.DANVAN_PERSON_KEY));
  if (env.DANVAN_PERSON_KEY_FILE) {
    const file = path.resolve(env.DANVAN_PERSON_KEY_FILE);
    if (!existsSync(file)) throw new Error(`Không có tệp khóa băm danh tính ${file} (DANVAN_PERSON_KEY_FILE)`);
    return createPersonHasher(parsePersonKey(readFileSync(file, 'utf8')));
  }
  const file = personKeyFile(dataDir);
  if (!existsSync(file)) {
    if (opts.create === false) throw new Error(`Chưa có khóa băm danh tính: đặt DANVAN_PERSON_KEY hoặc tạo ${file}`);
    mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    try {
      // 'wx': two processes starting together must not each write their own key.
      writeFileSync(file, `${randomBytes(32).toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
    } catch (err) {
      if (!(err instanceof Error && 'code' in err && err.code === 'EEXIST')) throw err;
    }
  }
  return createPersonHasher(parsePersonKey(readFileSync(file, 'utf8')));
}

/**
 * The start-up warning when the person key sits in the data directory (null when it does not). With the key, a copy
 * of the folder tells whether a given person (an ID number one knows) denounced: hash it, look for the hash in
 * sealed_identities (issue 13, item 9; docs/runbooks/seal-keys.md).
 */
export function personKeyWarning(env: NodeJS.ProcessEnv, dataDir: string): string | null {
  if (env.DANVAN_PERSON_KEY) return null;
  const file = env.DANVAN_PERSON_KEY_FILE ? path.resolve(env.DANVAN_PERSON_KEY_FILE) : personKeyFile(dataDir);
  const rel = path.relative(path.resolve(dataDir), file);
  if (rel.startsWith('..') || path.isAbsolute(rel)) return null;
  return [
    `CẢNH BÁO: khóa băm danh tính nằm trong thư mục dữ liệu (${file}): ai sao chép thư mục này sẽ dò được một người (biết số định danh) có phải là người tố cáo không.`,
    '  Đặt DANVAN_PERSON_KEY, hoặc DANVAN_PERSON_KEY_FILE trỏ tới tệp ngoài thư mục dữ liệu.',
    '  WARNING: the person key sits in the data directory; with a copy of it one can tell whether a known person denounced. See docs/runbooks/seal-keys.md.',
  ].join('\n');
}
