/**
 * What the portal needs beyond the AppContext: where attachment files go and the key for phone HMACs.
 * `danvan serve` passes the data directory's storage and key; an app built without them (tests) gets a
 * temporary folder and a random key.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { diskStorage, tempStorage, type AttachmentStorage } from './storage.ts';

export interface PortalOptions {
  storage: AttachmentStorage;
  /** HMAC key for phone numbers (per-phone rate limit). */
  hmacKey: Buffer;
  /** Submissions per phone number in 24 hours (default 5). */
  perPhoneDaily?: number;
  /** Submissions per IP address in 10 minutes (default 30: mobile carriers put many phones behind one address). */
  perIpLimit?: number;
}

export function defaultPortalOptions(): PortalOptions {
  return { storage: tempStorage(), hmacKey: randomBytes(32) };
}

/** Files under `<dataDir>/attachments`; the key from DANVAN_PORTAL_KEY (base64, 32 bytes) or `<dataDir>/keys/portal.key`. */
export function portalOptionsFor(dataDir: string, env: NodeJS.ProcessEnv): PortalOptions {
  let hmacKey: Buffer;
  if (env.DANVAN_PORTAL_KEY) {
    hmacKey = Buffer.from(env.DANVAN_PORTAL_KEY, 'base64');
    if (hmacKey.length < 32) throw new Error('DANVAN_PORTAL_KEY phải là 32 byte mã hóa base64');
  } else {
    const file = path.resolve(dataDir, 'keys', 'portal.key');
    if (!existsSync(file)) {
      mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
      writeFileSync(file, `${randomBytes(32).toString('base64')}\n`, { mode: 0o600 });
    }
    hmacKey = Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
  }
  return { storage: diskStorage(path.resolve(dataDir, 'attachments')), hmacKey };
}
