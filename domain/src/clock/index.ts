// Public API of the legal clock: rule table, holiday calendar, deadline arithmetic.
export { ClockError } from './errors.ts';
export { DEFAULT_RULES, RULE_KEYS, findRule } from './rules.ts';
export type { ClockRule } from './rules.ts';
export {
  WorkCalendar,
  defaultWorkCalendar,
  generateDefaultCalendar,
  DEFAULT_CALENDAR_YEARS,
} from './calendar.ts';
export type { CalendarEntry, DayKind } from './calendar.ts';
export { computeDeadline, workingDaysUntil, trafficLight } from './deadline.ts';
export type { Deadline, TrafficLight } from './deadline.ts';
