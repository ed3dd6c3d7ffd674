/** Grassroots deadlines from the legal clock (domain/src/clock rules `grassroots.*`, with the holiday calendar). */
import { computeDeadline, type Deadline } from '@danvan/domain/clock/index';
import type { DbOrTx } from '../../db/client.ts';
import { loadCalendar } from '../clock/deadlines.ts';

export async function grassrootsDeadline(db: DbOrTx, rule: string, from: string): Promise<Deadline> {
  return computeDeadline({ rule, from, calendar: await loadCalendar(db) });
}
