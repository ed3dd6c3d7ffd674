/**
 * Tracking codes and secrets. The code is what a citizen reads out on the phone ("DV-7K3QM-X9P2A": 10 Crockford
 * base32 characters, 50 random bits — not guessable, no enumeration); the secret is a second random value
 * shown once and sent by e-mail; only its scrypt hash is stored. Phone numbers used for rate limits are kept
 * as an HMAC, never in clear.
 */
import { createHash, createHmac, randomBytes, scrypt as scryptCb, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';

const scrypt = promisify(scryptCb) as (password: string, salt: Buffer, keylen: number, options: { N: number; r: number; p: number }) => Promise<Buffer>;

/** Crockford base32: no I, L, O, U — nothing to misread. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export function randomBase32(chars: number): string {
  const bytes = randomBytes(chars);
  let out = '';
  for (let i = 0; i < chars; i++) out += ALPHABET[bytes[i]! & 31];
  return out;
}

export function newTrackingCode(): string {
  const r = randomBase32(10);
  return `DV-${r.slice(0, 5)}-${r.slice(5)}`;
}

export function newSecret(): string {
  const r = randomBase32(10);
  return `${r.slice(0, 5)}-${r.slice(5)}`;
}

/** Upper-case, Crockford's look-alikes mapped (O→0, I/L→1), separators normalised: "dv 7k3qm x9p2a" → "DV-7K3QM-X9P2A". */
export function normalizeTrackingCode(input: string): string | null {
  const s = input.toUpperCase().replace(/[\s._–—-]+/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  const m = /^DV([0-9A-HJKMNP-TV-Z]{10})$/.exec(s);
  return m ? `DV-${m[1]!.slice(0, 5)}-${m[1]!.slice(5)}` : null;
}

export function normalizeSecret(input: string): string {
  const s = input.toUpperCase().replace(/[\s._–—-]+/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  return s.length === 10 ? `${s.slice(0, 5)}-${s.slice(5)}` : s;
}

const PARAMS = { N: 16384, r: 8, p: 1 };

export async function hashSecret(secret: string): Promise<string> {
  const salt = randomBytes(16);
  const hash = await scrypt(secret, salt, 32, PARAMS);
  return `${salt.toString('base64')}:${hash.toString('base64')}`;
}

export async function verifySecret(stored: string, secret: string): Promise<boolean> {
  const [salt, hash] = stored.split(':');
  if (!salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64');
  const actual = await scrypt(secret, Buffer.from(salt, 'base64'), expected.length, PARAMS);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** A fixed hash to verify against when the code does not exist: a missing code costs the same as a wrong secret. */
let dummy: Promise<string> | null = null;
export function dummySecretHash(): Promise<string> {
  dummy ??= hashSecret('not-a-real-secret');
  return dummy;
}

export function phoneKey(key: Buffer, phone: string): string {
  return createHmac('sha256', key).update(`phone:${phone}`).digest('base64url');
}

export function sha256(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}
