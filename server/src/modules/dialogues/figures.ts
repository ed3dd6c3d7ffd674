/**
 * The dialogue section of the period report and of the public tracker, for an agency subtree (roll-up by
 * construction: a subtree predicate on the organising agency's path): dialogues held in the period, participants,
 * issues raised / answered on the spot / transferred / assigned, commitments made in the period and, as of
 * `asOf`, kept, kept on time, overdue, and the fulfilment rate (kept ÷ made; domain/dialogues/kinds.ts).
 */
import { sql } from 'drizzle-orm';
import { fulfilment, type FulfilmentFigures } from '@danvan/domain/dialogues/kinds';
import { queryRows, type DbOrTx } from '../../db/client.ts';

export type DialogueFigures = Omit<FulfilmentFigures, 'transferred'> & {
  dialoguesHeld: number;
  participants: number;
  issuesRaised: number;
  answeredOnSpot: number;
  transferred: number;
  assigned: number;
  /** The commitments transferred onward by their owner (a9 status), not the issues transferred at the dialogue. */
  commitmentsTransferred: number;
};

export async function dialogueFigures(db: DbOrTx, rootPath: string, from: string, to: string, asOf: string): Promise<DialogueFigures> {
  const prefix = `${rootPath}/%`;
  const [d] = await queryRows<{ held: number; participants: number }>(db, sql`
    select count(*)::int as held, coalesce(sum(attendance), 0)::int as participants from dialogues
    where (agency_path = ${rootPath} or agency_path like ${prefix}) and status in ('held', 'concluded') and held_on between ${from} and ${to}`);
  const [i] = await queryRows<{ raised: number; answered: number; transferred: number; assigned: number }>(db, sql`
    select count(*)::int as raised,
           count(*) filter (where i.outcome = 'answered')::int as answered,
           count(*) filter (where i.outcome = 'transferred')::int as transferred,
           count(*) filter (where i.outcome = 'assigned')::int as assigned
    from dialogue_issues i join dialogues d on d.id = i.dialogue_id
    where (d.agency_path = ${rootPath} or d.agency_path like ${prefix}) and d.conclusion_on between ${from} and ${to}`);
  const items = await queryRows<{ status: string; due_on: string; closed_on: string | null }>(db, sql`
    select status, due_on::text as due_on, closed_on::text as closed_on from commitments
    where (agency_path = ${rootPath} or agency_path like ${prefix}) and made_on between ${from} and ${to}`);
  const f = fulfilment(
    items.map((r) => ({ status: r.status, dueOn: String(r.due_on).slice(0, 10), closedOn: r.closed_on ? String(r.closed_on).slice(0, 10) : null })),
    asOf,
  );
  const { transferred: commitmentsTransferred, ...rest } = f;
  return {
    ...rest,
    commitmentsTransferred,
    dialoguesHeld: Number(d?.held ?? 0),
    participants: Number(d?.participants ?? 0),
    issuesRaised: Number(i?.raised ?? 0),
    answeredOnSpot: Number(i?.answered ?? 0),
    transferred: Number(i?.transferred ?? 0),
    assigned: Number(i?.assigned ?? 0),
  };
}
