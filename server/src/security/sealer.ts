/**
 * Encryption at rest for the denouncer's identity (Luật Tố cáo Arts. 47(2), 56): AES-256-GCM, a random IV per
 * record, the key id stored beside each ciphertext so that keys can be rotated (docs/runbooks/seal-keys.md).
 * Keys come from DANVAN_SEAL_KEYS ("id:base64key,id2:base64key", first = current), or from the file named by
 * DANVAN_SEAL_KEY_FILE (outside the data dir, or protected by the passphrase DANVAN_SEAL_PASSPHRASE), or, for the
 * embedded install by default, from `<dataDir>/keys/seal.key`, created with mode 0600 on first start — then
 * `danvan serve` warns once at start that a copy of the data dir opens the sealed identities (issue 13).
 */
import { createCipheriv, createDecipheriv, randomBytes, scryptSync } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export interface SealedBox {
  keyId: string;
  iv: string;
  ciphertext: string;
  authTag: string;
}

export interface Sealer {
  currentKeyId: string;
  /** Every configured key id, the current one first: boxes under any of them can be opened. */
  keyIds: readonly string[];
  seal(plaintext: string): SealedBox;
  open(box: SealedBox): string;
}

export function createSealer(keys: { id: string; key: Buffer }[]): Sealer {
  const first = keys[0];
  if (!first) throw new Error('no sealing key');
  for (const k of keys) if (k.key.length !== 32) throw new Error(`seal key ${k.id} must be 32 bytes`);
  const byId = new Map(keys.map((k) => [k.id, k.key]));
  if (byId.size !== keys.length) throw new Error('seal key ids must be distinct');
  return {
    currentKeyId: first.id,
    keyIds: keys.map((k) => k.id),
    seal(plaintext) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', first.key, iv);
      const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return { keyId: first.id, iv: iv.toString('base64'), ciphertext: ciphertext.toString('base64'), authTag: cipher.getAuthTag().toString('base64') };
    },
    open(box) {
      const key = byId.get(box.keyId);
      if (!key) throw new Error(`unknown seal key id ${box.keyId}`);
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(box.iv, 'base64'));
      decipher.setAuthTag(Buffer.from(box.authTag, 'base64'));
      return Buffer.concat([decipher.update(Buffer.from(box.ciphertext, 'base64')), decipher.final()]).toString('utf8');
    },
  };
}

/** "id:base64key" pairs separated by commas (or newlines / spaces, as in a hand-edited key file). */
export function parseKeyList(value: string): { id: string; key: Buffer }[] {
  return value
    .split(/[,\s]+/)
    .map((s) => s.trim())
    .filter(Boolean)
    .map((pair) => {
      const [id, b64] = pair.split(':');
      if (!id || !b64) throw new Error('DANVAN_SEAL_KEYS must look like "id:base64key[,id2:base64key]"');
      return { id, key: Buffer.from(b64, 'base64') };
    });
}

/** The embedded install's key file. */
export const sealKeyFile = (dataDir: string) => path.resolve(dataDir, 'keys', 'seal.key');

/** A passphrase-protected key file begins with this line (then scrypt salt, IV, tag and ciphertext, base64). */
export const PROTECTED_PREFIX = 'danvan-protected-seal-keys:v1';
const SCRYPT = { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };

/** The key list ("id:base64,…") encrypted under a passphrase (scrypt → AES-256-GCM), as the text of a key file. */
export function protectKeyList(keyList: string, passphrase: string): string {
  if (passphrase.length < 12) throw new Error('Mật khẩu bảo vệ khóa cần ít nhất 12 ký tự');
  const salt = randomBytes(16);
  const key = scryptSync(passphrase, salt, 32, SCRYPT);
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const ct = Buffer.concat([cipher.update(keyList.trim(), 'utf8'), cipher.final()]);
  return [PROTECTED_PREFIX, salt.toString('base64'), iv.toString('base64'), cipher.getAuthTag().toString('base64'), ct.toString('base64')].join('\n') + '\n';
}

/** The key list of a key file's text: plain, or protected (then the passphrase is required). */
export function keyListFromFile(text: string, passphrase: string | undefined): string {
  const lines = text.trim().split(/\r?\n/);
  if (lines[0]?.trim() !== PROTECTED_PREFIX) return text;
  if (!passphrase) throw new Error('Tệp khóa niêm phong được bảo vệ bằng mật khẩu: đặt DANVAN_SEAL_PASSPHRASE');
  const [salt, iv, tag, ct] = lines.slice(1).map((l) => Buffer.from(l.trim(), 'base64'));
  if (!salt || !iv || !tag || !ct) throw new Error('Tệp khóa niêm phong được bảo vệ bị hỏng');
  const decipher = createDecipheriv('aes-256-gcm', scryptSync(passphrase, salt, 32, SCRYPT), iv);
  decipher.setAuthTag(tag);
  try {
    return Buffer.concat([decipher.update(ct), decipher.final()]).toString('utf8');
  } catch {
    throw new Error('Sai mật khẩu bảo vệ khóa niêm phong (DANVAN_SEAL_PASSPHRASE)');
  }
}

/** Where the seal keys come from, and whether that sits inside the data directory (a copy of it opens them). */
export function sealKeySource(env: NodeJS.ProcessEnv, dataDir: string): { kind: 'env' | 'file' | 'data-dir'; file?: string; protectedFile?: boolean; insideDataDir: boolean } {
  if (env.DANVAN_SEAL_KEYS) return { kind: 'env', insideDataDir: false };
  const inside = (f: string) => {
    const rel = path.relative(path.resolve(dataDir), path.resolve(f));
    return !rel.startsWith('..') && !path.isAbsolute(rel);
  };
  if (env.DANVAN_SEAL_KEY_FILE) {
    const file = path.resolve(env.DANVAN_SEAL_KEY_FILE);
    const protectedFile = existsSync(file) && readFileSync(file, 'utf8').trimStart().startsWith(PROTECTED_PREFIX);
    return { kind: 'file', file, protectedFile, insideDataDir: inside(file) && !protectedFile };
  }
  return { kind: 'data-dir', file: sealKeyFile(dataDir), protectedFile: false, insideDataDir: true };
}

/** The start-up warning when the keys sit in the data directory unprotected (null when they do not). */
export function sealKeyWarning(env: NodeJS.ProcessEnv, dataDir: string): string | null {
  const src = sealKeySource(env, dataDir);
  if (!src.insideDataDir) return null;
  return [
    `CẢNH BÁO: khóa niêm phong nằm trong thư mục dữ liệu (${src.file}): ai sao chép thư mục này sẽ mở được danh tính người tố cáo.`,
    '  Đặt DANVAN_SEAL_KEYS, hoặc DANVAN_SEAL_KEY_FILE trỏ tới tệp ngoài thư mục dữ liệu / tệp bảo vệ bằng mật khẩu (danvan keys protect).',
    '  WARNING: the seal keys sit in the data directory; a copy of it opens the sealed identities. See docs/runbooks/seal-keys.md.',
  ].join('\n');
}

/**
 * Keys from the environment (DANVAN_SEAL_KEYS), else a key file named by DANVAN_SEAL_KEY_FILE (plain, or protected
 * by DANVAN_SEAL_PASSPHRASE), else the data dir's key file (created on first use unless `create` is false: the key
 * tools must not invent a key that opens nothing).
 */
export function loadSealer(env: NodeJS.ProcessEnv, dataDir: string, opts: { create?: boolean } = {}): Sealer {
  return createSealer(parseKeyList(loadKeyList(env, dataDir, opts)));
}

/** The raw key list ("id:base64,…") from wherever it is configured. */
export function loadKeyList(env: NodeJS.ProcessEnv, dataDir: string, opts: { create?: boolean } = {}): string {
  if (env.DANVAN_SEAL_KEYS) return env.DANVAN_SEAL_KEYS;
  if (env.DANVAN_SEAL_KEY_FILE) {
    const file = path.resolve(env.DANVAN_SEAL_KEY_FILE);
    if (!existsSync(file)) throw new Error(`Không có tệp khóa niêm phong ${file} (DANVAN_SEAL_KEY_FILE)`);
    return keyListFromFile(readFileSync(file, 'utf8'), env.DANVAN_SEAL_PASSPHRASE);
  }
  const file = sealKeyFile(dataDir);
  if (!existsSync(file)) {
    if (opts.create === false) throw new Error(`Chưa có khóa niêm phong: đặt DANVAN_SEAL_KEYS hoặc tạo ${file}`);
    mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    writeFileSync(file, `k1:${randomBytes(32).toString('base64')}\n`, { mode: 0o600 });
  }
  return readFileSync(file, 'utf8');
}
