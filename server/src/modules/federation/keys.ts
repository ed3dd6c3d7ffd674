/**
 * This instance's identity and keys (ADR 0018): an Ed25519 key pair signs packages (JWS, alg EdDSA) and an X25519
 * key pair opens the identities sealed to it (JWE, ECDH-ES+A256KW / A256GCM) — all through `jose`, no crypto of our
 * own. The private halves are kept in federation_own_keys, sealed with the instance's seal keys. Rotation: a new
 * pair becomes current; the old one is retired (signs no more) but stays valid for the overlap its directory
 * entry gives it (notAfter), and keeps opening what was sealed to it.
 */
import { desc, eq, isNull } from 'drizzle-orm';
import * as jose from 'jose';
import { randomBytes } from 'node:crypto';
import type { FederationPublicKey } from '../../db/schema.ts';
import { federationOwnKeys } from '../../db/schema.ts';
import type { DbOrTx } from '../../db/client.ts';
import type { Sealer } from '../../security/sealer.ts';

export const SIG_ALG = 'EdDSA';
export const ENC_ALG = 'ECDH-ES+A256KW';
export const ENC_ENC = 'A256GCM';
/** Overlap after a rotation during which peers still accept the old key (days). */
export const ROTATION_OVERLAP_DAYS = 30;

/** The instance's identity, from the DANVAN_INSTANCE_ID, _NAME, _URL and _AGENCIES variables (checked by config.ts). */
export interface InstanceIdentity {
  id: string;
  name: string;
  baseUrl: string;
  agencyCodes: string[];
}

const identities = new WeakMap<object, InstanceIdentity>();

/** Tests run several instances in one process: each context may carry its own identity. */
export function setInstanceIdentity(ctx: object, identity: InstanceIdentity): void {
  identities.set(ctx, identity);
}

export function instanceIdentity(ctx?: object, env: NodeJS.ProcessEnv = process.env): InstanceIdentity {
  const set = ctx ? identities.get(ctx) : undefined;
  if (set) return set;
  const id = env.DANVAN_INSTANCE_ID?.trim() || 'local';
  return {
    id,
    name: env.DANVAN_INSTANCE_NAME?.trim() || id,
    baseUrl: (env.DANVAN_INSTANCE_URL?.trim() || env.DANVAN_PUBLIC_URL?.trim() || 'http://127.0.0.1:8080').replace(/\/+$/, ''),
    agencyCodes: (env.DANVAN_INSTANCE_AGENCIES ?? 'VN')
      .split(/[,\s]+/)
      .map((s) => s.trim())
      .filter(Boolean),
  };
}

export interface OwnKey {
  kid: string;
  sign: jose.CryptoKey;
  decrypt: jose.CryptoKey;
  publicKey: FederationPublicKey;
}

const encode = (s: string) => new TextEncoder().encode(s);
const decode = (b: Uint8Array) => new TextDecoder().decode(b);

async function newKeyRow(sealer: Sealer, now: Date) {
  const s = await jose.generateKeyPair(SIG_ALG, { crv: 'Ed25519', extractable: true });
  const e = await jose.generateKeyPair(ENC_ALG, { crv: 'X25519', extractable: true });
  const kid = `${now.toISOString().slice(0, 10)}-${randomBytes(4).toString('hex')}`;
  const privateKeys = sealer.seal(JSON.stringify({ sig: await jose.exportJWK(s.privateKey), enc: await jose.exportJWK(e.privateKey) }));
  return {
    kid,
    publicSig: (await jose.exportJWK(s.publicKey)) as Record<string, string>,
    publicEnc: (await jose.exportJWK(e.publicKey)) as Record<string, string>,
    privateKeys,
    createdAt: now,
  };
}

type KeyRow = typeof federationOwnKeys.$inferSelect;

function publicOf(row: KeyRow): FederationPublicKey {
  const overlapEnd = row.retiredAt ? new Date(row.retiredAt.getTime() + ROTATION_OVERLAP_DAYS * 86_400_000).toISOString() : null;
  return { kid: row.kid, sig: row.publicSig, enc: row.publicEnc, notBefore: row.createdAt.toISOString(), notAfter: overlapEnd };
}

async function toOwnKey(row: KeyRow, sealer: Sealer): Promise<OwnKey> {
  const priv = JSON.parse(sealer.open(row.privateKeys)) as { sig: jose.JWK; enc: jose.JWK };
  return { kid: row.kid, sign: (await jose.importJWK(priv.sig, SIG_ALG)) as jose.CryptoKey, decrypt: (await jose.importJWK(priv.enc, ENC_ALG)) as jose.CryptoKey, publicKey: publicOf(row) };
}

/** The current key pair, created on first use. */
export async function currentKey(db: DbOrTx, sealer: Sealer, now: Date): Promise<OwnKey> {
  let [row] = await db.select().from(federationOwnKeys).where(isNull(federationOwnKeys.retiredAt)).orderBy(desc(federationOwnKeys.createdAt)).limit(1);
  if (!row) {
    [row] = await db.insert(federationOwnKeys).values(await newKeyRow(sealer, now)).onConflictDoNothing().returning();
    if (!row) throw new Error('federation key creation failed');
  }
  return toOwnKey(row, sealer);
}

/** One of our key pairs by id (to open a JWE sealed to an older key). */
export async function ownKey(db: DbOrTx, sealer: Sealer, kid: string): Promise<OwnKey | null> {
  const [row] = await db.select().from(federationOwnKeys).where(eq(federationOwnKeys.kid, kid));
  return row ? toOwnKey(row, sealer) : null;
}

/** Every public key of ours still valid (the current one and those in their overlap), for the directory. */
export async function ownPublicKeys(db: DbOrTx, sealer: Sealer, now: Date): Promise<FederationPublicKey[]> {
  await currentKey(db, sealer, now);
  const rows = await db.select().from(federationOwnKeys).orderBy(desc(federationOwnKeys.createdAt));
  return rows.map(publicOf).filter((k) => !k.notAfter || k.notAfter > now.toISOString());
}

/** Rotation: a new current pair; the previous one retires now and stays valid for the overlap. */
export async function rotateKey(db: DbOrTx, sealer: Sealer, now: Date): Promise<{ kid: string; retired: string[] }> {
  const retired = await db.update(federationOwnKeys).set({ retiredAt: now }).where(isNull(federationOwnKeys.retiredAt)).returning({ kid: federationOwnKeys.kid });
  const [row] = await db.insert(federationOwnKeys).values(await newKeyRow(sealer, now)).returning();
  return { kid: row!.kid, retired: retired.map((r) => r.kid) };
}

/** Signs a JSON payload (JWS compact, EdDSA) as instance `iss` with our current key. */
export async function signJson(key: OwnKey, iss: string, typ: string, payload: unknown): Promise<string> {
  return new jose.CompactSign(encode(JSON.stringify(payload))).setProtectedHeader({ alg: SIG_ALG, kid: key.kid, typ, iss } as jose.CompactJWSHeaderParameters).sign(key.sign);
}

export class VerifyError extends Error {
  constructor(
    message: string,
    readonly kind: 'malformed' | 'unknown-instance' | 'bad-signature',
  ) {
    super(message);
  }
}

/** The issuer and key id a JWS claims (unverified), or a VerifyError. */
export function claimedIssuer(jws: string): { iss: string; kid: string; typ: string } {
  let h: jose.ProtectedHeaderParameters;
  try {
    h = jose.decodeProtectedHeader(jws);
  } catch {
    throw new VerifyError('Gói tin không đọc được (không phải JWS hợp lệ)', 'malformed');
  }
  const iss = (h as { iss?: unknown }).iss;
  if (typeof iss !== 'string' || typeof h.kid !== 'string' || h.alg !== SIG_ALG) throw new VerifyError('Phần đầu chữ ký thiếu bên gửi (iss), mã khóa (kid) hoặc sai thuật toán', 'malformed');
  return { iss, kid: h.kid, typ: String(h.typ ?? '') };
}

/** Verifies a JWS against a published key set; returns the decoded JSON payload. */
export async function verifyJson(jws: string, keys: readonly FederationPublicKey[], now: Date): Promise<{ payload: unknown; kid: string }> {
  const { kid } = claimedIssuer(jws);
  const k = keys.find((x) => x.kid === kid);
  if (!k) throw new VerifyError(`Khóa ký ${kid} không có trong danh bạ của bên gửi`, 'unknown-instance');
  if (k.notAfter && k.notAfter < now.toISOString()) throw new VerifyError(`Khóa ký ${kid} đã hết hiệu lực (${k.notAfter})`, 'bad-signature');
  try {
    const { payload } = await jose.compactVerify(jws, await jose.importJWK(k.sig, SIG_ALG));
    return { payload: JSON.parse(decode(payload)) as unknown, kid };
  } catch {
    throw new VerifyError('Chữ ký số không hợp lệ: gói tin đã bị thay đổi hoặc không do bên gửi ký (Điều 21 Nghị định 30/2020/NĐ-CP)', 'bad-signature');
  }
}

/** Seals a text to a peer's current encryption key (JWE compact). */
export async function sealTo(peerKey: FederationPublicKey, plaintext: string): Promise<string> {
  return new jose.CompactEncrypt(encode(plaintext)).setProtectedHeader({ alg: ENC_ALG, enc: ENC_ENC, kid: peerKey.kid }).encrypt(await jose.importJWK(peerKey.enc, ENC_ALG));
}

/** Opens a JWE sealed to one of our keys. */
export async function openSealed(db: DbOrTx, sealer: Sealer, jwe: string): Promise<string> {
  const h = jose.decodeProtectedHeader(jwe);
  const key = typeof h.kid === 'string' ? await ownKey(db, sealer, h.kid) : null;
  if (!key) throw new VerifyError('Danh tính niêm phong gửi tới một khóa không phải của hệ thống này', 'bad-signature');
  const { plaintext } = await jose.compactDecrypt(jwe, key.decrypt);
  return decode(plaintext);
}

/** The newest valid key of a peer (encryption target). */
export function peerCurrentKey(keys: readonly FederationPublicKey[], now: Date): FederationPublicKey | null {
  const valid = keys.filter((k) => !k.notAfter || k.notAfter > now.toISOString());
  valid.sort((a, b) => (a.notBefore < b.notBefore ? 1 : -1));
  return valid.find((k) => !k.notAfter) ?? valid[0] ?? null;
}
