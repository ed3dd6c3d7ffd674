/**
 * Dialogues and commitments as evidence of a «Dân vận khéo» model (issue 15, d1: "dialogues held, commitments
 * kept"): the resolvers the good-models module asks for a typed reference. A unit may link a commitment it owned or
 * whose dialogue it organised (within its subtree), and a dialogue it organised; the label shows codes, status and
 * dates only (the issue's text may carry a citizen's words).
 */
import { and, eq, or } from 'drizzle-orm';
import { formatIsoDateVi } from '@danvan/domain/text';
import { commitments, dialogues } from '../../db/schema.ts';
import { subtreeCondition } from '../auth/current-user.ts';
import { registerEvidenceRef, type RefResolver } from '../good-models/evidence-refs.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const COMMITMENT_STATUS_VI: Record<string, string> = {
  open: 'Đang mở',
  'in-progress': 'Đang thực hiện',
  done: 'Đã thực hiện',
  transferred: 'Đã chuyển',
  declined: 'Không thực hiện',
};

/** A commitment by id or code; kept = done. */
const resolveCommitment: RefResolver = async (db, unitPath, id) => {
  const key = UUID.test(id) ? or(eq(commitments.id, id), eq(commitments.code, id)) : eq(commitments.code, id);
  const [c] = await db
    .select({ id: commitments.id, code: commitments.code, status: commitments.status, dueOn: commitments.dueOn, closedOn: commitments.closedOn })
    .from(commitments)
    .where(and(key, or(subtreeCondition(unitPath, commitments.ownerAgencyPath), subtreeCondition(unitPath, commitments.agencyPath))));
  if (!c) return null;
  const when = c.closedOn ? ` (${formatIsoDateVi(c.closedOn)}; hạn ${formatIsoDateVi(c.dueOn)})` : ` (hạn ${formatIsoDateVi(c.dueOn)})`;
  return { id: c.id, code: c.code, achieved: c.status === 'done', label: `Cam kết ${c.code} — ${COMMITMENT_STATUS_VI[c.status] ?? c.status}${when}` };
};

/** A dialogue the unit (or below) organised; held = its conclusion is published. */
const resolveDialogue: RefResolver = async (db, unitPath, id) => {
  const key = UUID.test(id) ? or(eq(dialogues.id, id), eq(dialogues.code, id)) : eq(dialogues.code, id);
  const [d] = await db
    .select({ id: dialogues.id, code: dialogues.code, status: dialogues.status, heldOn: dialogues.heldOn, conclusionOn: dialogues.conclusionOn })
    .from(dialogues)
    .where(and(key, subtreeCondition(unitPath, dialogues.agencyPath)));
  if (!d) return null;
  const achieved = d.status === 'concluded';
  const on = d.conclusionOn ?? d.heldOn;
  return { id: d.id, code: d.code, achieved, label: `Đối thoại ${d.code} — ${achieved ? 'Đã kết luận' : 'Chưa kết luận'}${on ? ` (${formatIsoDateVi(on)})` : ''}` };
};

registerEvidenceRef('commitment', resolveCommitment);
registerEvidenceRef('dialogue', resolveDialogue);
