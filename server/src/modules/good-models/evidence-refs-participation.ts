/**
 * Consultations and grassroots votes as evidence of a «Dân vận khéo» model (d1: "… consultations, votes"): read-only
 * resolvers over the consultation and grassroots modules' tables (those modules are not changed; this file only
 * reads their rows). Within the unit's subtree; the label shows the title (a public act), the state and a date — no
 * respondent, no household.
 *  - consultation: achieved once its synthesis (tiếp thu, giải trình) is published (b9);
 *  - vote: a matter put to the residents, achieved once closed and passed (then sent / recognised).
 * Both are referenced by id (uuid), as the staff app shows them.
 */
import { and, eq } from 'drizzle-orm';
import { formatIsoDateVi } from '@danvan/domain/text';
import { consultations, grassrootsMatters } from '../../db/schema.ts';
import { subtreeCondition } from '../auth/current-user.ts';
import { registerEvidenceRef, type RefResolver } from './evidence-refs.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const short = (id: string) => id.slice(0, 8).toUpperCase();

export const resolveConsultation: RefResolver = async (db, unitPath, id) => {
  if (!UUID.test(id)) return null;
  const [c] = await db
    .select({ id: consultations.id, title: consultations.title, status: consultations.status, closesOn: consultations.closesOn, synthesisOn: consultations.synthesisPublishedOn })
    .from(consultations)
    .where(and(eq(consultations.id, id), subtreeCondition(unitPath, consultations.agencyPath)));
  if (!c || c.status === 'draft') return null;
  const achieved = c.synthesisOn !== null;
  const state = achieved ? `Đã công bố báo cáo tiếp thu, giải trình (${formatIsoDateVi(c.synthesisOn!)})` : `Đang lấy ý kiến${c.closesOn ? ` đến ${formatIsoDateVi(c.closesOn)}` : ''}`;
  return { id: c.id, code: short(c.id), achieved, label: `Lấy ý kiến «${c.title}» — ${state}` };
};

const PASSED_STATUSES = ['closed', 'sent', 'recognized'];

export const resolveVote: RefResolver = async (db, unitPath, id) => {
  if (!UUID.test(id)) return null;
  const [m] = await db
    .select({ id: grassrootsMatters.id, title: grassrootsMatters.title, status: grassrootsMatters.status, passed: grassrootsMatters.passed, closedOn: grassrootsMatters.closedOn, recognizedOn: grassrootsMatters.recognizedOn })
    .from(grassrootsMatters)
    .where(and(eq(grassrootsMatters.id, id), subtreeCondition(unitPath, grassrootsMatters.agencyPath)));
  if (!m || m.status === 'draft') return null;
  const achieved = m.passed === true && PASSED_STATUSES.includes(m.status);
  const on = m.recognizedOn ?? m.closedOn;
  const state = m.passed === true ? 'Nhân dân đã biểu quyết thông qua' : m.passed === false ? 'Không được thông qua' : 'Đang biểu quyết';
  return { id: m.id, code: short(m.id), achieved, label: `Biểu quyết «${m.title}» — ${state}${on ? ` (${formatIsoDateVi(on)})` : ''}` };
};

registerEvidenceRef('consultation', resolveConsultation);
registerEvidenceRef('vote', resolveVote);
