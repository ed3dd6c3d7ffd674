/**
 * The directory of instances (ADR 0018): who serves which agency subtrees, where, under which public keys. The
 * national administrator registers instances (registerInstance, trust anchors) and exports the directory
 * (`danvan federation export-directory`); every instance imports it (`import-directory`). An instance's own entry
 * comes from the instance variables (DANVAN_INSTANCE_ID, …; config.ts) and its keys.
 */
import { eq } from 'drizzle-orm';
import { instanceForPath } from '@danvan/domain/federation/envelope';
import type { AppContext } from '../../context.ts';
import type { DbOrTx } from '../../db/client.ts';
import { federationInstances, type FederationPublicKey } from '../../db/schema.ts';
import { AppError, invalid, type FieldIssue } from '../../plugins/errors.ts';
import { type CurrentUser } from '../auth/current-user.ts';
import { writeAudit } from '../audit/write-audit.ts';
import { instanceIdentity, ownKey, ownPublicKeys, signJson, verifyJson, VerifyError } from './keys.ts';
import { mayRegisterInstance } from './policy.ts';

export interface InstanceEntry {
  id: string;
  name: string;
  baseUrl: string;
  agencyCodes: string[];
  keys: FederationPublicKey[];
  active: boolean;
  self: boolean;
}

export interface RegisterInstanceInput {
  id: string;
  name: string;
  baseUrl: string;
  agencyCodes: string[];
  keys: FederationPublicKey[];
  active?: boolean;
}

/** Only the national administrator manages the directory (trust anchors). */
export function requireDirectoryAdmin(user: CurrentUser) {
  if (!mayRegisterInstance(user)) throw new AppError(403, 'error.forbidden');
}

function checkEntry(input: RegisterInstanceInput): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (!/^[a-z0-9][a-z0-9-]{0,39}$/.test(input.id)) issues.push({ field: 'id', key: 'field.pattern' });
  if (!/^https?:\/\/[^\s/]+(\/[^\s]*)?$/.test(input.baseUrl)) issues.push({ field: 'baseUrl', key: 'field.format' });
  if (!input.agencyCodes.length) issues.push({ field: 'agencyCodes', key: 'field.required' });
  if (!input.keys.length) issues.push({ field: 'keys', key: 'field.required' });
  input.keys.forEach((k, i) => {
    if (k.sig?.kty !== 'OKP' || k.sig?.crv !== 'Ed25519' || typeof k.sig?.x !== 'string' || 'd' in k.sig) issues.push({ field: `keys.${i}.sig`, key: 'field.invalid' });
    if (k.enc?.kty !== 'OKP' || k.enc?.crv !== 'X25519' || typeof k.enc?.x !== 'string' || 'd' in k.enc) issues.push({ field: `keys.${i}.enc`, key: 'field.invalid' });
  });
  return issues;
}

/** Registers (or updates: new keys, new address, new subtrees) an instance; audited. */
export async function registerInstance(ctx: AppContext, user: CurrentUser | null, input: RegisterInstanceInput): Promise<InstanceEntry> {
  if (user) requireDirectoryAdmin(user);
  const issues = checkEntry(input);
  if (input.id === instanceIdentity(ctx).id) issues.push({ field: 'id', key: 'field.invalid' });
  if (issues.length) throw invalid(...issues);
  const now = ctx.now();
  return ctx.db.transaction(async (tx) => {
    const [before] = await tx.select().from(federationInstances).where(eq(federationInstances.id, input.id));
    const values = { name: input.name, baseUrl: input.baseUrl.replace(/\/+$/, ''), agencyCodes: input.agencyCodes, keys: input.keys, active: input.active ?? true, updatedAt: now };
    const [row] = await tx
      .insert(federationInstances)
      .values({ id: input.id, ...values, registeredBy: user?.id ?? null, createdAt: now })
      .onConflictDoUpdate({ target: federationInstances.id, set: values })
      .returning();
    await writeAudit(tx, {
      at: now,
      actorId: user?.id ?? null,
      actorName: user?.displayName ?? 'danvan federation import-directory',
      agencyId: null,
      entity: 'federation-instance',
      entityId: input.id,
      action: before ? 'federation.update-instance' : 'federation.register-instance',
      summary: `${before ? 'Cập nhật' : 'Đăng ký'} hệ thống liên thông ${input.name} (${input.id}) phục vụ ${input.agencyCodes.join(', ')}; khóa ${input.keys.map((k) => k.kid).join(', ')}`,
      before: before ? { baseUrl: before.baseUrl, agencyCodes: before.agencyCodes, kids: before.keys.map((k) => k.kid) } : null,
      after: { baseUrl: values.baseUrl, agencyCodes: input.agencyCodes, kids: input.keys.map((k) => k.kid) },
    });
    return { ...rowEntry(row!), self: false };
  });
}

function rowEntry(r: typeof federationInstances.$inferSelect): InstanceEntry {
  return { id: r.id, name: r.name, baseUrl: r.baseUrl, agencyCodes: r.agencyCodes, keys: r.keys, active: r.active, self: false };
}

/** This instance's own directory entry. */
export async function selfEntry(ctx: AppContext): Promise<InstanceEntry> {
  const me = instanceIdentity(ctx);
  return { ...me, keys: await ownPublicKeys(ctx.db, ctx.sealer, ctx.now()), active: true, self: true };
}

/** Every registered instance, this one first. */
export async function listInstances(ctx: AppContext): Promise<InstanceEntry[]> {
  const rows = await ctx.db.select().from(federationInstances).orderBy(federationInstances.id);
  const me = instanceIdentity(ctx).id;
  return [await selfEntry(ctx), ...rows.filter((r) => r.id !== me).map(rowEntry)];
}

export async function instanceById(db: DbOrTx, id: string): Promise<InstanceEntry | null> {
  const [r] = await db.select().from(federationInstances).where(eq(federationInstances.id, id));
  return r && r.active ? rowEntry(r) : null;
}

/**
 * The other instance serving an agency path, or null when this instance serves it (or nobody is registered for it:
 * the agency is then handled here, as before federation).
 */
export async function remoteInstanceFor(ctx: AppContext, db: DbOrTx, agencyPath: string): Promise<InstanceEntry | null> {
  const me = instanceIdentity(ctx);
  const rows = (await db.select().from(federationInstances).where(eq(federationInstances.active, true))).map(rowEntry);
  const best = instanceForPath([{ ...me, keys: [], active: true, self: true }, ...rows.filter((r) => r.id !== me.id)], agencyPath);
  return best && !best.self ? best : null;
}

export interface DirectoryFile {
  format: 'danvan-directory/1';
  exportedBy: string;
  exportedAt: string;
  instances: Omit<InstanceEntry, 'self'>[];
}

export async function exportDirectory(ctx: AppContext): Promise<DirectoryFile> {
  const all = await listInstances(ctx);
  return { format: 'danvan-directory/1', exportedBy: instanceIdentity(ctx).id, exportedAt: ctx.now().toISOString(), instances: all.map(({ self: _self, ...rest }) => rest) };
}

/** Imports a directory file: every entry but this instance's own is registered or updated (audited). */
export async function importDirectory(ctx: AppContext, file: DirectoryFile): Promise<{ imported: string[] }> {
  if (file?.format !== 'danvan-directory/1' || !Array.isArray(file.instances)) throw new Error('Tệp danh bạ không đúng định dạng danvan-directory/1');
  const me = instanceIdentity(ctx).id;
  const imported: string[] = [];
  for (const inst of file.instances) {
    if (inst.id === me) continue;
    await registerInstance(ctx, null, { id: inst.id, name: inst.name, baseUrl: inst.baseUrl, agencyCodes: inst.agencyCodes, keys: inst.keys, active: inst.active });
    imported.push(inst.id);
  }
  return { imported };
}

/**
 * This instance's entry signed by each of its valid keys (getInstanceIdentity): after a rotation a peer that knows
 * only the old key checks the new key list with it (ADR 0018, rotation with overlap).
 */
export async function signedIdentity(ctx: AppContext): Promise<string[]> {
  const me = await selfEntry(ctx);
  const { self: _self, ...entry } = me;
  const out: string[] = [];
  for (const k of me.keys) {
    const key = await ownKey(ctx.db, ctx.sealer, k.kid);
    if (key) out.push(await signJson(key, me.id, IDENTITY_TYP, { ...entry, signedAt: ctx.now().toISOString() }));
  }
  return out;
}

export const IDENTITY_TYP = 'danvan-identity+jws';

/**
 * Verifies a JWS from a registered peer. A key id we do not know yet (the peer rotated) makes us fetch the peer's
 * signed identity, accept its new key list only under a key we already trust, record it (audited), and verify again.
 */
export async function verifyFromPeer(ctx: AppContext, peer: InstanceEntry, jws: string, opts: { fetchImpl?: typeof fetch } = {}): Promise<{ payload: unknown; kid: string }> {
  try {
    return await verifyJson(jws, peer.keys, ctx.now());
  } catch (e) {
    if (!(e instanceof VerifyError) || e.kind !== 'unknown-instance') throw e;
    const keys = await refreshPeerKeys(ctx, peer, opts.fetchImpl ?? fetch);
    if (!keys) throw e;
    return verifyJson(jws, keys, ctx.now());
  }
}

async function refreshPeerKeys(ctx: AppContext, peer: InstanceEntry, doFetch: typeof fetch): Promise<FederationPublicKey[] | null> {
  let signatures: string[] = [];
  try {
    const res = await doFetch(`${peer.baseUrl}/api/v1/federation/identity`, { signal: AbortSignal.timeout(15_000) });
    signatures = ((await res.json()) as { signatures?: string[] }).signatures ?? [];
  } catch {
    return null;
  }
  const now = ctx.now();
  for (const s of signatures) {
    try {
      const { payload, kid } = await verifyJson(s, peer.keys, now);
      const entry = payload as { id?: string; keys?: FederationPublicKey[] };
      if (entry.id !== peer.id || !Array.isArray(entry.keys) || !entry.keys.length) continue;
      const keys = entry.keys;
      await ctx.db.transaction(async (tx) => {
        await tx.update(federationInstances).set({ keys, updatedAt: now }).where(eq(federationInstances.id, peer.id));
        await writeAudit(tx, {
          at: now,
          actorId: null,
          actorName: peer.id,
          agencyId: null,
          entity: 'federation-instance',
          entityId: peer.id,
          action: 'federation.rotate-peer-key',
          summary: `Hệ thống ${peer.name} (${peer.id}) đổi khóa: nhận danh sách khóa ${keys.map((k) => k.kid).join(', ')} do khóa đã tin cậy ${kid} ký`,
          before: { kids: peer.keys.map((k) => k.kid) },
          after: { kids: keys.map((k) => k.kid), signedBy: kid },
        });
      });
      return keys;
    } catch {
      // a signature under a key we do not know: try the next
    }
  }
  return null;
}
