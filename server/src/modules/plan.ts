/**
 * Plan, then write (ADR 0025): a write use case reads what it needs, asks a pure **planner** for the rows to insert,
 * the patch, the audit entry and the notices, and a thin **writer** applies that plan in one transaction. The
 * planners take everything they depend on as arguments — the rows read, the clock (a calendar as a function), the
 * moment and an id generator — so the national generator (tools/seed-national) calls the same planners on rows
 * kept in memory, and a planner is tested without a database.
 */
import type { Deadline } from '@danvan/domain/clock/index';
import type { ClockInputs } from './clock/deadlines.ts';

/** Who acts: the signed-in user, or the generator's account. */
export interface PlanActor {
  id: string;
  displayName: string;
}

/** What every planner may depend on besides its input and the rows it read. */
export interface PlanEnv {
  now: Date;
  actor: PlanActor;
  /** Ids of the rows a plan inserts (randomUUID for the use cases, a seeded generator for `seed --national`). */
  newId: () => string;
  /** The legal clock on the calendar read (under its shared lock) by the use case; throws ClockError. */
  compute: (inputs: ClockInputs) => Deadline;
}

/** The clock of a plan that times nothing (no calendar read): calling it is a bug in the planner's caller. */
export const NO_CLOCK: PlanEnv['compute'] = () => {
  throw new Error('this plan was given no calendar');
};
