/**
 * What a period report does NOT cover (ADR 0020): the parts of the report's subtree served by other DânVận
 * instances whose figures are missing or partial, with the reason — never silent. The figures of another instance
 * come only as its signed counter snapshot, per half-month (days 1–14, 15–end), so:
 *   custom-range         the range does not start on the 1st / 15th or does not end the day before one: the report
 *                        is aggregated from this instance's records, which hold none of the other instance's; the
 *                        smallest half-month range around it (`coveringRange`) would include them;
 *   no-snapshot          the range is covered by half-months but the other instance's snapshot was never pulled;
 *   snapshot-before-end  the snapshot was taken (`asOf`) before the end of the range (or today): later days are missing.
 * Only the instance serving a part most specifically counts (a province's own instance inside the nation's).
 */
import { eq, inArray } from 'drizzle-orm';
import { addDays } from '@danvan/domain/clock/dates';
import { instanceForPath } from '@danvan/domain/federation/envelope';
import { pathWithin } from '@danvan/domain/roles';
import type { DateRange } from '@danvan/domain/reports';
import { isoDateInVietnam } from '@danvan/domain/text';
import type { AppContext } from '../../context.ts';
import { agencies, federationInstances, federationSnapshots } from '../../db/schema.ts';
import type { AgencyRow } from '../agencies/queries.ts';
import { countersCover } from '../reports/counters.ts';
import { instanceIdentity } from './keys.ts';

export type CoverageReason = 'custom-range' | 'no-snapshot' | 'snapshot-before-end';

export interface NotCovered {
  instance: string;
  instanceName: string;
  /** The agencies of the report's subtree that instance serves. */
  agencies: { code: string; name: string }[];
  reason: CoverageReason;
  /** The snapshot's time (ISO 8601), when one was pulled. */
  asOf: string | null;
  /** custom-range: the smallest range of whole half-months around the asked one (it would include the instance). */
  coveringRange: DateRange | null;
}

/** The smallest range of whole half-months (1–14, 15–end of month) containing `r`. */
export function halfMonthCover(r: DateRange): DateRange {
  const from = `${r.from.slice(0, 8)}${Number(r.from.slice(8)) >= 15 ? '15' : '01'}`;
  const month = r.to.slice(0, 8);
  const lastOfMonth = addDays(`${addDays(`${month}28`, 4).slice(0, 8)}01`, -1);
  const to = Number(r.to.slice(8)) <= 14 ? `${month}14` : lastOfMonth;
  return { from, to };
}

/** One Vietnamese sentence for the exported report (xlsx, pdf), or null when nothing is missing. */
export function coverageNote(gaps: readonly NotCovered[] | undefined): string | null {
  if (!gaps?.length) return null;
  const vi = (d: string) => d.split('-').reverse().join('/');
  const parts = gaps.map((g) => {
    const who = `${g.agencies.map((a) => a.name).join(', ')} (hệ thống ${g.instanceName})`;
    if (g.reason === 'custom-range') return `${who}: khoảng ngày không trọn nửa tháng${g.coveringRange ? `, chọn từ ngày ${vi(g.coveringRange.from)} đến ngày ${vi(g.coveringRange.to)} để có đủ` : ''}`;
    if (g.reason === 'no-snapshot') return `${who}: chưa lấy số liệu đã ký`;
    return `${who}: số liệu đã ký lấy ngày ${g.asOf ? vi(isoDateInVietnam(new Date(g.asOf))) : '—'}, thiếu các ngày sau`;
  });
  return `Lưu ý: báo cáo chưa gồm số liệu của ${parts.join('; ')}.`;
}

export async function reportCoverageGaps(ctx: AppContext, root: AgencyRow, r: DateRange): Promise<NotCovered[]> {
  const me = instanceIdentity(ctx);
  const peers = (await ctx.db.select().from(federationInstances).where(eq(federationInstances.active, true))).filter((p) => p.id !== me.id);
  if (!peers.length) return [];
  const codes = [...new Set(peers.flatMap((p) => p.agencyCodes))];
  const served = codes.length ? await ctx.db.select({ code: agencies.code, name: agencies.fullName, path: agencies.path }).from(agencies).where(inArray(agencies.code, codes)) : [];
  const byCode = new Map(served.map((a) => [a.code, a]));
  const everyone = [{ id: me.id, agencyCodes: me.agencyCodes }, ...peers.map((p) => ({ id: p.id, agencyCodes: p.agencyCodes }))];
  const parts = new Map<string, { peer: (typeof peers)[number]; agencies: { code: string; name: string }[] }>();
  for (const peer of peers) {
    for (const code of peer.agencyCodes) {
      const a = byCode.get(code);
      if (!a) continue;
      // The served subtree inside the report's, or the report's inside the served one (then it is all remote).
      const inside = pathWithin(a.path, root.path) ? a.path : pathWithin(root.path, a.path) ? root.path : null;
      if (!inside || instanceForPath(everyone, inside)?.id !== peer.id) continue;
      const part = parts.get(peer.id) ?? { peer, agencies: [] };
      part.agencies.push({ code: a.code, name: a.name });
      parts.set(peer.id, part);
    }
  }
  if (!parts.size) return [];
  const snapshots = new Map((await ctx.db.select().from(federationSnapshots).where(inArray(federationSnapshots.instanceId, [...parts.keys()]))).map((s) => [s.instanceId, s]));
  const aligned = countersCover(r);
  const today = isoDateInVietnam(ctx.now());
  const end = r.to < today ? r.to : today;
  const out: NotCovered[] = [];
  for (const { peer, agencies: list } of parts.values()) {
    const snap = snapshots.get(peer.id);
    const asOf = snap ? snap.asOf.toISOString() : null;
    const base = { instance: peer.id, instanceName: peer.name, agencies: list, asOf, coveringRange: null };
    if (!aligned) out.push({ ...base, reason: 'custom-range', coveringRange: halfMonthCover(r) });
    else if (!snap) out.push({ ...base, reason: 'no-snapshot' });
    else if (isoDateInVietnam(snap.asOf) < end) out.push({ ...base, reason: 'snapshot-before-end' });
  }
  return out.sort((a, b) => a.instance.localeCompare(b.instance));
}
