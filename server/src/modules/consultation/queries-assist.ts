/** Assisted entry is open to officers of agencies inside the owner's subtree, who may not "see" the owner itself. */
import { notFound } from '../../plugins/errors.ts';
import type { DbOrTx } from '../../db/client.ts';
import type { CurrentUser } from '../auth/current-user.ts';
import { mayAssist, mayView } from './policy.ts';
import { consultationById, type ConsultationRow } from './queries.ts';

export async function visibleConsultationForAssist(db: DbOrTx, user: CurrentUser, id: string): Promise<ConsultationRow> {
  const c = await consultationById(db, id);
  if (!c || !(mayView(user, c.agencyPath) || (c.status === 'published' && mayAssist(user, c.agencyPath)))) throw notFound();
  return c;
}
