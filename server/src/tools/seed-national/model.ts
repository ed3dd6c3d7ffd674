/**
 * The shape of the generated country, in one place: how much happens where and when, and what handlers decide.
 * Scale 1 reproduces the seed's six months (VOV, 16/7/2020): about 165.000 visits about 135.000 matters, about
 * 13.889 complaints and denunciations within jurisdiction of which about 71% resolved. Figures below are
 * calibrated against that with `danvan seed --national --dry-run` (the generator's own count, no database).
 */
import type { CaseKind } from '@danvan/domain/workflow';
import type { AgencyRow } from '../../modules/agencies/queries.ts';
import { hash32 } from './random.ts';

export const MODEL = {
  /** First-time visits (new matters at the desk) per 181 days at scale 1; repeats come on top (≈ 165.000 visits). */
  firstVisits: 128_000,
  seedDays: 181,
  /** Written petitions (post, online, hotline…) per first-time visit. */
  writtenPerVisit: 0.27,
  /** Share of the desk work by level of the receiving agency. */
  levelShare: { commune: 0.55, province: 0.38, ministry: 0.07 } as Record<string, number>,
  /** Ministries: the central Citizen Reception Office sits with the Government Inspectorate (TTCP). */
  ministryWeights: { TTCP: 8, BNNMT: 3, BXD: 1.6, BCA: 1.2, BNV: 1.2, BTC: 1, BTP: 0.8, BQP: 0.6, BGDDT: 0.6, BYT: 0.6, BCT: 0.5 } as Record<string, number>,
  otherMinistryWeight: 0.3,
  /** Communes: wards (phường) see more citizens than rural communes; island zones fewer. */
  communeTypeWeight: { phuong: 1.5, xa: 1, 'dac-khu': 0.4 } as Record<string, number>,
  /** Month of the year (1–12) and weekday (0 = Sunday) factors of the daily volume. */
  monthFactor: [1.05, 0.75, 1.1, 1.0, 1.0, 1.05, 0.95, 1.0, 1.0, 1.05, 1.0, 1.0],
  weekdayFactor: [0.2, 1.2, 1.05, 1.0, 1.0, 0.85, 0.6],
  kind: { complaint: 0.22, denunciation: 0.07, feedback: 0.71 } as Record<CaseKind, number>,
  /** What the desk does with a new matter (Luật TCD Arts. 9, 27, 28). */
  deskOutcome: { 'petition-received': 0.8, guided: 0.12, forwarded: 0.05, refused: 0.03 } as Record<string, number>,
  delegationShare: 0.02,
  smallGroupShare: 0.06,
  /** Repeat visits on an opened matter: P(first repeat), then P(another). */
  repeatFirst: 0.25,
  repeatMore: 0.3,
  repeatGuided: 0.15,
  /** Cases opened by a written petition that later get a visit / a duplicate letter. */
  petitionVisit: 0.03,
  duplicatePetition: 0.06,
  anonymousShare: 0.04,
  channel: { post: 40, online: 25, hotline: 5, email: 10, press: 4, deputy: 10, 'in-person': 6 } as Record<string, number>,
  /**
   * Processing decision (TT 05/2021/TT-TTCP) for complaints and denunciations, for feedback, and in the receiving
   * agency. `chase` (đôn đốc): an agency with lower levels (a province: its communes) urges one of them, overdue on
   * the matter, instead of guiding the citizen; an agency without lower levels guides instead.
   */
  processing: { accept: 0.15, forward: 0.31, guide: 0.18, chase: 0.02, archive: 0.2, 'return-documents': 0.05, withdraw: 0.04, wait: 0.04 } as Record<string, number>,
  processingFeedback: { accept: 0.6, forward: 0.15, guide: 0.13, chase: 0.02, archive: 0.1 } as Record<string, number>,
  processingForwardedIn: { accept: 0.45, guide: 0.28, chase: 0.02, archive: 0.25 } as Record<string, number>,
  processingLate: 0.08,
  forwardToMinistry: 0.25,
  complaintComplex: 0.15,
  denunciationComplex: 0.2,
  denunciationEspeciallyComplex: 0.05,
  verificationShare: 0.9,
  dialogueFirstInstance: 0.45,
  onTimeComplaint: 0.5,
  onTimeDenunciation: 0.45,
  /** A late decision comes up to this many days after the deadline. */
  maxDaysLate: 120,
  withdrawPerStep: 0.025,
  suspendPerStep: 0.015,
  terminateAfterSuspension: 0.1,
  complaintOutcome: { right: 0.18, 'partly-right': 0.22, wrong: 0.6 } as Record<string, number>,
  secondInstanceOutcome: { uphold: 0.6, amend: 0.25, annul: 0.15 } as Record<string, number>,
  denunciationOutcome: { right: 0.15, 'partly-right': 0.3, untrue: 0.55 } as Record<string, number>,
  appealShare: 0.12,
  effectiveShare: 0.7,
  closeShare: 0.5,
  violationOnWithdrawal: 0.3,
  feedbackPublish: 0.3,
  /** Heads' reception days (Luật TCD Arts. 12, 15, 18): held, held by a deputy, cancelled. */
  headSession: { held: 0.92, deputy: 0.05, cancelled: 0.03 } as Record<string, number>,
  headSessionVisitShare: 0.7,
  /** An agency holds head sessions when it expects at least this many visits in the range (a busy enough desk). */
  headSessionMinVisits: 2,
  /** Days before --from generated as well, so that the period starts with cases carried over. */
  leadInDays: 61,
};

export type Model = typeof MODEL;

/** Approximate population (millions, 2024) of the 34 provinces after the 2025 merger: the weight of each province. */
export const PROVINCE_POPULATION: Record<string, number> = {
  '01': 8.7,
  '04': 0.57,
  '08': 1.87,
  '11': 0.65,
  '12': 0.49,
  '14': 1.3,
  '15': 1.78,
  '19': 1.8,
  '20': 0.81,
  '22': 1.38,
  '24': 3.62,
  '25': 4.02,
  '31': 4.66,
  '33': 3.57,
  '37': 4.41,
  '38': 4.32,
  '40': 3.83,
  '42': 1.62,
  '44': 1.87,
  '46': 1.43,
  '48': 3.07,
  '51': 2.16,
  '52': 3.58,
  '56': 2.24,
  '66': 3.35,
  '68': 3.87,
  '75': 4.49,
  '79': 14.0,
  '80': 3.25,
  '82': 4.37,
  '86': 4.26,
  '91': 4.95,
  '92': 4.2,
  '96': 2.6,
};

/** Which ministry a matter of this field is forwarded to (the competent line ministry). */
export const MINISTRY_FOR_FIELD: Record<string, string> = {
  'dat-dai': 'BNNMT',
  'nha-o': 'BXD',
  'chinh-sach-xa-hoi': 'BNV',
  'tu-phap': 'BTP',
  'tham-nhung': 'TTCP',
  'hanh-chinh': 'BNV',
  khac: 'TTCP',
};

/**
 * Expected share of the national desk volume received by each agency (sums to 1 over the agencies that receive
 * citizens; the national root receives none of its own: it is the second instance for provinces and ministries).
 */
export function agencyShares(all: readonly AgencyRow[], model: Model = MODEL): Map<string, number> {
  const shares = new Map<string, number>();
  const provinces = all.filter((a) => a.level === 'province');
  const weightOf = (code: string | null) => Math.pow(PROVINCE_POPULATION[code ?? ''] ?? 1, 1.1);
  const provinceTotal = provinces.reduce((s, p) => s + weightOf(p.code), 0);
  for (const p of provinces) shares.set(p.id, (model.levelShare.province! * weightOf(p.code)) / provinceTotal);

  const communes = all.filter((a) => a.level === 'commune');
  const communeWeight = new Map<string, number>();
  const byProvince = new Map<string, number>();
  for (const c of communes) {
    // A stable per-commune factor (log-normal, σ = 0.5) from the code: busy and quiet communes.
    const u1 = (hash32(c.code, 1) + 1) / 4294967297;
    const u2 = hash32(c.code, 2) / 4294967296;
    const noise = Math.exp(0.5 * Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2));
    const w = (model.communeTypeWeight[c.unitType] ?? 1) * noise;
    communeWeight.set(c.id, w);
    byProvince.set(c.provinceCode ?? '', (byProvince.get(c.provinceCode ?? '') ?? 0) + w);
  }
  for (const c of communes) {
    const provinceShare = weightOf(c.provinceCode) / provinceTotal;
    shares.set(c.id, (model.levelShare.commune! * provinceShare * communeWeight.get(c.id)!) / byProvince.get(c.provinceCode ?? '')!);
  }

  const ministries = all.filter((a) => a.level === 'ministry');
  const mw = (m: AgencyRow) => model.ministryWeights[m.code] ?? model.otherMinistryWeight;
  const ministryTotal = ministries.reduce((s, m) => s + mw(m), 0);
  for (const m of ministries) shares.set(m.id, (model.levelShare.ministry! * mw(m)) / ministryTotal);
  return shares;
}
