/**
 * Server side of the legal clock: the generated holiday calendar (domain/clock) with the admin's overrides
 * from `calendar_days` on top, and the deadline stored on a case together with the inputs that recompute it.
 *
 * Caching: `loadCalendar` caches per database handle and is dropped whenever this process edits a day; other
 * processes pick up edits after CALENDAR_TTL_MS. Writers that store a deadline never use the cache: they take
 * the calendar lock in shared mode and read the calendar inside their transaction (`lockedCalendar`), and a
 * calendar edit takes it in exclusive mode before it recomputes the open cases. So a case opened while a day is
 * being edited is either seen by the recompute or computed with the new calendar — never neither.
 */
import { sql } from 'drizzle-orm';
import {
  ClockError,
  DEFAULT_CALENDAR_YEARS,
  DEFAULT_RULES,
  RULE_KEYS,
  WorkCalendar,
  computeDeadline,
  findRule,
  generateDefaultCalendar,
  trafficLight,
  type CalendarEntry,
  type ClockRule,
  type Deadline,
  type TrafficLight,
} from '@danvan/domain/clock/index';
import { formatIsoDateVi, isoDateInVietnam } from '@danvan/domain/text';
import type { AppContext } from '../../context.ts';
import { queryRows, type DbOrTx, type Tx } from '../../db/client.ts';
import { calendarDays, type cases } from '../../db/schema.ts';
import { AppError, type FieldIssue } from '../../plugins/errors.ts';

const CALENDAR_TTL_MS = 60_000;
const cache = new WeakMap<object, { calendar: WorkCalendar; loadedAt: number }>();

let defaults: Map<string, CalendarEntry> | null = null;
/** The generated 2020–2040 entries by date (computed once per process: lunar conversions are not free). */
export function defaultEntries(): Map<string, CalendarEntry> {
  if (!defaults) {
    const { fromYear, toYear } = DEFAULT_CALENDAR_YEARS;
    defaults = new Map(generateDefaultCalendar(fromYear, toYear).map((e) => [e.date, e]));
  }
  return defaults;
}

export function calendarWith(overrides: readonly CalendarEntry[]): WorkCalendar {
  return new WorkCalendar([...defaultEntries().values(), ...overrides], DEFAULT_CALENDAR_YEARS);
}

/**
 * The override rows as one JSON text (a scalar subquery), in date order: read alone by readOverrides, or inside a
 * larger statement (openingReads reads them with the case code); overridesOf turns the text into entries.
 */
export const overridesJson = sql`(select json_agg(json_build_object('date', d.date, 'kind', d.kind, 'name', d.name) order by d.date)::text from ${calendarDays} d)`;

export function overridesOf(json: string | null): CalendarEntry[] {
  return json ? (JSON.parse(json) as CalendarEntry[]) : [];
}

export async function readOverrides(db: DbOrTx): Promise<CalendarEntry[]> {
  const [r] = await queryRows<{ overrides: string | null }>(db, sql`select ${overridesJson} as overrides`);
  return overridesOf(r?.overrides ?? null);
}

export async function loadCalendar(db: DbOrTx): Promise<WorkCalendar> {
  const hit = cache.get(db);
  if (hit && Date.now() - hit.loadedAt < CALENDAR_TTL_MS) return hit.calendar;
  const calendar = calendarWith(await readOverrides(db));
  cache.set(db, { calendar, loadedAt: Date.now() });
  return calendar;
}

export function invalidateCalendar(db: DbOrTx): void {
  cache.delete(db);
}

const CALENDAR_LOCK = 4_210_002;

/** Serialises calendar edits (exclusive) against transactions that store deadlines (shared). */
export async function lockCalendar(tx: Tx, mode: 'shared' | 'exclusive'): Promise<void> {
  if (mode === 'shared') await tx.execute(sql`select pg_advisory_xact_lock_shared(${CALENDAR_LOCK})`);
  else await tx.execute(sql`select pg_advisory_xact_lock(${CALENDAR_LOCK})`);
}

/** The last calendar built by calendarOf and the override rows it was built from (issue 13, item 10). */
let lastBuilt: { key: string; calendar: WorkCalendar } | null = null;

/**
 * The calendar of these override rows, read inside a transaction after the calendar's lock (lockedCalendar,
 * openingReads). Only the building of the calendar from them (the generated 2020–2040 days plus the overrides: a few
 * milliseconds) is skipped when the rows are the same as last time.
 */
export function calendarOf(overrides: CalendarEntry[]): WorkCalendar {
  const key = JSON.stringify(overrides);
  if (lastBuilt?.key !== key) lastBuilt = { key, calendar: calendarWith(overrides) };
  return lastBuilt.calendar;
}

/** The calendar as this transaction sees it, with the shared lock held until it ends; the overrides read after the lock. */
export async function lockedCalendar(tx: Tx): Promise<WorkCalendar> {
  await lockCalendar(tx, 'shared');
  return calendarOf(await readOverrides(tx));
}

/** Everything a stored deadline depends on besides the calendar. */
export interface ClockInputs {
  rule: string;
  /** The rule version stored on the case: a case keeps the rules in force when its clock started. */
  ruleVersion?: string | null;
  from: string;
  remote: boolean;
  complex: boolean;
  especiallyComplex: boolean;
  severalSites: boolean;
  /** Length of each extension decision. */
  extensions: number[];
  suspendedDays: number;
}

export function clockInputs(rule: string, from: string, more: Partial<Omit<ClockInputs, 'rule' | 'from'>> = {}): ClockInputs {
  return { rule, from, remote: false, complex: false, especiallyComplex: false, severalSites: false, extensions: [], suspendedDays: 0, ...more };
}

function ruleOf(inputs: ClockInputs): ClockRule {
  const stored = inputs.ruleVersion ? DEFAULT_RULES.find((r) => r.version === inputs.ruleVersion) : undefined;
  return stored ?? findRule(DEFAULT_RULES, inputs.rule, inputs.from);
}

export function computeClock(calendar: WorkCalendar, inputs: ClockInputs): Deadline {
  return computeDeadline({
    rule: ruleOf(inputs),
    from: inputs.from,
    calendar,
    remote: inputs.remote,
    complex: inputs.complex,
    especiallyComplex: inputs.especiallyComplex,
    severalSites: inputs.severalSites,
    extensionDays: inputs.extensions,
    suspendedDays: inputs.suspendedDays,
  });
}

type CaseClockColumns = Pick<
  typeof cases.$inferInsert,
  | 'dueOn'
  | 'dueRule'
  | 'dueRuleVersion'
  | 'clockFrom'
  | 'clockRemote'
  | 'clockComplex'
  | 'clockEspeciallyComplex'
  | 'clockSeveralSites'
  | 'clockExtensions'
  | 'clockSuspendedDays'
>;

/** The case columns for a running clock. */
export function runningClock(d: Deadline, inputs: ClockInputs): CaseClockColumns {
  return {
    dueOn: d.due,
    dueRule: d.rule,
    dueRuleVersion: d.version,
    clockFrom: inputs.from,
    clockRemote: inputs.remote,
    clockComplex: inputs.complex,
    clockEspeciallyComplex: inputs.especiallyComplex,
    clockSeveralSites: inputs.severalSites,
    clockExtensions: [...inputs.extensions],
    clockSuspendedDays: inputs.suspendedDays,
  };
}

/** The case columns once no deadline runs (a decision stops the clock). */
export const STOPPED_CLOCK: CaseClockColumns = {
  dueOn: null,
  dueRule: null,
  dueRuleVersion: null,
  clockFrom: null,
  clockRemote: false,
  clockComplex: false,
  clockEspeciallyComplex: false,
  clockSeveralSites: false,
  clockExtensions: [],
  clockSuspendedDays: 0,
};

/**
 * Starts a clock inside the caller's transaction (takes the shared calendar lock). A date the clock cannot time
 * (before the rule existed, outside the 2020–2040 calendar: an old paper file entered late) gets no deadline
 * rather than an error.
 */
export async function startClock(tx: Tx, inputs: ClockInputs): Promise<CaseClockColumns> {
  const calendar = await lockedCalendar(tx);
  try {
    return runningClock(computeClock(calendar, inputs), inputs);
  } catch (err) {
    if (err instanceof ClockError) return STOPPED_CLOCK;
    throw err;
  }
}

type CaseRow = typeof cases.$inferSelect;

/** The clock columns of a case row, every one given (as the planners write them into a whole row or a patch). */
export type ClockColumns = Pick<CaseRow, 'dueOn' | 'dueRule' | 'dueRuleVersion' | 'clockFrom' | 'clockRemote' | 'clockComplex' | 'clockEspeciallyComplex' | 'clockSeveralSites' | 'clockExtensions' | 'clockSuspendedDays'>;

/** The clock columns as stored (runningClock / STOPPED_CLOCK give every one of them). */
export function clockColumns(c: CaseClockColumns): ClockColumns {
  return {
    dueOn: c.dueOn ?? null,
    dueRule: c.dueRule ?? null,
    dueRuleVersion: c.dueRuleVersion ?? null,
    clockFrom: c.clockFrom ?? null,
    clockRemote: c.clockRemote ?? false,
    clockComplex: c.clockComplex ?? false,
    clockEspeciallyComplex: c.clockEspeciallyComplex ?? false,
    clockSeveralSites: c.clockSeveralSites ?? false,
    clockExtensions: [...(c.clockExtensions ?? [])],
    clockSuspendedDays: c.clockSuspendedDays ?? 0,
  };
}

/** A calendar as the planners' clock (PlanEnv.compute). */
export function calendarClock(calendar: WorkCalendar): (inputs: ClockInputs) => Deadline {
  return (inputs) => computeClock(calendar, inputs);
}

/** startClock for a planner (the calendar as a function): a date the clock cannot time gets no deadline. */
export function startedClock(compute: (inputs: ClockInputs) => Deadline, inputs: ClockInputs): ClockColumns {
  try {
    return clockColumns(runningClock(compute(inputs), inputs));
  } catch (err) {
    if (err instanceof ClockError) return clockColumns(STOPPED_CLOCK);
    throw err;
  }
}

/** A running clock recomputed with changed inputs (extension, resumption, a complexity finding). */
export function recomputedClock(compute: (inputs: ClockInputs) => Deadline, inputs: ClockInputs): ClockColumns {
  return clockColumns(runningClock(compute(inputs), inputs));
}

/** The inputs stored on a case, or null when no clock runs. */
export function clockOfCase(c: CaseRow): ClockInputs | null {
  return c.dueOn ? clockInputsOf(c) : null;
}

/** The clock inputs stored on a case, also while it is suspended (dueOn cleared, inputs kept for `resume`). */
export function clockInputsOf(c: CaseRow): ClockInputs | null {
  if (!c.dueRule || !c.clockFrom) return null;
  return {
    rule: c.dueRule,
    ruleVersion: c.dueRuleVersion,
    from: c.clockFrom,
    remote: c.clockRemote,
    complex: c.clockComplex,
    especiallyComplex: c.clockEspeciallyComplex,
    severalSites: c.clockSeveralSites,
    extensions: Array.isArray(c.clockExtensions) ? c.clockExtensions.filter((n): n is number => typeof n === 'number') : [],
    suspendedDays: c.clockSuspendedDays,
  };
}

export interface ClockView {
  calendar: WorkCalendar;
  /** Today in Asia/Ho_Chi_Minh, from the injected clock. */
  today: string;
}

export async function clockView(ctx: AppContext): Promise<ClockView> {
  return { calendar: await loadCalendar(ctx.db), today: isoDateInVietnam(ctx.now()) };
}

export interface DueStatus {
  dueLight: TrafficLight | null;
  dueExplanation: string | null;
}

/** Traffic light (on time / due within 3 working days / overdue) and the Vietnamese explanation of a case's deadline. */
export function dueStatus(c: CaseRow, view: ClockView): DueStatus {
  if (!c.dueOn) return { dueLight: null, dueExplanation: null };
  let dueLight: TrafficLight | null = null;
  try {
    dueLight = trafficLight(c.dueOn, view.today, view.calendar);
  } catch {
    dueLight = null; // outside the 2020–2040 calendar
  }
  const inputs = clockOfCase(c);
  let dueExplanation = `Hạn: ${formatIsoDateVi(c.dueOn)}.`;
  if (inputs) {
    try {
      const d = computeClock(view.calendar, inputs);
      // A calendar edited by another process and not yet reloaded here would explain another date: say only the date.
      if (d.due === c.dueOn) dueExplanation = d.explanation;
    } catch {
      // keep the plain sentence
    }
  }
  return { dueLight, dueExplanation };
}


/** The domain Deadline as plain JSON (HTTP response and `danvan deadline --json`). */
export function presentDeadline(d: Deadline) {
  return {
    ...d,
    extensions: [...d.extensions],
    skipped: d.skipped.map((s) => ({ ...s })),
    countedSwapDays: [...d.countedSwapDays],
    rolledOver: d.rolledOver ? { ...d.rolledOver } : null,
  };
}

/** Request inputs of computeDeadline (HTTP and CLI). */
export interface DeadlineQuery {
  rule: string;
  from: string;
  complex?: boolean;
  especiallyComplex?: boolean;
  remote?: boolean;
  severalSites?: boolean;
  extensions?: number;
  suspendedDays?: number;
}

/** Computes a deadline; a bad rule, date or extension becomes a 400 that lists the valid rule keys. */
export function computeForQuery(calendar: WorkCalendar, q: DeadlineQuery): Deadline {
  try {
    return computeDeadline({
      rule: q.rule,
      from: q.from,
      calendar,
      complex: q.complex,
      especiallyComplex: q.especiallyComplex,
      remote: q.remote,
      severalSites: q.severalSites,
      extensions: q.extensions,
      suspendedDays: q.suspendedDays,
    });
  } catch (err) {
    if (err instanceof ClockError) throw clockErrorToAppError(err, q);
    throw err;
  }
}

export function clockErrorToAppError(err: ClockError, q: DeadlineQuery): AppError {
  const keys = RULE_KEYS.join(', ');
  const issues: FieldIssue[] = [];
  const { fromYear, toYear } = DEFAULT_CALENDAR_YEARS;
  const known = (RULE_KEYS as readonly string[]).includes(q.rule);
  switch (err.code) {
    case 'UNKNOWN_RULE':
      issues.push(
        known
          ? { field: 'from', key: 'field.clockVersion', params: { rule: q.rule, date: q.from } }
          : { field: 'rule', key: 'field.clockRule', params: { value: q.rule.slice(0, 60) } },
      );
      break;
    case 'INVALID_DATE':
      issues.push({ field: 'from', key: 'field.clockDate', params: { fromYear, toYear } });
      break;
    case 'EXTENSION_LIMIT': {
      let limit: ClockRule['extension'] = null;
      let citation = '';
      try {
        const rule = findRule(DEFAULT_RULES, q.rule, q.from);
        limit = rule.extension;
        citation = rule.citation;
      } catch {
        // unreachable: the rule was found before the extension check
      }
      const especially = Boolean(q.especiallyComplex);
      const complex = especially || Boolean(q.complex);
      const allowed = !limit ? 0 : limit.complexMaxCount === undefined || especially ? limit.maxCount : complex ? limit.complexMaxCount : 0;
      issues.push({ field: 'extensions', key: 'field.clockExtensions', params: { rule: q.rule, allowed, citation: citation || '—' } });
      break;
    }
    case 'INVALID_INPUT': {
      const bad = (n: number | undefined) => n !== undefined && (!Number.isInteger(n) || n < 0);
      issues.push({ field: bad(q.suspendedDays) ? 'suspendedDays' : 'extensions', key: 'field.minimum', params: { limit: 0 } });
      break;
    }
  }
  return new AppError(400, 'error.clock', { keys }, issues, { validRules: [...RULE_KEYS] });
}
