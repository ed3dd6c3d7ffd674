/** Grassroots deadlines from the legal clock (domain/src/clock rules `grassroots.*`, with the holiday calendar). */
import { ClockError, computeDeadline, type Deadline } from '@danvan/domain/clock/index';
import type { DbOrTx } from '../../db/client.ts';
import { loadCalendar } from '../clock/deadlines.ts';
import { invalid } from '../../plugins/errors.ts';

export async function grassrootsDeadline(db: DbOrTx, rule: string, from: string, field = 'date'): Promise<Deadline> {
  const calendar = await loadCalendar(db);
  try {
    return computeDeadline({ rule, from, calendar });
  } catch (err) {
    // A date the clock cannot time (before the law, outside the holiday calendar): the input is wrong, not the server.
    if (err instanceof ClockError) throw invalid({ field, key: 'field.invalid' });
    throw err;
  }
}
