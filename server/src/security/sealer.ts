/**
 * Encryption at rest for the denouncer's identity (Luật Tố cáo Arts. 47(2), 56): AES-256-GCM, a random IV per
 * record, the key id stored beside each ciphertext so that keys can be rotated (docs/runbooks/seal-keys.md).
 * Keys come from DANVAN_SEAL_KEYS ("id:base64key,id2:base64key", first = current) or, for the embedded install,
 * from `<dataDir>/keys/seal.key`, created with mode 0600 on first start.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
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

/**
 * Keys from the environment, else the data dir's key file (created on first use unless `create` is false: the key
 * tools must not invent a key that opens nothing).
 */
export function loadSealer(env: NodeJS.ProcessEnv, dataDir: string, opts: { create?: boolean } = {}): Sealer {
  if (env.DANVAN_SEAL_KEYS) return createSealer(parseKeyList(env.DANVAN_SEAL_KEYS));
  const file = sealKeyFile(dataDir);
  if (!existsSync(file)) {
    if (opts.create === false) throw new Error(`Chưa có khóa niêm phong: đặt DANVAN_SEAL_KEYS hoặc tạo ${file}`);
    mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    writeFileSync(file, `k1:${randomBytes(32).toString('base64')}\n`, { mode: 0o600 });
  }
  return createSealer(parseKeyList(readFileSync(file, 'utf8')));
}
