/**
 * receivePackage (ADR 0019): a package from another instance, authenticated by its signature (not by a session).
 * Checks, in order (NĐ 30/2020 Art. 21): readable → sender registered (else refused, 403) → signature and integrity
 * under the sender's published key → shape → addressed to this instance and an agency it serves. An invalid or
 * misaddressed package is returned through the system with the reason (422); a valid one is registered and
 * acknowledged at once (a signed receipt in the answer: the same-day acknowledgement). The package id is the
 * primary key of the incoming register: a repeated delivery creates nothing and gets the same receipt.
 */
import { and, eq } from 'drizzle-orm';
import { intakeRule, isCaseKind } from '@danvan/domain/workflow';
import { formatIsoDateVi, isoDateInVietnam } from '@danvan/domain/text';
import { payloadProblem, servesPath, type PackagePayload } from '@danvan/domain/federation/envelope';
import type { AppContext } from '../../context.ts';
import type { Tx } from '../../db/client.ts';
import { cases, federationPackages, petitions, sealedIdentities } from '../../db/schema.ts';
import { writeAudit } from '../audit/write-audit.ts';
import { agencyByCode } from '../agencies/queries.ts';
import { nextCaseCode, sealPerson, type PersonIdentity } from '../cases/open-case.ts';
import { clockInputs, startClock } from '../clock/deadlines.ts';
import { instanceById, verifyFromPeer } from './directory.ts';
import { claimedIssuer, currentKey, instanceIdentity, openSealed, signJson, VerifyError } from './keys.ts';
import { ACK_TYP, applyRemoteStatus } from './outbox.ts';
import { indexCase, indexPetition } from '../search/index-records.ts';

export type ReceiveAnswer =
  | { status: 200; body: { ack: string; packageId: string; duplicate: boolean; caseCode: string | null } }
  | { status: 403 | 422; body: { returned: true; reason: string; packageId: string | null } };

export async function receivePackage(ctx: AppContext, jws: string): Promise<ReceiveAnswer> {
  const me = instanceIdentity(ctx);
  const now = ctx.now();
  let iss: string;
  try {
    iss = claimedIssuer(jws).iss;
  } catch (e) {
    return { status: 422, body: { returned: true, reason: (e as Error).message, packageId: null } };
  }
  const sender = await instanceById(ctx.db, iss);
  if (!sender) return { status: 403, body: { returned: true, reason: `Hệ thống gửi «${iss}» chưa được đăng ký trong danh bạ liên thông: từ chối gói tin`, packageId: null } };
  let payload: PackagePayload;
  try {
    payload = (await verifyFromPeer(ctx, sender, jws)).payload as PackagePayload;
  } catch (e) {
    const reason = e instanceof VerifyError ? e.message : 'Không kiểm tra được chữ ký số';
    return { status: 422, body: { returned: true, reason, packageId: null } };
  }
  const problem = payloadProblem(payload);
  if (problem) return { status: 422, body: { returned: true, reason: problem, packageId: null } };
  const h = payload.header;
  if (h.fromInstance !== iss) return { status: 422, body: { returned: true, reason: `Bên gửi trong phần đầu (${h.fromInstance}) khác bên ký (${iss})`, packageId: h.packageId } };
  const target = await agencyByCode(ctx.db, h.toAgency);
  const misaddressed =
    h.toInstance !== me.id
      ? `Gói tin gửi tới hệ thống ${h.toInstance}, không phải ${me.id}: gửi nhầm nơi nhận`
      : !target
        ? `Không có cơ quan mã ${h.toAgency} trong danh mục`
        : !servesPath(me.agencyCodes, target.path)
          ? `Cơ quan ${target.fullName} (${h.toAgency}) không thuộc hệ thống ${me.id}: gửi nhầm nơi nhận`
          : null;

  const key = await currentKey(ctx.db, ctx.sealer, now);
  const sign = (caseCode: string | null, status: string) => signJson(key, me.id, ACK_TYP, { packageId: h.packageId, status, receivedAt: now.toISOString(), caseCode });

  const outcome = await ctx.db.transaction(async (tx) => {
    const [existing] = await tx.select().from(federationPackages).where(and(eq(federationPackages.direction, 'in'), eq(federationPackages.id, h.packageId)));
    if (existing) return { existing };
    const base = {
      id: h.packageId,
      direction: 'in',
      type: h.type,
      peerInstance: iss,
      fromAgency: h.fromAgency,
      toAgency: h.toAgency,
      documentNo: h.documentNo,
      documentDate: h.documentDate,
      refersTo: h.refersTo,
      body: jws,
      ackedAt: now,
      createdAt: now,
      updatedAt: now,
    };
    if (misaddressed) {
      await tx.insert(federationPackages).values({ ...base, status: 'returned', returnReason: misaddressed }).onConflictDoNothing();
      return { returned: misaddressed };
    }
    const effect = await apply(ctx, tx, payload, iss, target!);
    if ('returned' in effect) {
      await tx.insert(federationPackages).values({ ...base, status: 'returned', returnReason: effect.returned }).onConflictDoNothing();
      return { returned: effect.returned };
    }
    const ack = await sign(effect.caseCode, 'received');
    const inserted = await tx
      .insert(federationPackages)
      .values({ ...base, caseId: effect.caseId, status: 'accepted', ack })
      .onConflictDoNothing()
      .returning({ id: federationPackages.id });
    // A concurrent delivery of the same package committed first: undo ours, answer as a duplicate.
    if (!inserted.length) throw new DuplicateRace();
    return { ack, caseCode: effect.caseCode };
  }).catch(async (e: unknown) => {
    if (!(e instanceof DuplicateRace)) throw e;
    const [existing] = await ctx.db.select().from(federationPackages).where(and(eq(federationPackages.direction, 'in'), eq(federationPackages.id, h.packageId)));
    return { existing: existing! };
  });

  if ('existing' in outcome) {
    const ex = outcome.existing!;
    if (ex.status === 'returned') return { status: 422, body: { returned: true, reason: ex.returnReason ?? 'Đã trả lại', packageId: h.packageId } };
    const [c] = ex.caseId ? await ctx.db.select({ code: cases.code }).from(cases).where(eq(cases.id, ex.caseId)) : [];
    return { status: 200, body: { ack: ex.ack ?? (await sign(c?.code ?? null, 'received')), packageId: h.packageId, duplicate: true, caseCode: c?.code ?? null } };
  }
  if ('returned' in outcome) return { status: 422, body: { returned: true, reason: outcome.returned!, packageId: h.packageId } };
  return { status: 200, body: { ack: outcome.ack!, packageId: h.packageId, duplicate: false, caseCode: outcome.caseCode ?? null } };
}

class DuplicateRace extends Error {}

type Effect = { caseId: string | null; caseCode: string | null } | { returned: string };

async function apply(ctx: AppContext, tx: Tx, p: PackagePayload, iss: string, target: NonNullable<Awaited<ReturnType<typeof agencyByCode>>>): Promise<Effect> {
  const now = ctx.now();
  const h = p.header;
  if (h.type === 'edoc') return openForwardedCase(ctx, tx, p, iss, target);
  if (h.type === 'status') {
    const ok = await applyRemoteStatus(tx, h.refersTo!, iss, p.body.status!, now);
    return ok ? { caseId: null, caseCode: null } : { returned: `Không có văn bản ${h.refersTo} do hệ thống này gửi tới ${iss}` };
  }
  // revocation / replacement / update of an edoc received earlier from the same sender.
  const [edoc] = await tx.select().from(federationPackages).where(and(eq(federationPackages.direction, 'in'), eq(federationPackages.id, h.refersTo!)));
  if (!edoc || edoc.peerInstance !== iss || edoc.type !== 'edoc') return { returned: `Không có văn bản ${h.refersTo} nhận từ ${iss} để ${h.type === 'revocation' ? 'thu hồi' : 'thay thế / cập nhật'}` };
  const [c] = edoc.caseId ? await tx.select().from(cases).where(eq(cases.id, edoc.caseId)) : [];
  if (!c) return { returned: 'Văn bản được tham chiếu không còn hồ sơ' };
  const reason = p.body.reason ?? '';
  if (h.type === 'revocation') {
    // NĐ 30/2020 Art. 18: the receiver removes a recalled document — here, only while no one has acted on it.
    if (c.state !== 'received') return { returned: `Hồ sơ ${c.code} đã được xử lý (${c.state}): không thu hồi được, đề nghị gửi văn bản thay thế hoặc đính chính` };
    await tx.update(federationPackages).set({ status: 'revoked', updatedAt: now }).where(and(eq(federationPackages.direction, 'in'), eq(federationPackages.id, edoc.id)));
    await tx.update(cases).set({ state: 'archived', jurisdiction: 'returned', reason: 'recalled-by-sender', closedOn: isoDateInVietnam(now), updatedAt: now }).where(eq(cases.id, c.id));
  } else if (p.body.case) {
    await tx.update(cases).set({ content: p.body.case.content, field: p.body.case.field, updatedAt: now }).where(eq(cases.id, c.id));
    await tx.update(petitions).set({ content: p.body.case.content }).where(and(eq(petitions.caseId, c.id), eq(petitions.channel, 'forwarded')));
  }
  await writeAudit(tx, {
    at: now,
    actorId: null,
    actorName: iss,
    agencyId: c.agencyId,
    entity: 'case',
    entityId: c.id,
    caseId: c.id,
    action: `federation.${h.type}`,
    summary: `${h.type === 'revocation' ? 'Bên gửi thu hồi' : h.type === 'replacement' ? 'Bên gửi thay thế' : 'Bên gửi cập nhật'} văn bản chuyển đơn số ${h.documentNo} (${iss})${reason ? `: ${reason}` : ''}`,
    after: { packageId: h.packageId, refersTo: h.refersTo },
  });
  return { caseId: c.id, caseCode: c.code };
}

/**
 * The forwarded case lands in the receiving agency's inbox exactly as a local forward does (cases/transition-case.ts
 * createLinkedCase): a new case in state `received` with its own intake clock from the day of arrival, a petition
 * on channel `forwarded`, the denouncers re-sealed under this instance's seal key, a receipt in the history.
 */
async function openForwardedCase(ctx: AppContext, tx: Tx, p: PackagePayload, iss: string, target: NonNullable<Awaited<ReturnType<typeof agencyByCode>>>): Promise<Effect> {
  const now = ctx.now();
  const src = p.body.case!;
  if (!isCaseKind(src.kind)) return { returned: `Loại đơn không hợp lệ: ${src.kind}` };
  let people: PersonIdentity[] = [];
  if (src.kind === 'denunciation' && p.body.sealedIdentity) {
    try {
      people = JSON.parse(await openSealed(tx, ctx.sealer, p.body.sealedIdentity)) as PersonIdentity[];
    } catch {
      return { returned: 'Không mở được danh tính người tố cáo được niêm phong cho hệ thống này (sai khóa nhận)' };
    }
  }
  const on = isoDateInVietnam(now);
  const code = await nextCaseCode(tx, target, Number(on.slice(0, 4)));
  const [created] = await tx
    .insert(cases)
    .values({
      code,
      agencyId: target.id,
      agencyPath: target.path,
      kind: src.kind,
      state: 'received',
      field: src.field,
      content: src.content,
      contentKey: src.contentKey,
      petitionerName: src.kind === 'denunciation' ? '[Đã bảo mật]' : src.petitionerName,
      receivedOn: on,
      instance: src.instance,
      createdAt: now,
      updatedAt: now,
      ...(await startClock(tx, clockInputs(intakeRule(src.kind), on, { remote: target.remote }))),
    })
    .returning();
  if (!created) throw new Error('forwarded case insert failed');
  await indexCase(tx, created); // search and same-matter detection (issue 18)
  const pet = src.petitioner;
  const [forwardedPetition] = await tx.insert(petitions).values({
    agencyId: target.id,
    agencyPath: target.path,
    caseId: created.id,
    channel: 'forwarded',
    receivedOn: on,
    kind: src.kind,
    content: src.content,
    anonymous: pet?.anonymous ?? false,
    petitionerName: src.kind === 'denunciation' ? null : (pet?.name ?? src.petitionerName),
    petitionerIdNumber: src.kind === 'denunciation' ? null : (pet?.idNumber ?? null),
    petitionerAddress: src.kind === 'denunciation' ? null : (pet?.address ?? null),
    petitionerPhone: src.kind === 'denunciation' ? null : (pet?.phone ?? null),
    createdAt: now,
  }).returning();
  if (forwardedPetition) await indexPetition(tx, forwardedPetition); // search (issue 18)
  for (const person of people) {
    const box = sealPerson({ sealer: ctx.sealer, personHasher: ctx.personHasher }, person);
    await tx.insert(sealedIdentities).values({ caseId: created.id, ownerType: 'case', ownerId: created.id, keyId: box.keyId, iv: box.iv, ciphertext: box.ciphertext, authTag: box.authTag, personHash: box.personHash, createdAt: now });
  }
  await writeAudit(tx, {
    at: now,
    actorId: null,
    actorName: iss,
    agencyId: target.id,
    entity: 'case',
    entityId: created.id,
    caseId: created.id,
    action: 'case.receive-forwarded',
    summary: `Phiếu nhận đơn chuyển đến qua liên thông: ${p.header.fromAgency} (hệ thống ${iss}) chuyển hồ sơ ${src.code}, văn bản số ${p.header.documentNo} ngày ${formatIsoDateVi(p.header.documentDate)}; mã hồ sơ tại cơ quan nhận: ${code}; đã gửi xác nhận đã nhận cùng ngày`,
    after: { code, from: src.code, fromAgency: p.header.fromAgency, fromInstance: iss, packageId: p.header.packageId, receivedOn: on, dueOn: created.dueOn },
  });
  return { caseId: created.id, caseCode: code };
}
