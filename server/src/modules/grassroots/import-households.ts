/**
 * importHouseholds: a commune's household registers from Excel. Communities (thôn / tổ dân phố) named in the file
 * are created when new; a household is matched by (community, household code) and updated, else added. The
 * representative's identity is sealed (ctx.sealer) and hashed (ctx.personHasher): the same person twice in one
 * village is a row error. All or nothing: any bad row and nothing is written (400 listing the rows).
 */
import { and, eq, inArray } from 'drizzle-orm';
import { cleanText, isValidPersonalId, normalizePhone } from '@danvan/domain/text';
import type { AppContext } from '../../context.ts';
import { grassrootsCommunities, grassrootsHouseholds } from '../../db/schema.ts';
import { AppError } from '../../plugins/errors.ts';
import type { CurrentUser } from '../auth/current-user.ts';
import type { AgencyRow } from '../agencies/queries.ts';
import { writeAudit } from '../audit/write-audit.ts';
import { readHouseholdWorkbook, type HouseholdSheetRow } from './households-xlsx.ts';
import { requireWork } from './policy.ts';

export interface RowProblem {
  row: number;
  column: string;
  message: string;
}

export interface PlannedHousehold {
  rowNumber: number;
  communityCode: string;
  code: string;
  members: number;
  identity: { name: string; idNumber: string | null; phone: string | null; address: string };
  personHash: string | null;
}

export interface ImportPlan {
  communities: Map<string, { name: string; kind: 'thon' | 'to-dan-pho' }>;
  households: PlannedHousehold[];
  problems: RowProblem[];
}

/** Pure: the sheet's rows → the communities and households to write, or the problems by row and column. */
export function planImport(rows: readonly { rowNumber: number; cells: HouseholdSheetRow }[], hash: (p: { name: string; idNumber: string | null; address: string }) => string | null): ImportPlan {
  const problems: RowProblem[] = [];
  const communities = new Map<string, { name: string; kind: 'thon' | 'to-dan-pho' }>();
  const households: PlannedHousehold[] = [];
  const seenCodes = new Set<string>();
  const seenPersons = new Map<string, number>();
  for (const { rowNumber, cells } of rows) {
    const bad = (column: string, message: string) => problems.push({ row: rowNumber, column, message });
    const communityCode = cleanText(cells.communityCode).toUpperCase();
    const code = cleanText(cells.householdCode);
    const name = cleanText(cells.name);
    const address = cleanText(cells.address);
    const kindText = cleanText(cells.communityKind).toLowerCase();
    const kind = kindText.startsWith('tổ') || kindText.startsWith('to') || kindText.startsWith('khu') ? 'to-dan-pho' : 'thon';
    if (!communityCode) bad('Mã thôn, tổ dân phố', 'bắt buộc');
    if (!code) bad('Mã hộ', 'bắt buộc');
    if (!name) bad('Họ tên người đại diện hộ', 'bắt buộc');
    if (!address) bad('Địa chỉ', 'bắt buộc');
    const idRaw = cleanText(cells.idNumber);
    const idNumber = idRaw ? idRaw.replace(/\s/g, '') : null;
    if (idNumber && !isValidPersonalId(idNumber)) bad('Số định danh cá nhân', `«${idNumber}» không phải số định danh 12 chữ số`);
    const phoneRaw = cleanText(cells.phone);
    const phone = phoneRaw ? normalizePhone(phoneRaw) : null;
    if (phoneRaw && !phone) bad('Điện thoại', `«${phoneRaw}» không phải số điện thoại`);
    const members = Number(cleanText(cells.members) || '1');
    if (!Number.isInteger(members) || members < 1 || members > 100) bad('Số nhân khẩu', 'phải là số nguyên từ 1 đến 100');
    if (communityCode) {
      const existing = communities.get(communityCode);
      const cname = cleanText(cells.communityName);
      if (!existing) {
        if (!cname) bad('Tên thôn, tổ dân phố', 'bắt buộc ở dòng đầu tiên của mỗi thôn, tổ dân phố');
        communities.set(communityCode, { name: cname || communityCode, kind });
      }
    }
    const key = `${communityCode}\n${code}`;
    if (code && seenCodes.has(key)) bad('Mã hộ', `mã hộ «${code}» lặp lại trong thôn, tổ dân phố ${communityCode}`);
    seenCodes.add(key);
    const personHash = name && address ? hash({ name, idNumber, address }) : null;
    if (personHash) {
      const pkey = `${communityCode}\n${personHash}`;
      const first = seenPersons.get(pkey);
      if (first !== undefined) bad('Họ tên người đại diện hộ', `trùng người đại diện với dòng ${first}`);
      else seenPersons.set(pkey, rowNumber);
    }
    households.push({ rowNumber, communityCode, code, members, identity: { name, idNumber, phone, address }, personHash });
  }
  return { communities, households, problems };
}

export async function importHouseholds(ctx: AppContext, user: CurrentUser, commune: AgencyRow, file: Buffer) {
  requireWork(user, commune.path);
  if (commune.level !== 'commune') throw new AppError(400, 'error.validation', {}, [{ field: 'agency', key: 'field.invalid' }]);
  const rows = await readHouseholdWorkbook(file);
  const plan = planImport(rows, (p) => ctx.personHasher.hash(p));
  if (plan.problems.length) throw new AppError(400, 'grassroots.importRows', { count: new Set(plan.problems.map((p) => p.row)).size }, [], { problems: plan.problems });
  const now = ctx.now();
  return ctx.db.transaction(async (tx) => {
    const codes = [...plan.communities.keys()];
    const existing = codes.length
      ? await tx.select().from(grassrootsCommunities).where(and(eq(grassrootsCommunities.agencyId, commune.id), inArray(grassrootsCommunities.code, codes)))
      : [];
    const byCode = new Map(existing.map((c) => [c.code, c]));
    let communitiesCreated = 0;
    for (const [code, c] of plan.communities) {
      if (byCode.has(code)) continue;
      const [row] = await tx.insert(grassrootsCommunities).values({ agencyId: commune.id, agencyPath: commune.path, code, name: c.name, kind: c.kind }).returning();
      byCode.set(code, row!);
      communitiesCreated++;
    }
    let added = 0;
    let updated = 0;
    const problems: { row: number; column: string; message: string }[] = [];
    for (const h of plan.households) {
      const community = byCode.get(h.communityCode)!;
      const representative = ctx.sealer.seal(JSON.stringify(h.identity));
      const [clash] = h.personHash
        ? await tx.select({ code: grassrootsHouseholds.code }).from(grassrootsHouseholds).where(and(eq(grassrootsHouseholds.communityId, community.id), eq(grassrootsHouseholds.personHash, h.personHash)))
        : [];
      if (clash && clash.code !== h.code) {
        problems.push({ row: h.rowNumber, column: 'Họ tên người đại diện hộ', message: `đã là người đại diện hộ «${clash.code}»` });
        continue;
      }
      const [prev] = await tx.select({ id: grassrootsHouseholds.id }).from(grassrootsHouseholds).where(and(eq(grassrootsHouseholds.communityId, community.id), eq(grassrootsHouseholds.code, h.code)));
      if (prev) {
        await tx.update(grassrootsHouseholds).set({ members: h.members, representative, personHash: h.personHash, active: true }).where(eq(grassrootsHouseholds.id, prev.id));
        updated++;
      } else {
        await tx.insert(grassrootsHouseholds).values({ communityId: community.id, agencyPath: commune.path, code: h.code, members: h.members, representative, personHash: h.personHash });
        added++;
      }
    }
    if (problems.length) throw new AppError(400, 'grassroots.importRows', { count: problems.length }, [], { problems });
    await writeAudit(tx, {
      at: now,
      actorId: user.id,
      actorName: user.displayName,
      agencyId: commune.id,
      entity: 'grassroots-register',
      entityId: commune.id,
      action: 'grassroots.households.import',
      summary: `Nhập sổ hộ gia đình: ${plan.communities.size} thôn, tổ dân phố (${communitiesCreated} mới), ${added} hộ mới, ${updated} hộ cập nhật`,
      after: { communities: plan.communities.size, communitiesCreated, added, updated },
    });
    return { communities: plan.communities.size, communitiesCreated, added, updated };
  });
}
