/**
 * Attachment storage: a small interface (put / get / delete by key) with a disk implementation under the data
 * directory. Files are encrypted before they reach the storage (AES-256-GCM with a per-file key sealed by the
 * seal key — envelope encryption), so a copied disk or backup reveals nothing (SPEC §5: identity documents are
 * encrypted). Writes are durable before the database transaction that references them commits.
 */
import { createCipheriv, createDecipheriv, randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Sealer, SealedBox } from '../../security/sealer.ts';

export interface AttachmentStorage {
  readonly description: string;
  put(key: string, data: Buffer): Promise<void>;
  get(key: string): Promise<Buffer>;
  delete(key: string): Promise<void>;
}

/** Files under `root`, written to a temporary name, fsynced, then renamed (never a half-written file). */
export function diskStorage(root: string): AttachmentStorage {
  mkdirSync(root, { recursive: true, mode: 0o700 });
  const fileOf = (key: string) => {
    if (!/^[a-z0-9/-]+$/.test(key) || key.includes('..')) throw new Error('bad storage key');
    return path.join(root, key);
  };
  return {
    description: `disk ${root}`,
    async put(key, data) {
      const file = fileOf(key);
      await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
      const tmp = `${file}.${randomUUID()}.tmp`;
      const fh = await open(tmp, 'wx', 0o600);
      try {
        await fh.writeFile(data);
        await fh.sync();
      } finally {
        await fh.close();
      }
      await rename(tmp, file);
    },
    get: (key) => readFile(fileOf(key)),
    delete: (key) => rm(fileOf(key), { force: true }),
  };
}

/** For an app built without a data directory (tests): a fresh temporary folder. */
export function tempStorage(): AttachmentStorage {
  return diskStorage(path.join(os.tmpdir(), `danvan-attachments-${process.pid}-${randomBytes(4).toString('hex')}`));
}

export interface EncryptedFile {
  data: Buffer;
  dataKey: SealedBox;
}

/** iv (12 bytes) ‖ auth tag (16 bytes) ‖ ciphertext; the key sealed apart. */
export function encryptFile(sealer: Sealer, plain: Buffer): EncryptedFile {
  const key = randomBytes(32);
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([cipher.update(plain), cipher.final()]);
  return { data: Buffer.concat([iv, cipher.getAuthTag(), body]), dataKey: sealer.seal(key.toString('base64')) };
}

export function decryptFile(sealer: Sealer, stored: Buffer, dataKey: SealedBox): Buffer {
  const key = Buffer.from(sealer.open(dataKey), 'base64');
  const decipher = createDecipheriv('aes-256-gcm', key, stored.subarray(0, 12));
  decipher.setAuthTag(stored.subarray(12, 28));
  return Buffer.concat([decipher.update(stored.subarray(28)), decipher.final()]);
}
