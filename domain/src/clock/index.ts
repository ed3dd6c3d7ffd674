// Public API of the legal clock: rule table, holiday calendar, deadline arithmetic.
export { ClockError } from './errors.ts';
export type { ClockErrorCode } from './errors.ts';
export { DEFAULT_RULES, RULE_KEYS, findRule, checkRuleTable } from './rules.ts';
export type { ClockRule, RuleKey, RuleUnit, RuleVariants, ExtensionLimit } from './rules.ts';
export {
  WorkCalendar,
  defaultWorkCalendar,
  generateDefaultCalendar,
  lunarNewYear,
  lunarToSolar,
  nationalDayAdjacent,
  DEFAULT_CALENDAR_YEARS,
  HOLIDAY_NAMES,
} from './calendar.ts';
export type { CalendarEntry, CalendarRange, DayInfo, DayKind } from './calendar.ts';
export { computeDeadline, daysUntil, workingDaysUntil, trafficLight } from './deadline.ts';
export type { Deadline, DeadlineInput, DeadlineVariant, RollOver, SkippedDay, TrafficLight } from './deadline.ts';
